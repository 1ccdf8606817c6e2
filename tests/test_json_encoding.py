"""render.documents writes the same bytes as json.dumps(indent=2), only faster for batches."""

from __future__ import annotations

import json
from typing import Any

import pytest

from m1lookup.dataset import Dataset
from m1lookup.query import ColourIndex, rarity_by_id, stats
from m1lookup.render import documents
from m1lookup.tally import tally
from m1lookup.validation import Problem


def _documents(dataset: Dataset) -> dict[str, dict[str, Any]]:
    index = ColourIndex(dataset.colours)
    queries = [
        "Monte Carlo Blue",
        "mcb",
        "Monte Carlo Blue",
        "alpinweiss",
        "Bleu",
        "a",
        "Java Green",
    ]
    outcomes = [index.lookup(query) for query in queries * 3]
    register = "colour\nAlpinweiß\nVO\n\nMonte Carlo Bleu\nVO\n"
    return {
        "colour": documents.colour_document(dataset, outcomes, rarity_by_id(dataset)),
        "list": documents.list_document(dataset, list(rarity_by_id(dataset).values())),
        "stats": documents.stats_document(stats(dataset)),
        "sources": documents.sources_document(dataset),
        "markets": documents.markets_document(dataset),
        "tally": documents.tally_document(dataset, tally(dataset, register, "list.csv")),
        "validate": documents.problems_document("x.toml", [Problem("colours", "bad", 3)]),
        "empty": documents.colour_document(dataset, [], {}),
    }


@pytest.mark.parametrize(
    "name", ["colour", "list", "stats", "sources", "markets", "tally", "validate", "empty"]
)
def test_to_json_is_json_dumps_with_indent_2(dataset: Dataset, name: str) -> None:
    document = _documents(dataset)[name]
    expected = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    assert documents.to_json(document) == expected
    assert documents.json_bytes(document) == expected.encode("utf-8")
