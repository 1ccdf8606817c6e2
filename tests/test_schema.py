"""The JSON Schema, the code and the documentation name the same keys and values (issue 12).

Each object a document holds is built from a record's ``fields`` (or, for the few made by hand,
from a real result), so a field added to a record appears in the JSON at once: these tests then
fail until the schema and the docs say what it is. Enums are compared with the engine's own
tuples, and CSV columns with the keys of the JSON objects they come from.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from typing import Any

import pytest

from m1lookup.cli.options import Programme
from m1lookup.load.checks import Problem
from m1lookup.load.dataset import check_file
from m1lookup.lookup.answers import (
    CheckedClaim,
    MarketList,
    RowPlace,
    SourceList,
    Tally,
    TallyFile,
    TallyRow,
    TallyRows,
    Unresolved,
    Verdict,
    VinProblem,
    answer,
    filtered_colours,
)
from m1lookup.lookup.check import check_text
from m1lookup.lookup.query import ColourIndex, Found, Miss, NotFound
from m1lookup.lookup.rarity import COMMON_TIER, TIERS, UNKNOWN_TIER, Rarity, stats
from m1lookup.lookup.tally import tally
from m1lookup.model.schema import (
    CLAIM_TOPICS,
    CONFIDENCES,
    DATA_SCHEMA_VERSION,
    MARKET_FIGURE_KINDS,
    PRODUCTION_DATES,
    PRODUCTION_FIGURES,
    PROGRAMMES,
    SOURCE_KINDS,
    CatalogueColour,
    Claim,
    Colour,
    Dataset,
    DateFigure,
    Figure,
    Market,
    MarketCount,
    MarketFigure,
    Misnaming,
    Production,
    SearchSpelling,
    Source,
)
from m1lookup.render import csv as tables
from m1lookup.render import json as documents
from tests.conftest import DATA_FILE, ROOT, RunCli

JSON_DOC = (ROOT / "docs" / "json.md").read_text(encoding="utf-8")
DATA_DOC = (ROOT / "docs" / "data.md").read_text(encoding="utf-8")

# The colour's rarity, worked out by the engine, follows its own fields; then every source it cites.
RARITY_KEYS = ("share", "one_in", "rarity", "rank")
# Open objects: closed (unevaluatedProperties) where they are used, as a line adds schema_version.
OPEN = (
    "miss",
    "not_found",
    "found",
    "tally_colour",
    "unresolved",
    "tally_row",
    "versioned",
    "input_line",
)
# Only for the reasons "not a 1M colour" and "misnamed".
OPTIONAL = {
    name: {"catalogue", "misnaming", "sources"} for name in ("miss", "not_found", "unresolved")
}


def definition(schema: dict[str, Any], name: str) -> dict[str, Any]:
    return schema["$defs"][name]


def _parts(schema: dict[str, Any], node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """``node`` and what it brings in by ``$ref`` and ``allOf``, depth first."""
    yield node
    ref = node.get("$ref")
    if ref is not None:
        yield from _parts(schema, definition(schema, ref.removeprefix("#/$defs/")))
    for part in node.get("allOf", []):
        yield from _parts(schema, part)


def keys(schema: dict[str, Any], name: str) -> list[str]:
    """The property names of a definition, with those of what it refers to."""
    found: list[str] = []
    for part in _parts(schema, definition(schema, name)):
        found += [key for key in part.get("properties", {}) if key not in found]
    return found


def required(schema: dict[str, Any], name: str) -> set[str]:
    return {
        key for part in _parts(schema, definition(schema, name)) for key in part.get("required", ())
    }


def enum(schema: dict[str, Any], name: str) -> list[Any]:
    return definition(schema, name)["enum"]


# --- keys: records' fields, and what the documents build from them -------------------------------


def colour_keys() -> list[str]:
    """The colour object: every field of Colour (the swatch note inside ``swatch``), the rarity
    after the count, and every source the colour cites."""
    own = [name for name in Colour.fields if name != "swatch_note"]
    at = own.index("count_note") + 1
    return [*own[:at], *RARITY_KEYS, *own[at:], "sources"]


def not_found_keys() -> list[str]:
    """NotFound's fields; its ``explanation`` (for two reasons) is shown as every miss's message."""
    names = [name for name in NotFound.fields if name != "explanation"]
    return [*names[:2], "message", *names[2:], "sources"]


FROM_FIELDS: dict[str, list[str]] = {
    "colour": colour_keys(),
    "source": list(Source.fields),
    "source_ref": list(documents.SOURCE_REF_FIELDS),
    "market_count": list(MarketCount.fields),
    "market": [*Market.fields, "colour_counts"],
    "market_figure": list(MarketFigure.fields),
    "market_colour_count": ["colour", "name", *(f for f in MarketCount.fields if f != "market")],
    "claim": list(Claim.fields),
    "figure": list(Figure.fields),
    "date_figure": list(DateFigure.fields),
    "production": [*Production.fields, "figures", "claims"],
    "production_figures": [name for name in Production.fields if name != "plant"],
    "catalogue": list(CatalogueColour.fields),
    "misnaming": list(Misnaming.fields),
    "problem": list(Problem.fields),
    "found": ["query", "matched_by", "search_spellings", "colour"],
    "search_spelling": list(SearchSpelling.fields),
    "not_found": not_found_keys(),
    "tally_row": list(TallyRow.fields),
    "tally_file": list(TallyFile.fields),
    "vin_problem": list(VinProblem.fields),
    "row_place": list(RowPlace.fields),
    "unresolved": [
        "file",
        "line",
        "value",
        *(key for key in not_found_keys() if key != "query"),
    ],
    # A checked claim's fields, its colour and market by id, without what only the screen shows.
    "checked_claim": [name for name in CheckedClaim.fields if name != "subject"],
}


@pytest.mark.parametrize(("name", "expected"), FROM_FIELDS.items(), ids=FROM_FIELDS.keys())
def test_schema_keys_are_the_record_fields(
    schema: dict[str, Any], name: str, expected: list[str]
) -> None:
    assert sorted(keys(schema, name)) == sorted(expected)


def test_found_and_unresolved_records_are_what_the_json_flattens() -> None:
    """The two hand-made objects above follow their records: a Found's fields, and an Unresolved
    row's line with its miss (whose query is the row's value)."""
    assert sorted(Found.fields) == sorted(FROM_FIELDS["found"])
    assert Unresolved.fields == ("file", "line", "miss")


def test_production_fields_are_its_dates_and_figures() -> None:
    assert Production.fields == ("plant", *PRODUCTION_DATES, *PRODUCTION_FIGURES)


def _vin_register() -> str:
    return (ROOT / "docs" / "examples" / "register-vins.csv").read_text(encoding="utf-8")


def _results(dataset: Dataset) -> dict[str, object]:
    """One real result of each command, with a found colour and a miss of every kind."""
    queries = ["mcb", "valencia", "Le Mans Blue", "Jet Black", "zz", "b", "!!!", "x" * 201]
    register = (ROOT / "tests" / "fixtures" / "register-20.csv").read_text(encoding="utf-8")
    return {
        "colour_document": answer(dataset, queries),
        "list_document": filtered_colours(dataset),
        "stats_document": stats(dataset),
        "sources_document": SourceList(dataset, dataset.sources),
        "markets_document": MarketList(dataset, dataset.markets),
        "validate_document": check_file(str(DATA_FILE)),
        "tally_document": tally(dataset, register + "Le Mans Blue\n", "register.csv"),
        "check_document": check_text(
            dataset, "Valencia Orange, one of 435 sold in North America; one of 2,700 built"
        ),
        "tally_rows_document": TallyRows(
            tally(dataset, _vin_register(), "vins.csv", keep_rows=True)
        ),
    }


def test_every_document_has_the_schema_keys(schema: dict[str, Any], dataset: Dataset) -> None:
    for name, result in _results(dataset).items():
        document = documents.document(result)
        assert list(document) == keys(schema, name), name


def test_hand_made_objects_have_the_schema_keys(schema: dict[str, Any], dataset: Dataset) -> None:
    results = _results(dataset)
    tallied = results["tally_document"]
    assert isinstance(tallied, Tally)
    (tally_colour, *_) = documents.tally_colours(tallied)
    assert list(tally_colour) == keys(schema, "tally_colour")
    stats_document = documents.document(results["stats_document"])
    assert list(stats_document["known"]) == keys(schema, "known")
    assert list(stats_document["denominator"]) == keys(schema, "denominator")
    assert list(stats_document["production"]["figures"]) == keys(schema, "production_figures")
    colour = stats_document["colours"][0]
    assert list(colour["swatch"]) == keys(schema, "swatch")


def test_objects_carry_their_keys_in_the_schema_order(
    schema: dict[str, Any], dataset: Dataset
) -> None:
    """Field order is the records' order, and the schema and docs list keys in it."""
    rarity = filtered_colours(dataset).rows[0]
    assert isinstance(rarity, Rarity)
    assert list(documents.colour_object(dataset, rarity)) == keys(schema, "colour")
    assert keys(schema, "colour") == colour_keys()
    assert keys(schema, "market") == FROM_FIELDS["market"]
    misses = answer(dataset, ["Le Mans Blue", "Jet Black"]).misses
    for miss in misses:
        produced = list(documents.not_found_object(dataset, miss))
        assert produced == [key for key in keys(schema, "not_found") if key in produced]


def test_every_object_is_closed_and_every_key_required(schema: dict[str, Any]) -> None:
    """Extra keys fail validation (additionalProperties, or unevaluatedProperties where an open
    object is used), and a key the code always writes is required."""
    for name, node in schema["$defs"].items():
        if "properties" not in node:
            continue
        if name in OPEN:
            assert "additionalProperties" not in node, name
        else:
            assert node.get("additionalProperties") is False, name
        assert required(schema, name) == set(keys(schema, name)) - OPTIONAL.get(name, set()), name


def _uses(node: Any, closed: bool = False) -> Iterator[tuple[str, bool]]:
    """Every ``$ref`` in ``node`` and whether the object it stands in is closed."""
    if isinstance(node, dict):
        closed = closed or node.get("unevaluatedProperties") is False
        if "$ref" in node:
            yield node["$ref"].removeprefix("#/$defs/"), closed
        for key, value in node.items():
            inherited = closed and key == "allOf"  # an allOf part shares its owner's closure
            yield from _uses(value, inherited)
    elif isinstance(node, list):
        for item in node:
            yield from _uses(item, closed)


def test_open_objects_are_closed_where_they_are_used(schema: dict[str, Any]) -> None:
    uses = [
        (name, closed)
        for owner, node in schema["$defs"].items()
        if owner not in OPEN
        for name, closed in _uses(node)
    ]
    open_uses = [(name, closed) for name, closed in uses if name in OPEN]
    assert {name for name, _ in open_uses} == set(OPEN) - {"miss"}
    assert all(closed for _, closed in open_uses), open_uses


# --- enums and versions ------------------------------------------------------------------------


def test_enums_are_the_engines(schema: dict[str, Any]) -> None:
    assert enum(schema, "confidence") == list(CONFIDENCES)
    assert enum(schema, "programme") == list(PROGRAMMES)
    assert enum(schema, "source_kind") == list(SOURCE_KINDS)
    assert enum(schema, "market_figure_kind") == list(MARKET_FIGURE_KINDS)
    assert enum(schema, "claim_topic") == list(CLAIM_TOPICS)
    assert enum(schema, "miss_reason") == [reason.value for reason in Miss]
    assert enum(schema, "verdict") == [verdict.value for verdict in Verdict]
    assert enum(schema, "rarity") == [tier for _, tier in TIERS] + [COMMON_TIER, UNKNOWN_TIER]


def test_the_command_line_offers_the_engines_programmes() -> None:
    assert [programme.value for programme in Programme] == list(PROGRAMMES)


def test_matched_by_is_what_the_lookup_says(schema: dict[str, Any], dataset: Dataset) -> None:
    index = ColourIndex.of(dataset)
    said = [index.lookup(query) for query in ("Monte Carlo Blue", "Monte", "carlo blue")]
    assert [outcome.matched_by for outcome in said if isinstance(outcome, Found)] == enum(
        schema, "matched_by"
    )


def test_schema_versions(schema: dict[str, Any]) -> None:
    assert definition(schema, "schema_version") == {"const": documents.JSON_SCHEMA_VERSION}
    assert schema["title"].endswith(f"schema_version {documents.JSON_SCHEMA_VERSION}")
    assert f"(schema_version {documents.JSON_SCHEMA_VERSION})" in JSON_DOC.splitlines()[0]
    data = DATA_FILE.read_text(encoding="utf-8")
    assert re.search(rf"^schema_version = {DATA_SCHEMA_VERSION}$", data, re.M)
    assert f"(version {DATA_SCHEMA_VERSION})" in DATA_DOC.splitlines()[0]


def test_the_schema_is_a_valid_json_schema(schema: dict[str, Any]) -> None:
    from jsonschema import Draft202012Validator

    Draft202012Validator.check_schema(schema)


# --- CSV columns are JSON keys -------------------------------------------------------------

# Columns a CSV has that its JSON objects name otherwise: the market's id and name beside each of
# its figures, and whether a stats row is a production figure or a claim.
CSV_ONLY = {"market_id": "id", "market": "name", "kind": None}


@pytest.mark.parametrize(
    ("columns", "objects"),
    [
        (tables.COLOUR_COLUMNS, ["colour"]),
        (tables.SOURCE_COLUMNS, ["source"]),
        (tables.TALLY_COLUMNS, ["tally_colour", "tally_row", "vin_problem"]),
        (tables.TALLY_ROW_COLUMNS, ["tally_row"]),
        (tables.MARKET_COLUMNS[2:], ["market_figure"]),
        (tables.FIGURE_COLUMNS[1:], ["claim"]),
        (tables.CLAIM_COLUMNS, ["checked_claim"]),
    ],
    ids=["list", "sources", "tally", "tally rows", "markets", "stats", "check"],
)
def test_csv_columns_are_json_keys(
    schema: dict[str, Any], columns: tuple[str, ...], objects: list[str]
) -> None:
    known = {key for name in objects for key in keys(schema, name)}
    assert set(columns) <= known


def test_csv_only_columns(schema: dict[str, Any]) -> None:
    assert tables.MARKET_COLUMNS[:2] == ("market_id", "market")
    assert {"id", "name"} <= set(keys(schema, "market"))
    assert tables.FIGURE_COLUMNS[0] == "kind"
    # A production row is a figure or date figure with its topic, used: every value has a column.
    for name in ("figure", "date_figure"):
        figure = set(keys(schema, name)) - {"value", "date"}
        assert figure <= set(tables.FIGURE_COLUMNS)


@pytest.mark.parametrize(
    ("args", "columns"),
    [
        (["list", "--csv"], tables.COLOUR_COLUMNS),
        (["stats", "--csv"], tables.FIGURE_COLUMNS),
        (["sources", "--csv"], tables.SOURCE_COLUMNS),
        (["markets", "--csv"], tables.MARKET_COLUMNS),
        (["check", "Java Green", "3", "--csv"], tables.CLAIM_COLUMNS),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else None,
)
def test_each_csv_header_is_its_columns(
    run: RunCli, args: list[str], columns: tuple[str, ...]
) -> None:
    header = next(csv.reader(io.StringIO(run(*args).stdout)))
    assert tuple(header) == columns


# --- the documentation ---------------------------------------------------------------------------


def table_keys(document: str, heading: str) -> list[str]:
    """The backticked first cells of the tables under ``heading``, up to the next heading."""
    lines = document.splitlines()
    start = lines.index(heading) + 1
    found = []
    for line in lines[start:]:
        if line.startswith("#"):
            break
        match = re.match(r"\| `([^`]+)` \|", line)
        if match:
            found.append(match.group(1))
    return found


@pytest.mark.parametrize(
    ("heading", "fields"),
    [
        ("## `[[colours]]`", Colour.fields),
        ("### `[[colours.market_counts]]`", MarketCount.fields),
        ("## `[[catalogue]]`", CatalogueColour.fields),
        ("## `[[misnamings]]`", Misnaming.fields),
        ("## `[[claims]]`", Claim.fields),
        ("## `[[sources]]`", tuple(name for name in Source.fields if name != "number")),
        ("## `[[markets]]`", Market.fields),
        ("### `[[markets.figures]]`", MarketFigure.fields),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_data_md_documents_every_field(heading: str, fields: tuple[str, ...]) -> None:
    assert sorted(table_keys(DATA_DOC, heading)) == sorted(fields)


def test_json_md_documents_every_colour_key_in_order(schema: dict[str, Any]) -> None:
    assert table_keys(JSON_DOC, "## The colour object") == keys(schema, "colour")
    section = JSON_DOC[JSON_DOC.index("## The colour object") : JSON_DOC.index("### Market counts")]
    for field in Colour.fields:  # swatch_note too, which JSON writes as swatch.note
        assert f"`{field}`" in section, field


def test_json_md_documents_market_counts_and_misses(schema: dict[str, Any]) -> None:
    assert table_keys(JSON_DOC, "### Market counts") == keys(schema, "market_count")
    heading = "### `m1lookup colour NAME... --json`"
    documented = table_keys(JSON_DOC, heading)
    assert documented[: len(keys(schema, "not_found"))] == keys(schema, "not_found")
    reasons = documented[len(keys(schema, "not_found")) :]
    assert reasons == enum(schema, "miss_reason")


def test_json_md_documents_the_check_document(schema: dict[str, Any], dataset: Dataset) -> None:
    heading = "### `m1lookup check [COLOUR] N --json`, `check --text ADVERT --json`"
    documented = table_keys(JSON_DOC, heading)
    claim = documents.document(check_text(dataset, "Java Green, one of 3"))["claims"][0]
    assert documented[: len(claim)] == list(claim) == keys(schema, "checked_claim")
    assert documented[len(claim) :] == enum(schema, "verdict")


def test_json_md_documents_every_tier(schema: dict[str, Any]) -> None:
    from m1lookup.lookup.rarity import tier_meaning

    rows = re.findall(r"^\| `([^`]+)` \| ([^|]+) \|$", JSON_DOC, re.M)
    tiers = [(tier, meaning.strip()) for tier, meaning in rows if tier in enum(schema, "rarity")]
    assert tiers == [(tier, tier_meaning(tier)) for tier in enum(schema, "rarity")]


@pytest.mark.parametrize(
    ("command", "columns"),
    [
        ("list --csv", tables.COLOUR_COLUMNS),
        ("stats --csv", tables.FIGURE_COLUMNS),
        ("sources --csv", tables.SOURCE_COLUMNS),
        ("markets --csv", tables.MARKET_COLUMNS),
        ("tally --csv", tables.TALLY_COLUMNS),
        ("check --csv", tables.CLAIM_COLUMNS),
    ],
)
def test_json_md_says_what_each_csv_contains(command: str, columns: tuple[str, ...]) -> None:
    (row,) = [line for line in JSON_DOC.splitlines() if line.startswith(f"| `{command}` |")]
    documented = row.rsplit("|", 2)[1]
    assert re.findall(r"`([^`]+)`", documented) == list(columns)
