"""`--json` is the json module's text, `--jsonl` one compact object a line, no record an array."""

from __future__ import annotations

import json

import pytest

from m1lookup.lookup.answers import answer
from m1lookup.model.schema import Dataset
from m1lookup.render import json as render_json
from m1lookup.render.json import document, json_chunks
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


def test_streamed_json_is_json_dumps_byte_for_byte(dataset: Dataset) -> None:
    """``--json`` is written in pieces as it is encoded, each colour encoded once; joined, the
    pieces are json.dumps(document, indent=2, ensure_ascii=False), whatever the piece size.
    (Raw control and bidi characters are escaped too: test_hostile.py.)"""
    names = ["mcb", "Monte Carlo Blue", "zzz", "mcb", "Le Mans Blue", "Java Green", "zzz"]
    built = document(answer(dataset, names))
    expected = json.dumps(built, ensure_ascii=False, indent=2) + "\n"
    for size in (1, 100, 1 << 16):
        assert "".join(json_chunks(built, size)) == expected
    assert len(list(json_chunks(built, 100))) > 5  # written as it goes, not as one text
    assert built["results"][0] is built["results"][2]  # one object per query asked again
    assert built["results"][0]["colour"] is built["results"][1]["colour"]
    assert [miss["query"] for miss in built["not_found"]] == ["zzz", "Le Mans Blue", "zzz"]


def test_a_shared_object_is_encoded_once(dataset: Dataset, monkeypatch: pytest.MonkeyPatch) -> None:
    built = document(answer(dataset, ["mcb", "MCB", "Monte Carlo Blue"] * 50))
    encoded: list[object] = []
    original = render_json._Encoder._object

    def counting(self: object, obj: dict[str, object], depth: int) -> None:
        encoded.append(obj.get("id"))
        original(self, obj, depth)  # type: ignore[arg-type]

    monkeypatch.setattr(render_json._Encoder, "_object", counting)
    text = "".join(json_chunks(built))
    assert json.loads(text)["results"][149]["colour"]["id"] == "monte-carlo-blue"
    assert encoded.count("monte-carlo-blue") == 1  # 150 answers, one colour object encoded
