"""JSON documents: what ``--json`` and ``--jsonl`` write, built from the engine's records.

Nothing here imports Rich, so JSON never pays for it and never wraps. Objects are derived from
the records' fields (a field added to a record appears here without an edit); the contract is
documented in docs/json.md and schema/m1lookup.schema.json, which a test keeps in step.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from enum import Enum
from functools import singledispatch
from typing import TYPE_CHECKING, Any

from m1lookup.io.text import json_escaped
from m1lookup.load.checks import Validation
from m1lookup.lookup.answers import (
    CheckedClaim,
    Checks,
    ColourAnswers,
    ColourList,
    MarketList,
    SourceList,
    Tally,
    TallyRows,
    cited_sources,
    colour_sources,
    market_counts,
)
from m1lookup.lookup.query import MAX_REMEMBERED, Found
from m1lookup.lookup.rarity import Stats
from m1lookup.model.records import Record
from m1lookup.model.schema import PRODUCTION_DATES, PRODUCTION_FIGURES

if TYPE_CHECKING:
    from collections.abc import Iterable

    from m1lookup.lookup.answers import Conflict, Duplicate, Unresolved
    from m1lookup.lookup.query import NotFound, Outcome
    from m1lookup.lookup.rarity import Rarity
    from m1lookup.model.schema import Colour, Dataset, Market

JSON_SCHEMA_VERSION = 2  # of the JSON documents; docs/json.md lists what each version changed
SOURCE_REF_FIELDS = ("number", "id", "title", "url", "kind")


def to_json(document: dict[str, Any]) -> str:
    """``document`` as indented JSON text and a newline.

    Control and bidi characters that json leaves raw (DEL, C1, U+202E ...) and lone surrogates
    (from undecodable arguments, which UTF-8 cannot carry) become ``\\u`` escapes, so that JSON
    shown in a terminal cannot drive it; a parser reads the same strings.
    """
    return json_escaped(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"


def to_json_line(document: dict[str, Any]) -> str:
    """``document`` as one compact line of JSON Lines, escaped as :func:`to_json` escapes."""
    return json_escaped(json.dumps(document, ensure_ascii=False, separators=(",", ":"))) + "\n"


def _document(**fields: Any) -> dict[str, Any]:
    return {"schema_version": JSON_SCHEMA_VERSION, **fields}


# --- records as JSON objects ---------------------------------------------------------------------


def record_object(
    dataset: Dataset, record: Record, leave_out: Iterable[str] = ()
) -> dict[str, Any]:
    """Every field of ``record``; source ids become source references, tuples become arrays."""
    skipped = set(leave_out)
    return {
        name: _value(dataset, name, getattr(record, name))
        for name in record.fields
        if name not in skipped
    }


def _value(dataset: Dataset, name: str, value: Any) -> Any:
    if name == "sources" or name.endswith("_sources"):
        return source_refs(dataset, value)
    if isinstance(value, Record):
        return record_object(dataset, value)
    if isinstance(value, tuple):
        return [_value(dataset, name, item) for item in value]
    return value


def source_refs(dataset: Dataset, source_ids: Iterable[str]) -> list[dict[str, Any]]:
    refs = []
    for source_id in source_ids:
        source = dataset.source(source_id)
        refs.append({name: getattr(source, name) for name in SOURCE_REF_FIELDS})
    return refs


# Fields of the rarity (worked out by the engine) that follow the colour's own count.
_RARITY_FIELDS = {"share": "share", "one_in": "one_in", "rarity": "tier", "rank": "rank"}


def colour_object(dataset: Dataset, rarity: Rarity) -> dict[str, Any]:
    """The colour's own fields, its rarity after its count, and every source it cites."""
    colour = rarity.colour
    obj: dict[str, Any] = {}
    for name, value in record_object(dataset, colour, leave_out=("swatch_note",)).items():
        obj[name] = _swatch(colour) if name == "swatch" else value
        if name == "count_note":
            obj.update({key: getattr(rarity, field) for key, field in _RARITY_FIELDS.items()})
    cited = colour_sources(dataset, colour)
    obj["sources"] = source_refs(dataset, (source.id for source in cited))
    return obj


def _swatch(colour: Colour) -> dict[str, Any] | None:
    if colour.swatch is None:
        return None
    return {"hex": colour.swatch, "approximate": True, "note": colour.swatch_note}


def _denominator(dataset: Dataset) -> dict[str, Any]:
    return {"customer_cars": dataset.production.customer_cars.value}


def not_found_object(dataset: Dataset, miss: NotFound) -> dict[str, Any]:
    obj: dict[str, Any] = {
        "query": miss.query,
        "reason": miss.reason.value,
        "message": miss.message,
        "suggestions": [colour.name for colour in miss.suggestions],
    }
    explained = [record for record in (miss.catalogue, miss.misnaming) if record is not None]
    if miss.catalogue is not None:
        obj["catalogue"] = record_object(dataset, miss.catalogue)
    if miss.misnaming is not None:
        obj["misnaming"] = record_object(dataset, miss.misnaming)
    if explained:  # every source the catalogue colour or the misnaming cites, notes included
        obj["sources"] = _cited(dataset, explained)
    return obj


def market_object(dataset: Dataset, market: Market) -> dict[str, Any]:
    obj = record_object(dataset, market)
    obj["colour_order"] = [dataset.colour(colour_id).name for colour_id in market.colour_order]
    obj["colour_counts"] = [
        {"colour": colour.id, "name": colour.name, **record_object(dataset, count, ("market",))}
        for colour, count in market_counts(dataset, market)
    ]
    return obj


def claims_object(dataset: Dataset) -> list[dict[str, Any]]:
    return [record_object(dataset, claim) for claim in dataset.claims]


# --- one document per command ------------------------------------------------------------------


@singledispatch
def document(result: object) -> dict[str, Any]:
    """The ``--json`` document of a command's result."""
    raise TypeError(f"no JSON document for {type(result).__name__}")


@document.register
def _(result: ColourAnswers) -> dict[str, Any]:
    results = []
    not_found = []
    colours: dict[str, dict[str, Any]] = {}  # one object per colour, however often it is asked
    for outcome in result.outcomes:
        if isinstance(outcome, Found):
            colour_id = outcome.colour.id
            if colour_id not in colours:
                colours[colour_id] = colour_object(result.dataset, result.rarities[colour_id])
            results.append(
                {
                    "query": outcome.query,
                    "matched_by": outcome.matched_by,
                    "colour": colours[colour_id],
                }
            )
        else:
            not_found.append(not_found_object(result.dataset, outcome))
    return _document(denominator=_denominator(result.dataset), results=results, not_found=not_found)


@document.register
def _(result: ColourList) -> dict[str, Any]:
    colours = [colour_object(result.dataset, row) for row in result.rows]
    return _document(denominator=_denominator(result.dataset), colours=colours)


@document.register
def _(result: SourceList) -> dict[str, Any]:
    sources = [record_object(result.dataset, source) for source in result.sources]
    return _document(sources=sources)


@document.register
def _(result: Stats) -> dict[str, Any]:
    dataset = result.dataset
    production = dataset.production
    return _document(
        denominator=_denominator(dataset),
        production={
            "plant": production.plant,
            "start": production.start.date,
            "end": production.end.date,
            **{name: getattr(production, name).value for name in PRODUCTION_FIGURES},
            "figures": {  # each date and figure with its confidence, sources and note
                name: record_object(dataset, getattr(production, name))
                for name in (*PRODUCTION_DATES, *PRODUCTION_FIGURES)
            },
            "claims": claims_object(dataset),
        },
        colours=[colour_object(dataset, row) for row in result.ranked],
        known={
            "cars_with_published_colour": result.known_total,
            "colours_with_count": [r.colour.id for r in result.ranked if r.count is not None],
            "colours_without_count": [colour.id for colour in result.unknown_colours],
        },
        sources=_cited(dataset, (production, *dataset.claims, *dataset.colours)),
    )


@document.register
def _(result: MarketList) -> dict[str, Any]:
    dataset = result.dataset
    markets = [market_object(dataset, market) for market in result.markets]
    counts = [count for market in result.markets for _, count in market_counts(dataset, market)]
    return _document(markets=markets, sources=_cited(dataset, (*result.markets, *counts)))


def _cited(dataset: Dataset, records: Iterable[Record]) -> list[dict[str, Any]]:
    """Every source the records cite, as a figure's sources or in a note: a document's
    ``sources``, in which each of its notes' citations is found."""
    return source_refs(dataset, (source.id for source in cited_sources(dataset, records)))


@document.register
def _(result: Tally) -> dict[str, Any]:
    return _document(
        denominator=_denominator(result.dataset),
        file=result.file,
        column=result.column,
        files=[record_object_plain(source) for source in result.inputs],
        by_vin=result.by_vin,
        rows=result.rows,
        resolved=result.resolved,
        cars=result.cars,
        statuses={status.value: count for status, count in result.statuses.items()},
        markets={market.value: count for market, count in result.markets.items()},
        colours=tally_colours(result),
        unresolved=[unresolved_object(result.dataset, row) for row in result.unresolved],
        duplicates=[_car_rows(duplicate) for duplicate in result.duplicates],
        conflicts=[_car_rows(conflict) for conflict in result.conflicts],
        vin_problems=[record_object_plain(problem) for problem in result.vin_problems],
    )


@document.register
def _(result: TallyRows) -> dict[str, Any]:
    return _document(
        files=[record_object_plain(s) for s in result.tally.inputs],
        rows=[record_object_plain(row) for row in result.rows],
    )


def _car_rows(car: Duplicate | Conflict) -> dict[str, Any]:
    obj = record_object_plain(car)
    obj["rows"] = [record_object_plain(place) for place in car.rows]
    return obj


def unresolved_object(dataset: Dataset, row: Unresolved) -> dict[str, Any]:
    found = not_found_object(dataset, row.miss)
    return {"file": row.file, "line": row.line, "value": found.pop("query"), **found}


def tally_colours(tally: Tally) -> list[dict[str, Any]]:
    return [
        {
            "id": row.rarity.colour.id,
            "name": row.rarity.colour.name,
            "cars": row.cars,
            "share": row.share,
            "share_low": row.share_low,
            "share_high": row.share_high,
            "published": row.rarity.count,
            "cars_in_list": row.cars,
            "share_of_list": row.share,
            "count": row.rarity.count,
            "share_of_production": row.rarity.share,
            "rarity": row.rarity.tier,
        }
        for row in tally.colours
    ]


@document.register
def _(result: Validation) -> dict[str, Any]:
    return _document(
        path=result.path,
        valid=not result.problems,
        problems=[record_object_plain(problem) for problem in result.problems],
    )


@document.register
def _(result: Checks) -> dict[str, Any]:
    dataset = result.dataset
    return _document(
        claims=[claim_object(dataset, claim) for claim in result.claims],
        not_found=[not_found_object(dataset, miss) for miss in result.not_found],
    )


def claim_object(dataset: Dataset, claim: CheckedClaim) -> dict[str, Any]:
    """A claim and its verdict: the colour and market by id, the sources its message cites."""
    return {
        "text": claim.text,
        "colour": claim.colour.id if claim.colour is not None else None,
        "market": claim.market.id if claim.market is not None else None,
        "value": claim.value,
        "verdict": claim.verdict.value,
        "recorded": claim.recorded,
        "confidence": claim.confidence,
        "sources": source_refs(dataset, claim.sources),
        "message": claim.message,
    }


def record_object_plain(record: Record) -> dict[str, Any]:
    """A record without source ids, field by field; an enum by its value."""
    return {name: _plain(getattr(record, name)) for name in record.fields}


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


# --- JSON Lines -----------------------------------------------------------------------------------


@singledispatch
def lines(result: object) -> Iterator[str]:
    """The ``--jsonl`` lines of a command's result, produced one at a time."""
    raise TypeError(f"no JSON Lines for {type(result).__name__}")


@lines.register
def _(result: ColourAnswers) -> Iterator[str]:
    """One line per query, in order. Each colour object is encoded once, and the line of a query
    asked before is written again (a batch repeats a handful of spellings), from a memory
    bounded as the lookups' is."""
    colours: dict[str, str] = {}
    answered: dict[str, str] = {}
    for outcome in result.outcomes:
        line = answered.get(outcome.query)
        if line is None:
            if len(answered) >= MAX_REMEMBERED:
                answered.clear()
            line = answered[outcome.query] = _answer_line(result, outcome, colours)
        yield line


def _answer_line(result: ColourAnswers, outcome: Outcome, colours: dict[str, str]) -> str:
    if not isinstance(outcome, Found):
        return to_json_line(_document(**not_found_object(result.dataset, outcome)))
    colour_id = outcome.colour.id
    if colour_id not in colours:
        colour = colour_object(result.dataset, result.rarities[colour_id])
        colours[colour_id] = to_json_line(colour).rstrip("\n")
    head = _document(query=outcome.query, matched_by=outcome.matched_by)
    # The head's closing "}" and newline give way to the colour, encoded once above.
    return to_json_line(head)[:-2] + ',"colour":' + colours[colour_id] + "}\n"


@lines.register
def _(result: Tally) -> Iterator[str]:
    """One line per colour counted, then one per row whose colour did not resolve."""
    for colour in tally_colours(result):
        yield to_json_line(_document(**colour))
    for row in result.unresolved:
        yield to_json_line(_document(**unresolved_object(result.dataset, row)))


@lines.register
def _(result: TallyRows) -> Iterator[str]:
    """One line per input row, in file order."""
    for row in result.rows:
        yield to_json_line(_document(**record_object_plain(row)))
