"""Tally a register's own car list: resolve every row's colour and count the cars per colour.

The list is a CSV file with a header row, as spreadsheets export it: UTF-8 with or without a BOM
or UTF-16 with one (:mod:`m1lookup.io.inputs` reads it, a line at a time, up to MAX_INPUT_BYTES),
delimited by commas, semicolons, tabs or bars, with quoted fields and blank lines. A quote that is
never closed is an error naming its line, not rows merged in silence. Every value goes through
the same :class:`~m1lookup.lookup.query.ColourIndex` as ``m1lookup colour``. A row whose colour does
not resolve is kept with its line number in the file, never dropped. Nothing here imports Typer
or Rich.
"""

from __future__ import annotations

import bisect
import csv
import io
import itertools
import re
from typing import TYPE_CHECKING

from m1lookup.io.errors import M1Error
from m1lookup.io.inputs import STDIN_MARK, STDIN_NAME, InputError, open_lines
from m1lookup.io.limits import MAX_INPUT_BYTES, MAX_LIST_ROWS
from m1lookup.lookup.answers import ColourTally, Tally, Unresolved
from m1lookup.lookup.query import ColourIndex, Found
from m1lookup.lookup.rarity import rarity_by_id

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from m1lookup.model.schema import Dataset

DEFAULT_COLUMNS = ("colour", "color")
DELIMITERS = ",;\t|"
# Enough rows to sniff the delimiter from, small enough to sniff in a millisecond or two.
SNIFF_SAMPLE_CHARS = 16_384
CLOSED_STDIN_HINT = "give a file or pipe the list in"


class TallyError(M1Error):
    """The list cannot be tallied at all: unreadable, no header row, or no such column."""


def tally_file(dataset: Dataset, path: str, column: str | None = None) -> Tally:
    """:func:`tally` the list in the file at ``path`` (``-`` is stdin), read a line at a time.

    TallyError when it cannot be read, is larger than MAX_INPUT_BYTES (a regular file is refused
    by its size, before it is read) or has more than MAX_LIST_ROWS rows.
    """
    try:
        with open_lines(path, max_bytes=MAX_INPUT_BYTES, closed_hint=CLOSED_STDIN_HINT) as lines:
            return tally(dataset, lines, path, column)
    except InputError as error:
        raise TallyError(error.message) from None


def tally(
    dataset: Dataset, text: str | Iterable[str], file: str, column: str | None = None
) -> Tally:
    """Count the rows per colour of ``column`` (by default ``colour`` or ``color``).

    ``text`` is the whole list, or its lines with their line endings (as :func:`tally_file`
    reads them).
    """
    lines = io.StringIO(text, newline="") if isinstance(text, str) else iter(text)
    records = _records(lines)
    header = next(records, None)
    if header is None:
        raise TallyError(f"{file} is empty: expected a header row with a colour column")
    _, names = header
    position = _column_position(names, column)
    values = _column_values(records, position, file)  # all rows first: a long list fails fast
    cars, unresolved = _resolve(dataset, values)
    return Tally(
        file=file,
        column=names[position].strip(),
        rows=len(values),
        colours=_colour_tallies(dataset, cars),
        unresolved=tuple(unresolved),
        dataset=dataset,
    )


def _resolve(
    dataset: Dataset, values: list[tuple[int, str]]
) -> tuple[dict[str, int], list[Unresolved]]:
    """The cars per colour id, and the rows whose value does not resolve, in file order."""
    index = ColourIndex.of(dataset)  # it remembers the handful of spellings a list repeats
    cars: dict[str, int] = {}
    unresolved: list[Unresolved] = []
    for line, value in values:
        outcome = index.lookup(value)
        if isinstance(outcome, Found):
            cars[outcome.colour.id] = cars.get(outcome.colour.id, 0) + 1
        else:
            unresolved.append(Unresolved(line, outcome))
    return cars, unresolved


def _column_values(
    records: Iterator[tuple[int, list[str]]], position: int, file: str
) -> list[tuple[int, str]]:
    """Each row's line and its cell in the colour column (empty when the row is short)."""
    values: list[tuple[int, str]] = []
    for line, cells in records:
        if len(values) == MAX_LIST_ROWS:
            shown = STDIN_NAME if file == STDIN_MARK else file
            raise TallyError(
                f"{shown} has more than {MAX_LIST_ROWS:,} rows, more than m1lookup tallies"
            )
        values.append((line, cells[position] if position < len(cells) else ""))
    return values


def _records(lines: Iterator[str]) -> Iterator[tuple[int, list[str]]]:
    """Each non-blank record with the line it starts on, counting the lines inside quotes."""
    sample, lines = _sample(lines)
    delimiter = _delimiter(sample)
    source = _RecordLines(lines)
    reader = csv.reader(source, delimiter=delimiter, skipinitialspace=True)
    next_line = 1
    # A quoted field may be as long as the list (MAX_INPUT_BYTES bounds it), so that a missing
    # closing quote is reported as such, not as csv's "field larger than field limit".
    limit = csv.field_size_limit(max(csv.field_size_limit(), MAX_INPUT_BYTES))
    try:
        for cells in reader:
            start, next_line = next_line, reader.line_num + 1
            # A record of several lines, or one that took in the empty line after the last.
            if len(source.record) > 1 or (source.ended and source.record):
                _check_quotes(source.record, start, delimiter, source.ended)
            source.record.clear()
            if any(cell.strip() for cell in cells):
                yield start, cells
    except csv.Error as error:
        raise TallyError(f"line {next_line}: cannot read the CSV: {error}") from error
    finally:
        csv.field_size_limit(limit)


class _RecordLines:
    """The list's lines for csv.reader, keeping those of the record being read; then one empty
    line, so that a record still inside quotes at the end of the file shows as taking it in."""

    def __init__(self, lines: Iterator[str]) -> None:
        self._lines = lines
        self.record: list[str] = []
        self.ended = False

    def __iter__(self) -> _RecordLines:
        return self

    def __next__(self) -> str:
        if self.ended:
            raise StopIteration
        line = next(self._lines, None)
        if line is None:
            self.ended = True
            return ""
        self.record.append(line)
        return line


def _check_quotes(lines: list[str], first_line: int, delimiter: str, at_end: bool) -> None:
    """Refuse a record that a stray quote made: csv would silently merge the rows after it.

    A quoted field may hold line breaks (a note over two lines). But one that is still open at
    the end of the file, or that runs over a line break and closes in the middle of a field (the
    quote meant to open a later field closed it), swallowed rows.
    """
    text = "".join(lines)
    ends = list(itertools.accumulate(len(line) for line in lines))

    def line_of(position: int) -> int:
        return first_line + bisect.bisect_right(ends, position)

    field_end = re.compile(f"[{re.escape(delimiter)}\r\n]")
    closes_field = re.compile(f" *(?:[{re.escape(delimiter)}\r\n]|$)")
    position = 0
    while position < len(text):
        while text.startswith(" ", position):  # skipinitialspace
            position += 1
        if text.startswith('"', position):
            opened, close = position, _closing_quote(text, position + 1)
            if close < 0:
                raise TallyError(_UNCLOSED.format(line=line_of(opened)))
            if line_of(close) != line_of(opened) and not closes_field.match(text, close + 1):
                raise TallyError(_CLOSED_INSIDE.format(line=line_of(opened), closed=line_of(close)))
            position = close + 1
        found = field_end.search(text, position)
        if found is None:
            break
        position = found.end()
    if at_end:  # csv was inside quotes at the end; the scan above should have said where
        raise TallyError(_UNCLOSED.format(line=first_line))


_UNCLOSED = (
    "line {line}: a quoted field opens here and is never closed, so it would swallow every "
    'row after it; add the closing quote (") or remove the opening one'
)
_CLOSED_INSIDE = (
    "line {line}: a quoted field opens here and closes only on line {closed}, in the middle of "
    "a field, so the rows between would be merged into one; check the quotes on line {line}"
)


def _closing_quote(text: str, position: int) -> int:
    """Where the quoted field whose text starts at ``position`` ends (``""`` is a quote), or -1."""
    while True:
        quote = text.find('"', position)
        if quote < 0 or not text.startswith('"', quote + 1):
            return quote
        position = quote + 2


def _sample(lines: Iterator[str]) -> tuple[str, Iterator[str]]:
    """The start of the list to sniff the delimiter from, and every line, those read included."""
    head: list[str] = []
    size = 0
    for line in lines:
        head.append(line)
        size += len(line)
        if size > SNIFF_SAMPLE_CHARS:
            break
    text = "".join(head)
    sample = text[:SNIFF_SAMPLE_CHARS]
    if len(text) > SNIFF_SAMPLE_CHARS and "\n" in sample:
        sample = sample[: sample.rindex("\n")]  # whole lines only
    return sample, itertools.chain(head, lines)


def _delimiter(sample: str) -> str:
    """The sniffed delimiter, or a comma when the sample does not tell (a one-column list)."""
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
