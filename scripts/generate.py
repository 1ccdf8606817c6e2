"""Write what is derived from the dataset's field declarations (src/m1lookup/model/schema.py).

    .venv/bin/python scripts/generate.py           # rewrite the generated parts
    .venv/bin/python scripts/generate.py --check   # only report what is out of date (CI)

The generated parts:

- schema/m1lookup.schema.json: the ``$defs`` whose ``$comment`` is ``GENERATED`` below, that is
  the enums of the dataset's values and the objects made from its records (the colour object,
  a source, a figure, a claim, a market ...). Every other definition, such as the command
  documents, is written by hand: the script rewrites only its own definitions, in place, and
  leaves the rest of the file byte for byte.
- docs/data.md and docs/json.md: each table between ``<!-- generated from RECORD ... -->`` and
  ``<!-- end of generated table -->``, the fields of RECORD as the data file (data.md) or the
  JSON (json.md) holds them.

To change a field, edit its declaration and run this script. The keys of the colour object that
are not fields of Colour (its rarity and every source it cites) are declared here, in
``COLOUR_EXTRAS``: the JSON renderer adds them (render/json.py), and tests/test_schema.py checks
that the documents have exactly the schema's keys.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
from pathlib import Path
from typing import Any

from m1lookup.model import schema as model
from m1lookup.model.records import Field, Record

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "schema" / "m1lookup.schema.json"
DATA_DOC = ROOT / "docs" / "data.md"
JSON_DOC = ROOT / "docs" / "json.md"
WIDTH = 100
GENERATED = "Written by scripts/generate.py from src/m1lookup/model/schema.py: edit the records"

# The records' objects in the JSON, by their names in the schema's $defs.
OBJECTS: dict[str, type[Record]] = {
    "source": model.Source,
    "figure": model.Figure,
    "date_figure": model.DateFigure,
    "claim": model.Claim,
    "market_count": model.MarketCount,
    "search_spelling": model.SearchSpelling,
    "colour": model.Colour,
    "catalogue": model.CatalogueColour,
    "misnaming": model.Misnaming,
    "market_figure": model.MarketFigure,
    "market": model.Market,
}
DEF_NAMES = {record: name for name, record in OBJECTS.items()}


class Extra:
    """A key of a JSON object that is not a field of its record."""

    def __init__(
        self,
        key: str,
        json_type: str,
        doc: str,
        schema: dict[str, Any],
        figure: str | None = None,
        unknown: dict[str, Any] | None = None,
        known: dict[str, Any] | None = None,
    ) -> None:
        self.key, self.json_type, self.doc, self.schema = key, json_type, doc, schema
        # What the key is when ``figure`` is unknown (null), and when it is known.
        self.figure, self.unknown, self.known = figure, unknown, known


LAST = ""  # the key of the extras that follow every field

# The colour object: the swatch and its note as one object; the rarity after the count's fields;
# every source the colour cites at the end (render/json.py colour_object).
SWATCH = Extra(
    "swatch",
    "`{hex, approximate: true, note}` or null",
    "display colour only, never a paint measurement; `note` is the data's `swatch_note`",
    {"anyOf": [{"type": "null"}, {"$ref": "#/$defs/swatch"}]},
)
COLOUR_EXTRAS = {
    "count_note": (
        Extra(
            "share",
            "number or null",
            "`count / customer_cars`",
            {"type": ["number", "null"], "exclusiveMinimum": 0, "maximum": 1},
            "count",
            {"type": "null"},
            {"type": "number"},
        ),
        Extra(
            "one_in",
            "integer or null",
            '`customer_cars / count`, rounded half up: "1 in N customer cars"',
            {"type": ["integer", "null"], "minimum": 1},
            "count",
            {"type": "null"},
            {"type": "integer"},
        ),
        Extra(
            "rarity",
            "string",
            "tier, see below",
            {"$ref": "#/$defs/rarity"},
            "count",
            {"const": "unknown"},
            {"not": {"const": "unknown"}},
        ),
        Extra(
            "rank",
            "integer or null",
            "1 = rarest; ties share a rank (1, 1, 3); `null` for unknown counts, which are listed"
            " after every known count",
            {"type": ["integer", "null"], "minimum": 1},
            "count",
            {"type": "null"},
            {"type": "integer"},
        ),
    ),
    LAST: (
        Extra(
            "sources",
            "array of sources",
            "every source the colour cites anywhere (its figures, notes and market counts),"
            " by number",
            {"$ref": "#/$defs/cited_by"},
        ),
    ),
}
MARKET_EXTRAS = {
    LAST: (
        Extra(
            "colour_counts",
            "array of objects",
            "the colour counts recorded for the market",
            {"type": "array", "items": {"$ref": "#/$defs/market_colour_count"}},
        ),
    )
}


# --- reading a declaration ---------------------------------------------------------------------


def json_fields(record: type[Record]) -> list[Field]:
    """The fields a record's JSON object has: all declared ones, the swatch note inside swatch."""
    return [spec for name, spec in record.declared.items() if name != "swatch_note"]


def conditional(spec: Field) -> bool:
    """A field that goes with a figure that may be unknown: null or empty when the figure is."""
    needs = spec.needs
    if needs is None:
        return False
    target = spec.owner.declared[needs]
    return not target.required and not target.type.array


def enum_name(choices: tuple[str, ...]) -> str:
    return next(name for name, values in model.ENUMS.items() if values == choices)


def described(record: type[Record]) -> dict[str, str]:
    doc = (record.__doc__ or "").strip()
    if not doc:
        return {}
    sentence = " ".join(doc.split()).split(". ")[0].rstrip(".")
    return {"description": sentence.replace("``", "`") + "."}


# --- the JSON Schema ---------------------------------------------------------------------------


def property_schema(spec: Field) -> dict[str, Any]:
    declared = spec.type
    if declared.record is not None:
        item = {"$ref": f"#/$defs/{DEF_NAMES[declared.record]}"}
        return {"type": "array", "items": item} if declared.array else item
    if declared.array:
        if spec.form == "sources":  # at least one source where the field is always known
            needs = spec.needs
            always = spec.required and (needs is None or spec.owner.declared[needs].required)
            return {"$ref": "#/$defs/cited_by" if always else "#/$defs/source_refs"}
        return {"type": "array", "items": {"type": "string"}}
    if spec.choices is not None:
        base: dict[str, Any] = {"$ref": f"#/$defs/{enum_name(spec.choices)}"}
    elif spec.form == "date":
        base = {"$ref": "#/$defs/date"}
    elif declared.values == ("str",) and declared.nullable and spec.form is None:
        return {"$ref": "#/$defs/nullable_string"}
    else:
        names = {"str": "string", "int": "integer", "bool": "boolean"}
        types = [names[value] for value in declared.values]
        if declared.nullable:
            types.append("null")
        base = {"type": types[0] if len(types) == 1 else types}
        if spec.minimum is not None:
            base["minimum"] = spec.minimum
        if spec.form == "url":
            base["pattern"] = "^https?://"
        elif spec.form == "swatch":
            base["pattern"] = "^#[0-9A-Fa-f]{6}$"
        return base
    return {"anyOf": [base, {"type": "null"}]} if declared.nullable else base


def conditions(record: type[Record], extras: dict[str, tuple[Extra, ...]]) -> list[Any]:
    """For each figure that may be unknown: what goes with it is null (or cites nothing) when it
    is null, and is known when it is."""
    parts = []
    for figure in record.declared:
        following = [s for s in json_fields(record) if s.needs == figure and conditional(s)]
        if not following:
            continue
        unknown: dict[str, Any] = {}
        known: dict[str, Any] = {}
        for each in following:
            if each.form == "sources":
                unknown[each.name] = {"$ref": "#/$defs/not_cited"}
                known[each.name] = {"$ref": "#/$defs/cited_by"}
            else:
                unknown[each.name] = {"type": "null"}
                if each.choices is not None and each.required:
                    known[each.name] = {"$ref": f"#/$defs/{enum_name(each.choices)}"}
        for extra in (extra for each in extras.values() for extra in each):
            if extra.figure == figure:
                unknown[extra.key] = extra.unknown
                known[extra.key] = extra.known
        parts.append(
            {
                "if": {"properties": {figure: {"type": "null"}}},
                "then": {"properties": unknown},
                "else": {"properties": known},
            }
        )
    if parts:
        parts[0] = {
            "description": "An unknown figure (null) has no confidence, sources or note;"
            " a known one has a confidence and sources.",
            **parts[0],
        }
    return parts


def object_schema(
    record: type[Record], extras: dict[str, tuple[Extra, ...]], before: dict[str, Any]
) -> dict[str, Any]:
    properties: dict[str, Any] = dict(before)
    for spec in json_fields(record):
        properties[spec.name] = SWATCH.schema if spec.name == "swatch" else property_schema(spec)
        for extra in extras.get(spec.name, ()):
            properties[extra.key] = extra.schema
    for extra in extras.get(LAST, ()):
        properties[extra.key] = extra.schema
    definition: dict[str, Any] = {
        "$comment": GENERATED,
        **described(record),
        "type": "object",
        "required": list(properties),
        "additionalProperties": False,
        "properties": properties,
    }
    parts = conditions(record, extras)
    if parts:
        definition["allOf"] = parts
    return definition


def schema_definitions() -> dict[str, Any]:
    """Every definition the script owns, by name."""
    definitions: dict[str, Any] = {
        name: {"$comment": GENERATED, "enum": list(values)} for name, values in model.ENUMS.items()
    }
    for name, record in OBJECTS.items():
        extras = COLOUR_EXTRAS if record is model.Colour else {}
        extras = MARKET_EXTRAS if record is model.Market else extras
        definitions[name] = object_schema(record, extras, {})
    colour = {"colour": {"type": "string"}, "name": {"type": "string"}}
    counted = object_schema(model.MarketCount, {}, colour)
    del counted["properties"]["market"]
    counted["required"].remove("market")
    counted["description"] = (
        "A colour count in this market: the colour's id and name, then its market_counts entry"
        " without the market."
    )
    definitions["market_colour_count"] = counted
    return definitions


def render(value: Any, indent: int, used: int) -> str:
    """``value`` as JSON, on one line when it fits in what is left of the line."""
    flat = json.dumps(value, ensure_ascii=False)
    if not isinstance(value, dict | list) or not value or used + len(flat) <= WIDTH - 1:
        return flat
    pad = " " * (indent + 2)
    if isinstance(value, dict):
        items = [
            f"{pad}{json.dumps(key)}: "
            + render(item, indent + 2, indent + 2 + len(json.dumps(key)) + 3)
            for key, item in value.items()
        ]
        return "{\n" + ",\n".join(items) + "\n" + " " * indent + "}"
    if not any(isinstance(item, dict | list) for item in value):  # names: as many a line as fit
        lines = [""]
        for item in value:
            word = json.dumps(item, ensure_ascii=False) + ","
            if lines[-1] and indent + 2 + len(lines[-1]) + 1 + len(word) > WIDTH:
                lines.append("")
            lines[-1] = f"{lines[-1]} {word}" if lines[-1] else word
        return "[\n" + "\n".join(pad + line for line in lines)[:-1] + "\n" + " " * indent + "]"
    items = [pad + render(item, indent + 2, indent + 3) for item in value]
    return "[\n" + ",\n".join(items) + "\n" + " " * indent + "]"


def updated_schema(text: str) -> str:
    decoder = json.JSONDecoder()
    for name, definition in schema_definitions().items():
        head = f'\n    "{name}": '
        rendered = render(definition, 4, len(head) - 1)
        start = text.find(head)
        if start == -1:  # a new definition: the last of $defs
            end = text.rstrip().rindex("}", 0, text.rstrip().rindex("}"))
            end = text.rindex("\n", 0, end)
            text = text[:end] + "," + head + rendered + text[end:]
            continue
        begin = start + len(head)
        _, end = decoder.raw_decode(text, begin)
        text = text[:begin] + rendered + text[end:]
    owned = set(schema_definitions())
    stale = [
        name
        for name, definition in json.loads(text)["$defs"].items()
        if definition.get("$comment") == GENERATED and name not in owned
    ]
    if stale:
        raise SystemExit(f"{SCHEMA}: remove the generated definitions {stale}: nothing makes them")
    return text


# --- the field tables of the docs --------------------------------------------------------------

TABLE = re.compile(
    r"(<!-- generated from (\w+) by scripts/generate\.py[^>]*-->\n)(.*?)"
    r"(<!-- end of generated table -->)",
    re.DOTALL,
)


def toml_type(spec: Field) -> str:
    declared = spec.type
    if declared.record is not None:
        if declared.array:
            return "array of tables"
        keys = ", ".join(name for name, s in declared.record.declared.items() if s.in_file)
        return f"table `{{ {keys} }}`"
    if declared.array:
        return "array of source ids" if spec.form == "sources" else "array of strings"
    if spec.choices is not None:
        return "string: " + ", ".join(f"`{choice}`" for choice in spec.choices)
    forms = {
        "date": "string `YYYY-MM-DD`, `YYYY-MM` or `YYYY`",
        "url": "string, an `http://` or `https://` address",
        "swatch": "string `#RRGGBB`",
    }
    if spec.form in forms:
        return forms[spec.form]
    names = {"str": "string", "int": "integer", "bool": "boolean"}
    text = " or ".join(names[value] for value in declared.values)
    return text if spec.minimum is None else text.replace("integer", f"integer ≥ {spec.minimum}")


def toml_required(spec: Field) -> str:
    needs = spec.needs
    if needs is not None and not spec.owner.declared[needs].required:
        return f"with `{needs}`" if spec.required else f"no (only with `{needs}`)"
    return "yes" if spec.required else "no"


def json_type(spec: Field) -> str:
    declared = spec.type
    if declared.record is not None:
        return "array of objects" if declared.array else "object"
    if declared.array:
        return "array of sources" if spec.form == "sources" else "array of strings"
    if spec.choices is not None:
        joiner = "/" if len(spec.choices) <= 3 else ", "
        text = joiner.join(f"`{choice}`" for choice in spec.choices)
    else:
        names = {"str": "string", "int": "integer", "bool": "boolean"}
        text = " or ".join(names[value] for value in declared.values)
        if spec.minimum is not None:
            text = text.replace("integer", f"integer ≥ {spec.minimum}")
    return f"{text} or null" if declared.nullable else text


def _when_unknown(spec: Field) -> str:
    if not conditional(spec):
        return ""
    empty = "`[]`" if spec.type.array else "`null`"
    return f"; {empty} when `{spec.needs}` is `null`"


def row(*cells: str) -> str:
    return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |\n"


def data_table(record: type[Record]) -> str:
    rows = [row("key", "type", "required", "meaning"), row("---", "---", "---", "---")]
    if record is model.Dataset:
        meaning = f"`{model.DATA_SCHEMA_VERSION}`. The loader refuses any other value."
        rows.append(row("`schema_version`", "integer", "yes", meaning))
    for spec in record.declared.values():
        if spec.in_file:
            rows.append(row(f"`{spec.name}`", toml_type(spec), toml_required(spec), spec.doc))
    return "".join(rows)


def json_table(record: type[Record]) -> str:
    extras = COLOUR_EXTRAS if record is model.Colour else {}
    rows = [row("key", "type", "meaning"), row("---", "---", "---")]
    for spec in json_fields(record):
        if spec.name == "swatch":
            rows.append(row("`swatch`", SWATCH.json_type, SWATCH.doc))
        else:
            rows.append(row(f"`{spec.name}`", json_type(spec), spec.doc + _when_unknown(spec)))
        for extra in extras.get(spec.name, ()):
            rows.append(row(f"`{extra.key}`", extra.json_type, extra.doc))
    for extra in extras.get(LAST, ()):
        rows.append(row(f"`{extra.key}`", extra.json_type, extra.doc))
    return "".join(rows)


def updated_doc(text: str, table: Any) -> str:
    records = {record.__name__: record for record in vars(model).values() if _is_record(record)}

    def replace(match: re.Match[str]) -> str:
        record = records.get(match.group(2))
        if record is None:
            raise SystemExit(f"no record {match.group(2)} in src/m1lookup/model/schema.py")
        return match.group(1) + table(record) + match.group(4)

    return TABLE.sub(replace, text)


def _is_record(value: object) -> bool:
    return isinstance(value, type) and issubclass(value, Record) and bool(value.declared)


# --- the command -------------------------------------------------------------------------------


def outputs() -> dict[Path, str]:
    """Each generated file as it should be."""
    return {
        SCHEMA: updated_schema(SCHEMA.read_text(encoding="utf-8")),
        DATA_DOC: updated_doc(DATA_DOC.read_text(encoding="utf-8"), data_table),
        JSON_DOC: updated_doc(JSON_DOC.read_text(encoding="utf-8"), json_table),
    }


def stale() -> dict[Path, str]:
    """A diff for each file that is not as generated."""
    found = {}
    for path, wanted in outputs().items():
        current = path.read_text(encoding="utf-8")
        if current != wanted:
            diff = difflib.unified_diff(
                current.splitlines(keepends=True),
                wanted.splitlines(keepends=True),
                str(path.relative_to(ROOT)),
                "generated",
            )
            found[path] = "".join(diff)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report what is out of date")
    arguments = parser.parse_args(argv)
    if arguments.check:
        drifted = stale()
        for diff in drifted.values():
            sys.stdout.write(diff)
        if drifted:
            names = ", ".join(str(path.relative_to(ROOT)) for path in drifted)
            print(f"out of date: {names}; run: python scripts/generate.py", file=sys.stderr)
            return 1
        return 0
    for path, wanted in outputs().items():
        if path.read_text(encoding="utf-8") != wanted:
            path.write_text(wanted, encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
