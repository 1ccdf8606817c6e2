"""Each dataset field is declared once (issue 18): in the records of m1lookup.model.schema.

Validation checks every field of every table from its declaration, and the generated parts of
the JSON Schema and of docs/data.md and docs/json.md are what scripts/generate.py writes.
"""

from __future__ import annotations

import copy
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from m1lookup.load.validation import find_problems
from m1lookup.model import schema as model
from m1lookup.model.records import Field, Record
from tests.conftest import ROOT, RunCli

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

BASE = ROOT / "tests" / "fixtures" / "broken" / "base.toml"

# Where base.toml has an entry of each record: the keys and indexes that lead to it.
ENTRIES: dict[type[Record], tuple[str | int, ...]] = {
    model.Dataset: (),
    model.Production: ("production",),
    model.DateFigure: ("production", "start"),
    model.Figure: ("production", "built"),
    model.Claim: ("claims", 0),
    model.Colour: ("colours", 1),
    model.MarketCount: ("colours", 1, "market_counts", 0),
    model.SearchSpelling: ("colours", 1, "search_spellings", 0),
    model.CatalogueColour: ("catalogue", 0),
    model.Misnaming: ("misnamings", 0),
    model.Source: ("sources", 0),
    model.Market: ("markets", 0),
    model.MarketFigure: ("markets", 0, "figures", 0),
}


def generator() -> ModuleType:
    path = ROOT / "scripts" / "generate.py"
    spec = importlib.util.spec_from_file_location("generate", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def base() -> dict[str, Any]:
    """base.toml, with the one table it leaves out: a colour's search spelling."""
    raw = tomllib.loads(BASE.read_text(encoding="utf-8"))
    raw["colours"][1]["search_spellings"] = [{"spelling": "JG", "note": "a test spelling"}]
    return raw


def wrong_value(spec: Field) -> object:
    """A value of another type than ``spec`` declares."""
    declared = spec.type
    if declared.array or declared.record is not None:
        return "x"
    if declared.values == ("int", "str"):
        return 1.5
    return {"int": "6342", "bool": "yes", "str": 42}[declared.values[0]]


def right_value(spec: Field) -> object:
    """A valid value for a field that another field needs (base.toml leaves some out)."""
    if spec.type.array:
        return ["java-green"]
    return spec.choices[0] if spec.choices else "x"


def declared_in_file() -> list[tuple[type[Record], Field]]:
    return [
        (record, spec) for record in ENTRIES for spec in record.declared.values() if spec.in_file
    ]


def test_every_record_of_the_dataset_is_tried() -> None:
    records = {
        value
        for value in vars(model).values()
        if isinstance(value, type) and issubclass(value, Record) and value.declared
    }
    assert records == set(ENTRIES)


def test_every_field_of_a_dataset_record_is_declared() -> None:
    """A field added without a declaration would be neither checked nor built from the file."""
    for record in ENTRIES:
        undeclared = set(record.fields) - set(record.declared)
        if record is model.Dataset:  # where it was read from, and indexes built from the tables
            assert undeclared == {"path", "sources_by_id", "colours_by_id"}
        else:
            assert not undeclared, record.__name__


@pytest.mark.parametrize(
    ("record", "spec"),
    declared_in_file(),
    ids=[f"{record.__name__}.{spec.name}" for record, spec in declared_in_file()],
)
def test_every_field_has_its_type_checked(record: type[Record], spec: Field) -> None:
    raw = base()
    entry: Any = raw
    for step in ENTRIES[record]:
        entry = entry[step]
    if spec.needs is not None and spec.needs not in entry:
        entry[spec.needs] = right_value(record.declared[spec.needs])
    entry[spec.name] = wrong_value(spec)
    found = find_problems(copy.deepcopy(raw))
    at_field = [
        problem
        for problem in found
        if problem.location == spec.name or problem.location.endswith(f".{spec.name}")
    ]
    assert at_field, found
    assert "must be" in at_field[0].message, at_field


def test_a_figure_written_as_a_string_is_refused(run: RunCli, tmp_path: Path) -> None:
    """A claim's value is a string for topic "end" only (a date); "6342" is no figure."""
    claim = 'topic = "built"\nvalue = 110\n'
    text = BASE.read_text(encoding="utf-8")
    assert text.count(claim) == 1
    text = text.replace(claim, 'topic = "built"\nvalue = "6342"\n')
    path = tmp_path / "colours.toml"
    path.write_text(text, encoding="utf-8")
    result = run("validate", str(path), env={"COLUMNS": "1000"})
    assert result.exit_code == 1
    assert result.stdout.splitlines()[1:] == [
        "  - claims[0].value (line 45): must be a whole number for topic 'built', got '6342'"
    ]


def test_the_generated_files_are_up_to_date() -> None:
    """scripts/generate.py --check, as CI runs it: the schema's dataset definitions and the
    docs' field tables are what the declarations make."""
    stale = generator().stale()
    assert not stale, "run: python scripts/generate.py\n" + "".join(stale.values())


def test_the_generator_owns_only_its_definitions() -> None:
    """The schema's other definitions (the command documents) are written by hand, and the
    script leaves them alone: it marks each definition it writes."""
    module = generator()
    schema = json.loads(module.SCHEMA.read_text(encoding="utf-8"))
    marked = {
        name
        for name, definition in schema["$defs"].items()
        if definition.get("$comment") == module.GENERATED
    }
    assert marked == set(module.schema_definitions())
    assert {"colour", "source", "confidence", "claim_topic"} <= marked
    assert "colour_document" not in marked
