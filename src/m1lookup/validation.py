"""Check a parsed dataset against the schema in docs/data.md and list every problem found.

The loader refuses a dataset with any problem; ``m1lookup validate`` prints them all.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from m1lookup.text import is_safe

SCHEMA_VERSION = 1
CONFIDENCES = ("high", "medium", "low")
PROGRAMMES = ("factory", "individual", "unconfirmed")
SOURCE_KINDS = ("official", "press", "registry", "weak")
MARKET_FIGURE_KINDS = ("built for", "allocated", "delivered", "sold", "tallied", "promised")
CLAIM_TOPICS = ("built", "customer_cars", "planned_cap", "individual_cars", "end")
PRODUCTION_FIGURES = ("built", "customer_cars", "internal_cars", "planned_cap", "individual_cars")
PRODUCTION_DATES = ("start", "end")

_SWATCH = re.compile(r"#[0-9A-Fa-f]{6}")
# No white space, and no unsafe character (is_safe): an address is shown and copied as it stands.
_URL = re.compile(r"https?://(?!/)\S+")
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_HEADER = re.compile(r"\s*\[\[?\s*([A-Za-z0-9_.]+)\s*\]\]?")
# An entry of [[table]], or (parent entry, entry within it) for [[parent.table]]; None for [table].
Index = int | tuple[int, int] | None


class Problem(NamedTuple):
    location: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.location} (line {self.line})" if self.line else self.location
        return f"{where}: {self.message}"


class _Lines:
    """Finds the TOML line of a table entry or key, so that a problem can point at it."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.headers: list[tuple[int, str]] = []
        for number, line in enumerate(self.lines, start=1):
            match = _HEADER.match(line)
            if match and not line.lstrip().startswith("#"):
                self.headers.append((number, match.group(1)))

    def entry(self, table: str, index: Index) -> tuple[int, int] | None:
        """First and last line of ``[table]`` or of entry ``index`` of ``[[table]]``.

        ``table`` "" is the top level, before the first header. A pair ``index`` is (entry of the
        parent table, entry of ``table`` within it), as for ``[[markets.figures]]``.
        """
        if table == "":
            return 1, (self.headers[0][0] - 1 if self.headers else len(self.lines))
        within: tuple[int, int] | None = None
        if isinstance(index, tuple):
            within = self.entry(table.rpartition(".")[0], index[0])
            if within is None:
                return None
            index = index[1]
        low, high = within or (1, len(self.lines))
        starts = [n for n, name in self.headers if name == table and low <= n <= high]
        position = 0 if index is None else index
        if position >= len(starts):
            return within  # written inline (figures = [{...}]): the parent entry's lines
        first = starts[position]
        later = [n for n, name in self.headers if n > first and not name.startswith(table + ".")]
        last = min(later[0] - 1 if later else len(self.lines), high)
        return first, last

    def key(self, table: str, index: Index, key: str | None) -> int | None:
        span = self.entry(table, index)
        if span is None:
            return None
        first, last = span
        if key is None:
            return first
        pattern = re.compile(rf"\s*{re.escape(key)}\s*=")
        for number in range(first, last + 1):
            if pattern.match(self.lines[number - 1]):
                return number
        return first if table else None


class _Checker:
    def __init__(self, text: str | None) -> None:
        self.problems: list[Problem] = []
        self.text = text
        self._lines: _Lines | None = None

    @property
    def lines(self) -> _Lines | None:
        """Built at the first problem only: a valid file, checked at every start, never needs it."""
        if self._lines is None and self.text is not None:
            self._lines = _Lines(self.text)
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


def find_problems(raw: dict[str, Any], text: str | None = None) -> list[Problem]:
    """Every problem in a parsed dataset, in file order as far as possible."""
    check = _Checker(text)
    version = raw.get("schema_version")
    if version != SCHEMA_VERSION:
        # Another version may be laid out differently: checking further would only mislead.
        reads = f"this m1lookup reads version {SCHEMA_VERSION}"
        if version is None:
            message = f"required key is missing; {reads} (schema_version = {SCHEMA_VERSION})"
        else:
            message = f"unknown schema_version {version!r}; {reads}"
        check.add("schema_version", message, "", None, "schema_version")
        return check.problems
    _check_top_level(check, raw)
    source_ids = _check_sources(check, raw.get("sources"))
    customer_cars = _check_production(check, raw.get("production"), source_ids)
    _check_claims(check, raw.get("claims", []), source_ids)
    colour_ids = _check_colours(check, raw.get("colours"), source_ids, customer_cars)
    _check_markets(check, raw.get("markets", []), source_ids, colour_ids)
    return check.problems


_TOP_LEVEL_KEYS = ("schema_version", "production", "claims", "colours", "sources", "markets")


def _check_top_level(check: _Checker, raw: dict[str, Any]) -> None:
    for key, value in raw.items():
        if key in _TOP_LEVEL_KEYS:
            continue
        message = f"unknown top-level key; expected keys: {', '.join(_TOP_LEVEL_KEYS)}"
        if isinstance(value, dict | list):  # written as [key] or [[key]]: point at the header
            check.add(key, message, key, 0 if isinstance(value, list) else None)
        else:
            check.add(key, message, "", None, key)


# --- shared field checks -----------------------------------------------------------------------


def _entries(check: _Checker, value: Any, table: str, required: bool = True) -> list[Any]:
    if value is None:
        if required:
            check.add(table, f"missing: the dataset needs at least one [[{table}]] entry")
        return []
    if not isinstance(value, list):
        check.add(table, f"must be an array of tables ([[{table}]]), not {_type_name(value)}")
        return []
    return value


def _type_name(value: Any) -> str:
    names = {bool: "a boolean", int: "an integer", float: "a float", str: "a string"}
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return names.get(type(value), type(value).__name__)


class _Entry:
    """One table of the dataset, with the checks its keys share."""

    def __init__(
        self, check: _Checker, entry: dict[str, Any], label: str, table: str, index: Index
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
            self.problem(key, f"must be a non-empty string, not {_type_name(value)}")
            return None
        return value

    def date(self, required: bool) -> None:
        value = self.string("date", required)
        if value is not None and not _DATE.fullmatch(value):
            self.problem("date", f"must be YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")

    def choice(self, key: str, allowed: tuple[str, ...], required: bool = True) -> str | None:
        value = self.string(key, required)
        if value is not None and value not in allowed:
            self.problem(key, f"unknown value {value!r}; expected one of: {', '.join(allowed)}")
            return None
        return value

    def integer(self, key: str, required: bool, minimum: int, hint: str = "") -> int | None:
        value = self.entry.get(key)
        if value is None:
            if required:
                self.problem(key, "required key is missing")
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(key, f"must be a whole number, not {_type_name(value)}")
            return None
        if value < minimum:
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
            self.problem(key, f"must be true or false, not {_type_name(value)}")
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

    def cited(self, key: str, source_ids: set[str], required: bool = True) -> None:
        cited = self.strings(key, required)
        if required and key in self.entry and not cited:
            self.problem(key, "must cite at least one source")
        for source_id in cited:
            if source_id not in source_ids:
                self.problem(key, f"cites source {source_id!r}, which is not in [[sources]]")

    def unknown_keys(self, known: tuple[str, ...]) -> None:
        for key in self.entry:
            if key not in known:
                self.problem(key, f"unknown key; expected keys: {', '.join(known)}")


def _as_entry(check: _Checker, value: Any, label: str, table: str, index: Index) -> _Entry | None:
    if not isinstance(value, dict):
        check.add(label, f"must be a table, not {_type_name(value)}", table, index)
        return None
    return _Entry(check, value, label, table, index)


def _entry_label(table: str, index: int, entry: Any) -> str:
    if isinstance(entry, dict) and isinstance(entry.get("id"), str):
        return f"{table}[{entry['id']}]"
    return f"{table}[{index}]"


# --- tables ------------------------------------------------------------------------------------

_SOURCE_KEYS = ("id", "title", "publisher", "date", "url", "kind")


def _check_sources(check: _Checker, value: Any) -> set[str]:
    seen: set[str] = set()
    for index, raw in enumerate(_entries(check, value, "sources")):
        entry = _as_entry(check, raw, _entry_label("sources", index, raw), "sources", index)
        if entry is None:
            continue
        entry.unknown_keys(_SOURCE_KEYS)
        source_id = entry.string("id")
        if source_id is not None:
            if source_id in seen:
                entry.problem("id", f"duplicate source id {source_id!r}")
            seen.add(source_id)
        entry.string("title")
        entry.string("publisher")
        entry.date(required=False)
        url = entry.string("url")
        if url is not None and not (_URL.fullmatch(url) and is_safe(url)):
            entry.problem("url", f"must be an http:// or https:// address, got {url!r}")
        entry.choice("kind", SOURCE_KINDS)
    return seen


def _check_figure(entry: _Entry, source_ids: set[str], minimum: int) -> int | None:
    value = entry.integer("value", True, minimum)
    entry.choice("confidence", CONFIDENCES)
    entry.cited("sources", source_ids)
    entry.string("note", required=False)
    entry.unknown_keys(("value", "confidence", "sources", "note"))
    return value


def _check_production(check: _Checker, value: Any, source_ids: set[str]) -> int | None:
    if value is None:
        check.add("production", "missing: the dataset needs a [production] table")
        return None
    production = _as_entry(check, value, "production", "production", None)
    if production is None:
        return None
    production.string("plant")
    production.unknown_keys(("plant", *PRODUCTION_DATES, *PRODUCTION_FIGURES))
    for key in PRODUCTION_DATES:
        table = production.entry.get(key)
        if table is None:
            production.problem(key, "required table is missing")
            continue
        entry = _as_entry(check, table, f"production.{key}", f"production.{key}", None)
        if entry is None:
            continue
        entry.date(required=True)
        entry.choice("confidence", CONFIDENCES)
        entry.cited("sources", source_ids)
        entry.string("note", required=False)
        entry.unknown_keys(("date", "confidence", "sources", "note"))
    values: dict[str, int | None] = {}
    for key in PRODUCTION_FIGURES:
        table = production.entry.get(key)
        if table is None:
            production.problem(key, "required table is missing")
            values[key] = None
            continue
        entry = _as_entry(check, table, f"production.{key}", f"production.{key}", None)
        minimum = 0 if key == "internal_cars" else 1
        values[key] = _check_figure(entry, source_ids, minimum) if entry else None
    built, customers, internal = (
        values["built"],
        values["customer_cars"],
        values["internal_cars"],
    )
    if (
        built is not None
        and customers is not None
        and internal is not None
        and customers + internal != built
    ):
        check.add(
            "production",
            f"customer_cars ({customers}) + internal_cars ({internal}) must equal built ({built})",
            "production",
            None,
        )
    return customers


_CLAIM_KEYS = ("topic", "value", "used", "confidence", "sources", "note")


def _check_claims(check: _Checker, value: Any, source_ids: set[str]) -> None:
    used_topics: dict[str, int] = {}
    for index, raw in enumerate(_entries(check, value, "claims", required=False)):
        entry = _as_entry(check, raw, f"claims[{index}]", "claims", index)
        if entry is None:
            continue
        entry.unknown_keys(_CLAIM_KEYS)
        topic = entry.choice("topic", CLAIM_TOPICS)
        claim_value = entry.entry.get("value")
        if claim_value is None:
            entry.problem("value", "required key is missing")
        elif isinstance(claim_value, bool) or not isinstance(claim_value, int | str):
            entry.problem(
                "value", f"must be a whole number or a string, not {_type_name(claim_value)}"
            )
        if entry.boolean("used", True) and topic is not None:
            used_topics[topic] = used_topics.get(topic, 0) + 1
        entry.choice("confidence", CONFIDENCES)
        entry.cited("sources", source_ids)
        entry.string("note", required=False)
    for topic, count in used_topics.items():
        if count > 1:
            check.add("claims", f"{count} claims about {topic!r} are marked used; one at most")


_COLOUR_KEYS = (
    "id",
    "name",
    "name_de",
    "aliases",
    "paint_code",
    "paint_code_confidence",
    "paint_code_sources",
    "programme",
    "finish",
    "swatch",
    "swatch_note",
    "count",
    "confidence",
    "sources",
    "notes",
)


def _check_colours(
    check: _Checker, value: Any, source_ids: set[str], customer_cars: int | None
) -> set[str]:
    from m1lookup.query import fold

    seen_ids: set[str] = set()
    spelling_owner: dict[str, tuple[str, str, str]] = {}  # folded → colour, key, spelling
    known_total = 0
    for index, raw in enumerate(_entries(check, value, "colours")):
        label = _entry_label("colours", index, raw)
        entry = _as_entry(check, raw, label, "colours", index)
        if entry is None:
            continue
        entry.unknown_keys(_COLOUR_KEYS)
        colour_id = entry.string("id")
        if colour_id is not None:
            if colour_id in seen_ids:
                entry.problem("id", f"duplicate colour id {colour_id!r}")
            seen_ids.add(colour_id)
        spellings = [
            ("name", entry.string("name")),
            ("name_de", entry.string("name_de", required=False)),
            ("paint_code", entry.string("paint_code", required=False)),
        ]
        spellings += [("alias", alias) for alias in entry.strings("aliases", required=False)]
        spellings.append(("id", colour_id))  # last: a clash names the other colour's name first
        owner = colour_id or label
        for key, spelling in spellings:
            if spelling is None:
                continue
            folded = fold(spelling)
            other = spelling_owner.get(folded)
            file_key = "aliases" if key == "alias" else key
            if not folded:
                entry.problem(
                    file_key, f"{spelling!r} has no letters or digits, so no query can find it"
                )
            elif other is not None and other[0] != owner:
                other_owner, other_key, other_spelling = other
                entry.problem(
                    file_key,
                    f"{spelling!r} also names colour {other_owner!r} (its {other_key} "
                    f"{other_spelling!r}); a spelling must resolve to one colour",
                )
            else:
                spelling_owner.setdefault(folded, (owner, key, spelling))
        if "paint_code" in entry.entry:
            entry.choice("paint_code_confidence", CONFIDENCES)
            entry.cited("paint_code_sources", source_ids)
        entry.choice("programme", PROGRAMMES)
        entry.string("finish", required=False)
        swatch = entry.string("swatch", required=False)
        if swatch is not None and not _SWATCH.fullmatch(swatch):
            entry.problem("swatch", f"must be #RRGGBB, got {swatch!r}")
        count = entry.integer("count", False, 1, "; leave count out when it is unknown")
        if count is not None:
            known_total += count
        entry.choice("confidence", CONFIDENCES)
        entry.cited("sources", source_ids)
        entry.string("notes", required=False)
    if customer_cars is not None and known_total > customer_cars:
        check.add(
            "colours",
            f"known counts add up to {known_total}, more than the {customer_cars} customer cars",
        )
    return seen_ids


_MARKET_KEYS = (
    "id",
    "name",
    "note",
    "sources",
    "colour_order",
    "colour_order_sources",
    "colour_note",
    "figures",
)
_MARKET_FIGURE_KEYS = ("kind", "value", "qualifier", "used", "confidence", "sources", "note")


def _check_markets(check: _Checker, value: Any, source_ids: set[str], colour_ids: set[str]) -> None:
    seen: set[str] = set()
    for index, raw in enumerate(_entries(check, value, "markets", required=False)):
        label = _entry_label("markets", index, raw)
        entry = _as_entry(check, raw, label, "markets", index)
        if entry is None:
            continue
        entry.unknown_keys(_MARKET_KEYS)
        market_id = entry.string("id")
        if market_id is not None:
            if market_id in seen:
                entry.problem("id", f"duplicate market id {market_id!r}")
            seen.add(market_id)
        entry.string("name")
        entry.string("note", required=False)
        entry.cited("sources", source_ids, required=False)
        entry.string("colour_note", required=False)
        for colour_id in entry.strings("colour_order", required=False):
            if colour_id not in colour_ids:
                entry.problem(
                    "colour_order", f"names colour {colour_id!r}, which is not in [[colours]]"
                )
        if "colour_order" in entry.entry:
            entry.cited("colour_order_sources", source_ids)
        figures = entry.entry.get("figures", [])
        if not isinstance(figures, list):
            entry.problem("figures", "must be an array of tables")
            continue
        used = 0
        for number, raw_figure in enumerate(figures):
            figure = _as_entry(
                check, raw_figure, f"{label}.figures[{number}]", "markets.figures", (index, number)
            )
            if figure is None:
                continue
            figure.unknown_keys(_MARKET_FIGURE_KEYS)
            figure.choice("kind", MARKET_FIGURE_KINDS)
            figure.integer("value", True, 1)
            figure.string("qualifier", required=False)
            if figure.boolean("used", False):
                used += 1
            figure.choice("confidence", CONFIDENCES)
            figure.cited("sources", source_ids)
            figure.string("note", required=False)
        if used > 1:
            entry.problem("figures", f"{used} figures are marked used; one at most")
