"""Load the TOML dataset into frozen, typed objects.

The loader checks the file with :mod:`m1lookup.validation` first and refuses a file with any
problem, so everything built here can trust its input's shape.
"""

from __future__ import annotations

import os
import re
import sys
from typing import Any, NamedTuple

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

SCHEMA_VERSION = 1
DATA_FILE_NAME = "colours.toml"
ENV_VAR = "M1LOOKUP_DATA"
MAX_DATA_BYTES = 16 * 2**20  # the bundled dataset is under 100 kB
UTF8_BOM = b"\xef\xbb\xbf"
EMPTY_PATH = "the dataset path is empty; give a file, or no path for the bundled dataset"


class DataError(Exception):
    """The dataset could not be read or is not valid. The message names the file."""


class TomlSyntaxError(DataError):
    """The file is not valid TOML; ``detail`` is the parser's message, ``line`` its line."""

    def __init__(self, path: str, detail: str) -> None:
        super().__init__(f"{path}: TOML syntax error: {detail}")
        self.detail = detail
        match = re.search(r"at line (\d+)", detail)
        self.line = int(match.group(1)) if match else None


# The records are NamedTuples rather than frozen dataclasses: defining the 14 dataclasses of the
# dataset, engine and validation cost about 8 ms at every start, a third of the interpreter's own
# start-up (bench/startup.py); a NamedTuple class costs a tenth of that and is immutable too.
class Source(NamedTuple):
    number: int
    id: str
    title: str
    publisher: str
    date: str | None
    url: str
    kind: str


class Figure(NamedTuple):
    value: int
    confidence: str
    sources: tuple[str, ...]
    note: str | None


class DateFigure(NamedTuple):
    date: str
    confidence: str
    sources: tuple[str, ...]
    note: str | None


class Claim(NamedTuple):
    topic: str
    value: int | str
    used: bool
    confidence: str
    sources: tuple[str, ...]
    note: str | None


class Production(NamedTuple):
    plant: str
    start: DateFigure
    end: DateFigure
    built: Figure
    customer_cars: Figure
    internal_cars: Figure
    planned_cap: Figure
    individual_cars: Figure


class Colour(NamedTuple):
    id: str
    name: str
    name_de: str | None
    aliases: tuple[str, ...]
    paint_code: str | None
    paint_code_confidence: str | None
    paint_code_sources: tuple[str, ...]
    programme: str
    finish: str | None
    swatch: str | None
    swatch_note: str | None
    count: int | None  # type: ignore[assignment]  # hides tuple.count, which nothing calls
    confidence: str
    sources: tuple[str, ...]
    notes: str | None


class MarketFigure(NamedTuple):
    kind: str
    value: int
    qualifier: str | None
    used: bool
    confidence: str
    sources: tuple[str, ...]
    note: str | None


class Market(NamedTuple):
    id: str
    name: str
    note: str | None
    sources: tuple[str, ...]
    colour_order: tuple[str, ...]
    colour_order_sources: tuple[str, ...]
    colour_note: str | None
    figures: tuple[MarketFigure, ...]


class Dataset(NamedTuple):
    path: str
    production: Production
    claims: tuple[Claim, ...]
    colours: tuple[Colour, ...]
    sources: tuple[Source, ...]
    markets: tuple[Market, ...]

    def source(self, source_id: str) -> Source:
        return by_id(self)[0][source_id]

    def colour(self, colour_id: str) -> Colour:
        return by_id(self)[1][colour_id]


# The id → record maps of the datasets looked up last. Kept beside the records rather than in
# them, and found by identity (hashing a dataset would walk all of it); a run loads one dataset.
_BY_ID: list[tuple[Dataset, dict[str, Source], dict[str, Colour]]] = []
_BY_ID_KEPT = 4


def by_id(dataset: Dataset) -> tuple[dict[str, Source], dict[str, Colour]]:
    """The dataset's sources and colours by id, built once per dataset: lookups cost O(1)."""
    for cached, sources, colours in _BY_ID:
        if cached is dataset:
            return sources, colours
    sources = {source.id: source for source in dataset.sources}
    colours = {colour.id: colour for colour in dataset.colours}
    _BY_ID.insert(0, (dataset, sources, colours))
    del _BY_ID[_BY_ID_KEPT:]
    return sources, colours


def bundled_path() -> str:
    """The bundled ``colours.toml``: inside the installed package, or at the source tree's top.

    A wheel carries the file at ``m1lookup/data/``; an editable install and a source checkout
    read it from the repository's top-level ``data/`` folder, where it is maintained.
    """
    package_dir = os.path.dirname(os.path.abspath(__file__))
    installed = os.path.join(package_dir, "data", DATA_FILE_NAME)
    if os.path.isfile(installed):
        return installed
    return os.path.join(os.path.dirname(os.path.dirname(package_dir)), "data", DATA_FILE_NAME)


def read_toml(path: str) -> tuple[dict[str, Any], str]:
    """Parse ``path``; raise DataError with the parser's line and column on a syntax error."""
    if not path:  # open("") fails too, but with a message that names no file
        raise DataError(EMPTY_PATH)
    try:
        with open(path, "rb") as handle:
            raw_bytes = handle.read(MAX_DATA_BYTES + 1)  # bounded: --data /dev/zero must end
    except OSError as error:
        raise DataError(f"{path}: cannot read the file ({error.strerror or error})") from None
    if len(raw_bytes) > MAX_DATA_BYTES:
        limit = MAX_DATA_BYTES // 2**20
        raise DataError(f"{path}: larger than {limit} MB, so not an m1lookup dataset")
    # Windows editors save UTF-8 with a byte order mark, which TOML does not allow: drop it.
    body = raw_bytes.removeprefix(UTF8_BOM)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        byte = error.start + len(raw_bytes) - len(body)
        raise DataError(f"{path}: not UTF-8 text (byte {byte})") from None
    return parse_toml(path, text), text


def parse_toml(path: str, text: str) -> dict[str, Any]:
    """``tomllib.loads(text)``; every way it fails is a TomlSyntaxError naming the line."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise TomlSyntaxError(path, str(error)) from None
    except RecursionError:  # tomllib recurses once per level of nested arrays and tables
        detail = f"arrays or inline tables nested too deeply ({_deepest(text)})"
        raise TomlSyntaxError(path, detail) from None
    except ValueError as error:  # int() refuses a decimal integer of more than 4,300 digits
        raise TomlSyntaxError(path, _long_integer(text) or str(error).split(";")[0]) from None


# What can hold a bracket that is not one: strings (multi-line ones first) and comments.
_BRACKETS = (
    r'"""(?:[^\\]|\\.)*?"""|\'\'\'.*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*|[\[{\]}]'
)


def _deepest(text: str) -> str:
    """Where the brackets of ``text`` nest deepest, as tomllib words a place."""
    depth = deepest = where = 0
    for match in re.finditer(_BRACKETS, text, re.DOTALL):  # compiled on this error only
        token = match.group()
        if token in ("[", "{"):
            depth += 1
            if depth > deepest:
                deepest, where = depth, match.start()
        elif token in ("]", "}"):
            depth -= 1
    return _place(text, where)


def _place(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    column = offset - text.rfind("\n", 0, offset)
    return f"at line {line}, column {column}"


def _long_integer(text: str) -> str | None:
    """Where the integer that tomllib's int() refused is, in tomllib's own wording."""
    limit = getattr(sys, "get_int_max_str_digits", lambda: 4300)()
    if limit <= 0:
        return None
    # A decimal integer value: after "=", or in an array; not a float, not digits in a bare key.
    pattern = rf"[=\[,][ \t\r\n]*([+-]?[0-9](?:_?[0-9]){{{limit},}})(?![0-9_.eE])"
    match = re.search(pattern, text)
    if match is None:
        return None
    digits = sum(char.isdigit() for char in match.group(1))
    place = _place(text, match.start(1))
    return f"Integer of {digits} digits, more than the {limit} the parser reads ({place})"


def load(path: str | None = None) -> Dataset:
    """Read, check and build the dataset at ``path`` (the bundled one when ``path`` is None)."""
    from m1lookup.validation import find_problems

    resolved = path if path is not None else bundled_path()
    raw, text = read_toml(resolved)
    problems = find_problems(raw, text)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise DataError(
            f"{resolved}: {problems[0]}{more}; run 'm1lookup validate {resolved}' for every problem"
        )
    return build(raw, resolved)


def build(raw: dict[str, Any], path: str) -> Dataset:
    """Turn an already validated TOML document into a Dataset."""
    sources = tuple(
        Source(
            number=index,
            id=entry["id"],
            title=entry["title"],
            publisher=entry["publisher"],
            date=entry.get("date"),
            url=entry["url"],
            kind=entry["kind"],
        )
        for index, entry in enumerate(raw["sources"], start=1)
    )
    return Dataset(
        path=path,
        production=_production(raw["production"]),
        claims=tuple(_claim(entry) for entry in raw.get("claims", [])),
        colours=tuple(_colour(entry) for entry in raw["colours"]),
        sources=sources,
        markets=tuple(_market(entry) for entry in raw.get("markets", [])),
    )


def _figure(table: dict[str, Any]) -> Figure:
    return Figure(
        value=table["value"],
        confidence=table["confidence"],
        sources=tuple(table["sources"]),
        note=table.get("note"),
    )


def _date_figure(table: dict[str, Any]) -> DateFigure:
    return DateFigure(
        date=table["date"],
        confidence=table["confidence"],
        sources=tuple(table["sources"]),
        note=table.get("note"),
    )


def _production(table: dict[str, Any]) -> Production:
    return Production(
        plant=table["plant"],
        start=_date_figure(table["start"]),
        end=_date_figure(table["end"]),
        built=_figure(table["built"]),
        customer_cars=_figure(table["customer_cars"]),
        internal_cars=_figure(table["internal_cars"]),
        planned_cap=_figure(table["planned_cap"]),
        individual_cars=_figure(table["individual_cars"]),
    )


def _claim(entry: dict[str, Any]) -> Claim:
    return Claim(
        topic=entry["topic"],
        value=entry["value"],
        used=entry["used"],
        confidence=entry["confidence"],
        sources=tuple(entry["sources"]),
        note=entry.get("note"),
    )


def _colour(entry: dict[str, Any]) -> Colour:
    return Colour(
        id=entry["id"],
        name=entry["name"],
        name_de=entry.get("name_de"),
        aliases=tuple(entry.get("aliases", ())),
        paint_code=entry.get("paint_code"),
        paint_code_confidence=entry.get("paint_code_confidence"),
        paint_code_sources=tuple(entry.get("paint_code_sources", ())),
        programme=entry["programme"],
        finish=entry.get("finish"),
        swatch=entry.get("swatch"),
        swatch_note=entry.get("swatch_note"),
        count=entry.get("count"),
        confidence=entry["confidence"],
        sources=tuple(entry["sources"]),
        notes=entry.get("notes"),
    )


def _market(entry: dict[str, Any]) -> Market:
    return Market(
        id=entry["id"],
        name=entry["name"],
        note=entry.get("note"),
        sources=tuple(entry.get("sources", ())),
        colour_order=tuple(entry.get("colour_order", ())),
        colour_order_sources=tuple(entry.get("colour_order_sources", ())),
        colour_note=entry.get("colour_note"),
        figures=tuple(
            MarketFigure(
                kind=figure["kind"],
                value=figure["value"],
                qualifier=figure.get("qualifier"),
                used=figure.get("used", False),
                confidence=figure["confidence"],
                sources=tuple(figure["sources"]),
                note=figure.get("note"),
            )
            for figure in entry.get("figures", [])
        ),
    )
