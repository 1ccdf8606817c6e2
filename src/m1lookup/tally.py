"""Tally a register's own car list: resolve every row's colour and count the cars per colour.

The list is a CSV file with a header row, as spreadsheets export it: with or without a UTF-8 BOM,
delimited by commas, semicolons, tabs or bars, with quoted fields and blank lines. Every value goes
through the same :class:`~m1lookup.query.ColourIndex` as ``m1lookup colour``. A row whose colour
does not resolve is kept with its line number in the file, never dropped. Nothing here imports
Typer or Rich.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from m1lookup.query import ColourIndex, Found, NotFound, rarity_by_id
from m1lookup.records import Record

if TYPE_CHECKING:
    from collections.abc import Iterator

    from m1lookup.dataset import Dataset
    from m1lookup.query import Rarity

DEFAULT_COLUMNS = ("colour", "color")
DELIMITERS = ",;\t|"
# Enough rows to sniff the delimiter from, small enough to sniff in a millisecond or two.
SNIFF_SAMPLE_CHARS = 16_384


class TallyError(Exception):
    """The list cannot be tallied at all: unreadable, no header row, or no such column."""


class ColourTally(Record):
    rarity: Rarity  # the colour, and its count and share of production where known
    cars_in_list: int
    share_of_list: float  # of the rows whose colour resolved


class Unresolved(Record):
    line: int  # the physical line in the file where the row starts, 1 = the first line
    miss: NotFound  # the cell's value, why it did not resolve, and suggestions


class Tally(Record):
    file: str
    column: str  # the header as written in the file
    rows: int  # data rows; blank lines are not rows
    colours: tuple[ColourTally, ...]  # most cars in the list first
    unresolved: tuple[Unresolved, ...]  # in file order
    dataset: Dataset  # what the colours were resolved against

    @property
    def resolved(self) -> int:
        return self.rows - len(self.unresolved)


def read_source(path: str) -> bytes:
    try:
        with open(path, "rb") as source:
            return source.read()
    except OSError as error:
        raise TallyError(f"cannot read {path}: {error.strerror or error}") from error


def decode(raw: bytes) -> str:
    """UTF-8 text with the BOM that spreadsheets write removed; bad bytes become U+FFFD."""
    return raw.decode("utf-8-sig", errors="replace")


def tally(dataset: Dataset, text: str, file: str, column: str | None = None) -> Tally:
    """Count ``text``'s rows per colour of ``column`` (by default ``colour`` or ``color``)."""
    records = _records(text)
    header = next(records, None)
    if header is None:
        raise TallyError(f"{file} is empty: expected a header row with a colour column")
    _, names = header
    position = _column_position(names, column)
    index = ColourIndex.of(dataset)
    cars: dict[str, int] = {}
    unresolved: list[Unresolved] = []
    rows = 0
    for line, cells in records:
        rows += 1
        value = cells[position] if position < len(cells) else ""
        outcome = index.lookup(value)
        if isinstance(outcome, Found):
            cars[outcome.colour.id] = cars.get(outcome.colour.id, 0) + 1
        else:
            unresolved.append(Unresolved(line, outcome))
    return Tally(
        file=file,
        column=names[position].strip(),
        rows=rows,
        colours=_colour_tallies(dataset, cars),
        unresolved=tuple(unresolved),
        dataset=dataset,
    )


def _records(text: str) -> Iterator[tuple[int, list[str]]]:
    """Each non-blank record with the line it starts on, counting the lines inside quotes."""
    reader = csv.reader(
        io.StringIO(text, newline=""), delimiter=_delimiter(text), skipinitialspace=True
    )
    next_line = 1
    try:
        for cells in reader:
            start, next_line = next_line, reader.line_num + 1
            if any(cell.strip() for cell in cells):
                yield start, cells
    except csv.Error as error:
        raise TallyError(f"line {next_line}: cannot read the CSV: {error}") from error


def _delimiter(text: str) -> str:
    """The sniffed delimiter, or a comma when the sample does not tell (a one-column list)."""
    sample = text[:SNIFF_SAMPLE_CHARS]
    if len(text) > SNIFF_SAMPLE_CHARS and "\n" in sample:
        sample = sample[: sample.rindex("\n")]  # whole lines only
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        return ","


def _column_position(names: list[str], column: str | None) -> int:
    """The first header that matches ``column`` (or a default name), ignoring case and spaces."""
    asked = DEFAULT_COLUMNS if column is None else (column,)
    wanted = {name.strip().casefold() for name in asked}
    for position, name in enumerate(names):
        if name.strip().casefold() in wanted:
            return position
    found = ", ".join(f"“{name.strip()}”" for name in names) or "none"
    missing = " or ".join(f"“{name}”" for name in asked)
    raise TallyError(
        f"no column named {missing}; the columns are: {found}. Choose one with --column NAME"
    )


def _colour_tallies(dataset: Dataset, cars: dict[str, int]) -> tuple[ColourTally, ...]:
    rarities = rarity_by_id(dataset)
    resolved = sum(cars.values())
    ranked = sorted(cars, key=lambda colour_id: (-cars[colour_id], rarities[colour_id].colour.name))
    return tuple(
        ColourTally(rarities[colour_id], cars[colour_id], cars[colour_id] / resolved)
        for colour_id in ranked
    )
