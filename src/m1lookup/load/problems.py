"""What ``validate`` reports: the problems found in a dataset. Records only, so that the
renderers can name the result without importing the checks (m1lookup.load.checks)."""

from __future__ import annotations

from m1lookup.model.records import Record


class Problem(Record):
    location: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.location} (line {self.line})" if self.line else self.location
        return f"{where}: {self.message}"


class Validation(Record):
    """``validate``: the dataset checked and every problem found in it."""

    path: str
    problems: tuple[Problem, ...]
