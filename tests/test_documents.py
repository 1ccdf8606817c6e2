"""`--json` is the json module's text, `--jsonl` one compact object a line, no record an array."""

from __future__ import annotations

import json

import pytest

from m1lookup.lookup.answers import answer
from m1lookup.model.schema import Dataset
from m1lookup.render.json import document
from tests.conftest import ROOT, RunCli

REGISTER = str(ROOT / "tests" / "fixtures" / "register-20.csv")
DOCUMENTS = [
    ["colour", "Alpine White", "Le Mans Blue", "Jet Black", "--json"],
    ["list", "--json"],
    ["stats", "--json"],
    ["sources", "--json"],
    ["markets", "--json"],
    ["tally", REGISTER, "--json"],
    ["check", "--text", "Alpinweiß, one of 3; Le Mans Blue, one of one", "--json"],
    ["validate", "--json"],
]


@pytest.mark.parametrize("args", DOCUMENTS, ids=" ".join)
def test_json_is_indented_utf8_text_from_the_json_module(run: RunCli, args: list[str]) -> None:
    result = run(*args)
    parsed = result.json()
    assert result.stdout == json.dumps(parsed, ensure_ascii=False, indent=2) + "\n"
    assert "\\u00" not in result.stdout  # ß and é are written as they are, in UTF-8


@pytest.mark.parametrize(
    "args",
    [["colour", "Alpine White", "Le Mans Blue", "--jsonl"], ["tally", REGISTER, "--jsonl"]],
    ids=" ".join,
)
def test_jsonl_lines_are_compact(run: RunCli, validate_jsonl, args: list[str]) -> None:
    text = run(*args).stdout
    assert len(validate_jsonl(text, args[0])) >= 2
    lines = text.splitlines()
    for line in lines:
        assert line == json.dumps(json.loads(line), ensure_ascii=False, separators=(",", ":"))


def test_a_record_is_never_written_as_an_array(dataset: Dataset) -> None:
    """json.dumps refuses a record (a NamedTuple used to become a list without a word)."""
    for record in (dataset.sources[0], dataset.colours[0], dataset.production.built):
        with pytest.raises(TypeError, match="not JSON serializable"):
            json.dumps({"record": record})


def test_a_colour_asked_for_twice_is_the_same_object_twice(dataset: Dataset) -> None:
    built = document(answer(dataset, ["mcb", "Monte Carlo Blue"]))
    first, second = (entry["colour"] for entry in built["results"])
    assert first == second
    assert first["id"] == "monte-carlo-blue"
