"""What every check of a dataset is made of: a problem (a record of m1lookup.load.problems), the
line it is on, and the checks that the tables' entries share (strings, choices, whole numbers,
dates, cited sources), and the check of an entry against the fields its record declares
(:func:`check_declared`).

:mod:`m1lookup.load.validation` walks the dataset's tables with these and adds the checks that
compare fields and tables; nothing here knows the tables.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date
from typing import TYPE_CHECKING, Any

from m1lookup.io.text import is_safe
from m1lookup.load.problems import Problem
from m1lookup.model.records import Record

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from m1lookup.model.records import Field

# ASCII digits only: \d would take Arabic-Indic and other digits, which int() reads alike.
_DATE = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")
_DATE_ANY_DIGITS = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
# JavaScript's Number.MAX_SAFE_INTEGER: JSON readers that read numbers as doubles (most do)
# hold no larger whole number exactly, and m1lookup writes every figure to JSON.
JSON_SAFE_INTEGER = 2**53 - 1
# The longest string a dataset may hold: five times the longest note of the bundled data. Every
# string is drawn, searched and completed; a megabyte-long note made a picture 306,270 pixels
# tall and a 100,000-character name made one TAB take minutes.
MAX_STRING_CHARS = 4_000
_HEADER = re.compile(r"\s*\[\[?\s*([A-Za-z0-9_.]+)\s*\]\]?")
_KEY = re.compile(r"\s*([^\s=]+)\s*=")
# An entry of [[table]], or (parent entry, entry within it) for [[parent.table]]; None for [table].
Index = int | tuple[int, int] | None


class Lines:
    """Finds the TOML line of a table entry or key, so that a problem can point at it.

    Every answer is looked up or remembered, never searched for again: a file with 60,000
    problems must not cost 60,000 scans of its headers.
    """

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")  # as TOML counts lines: U+2028 or a form feed is no break
        self.headers: list[tuple[int, str]] = []
        self.starts: dict[str, list[int]] = {}  # the lines of each header name, in file order
        for number, line in enumerate(self.lines, start=1):
            match = _HEADER.match(line)
            if match and not line.lstrip().startswith("#"):
                self.headers.append((number, match.group(1)))
                self.starts.setdefault(match.group(1), []).append(number)
        self.position = {number: position for position, (number, _) in enumerate(self.headers)}
        self.spans: dict[tuple[str, Index], tuple[int, int] | None] = {}
        self.keys: dict[tuple[int, int], dict[str, int]] = {}

    def entry(self, table: str, index: Index) -> tuple[int, int] | None:
        """First and last line of ``[table]`` or of entry ``index`` of ``[[table]]``.

        ``table`` "" is the top level, before the first header. A pair ``index`` is (entry of the
        parent table, entry of ``table`` within it), as for ``[[markets.figures]]``.
        """
        if (table, index) not in self.spans:
            self.spans[table, index] = self._entry(table, index)
        return self.spans[table, index]

    def _entry(self, table: str, index: Index) -> tuple[int, int] | None:
        if table == "":
            return 1, (self.headers[0][0] - 1 if self.headers else len(self.lines))
        within: tuple[int, int] | None = None
        if isinstance(index, tuple):
            within = self.entry(table.rpartition(".")[0], index[0])
            if within is None:
                return None
            index = index[1]
        low, high = within or (1, len(self.lines))
        starts = self.starts.get(table, [])
        position = bisect_left(starts, low) + (0 if index is None else index)
        if position >= len(starts) or starts[position] > high:
            return within  # written inline (figures = [{...}]): the parent entry's lines
        first = starts[position]
        return first, min(self._before_next_table(first, table), high)

    def _before_next_table(self, first: int, table: str) -> int:
        """The last line before the next header that is not a sub-table of ``table``."""
        inside = table + "."
        for position in range(self.position[first] + 1, len(self.headers)):  # no copy: no slice
            number, name = self.headers[position]
            if not name.startswith(inside):
                return number - 1
        return len(self.lines)

    def key(self, table: str, index: Index, key: str | None) -> int | None:
        span = self.entry(table, index)
        if span is None:
            return None
        first, last = span
        if key is None:
            return first
        if span not in self.keys:
            keys: dict[str, int] = {}
            for number in range(first, last + 1):
                match = _KEY.match(self.lines[number - 1])
                if match:
                    keys.setdefault(match.group(1), number)
            self.keys[span] = keys
        return self.keys[span].get(key, first if table else None)


class Checker:
    def __init__(self, text: str | None) -> None:
        self.problems: list[Problem] = []
        self.text = text
        self._lines: Lines | None = None

    @property
    def lines(self) -> Lines | None:
        """Built at the first problem only: a valid file, checked at every start, never needs it."""
        if self._lines is None and self.text is not None:
            self._lines = Lines(self.text)
        return self._lines

    def add(
        self,
        location: str,
        message: str,
        table: str | None = None,
        index: Index = None,
        key: str | None = None,
    ) -> None:
        line = None
        if self.lines is not None and table is not None:
            line = self.lines.key(table, index, key)
        self.problems.append(Problem(location, message, line))

    def in_file_order(self, since: int) -> None:
        """The problems found since the ``since``-th (one entry's) by line: an entry is checked
        field by field as its record declares them, and its problems are read top to bottom."""
        found = self.problems[since:]
        if len(found) > 1:
            self.problems[since:] = sorted(found, key=lambda problem: problem.line or 0)


# --- shared field checks -----------------------------------------------------------------------


def entries(check: Checker, value: Any, table: str, required: bool = True) -> list[Any]:
    if value is None:
        if required:
            check.add(table, f"missing: the dataset needs at least one [[{table}]] entry")
        return []
    if not isinstance(value, list):
        check.add(table, f"must be an array of tables ([[{table}]]), not {type_name(value)}")
        return []
    return value


def type_name(value: Any) -> str:
    names = {bool: "a boolean", int: "an integer", float: "a float", str: "a string"}
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return names.get(type(value), type(value).__name__)


def date_problem(value: str) -> str | None:
    """Why ``value`` is not a YYYY, YYYY-MM or YYYY-MM-DD date of the calendar, or None."""
    if not _DATE.fullmatch(value):
        if _DATE_ANY_DIGITS.fullmatch(value):
            return f"must be written with the digits 0-9, got {value!r}"
        return f"must be YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}"
    parts = [int(part) for part in value.split("-")]
    year, month, day = parts + [1] * (3 - len(parts))
    if year == 0:
        reason = "there is no year 0"
    elif not 1 <= month <= 12:
        reason = f"there is no month {month:02d}"
    elif _is_date(year, month, day):
        return None
    else:
        length = 28 + sum(_is_date(year, month, last) for last in (29, 30, 31))
        reason = f"{year:04d}-{month:02d} has {length} days"
    return f"is not a calendar date ({reason}), got {value!r}"


def _is_date(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


class Entry:
    """One table of the dataset, with the checks its keys share."""

    def __init__(
        self, check: Checker, entry: dict[str, Any], label: str, table: str, index: Index
    ) -> None:
        self.check = check
        self.entry = entry
        self.label = label
        self.table = table
        self.index = index

    def problem(self, key: str | None, message: str) -> None:
        location = f"{self.label}.{key}" if key else self.label
        self.check.add(location, message, self.table, self.index, key)

    def string(self, key: str, required: bool = True) -> str | None:
        value = self.entry.get(key)
        if value is None:
            if required:
                self.problem(key, "required key is missing")
            return None
        if not isinstance(value, str) or not value.strip():
            self.problem(key, f"must be a non-empty string, not {type_name(value)}")
            return None
        return value

    def date(self, required: bool, key: str = "date") -> str | None:
        """The date at ``key`` when it is a real calendar date, else None (and a problem)."""
        value = self.string(key, required)
        problem = None if value is None else date_problem(value)
        if problem is not None:
            self.problem(key, problem)
            return None
        return value

    def choice(self, key: str, allowed: tuple[str, ...], required: bool = True) -> str | None:
        value = self.string(key, required)
        if value is not None and value not in allowed:
            self.problem(key, f"unknown value {value!r}; expected one of: {', '.join(allowed)}")
            return None
        return value

    def integer(self, key: str, required: bool, minimum: int | None, hint: str = "") -> int | None:
        value = self.entry.get(key)
        if value is None:
            if required:
                self.problem(key, "required key is missing")
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(key, f"must be a whole number, not {type_name(value)}")
            return None
        if minimum is not None and value < minimum:
            self.problem(key, f"must be at least {minimum}, got {value}{hint}")
            return None
        return value

    def boolean(self, key: str, required: bool) -> bool | None:
        value = self.entry.get(key)
        if value is None:
            if required:
                self.problem(key, "required key is missing")
            return None
        if not isinstance(value, bool):
            self.problem(key, f"must be true or false, not {type_name(value)}")
            return None
        return value

    def strings(self, key: str, required: bool) -> list[str]:
        value = self.entry.get(key)
        if value is None:
            if required:
                self.problem(key, "required key is missing")
            return []
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            self.problem(key, "must be an array of non-empty strings")
            return []
        return value

    def cited(self, key: str, source_ids: set[str], required: bool = True) -> list[str]:
        cited = self.strings(key, required)
        if required and key in self.entry and not cited:
            self.problem(key, "must cite at least one source")
        for source_id in cited:
            if source_id not in source_ids:
                self.problem(key, f"cites source {source_id!r}, which is not in [[sources]]")
        return cited

    def unknown_keys(self, known: tuple[str, ...]) -> None:
        for key in self.entry:
            if key not in known:
                self.problem(key, f"unknown key; expected keys: {', '.join(known)}")


def as_entry(check: Checker, value: Any, label: str, table: str, index: Index) -> Entry | None:
    if not isinstance(value, dict):
        check.add(label, f"must be a table, not {type_name(value)}", table, index)
        return None
    return Entry(check, value, label, table, index)


def entry_label(table: str, index: int, entry: Any) -> str:
    if isinstance(entry, dict) and isinstance(entry.get("id"), str):
        return f"{table}[{entry['id']}]"
    return f"{table}[{index}]"


# --- fields as the records declare them --------------------------------------------------------

_SWATCH = re.compile(r"#[0-9A-Fa-f]{6}")
# No white space, and no unsafe character (is_safe): an address is shown and copied as it stands.
_URL = re.compile(r"https?://(?!/)\S+")
# What a string of each form must be: a test, and how the problem words it.
_FORMS: dict[str, tuple[Callable[[str], bool], str]] = {
    "url": (
        lambda url: bool(_URL.fullmatch(url)) and is_safe(url),
        "an http:// or https:// address",
    ),
    "swatch": (lambda swatch: bool(_SWATCH.fullmatch(swatch)), "#RRGGBB"),
}


_IN_FILE: dict[type[Record], tuple[str, ...]] = {}  # each record's fields the file holds


def declared_entries(
    check: Checker,
    value: Any,
    table: str,
    record: type[Record],
    source_ids: set[str],
    required: bool = True,
) -> Iterator[tuple[Entry, dict[str, Any]]]:
    """Each entry of ``[[table]]`` with its values, checked against the record's declarations;
    the entry's problems, the caller's own included, are put in the order of their lines. An
    entry is named by its id where its record has one, else by its place."""
    for index, raw in enumerate(entries(check, value, table, required)):
        label = entry_label(table, index, raw) if "id" in record.declared else f"{table}[{index}]"
        entry = as_entry(check, raw, label, table, index)
        if entry is None:
            continue
        since = len(check.problems)
        yield entry, check_declared(entry, record, source_ids)
        check.in_file_order(since)


def check_declared(entry: Entry, record: type[Record], source_ids: set[str]) -> dict[str, Any]:
    """Every key of ``entry`` against ``record``'s declared fields: none unknown, each required
    one given, each of its declared type and values. The values that passed, by field (None or
    empty for the others); a table's is its own values, an array of tables' is a list of
    (entry, values), for the checks that compare fields or tables."""
    known = _IN_FILE.get(record)
    if known is None:
        known = _IN_FILE[record] = tuple(name for name, s in record.declared.items() if s.in_file)
    entry.unknown_keys(known)
    values: dict[str, Any] = {}
    for name in known:
        spec = record.declared[name]
        needs = spec.needs
        if needs is not None and needs not in entry.entry and not record.declared[needs].required:
            if name in entry.entry:
                entry.problem(name, f"only goes with a known {needs}; leave it out with {needs}")
            values[name] = [] if spec.type.array else None
            continue
        values[name] = _check_field(entry, spec, source_ids)
    return values


def _check_field(entry: Entry, spec: Field, source_ids: set[str]) -> Any:
    name, declared, required = spec.name, spec.type, spec.required
    if declared.record is not None:
        if declared.array:
            return _check_tables(entry, spec, declared.record, source_ids)
        return _check_table(entry, spec, declared.record, source_ids)
    if declared.array:
        if spec.form == "sources":
            return entry.cited(name, source_ids, required)
        return entry.strings(name, required)
    if declared.values == ("int", "str"):
        return _integer_or_string(entry, spec)
    kind = declared.values[0]
    if kind == "int":
        hint = "" if required else f"; leave {name} out when it is unknown"
        return entry.integer(name, required, spec.minimum, hint)
    if kind == "bool":
        return entry.boolean(name, required)
    if spec.choices is not None:
        return entry.choice(name, spec.choices, required)
    if spec.form == "date":
        return entry.date(required, key=name)
    value = entry.string(name, required)
    if value is not None and spec.form in _FORMS:
        test, expected = _FORMS[spec.form]
        if not test(value):
            entry.problem(name, f"must be {expected}, got {value!r}")
            return None
    return value


def _integer_or_string(entry: Entry, spec: Field) -> int | str | None:
    value = entry.entry.get(spec.name)
    if value is None:
        if spec.required:
            entry.problem(spec.name, "required key is missing")
        return None
    if isinstance(value, bool) or not isinstance(value, int | str):
        entry.problem(spec.name, f"must be a whole number or a string, not {type_name(value)}")
        return None
    if isinstance(value, int):
        return entry.integer(spec.name, True, spec.minimum)
    return entry.string(spec.name, True)


def _check_table(
    entry: Entry, spec: Field, record: type[Record], source_ids: set[str]
) -> dict[str, Any] | None:
    value = entry.entry.get(spec.name)
    if value is None:
        if spec.required:
            entry.problem(spec.name, "required table is missing")
        return None
    label = f"{entry.label}.{spec.name}"
    table = as_entry(entry.check, value, label, f"{entry.table}.{spec.name}", entry.index)
    return None if table is None else check_declared(table, record, source_ids)


def _check_tables(
    entry: Entry, spec: Field, record: type[Record], source_ids: set[str]
) -> list[tuple[Entry, dict[str, Any]]]:
    value = entry.entry.get(spec.name)
    table = f"{entry.table}.{spec.name}"
    if value is None:
        if spec.required:
            entry.problem(spec.name, "required key is missing")
        return []
    if not isinstance(value, list):
        entry.problem(spec.name, f"must be an array of tables ([[{table}]])")
        return []
    checked = []
    for number, raw in enumerate(value):
        index: Index = (entry.index, number) if isinstance(entry.index, int) else number
        label = f"{entry.label}.{spec.name}[{number}]"
        each = as_entry(entry.check, raw, label, table, index)
        if each is not None:
            checked.append((each, check_declared(each, record, source_ids)))
    return checked


# --- numbers JSON cannot carry -----------------------------------------------------------------

# Where a problem's line is looked up: (table, index, key) as Checker.add takes them.
_Anchor = tuple[str, Index, str | None]


def check_leaf_values(check: Checker, raw: dict[str, Any]) -> None:
    """Every integer anywhere in the file within what JSON readers hold exactly, and every
    string within MAX_STRING_CHARS."""
    if not any(_leaf_problem(value) for value in leaves(raw)):
        return  # the usual case, found without building a location for every value
    # A stack, not recursion: tomllib read the file, but may have needed fewer frames per level.
    pending: list[tuple[Any, str, tuple[str, Index] | None, list[_Anchor]]] = [
        (raw, "", ("", None), [])
    ]
    while pending:
        value, location, table, anchors = pending.pop()
        if isinstance(value, dict | list):
            pending.extend(reversed(list(_children(value, location, table, anchors))))
        elif (message := _leaf_problem(value)) is not None:
            check.problems.append(Problem(location, message, _line(check, anchors)))


def _leaf_problem(value: Any) -> str | None:
    if isinstance(value, int) and abs(value) > JSON_SAFE_INTEGER:  # bool is never so large
        return _too_large(value)
    if isinstance(value, str) and len(value) > MAX_STRING_CHARS:
        return f"a string of {len(value):,} characters; at most {MAX_STRING_CHARS:,} are read"
    return None


def leaves(raw: dict[str, Any]) -> list[Any]:
    """Every value in the document that is not a table or an array, in no particular order: a
    quick pass that builds no locations, for checks that almost never find anything."""
    found: list[Any] = []
    pending: list[Any] = [raw]
    while pending:
        value = pending.pop()
        if isinstance(value, dict):
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)
        else:
            found.append(value)
    return found


def _children(
    value: dict[str, Any] | list[Any],
    location: str,
    table: tuple[str, Index] | None,
    anchors: list[_Anchor],
) -> Iterator[tuple[Any, str, tuple[str, Index] | None, list[_Anchor]]]:
    """(item, location, table, anchors) for each item; ``table`` is None inside a value."""
    if isinstance(value, list):
        for item in value:
            yield item, location, None, anchors
        return
    for key, item in value.items():
        place = f"{location}.{key}" if location else key
        if table is None:
            yield item, place, None, anchors
            continue
        key_anchors = [(table[0], table[1], key), *anchors]
        if isinstance(item, dict):
            sub = _sub_table(table, key, None)
            yield item, place, sub, ([(*sub, None)] if sub else []) + key_anchors
        elif isinstance(item, list) and item and all(isinstance(each, dict) for each in item):
            for number, each in enumerate(item):
                sub = _sub_table(table, key, number)
                label = entry_label(key, number, each) if not location else f"{place}[{number}]"
                yield each, label, sub, ([(*sub, None)] if sub else []) + key_anchors
        else:
            yield item, place, None, key_anchors


def _sub_table(table: tuple[str, Index], key: str, number: int | None) -> tuple[str, Index] | None:
    """How Lines finds table ``key`` (entry ``number`` of an array) inside ``table``."""
    name, index = table
    full = f"{name}.{key}" if name else key
    if index is None:
        return full, number
    if isinstance(index, int):
        return full, (index, number or 0)
    return None  # three levels deep: Lines finds the nearest table it can name


def _line(check: Checker, anchors: list[_Anchor]) -> int | None:
    if check.lines is None:
        return None
    for table, index, key in anchors:
        line = check.lines.key(table, index, key)
        if line is not None:
            return line
    return None


def _too_large(value: int) -> str:
    shown = str(value) if value.bit_length() <= 128 else f"an integer of {len(str(value))} digits"
    return (
        f"must be between -{JSON_SAFE_INTEGER} and {JSON_SAFE_INTEGER} (2^53 - 1),"
        f" the whole numbers JSON readers hold exactly; got {shown}"
    )
