"""Tally a register's own car list: count each car once, by VIN, per colour.

The list is one or more CSV files with a header row, as spreadsheets export them: UTF-8 with or
without a BOM, UTF-16 or UTF-32 with one, otherwise bytes that are not UTF-8 read as cp1252
(:mod:`m1lookup.io.inputs` reads them a line at a time), delimited by commas, semicolons, tabs or
bars, with quoted fields and blank lines. A quote that is never closed is an error naming its
line, not rows merged in silence. Every colour goes through the same
:class:`~m1lookup.lookup.query.ColourIndex` as ``m1lookup colour``.

With a VIN column (VIN, FIN, Fahrgestellnummer, chassis) each car is counted once: rows with the
same VIN, or whose short chassis number (the last seven) is a full VIN's, are one car, across
files. A car whose rows give two colours is a conflict, counted under neither. A VIN that cannot
be a 1M's, or a North American one whose check digit fails, is flagged and not counted. Every row
ends in exactly one :class:`RowStatus`. Memory per row is a few bytes in arrays plus one dict
entry per car, so that a million rows fit in a few hundred MB. Nothing here imports Typer or Rich.
"""

from __future__ import annotations

import bisect
import csv
import io
import itertools
import math
import re
from array import array
from typing import TYPE_CHECKING

from m1lookup.io.errors import M1Error
from m1lookup.io.inputs import STDIN_MARK, STDIN_NAME, Decoding, InputError, open_lines
from m1lookup.io.limits import MAX_LINE_CHARS
from m1lookup.io.text import preview
from m1lookup.lookup import vin as vins
from m1lookup.lookup.answers import (
    ColourTally,
    Conflict,
    Duplicate,
    RowPlace,
    RowStatus,
    Tally,
    TallyFile,
    TallyRow,
    Unresolved,
    VinProblem,
)
from m1lookup.lookup.query import ColourIndex, Found, NotFound
from m1lookup.lookup.rarity import rarity_by_id
from m1lookup.lookup.vin import Severity, VinMarket

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from m1lookup.lookup.query import Outcome
    from m1lookup.model.schema import Colour, Dataset

DEFAULT_COLUMNS = ("colour", "color")
VIN_COLUMNS = ("vin", "fin", "fahrgestellnummer", "chassis")
DELIMITERS = ",;\t|"
# Enough rows to sniff the delimiter from, small enough to sniff in a millisecond or two.
SNIFF_SAMPLE_CHARS = 16_384
# A quoted field may be as long as a line may be.
MAX_FIELD_CHARS = MAX_LINE_CHARS
# Distinct unknown colours that get suggestions: each is compared with every spelling (80 ms
# on a 20,000-colour dataset); the rest are still listed, with a note that they got none.
MAX_SUGGESTED_VALUES = 20
# Columns an error lists when the one asked for is not there; the header may be megabytes.
MAX_COLUMNS_SHOWN = 20
Z_95 = 1.959963984540054  # the normal quantile of a two-sided 95% interval
CLOSED_STDIN_HINT = "give a file or pipe the list in"
_STATUSES = tuple(RowStatus)
_CODE = {status: code for code, status in enumerate(_STATUSES)}
_NO_COLOUR = -1


class TallyError(M1Error):
    """The list cannot be tallied at all: unreadable, no header row, or no such column."""


def tally_files(
    dataset: Dataset,
    paths: Iterable[str],
    column: str | None = None,
    vin_column: str | None = None,
    encoding: str | None = None,
    keep_rows: bool = False,
) -> Tally:
    """:func:`tally` the files at ``paths`` (``-`` is stdin) together, each read a line at a time.

    ``encoding`` overrides detection; ``keep_rows`` keeps what ``--rows`` writes.
    TallyError when one cannot be read or has no such column.
    """
    counter = _Counter(dataset, keep_rows)
    for path in paths:
        decoding = Decoding(encoding)
        try:
            with open_lines(path, closed_hint=CLOSED_STDIN_HINT, decoding=decoding) as lines:
                counter.read(lines, path, column, vin_column, decoding)
        except InputError as error:
            raise TallyError(error.message) from None
    return counter.result()


def tally_file(dataset: Dataset, path: str, column: str | None = None) -> Tally:
    return tally_files(dataset, [path], column)


def tally(
    dataset: Dataset,
    text: str | Iterable[str],
    file: str,
    column: str | None = None,
    vin_column: str | None = None,
    keep_rows: bool = False,
) -> Tally:
    """Count the cars per colour of ``column`` (by default ``colour`` or ``color``).

    ``text`` is the whole list, or its lines with their line endings.
    """
    lines = io.StringIO(text, newline="") if isinstance(text, str) else iter(text)
    counter = _Counter(dataset, keep_rows)
    counter.read(lines, file, column, vin_column, None)
    return counter.result()


def wilson(successes: int, trials: int, z: float = Z_95) -> tuple[float, float]:
    """The Wilson score interval of a share: honest for small registers and shares near 0 or 1."""
    if trials == 0:
        return 0.0, 0.0
    share = successes / trials
    denominator = 1 + z * z / trials
    centre = (share + z * z / (2 * trials)) / denominator
    half = z * math.sqrt(share * (1 - share) / trials + z * z / (4 * trials * trials))
    half /= denominator
    return max(0.0, centre - half), min(1.0, centre + half)


class _Counter:
    """Every row read so far, in compact arrays, and every car by VIN."""

    def __init__(self, dataset: Dataset, keep_rows: bool) -> None:
        self.dataset = dataset
        self.index = ColourIndex.of(dataset)
        self.index.suggestion_budget = MAX_SUGGESTED_VALUES
        self.suggested: dict[str, Outcome] = {}  # misses with suggestions, never forgotten
        self.inputs: list[TallyFile] = []
        self.file_of = array("H")
        self.line_of = array("I")
        self.colour_of = array("i")  # the colour's place in the dataset, or _NO_COLOUR
        self.status_of = bytearray()  # a _CODE; a car's rows are settled at the end
        self.keep_rows = keep_rows
        self.vin_texts: list[str | None] = []  # only when keep_rows
        self.values: list[str] = []  # only when keep_rows
        self.full: dict[str, int] = {}  # full VIN -> the car's first row
        self.short: dict[str, int] = {}  # short chassis number -> first row
        self.later: dict[str, list[int]] = {}  # car -> its other rows
        self.unresolved: list[Unresolved] = []
        self.vin_problems: list[VinProblem] = []
        self.row_cars = [0] * len(self.dataset.colours)  # rows counted as cars, no VIN column

    def read(
        self,
        lines: Iterator[str],
        file: str,
        column: str | None,
        vin_column: str | None,
        decoding: Decoding | None,
    ) -> None:
        records = _records(lines)
        header = next(records, None)
        shown = STDIN_NAME if file == STDIN_MARK else file
        if header is None:
            raise TallyError(f"{shown} is empty: expected a header row with a colour column")
        _, names = header
        position = _column_position(names, column)
        vin_position = _vin_position(names, vin_column)
        file_no = len(self.inputs)
        for line, cells in records:
            value = cells[position] if position < len(cells) else ""
            vin_text = None
            if vin_position is not None:
                vin_text = cells[vin_position] if vin_position < len(cells) else ""
            self._row(file_no, file, line, value, vin_text)
        self.inputs.append(
            TallyFile(
                file=file,
                column=names[position].strip(),
                vin_column=None if vin_position is None else names[vin_position].strip(),
                encoding=_encoding_name(decoding),
            )
        )

    def _row(self, file_no: int, file: str, line: int, value: str, vin_text: str | None) -> None:
        row = len(self.line_of)
        self.file_of.append(file_no)
        self.line_of.append(line)
        if self.keep_rows:
            self.vin_texts.append(vin_text)
            self.values.append(value)
        outcome = self._lookup(value)
        colour = self.index.position[outcome.colour.id] if isinstance(outcome, Found) else -1
        self.colour_of.append(colour)
        status = self._vin_status(file, line, vin_text)
        if status is None:
            if isinstance(outcome, NotFound):
                self.unresolved.append(Unresolved(file, line, outcome))
                status = RowStatus.BLANK if not value.strip() else RowStatus.UNKNOWN_COLOUR
            else:
                status = RowStatus.COUNTED  # for a car, settled at the end
                if vin_text is None:
                    self.row_cars[colour] += 1
                else:
                    self._add_to_car(vins.normalise(vin_text), row)
        self.status_of.append(_CODE[status])

    def _lookup(self, value: str) -> Outcome:
        outcome = self.suggested.get(value)
        if outcome is None:
            outcome = self.index.lookup(value)
            if isinstance(outcome, NotFound) and outcome.suggestions:
                self.suggested[value] = outcome
        return outcome

    def _vin_status(self, file: str, line: int, vin_text: str | None) -> RowStatus | None:
        """The row's status when its VIN keeps it from being counted, else None."""
        if vin_text is None:
            return None
        if not vin_text.strip():
            problem = VinProblem(file, line, "", "no VIN", Severity.ERROR, RowStatus.BLANK)
            self.vin_problems.append(problem)
            return RowStatus.BLANK
        checked = vins.check(vin_text)
        if checked.problem is None:
            return None
        assert checked.severity is not None
        status = RowStatus.NOT_A_1M_VIN if checked.not_a_1m else RowStatus.CHECK_DIGIT
        if checked.severity is Severity.WARNING:
            status = RowStatus.COUNTED  # or duplicate, or conflict: the rows tell at the end
        self.vin_problems.append(
            VinProblem(file, line, vin_text.strip(), checked.problem, checked.severity, status)
        )
        return None if checked.severity is Severity.WARNING else status

    def _add_to_car(self, vin: str, row: int) -> None:
        cars = self.full if len(vin) == vins.VIN_LENGTH else self.short
        first = cars.setdefault(vin, row)
        if first != row:
            self.later.setdefault(vin, []).append(row)

    def result(self) -> Tally:
        self._merge_short_numbers()
        cars = list(self.row_cars)
        markets = dict.fromkeys(VinMarket, 0)
        duplicates: list[Duplicate] = []
        conflicts: list[Conflict] = []
        colour_ids = [colour.id for colour in self.index.colours]
        for vin, first in itertools.chain(self.full.items(), self.short.items()):
            later = self.later.get(vin)
            if later is None:
                cars[self.colour_of[first]] += 1
                markets[vins.market(vin)] += 1
                continue
            rows = sorted([first, *later])
            colours = list(dict.fromkeys(self.colour_of[row] for row in rows))
            places = tuple(self._place(row) for row in rows)
            if len(colours) > 1:
                for row in rows:
                    self.status_of[row] = _CODE[RowStatus.CONFLICT]
                ids = tuple(colour_ids[colour] for colour in colours)
                conflicts.append(Conflict(vin, ids, places))
                continue
            for row in rows[1:]:
                self.status_of[row] = _CODE[RowStatus.DUPLICATE]
            cars[colours[0]] += 1
            markets[vins.market(vin)] += 1
            duplicates.append(Duplicate(vin, places))
        counted = sum(cars)
        return Tally(
            inputs=tuple(self.inputs),
            rows=len(self.line_of),
            cars=counted,
            colours=_colour_tallies(self.dataset, self.index.colours, cars, counted),
            unresolved=tuple(self.unresolved),
            duplicates=tuple(sorted(duplicates, key=lambda d: self._order(d.rows[0]))),
            conflicts=tuple(sorted(conflicts, key=lambda c: self._order(c.rows[0]))),
            vin_problems=tuple(self.vin_problems),
            markets={m: n for m, n in markets.items() if n or m is not VinMarket.UNKNOWN}
            if self.full or self.short
            else {},
            statuses={status: self.status_of.count(_CODE[status]) for status in _STATUSES},
            dataset=self.dataset,
            row_list=self._rows() if self.keep_rows else None,
            suggestions_capped=self.index.suggestions_skipped,
        )

    def _merge_short_numbers(self) -> None:
        """A short chassis number is the car of the first full VIN that ends in it."""
        if not self.short:
            return
        for vin in self.full:
            short_first = self.short.pop(vin[-vins.SHORT_LENGTH :], None)
            if short_first is not None:
                rows = [short_first, *self.later.pop(vin[-vins.SHORT_LENGTH :], [])]
                self.later.setdefault(vin, []).extend(rows)
                if not self.short:
                    return

    def _place(self, row: int) -> RowPlace:
        return RowPlace(self.inputs[self.file_of[row]].file, self.line_of[row])

    def _order(self, place: RowPlace) -> tuple[int, int]:
        files = [source.file for source in self.inputs]
        return files.index(place.file), place.line

    def _rows(self) -> Iterator[TallyRow]:
        colour_ids = [colour.id for colour in self.index.colours]
        for row, line in enumerate(self.line_of):
            colour = self.colour_of[row]
            yield TallyRow(
                file=self.inputs[self.file_of[row]].file,
                line=line,
                vin=self.vin_texts[row],
                value=self.values[row],
                colour=None if colour == _NO_COLOUR else colour_ids[colour],
                status=_STATUSES[self.status_of[row]],
            )


def _encoding_name(decoding: Decoding | None) -> str:
    if decoding is None:
        return "text"
    if decoding.encoding is not None:
        return decoding.encoding
    if decoding.used_cp1252:
        return "cp1252"
    return {"utf-8-sig": "utf-8"}.get(decoding.detected, decoding.detected)


def _colour_tallies(
    dataset: Dataset, colours: tuple[Colour, ...], cars: list[int], counted: int
) -> tuple[ColourTally, ...]:
    rarities = rarity_by_id(dataset)
    ranked = sorted(
        (place for place, n in enumerate(cars) if n), key=lambda p: (-cars[p], colours[p].name)
    )
    return tuple(
        ColourTally(
            rarities[colours[place].id],
            cars[place],
            cars[place] / counted,
            *wilson(cars[place], counted),
        )
        for place in ranked
    )


def _records(lines: Iterator[str]) -> Iterator[tuple[int, list[str]]]:
    """Each non-blank record with the line it starts on, counting the lines inside quotes."""
    sample, lines = _sample(lines)
    delimiter = _delimiter(sample)
    source = _RecordLines(lines)
    reader = csv.reader(source, delimiter=delimiter, skipinitialspace=True)
    next_line = 1
    # A quoted field may be as long as a line (MAX_FIELD_CHARS), so that a missing
    # closing quote is reported as such, not as csv's "field larger than field limit".
    limit = csv.field_size_limit(max(csv.field_size_limit(), MAX_FIELD_CHARS))
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
    position = _find(names, asked)
    if position is None:
        raise TallyError(_no_column(names, asked, "--column"))
    return position


def _vin_position(names: list[str], column: str | None) -> int | None:
    """The VIN column: the one asked for (an error when missing), else a default name, or None."""
    position = _find(names, VIN_COLUMNS if column is None else (column,))
    if position is None and column is not None:
        raise TallyError(_no_column(names, (column,), "--vin-column"))
    return position


def _find(names: list[str], asked: tuple[str, ...]) -> int | None:
    wanted = {name.strip().casefold() for name in asked}
    for position, name in enumerate(names):
        if name.strip().casefold() in wanted:
            return position
    return None


def _no_column(names: list[str], asked: tuple[str, ...], option: str) -> str:
    """The error for a missing column, bounded: a header may be megabytes of names."""
    shown = ", ".join(f"“{preview(name.strip())}”" for name in names[:MAX_COLUMNS_SHOWN])
    if len(names) > MAX_COLUMNS_SHOWN:
        shown += f" and {len(names) - MAX_COLUMNS_SHOWN:,} more"
    missing = " or ".join(f"“{preview(name)}”" for name in asked)
    return (
        f"no column named {missing}; the columns are: {shown or 'none'}. "
        f"Choose one with {option} NAME"
    )
