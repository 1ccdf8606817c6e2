"""Load the TOML dataset into frozen, typed objects.

The loader checks the file with :mod:`m1lookup.load.validation` first and refuses a file with any
problem, so everything built here can trust its input's shape.
"""

from __future__ import annotations

import os
import re
import sys
import zlib  # already loaded by Typer (through shutil): the checksum costs no import
from typing import TYPE_CHECKING, Any, TypeVar

from m1lookup.io.errors import M1Error
from m1lookup.io.limits import MAX_INPUT_BYTES, too_large
from m1lookup.model.records import Record
from m1lookup.model.schema import (
    CatalogueColour,
    Claim,
    Colour,
    Dataset,
    Market,
    Misnaming,
    Production,
    Source,
)

if TYPE_CHECKING:
    from m1lookup.load.checks import Validation

RecordT = TypeVar("RecordT", bound=Record)

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

DATA_FILE_NAME = "colours.toml"
ENV_VAR = "M1LOOKUP_DATA"
UTF8_BOM = b"\xef\xbb\xbf"
EMPTY_PATH = "the dataset path is empty; give a file, or no path for the bundled dataset"


class DataError(M1Error):
    """The dataset could not be read or is not valid (exit 2). The message names the file."""


class TomlSyntaxError(DataError):
    """The file is not valid TOML; ``detail`` is the parser's message, ``line`` its line."""

    def __init__(self, path: str, detail: str) -> None:
        super().__init__(f"{path}: TOML syntax error: {detail}")
        self.detail = detail
        match = re.search(r"at line (\d+)", detail)
        self.line = int(match.group(1)) if match else None


def bundled_path() -> str:
    """The bundled ``colours.toml``: inside the installed package, or at the source tree's top.

    A wheel carries the file at ``m1lookup/data/``; an editable install and a source checkout
    read it from the repository's top-level ``data/`` folder, where it is maintained.
    """
    package_dir = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # m1lookup/
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
            raw_bytes = handle.read(MAX_INPUT_BYTES + 1)  # bounded: --data /dev/zero must end
    except OSError as error:
        raise DataError(f"{path}: cannot read the file ({error.strerror or error})") from None
    if len(raw_bytes) > MAX_INPUT_BYTES:
        raise DataError(too_large(path))
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
    _refuse_long_dotted_keys(path, text)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise TomlSyntaxError(path, str(error)) from None
    except RecursionError:  # tomllib recurses once per level of nested arrays and tables
        detail = f"arrays or inline tables nested too deeply ({_deepest(text)})"
        raise TomlSyntaxError(path, detail) from None
    except ValueError as error:  # int() refuses a decimal integer of more than 4,300 digits
        raise TomlSyntaxError(path, _long_integer(text) or str(error).split(";")[0]) from None


# tomllib's time grows with the square of a key's dotted parts (40,000 parts: a minute and 6 GB),
# so a key of more parts than any dataset needs is refused before it is parsed. The pattern finds
# such a run anywhere, strings included (no real text holds 50 dotted words in a row); it starts
# only where a part starts, so it runs in linear time.
MAX_KEY_PARTS = 50
_KEY_PART = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|'[^'\n]*')"""
_LONG_DOTTED_KEY = (
    rf"""(?<![A-Za-z0-9_"'.-]){_KEY_PART}(?:[ \t]*\.[ \t]*{_KEY_PART}){{{MAX_KEY_PARTS},}}"""
)


def _refuse_long_dotted_keys(path: str, text: str) -> None:
    # A key is on one line: only a line with that many dots can hold one.
    offset = 0
    for line in text.split("\n"):
        if line.count(".") >= MAX_KEY_PARTS:
            match = re.search(_LONG_DOTTED_KEY, line)
            if match is not None:
                where = _place(text, offset + match.start())
                raise TomlSyntaxError(
                    path, f"a key of more than {MAX_KEY_PARTS} dotted parts ({where})"
                )
        offset += len(line) + 1


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


def check_file(path: str) -> Validation:
    """Every problem of the dataset at ``path``; a syntax error is one problem, with its line.

    Raises DataError when the file cannot be read at all.
    """
    from m1lookup.load.checks import Problem, Validation
    from m1lookup.load.validation import find_problems

    try:
        raw, text = read_toml(path)
    except TomlSyntaxError as error:
        return Validation(path, (Problem("TOML syntax", error.detail, error.line),))
    return Validation(path, tuple(find_problems(raw, text)))


def load(path: str | None = None) -> Dataset:
    """Read, check and build the dataset at ``path`` (the bundled one when ``path`` is None).

    Every file is checked in full before it is built, except the bundled one while it is the
    file the test suite found valid: then it is not parsed either, but taken from
    :mod:`m1lookup.load.bundled`, the same document already parsed (tomllib took most of a
    command's own time). A bundled file edited since (in an editable install) has another
    checksum and is read and checked like any other.
    """
    resolved = path if path is not None else bundled_path()
    if path is None:
        recorded = _recorded_bundled_document(resolved)
        if recorded is not None:
            return build(recorded, resolved)
    try:
        raw, text = read_toml(resolved)
    except TomlSyntaxError as error:
        raise DataError(f"{error.message}; {_see_validate(resolved)}") from None
    from m1lookup.load.validation import find_problems

    problems = find_problems(raw, text)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise DataError(
            f"{resolved}: {problems[0]}{more}; {_see_validate(resolved)} for every problem"
        )
    return build(raw, resolved)


def _see_validate(path: str) -> str:
    """Where a dataset that cannot be loaded is told what is wrong with it, whole."""
    import shlex

    return f"run 'm1lookup validate {shlex.quote(path)}'"


def bundled_checksum(data: bytes) -> int:
    """The checksum the bundled file is recognised by: CRC-32 of its bytes."""
    return zlib.crc32(data)


def _recorded_bundled_document(path: str) -> dict[str, Any] | None:
    """The parsed bundled document, when the file at ``path`` is the one it was parsed from."""
    from m1lookup.load import bundled

    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_INPUT_BYTES + 1)
    except OSError:
        return None  # read_toml says why
    return bundled.DATA if bundled_checksum(data) == bundled.CRC32 else None


def build(raw: dict[str, Any], path: str) -> Dataset:
    """Turn an already validated TOML document into a Dataset."""
    sources = tuple(
        _record(Source, {"number": number, **entry})
        for number, entry in enumerate(raw["sources"], start=1)
    )
    colours = tuple(_record(Colour, entry) for entry in raw["colours"])
    return Dataset(
        path=path,
        production=_record(Production, raw["production"]),
        claims=tuple(_record(Claim, entry) for entry in raw.get("claims", [])),
        colours=colours,
        catalogue=tuple(_record(CatalogueColour, entry) for entry in raw.get("catalogue", [])),
        misnamings=tuple(_record(Misnaming, entry) for entry in raw.get("misnamings", [])),
        sources=sources,
        markets=tuple(_record(Market, entry) for entry in raw.get("markets", [])),
        sources_by_id={source.id: source for source in sources},
        colours_by_id={colour.id: colour for colour in colours},
    )


# How each declared field of a record is built: (name, the record of a table or of each table
# of an array, whether it is an array, its value when the file leaves it out).
_Plan = list[tuple[str, "type[Record] | None", bool, Any]]
_PLANS: dict[type[Record], _Plan] = {}


def _plan(kind: type[Record]) -> _Plan:
    plan = _PLANS.get(kind)
    if plan is None:
        plan = _PLANS[kind] = []
        for name, spec in kind.declared.items():
            declared = spec.type
            absent = () if declared.array else False if declared.values == ("bool",) else None
            plan.append((name, declared.record, declared.array, absent))
    return plan


def _record(kind: type[RecordT], table: dict[str, Any]) -> RecordT:
    """One record from one validated TOML table, as its fields are declared: a key left out is
    None, an empty tuple for an array, False for a flag; arrays become tuples, tables records."""
    values: dict[str, Any] = {}
    for name, nested, array, absent in _plan(kind):
        value = table.get(name)
        if value is None:
            value = absent
        elif nested is not None:
            value = tuple(_record(nested, v) for v in value) if array else _record(nested, value)
        elif array:
            value = tuple(value)
        values[name] = value
    return kind(**values)
