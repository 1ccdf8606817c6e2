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
from json.encoder import encode_basestring  # the string encoder of json.dumps(ensure_ascii=False)
from typing import TYPE_CHECKING, Any

from m1lookup.io.text import json_escaped
from m1lookup.load.problems import Validation
from m1lookup.lookup.answers import (
    Blank,
    CheckedClaim,
    Checks,
    ColourAnswers,
    ColourList,
    ColourStream,
    MarketList,
    SourceList,
    SourceMiss,
    Tally,
    TallyRows,
    cited_sources,
    colour_sources,
    market_counts,
)
from m1lookup.lookup.query import MAX_REMEMBERED, Found, Miss, NotFound
from m1lookup.lookup.rarity import Stats
from m1lookup.model.records import Record
from m1lookup.model.schema import PRODUCTION_DATES, PRODUCTION_FIGURES

if TYPE_CHECKING:
    from collections.abc import Iterable

    from m1lookup.lookup.answers import Conflict, Duplicate, Unresolved
    from m1lookup.lookup.query import Outcome
    from m1lookup.lookup.rarity import Rarity
    from m1lookup.model.schema import Colour, Dataset, Market

JSON_SCHEMA_VERSION = 2  # of the JSON documents; docs/json.md lists what each version changed
SOURCE_REF_FIELDS = ("number", "id", "title", "title_is_description", "url", "kind")


def to_json(document: dict[str, Any]) -> str:
    """``document`` as indented JSON text and a newline: :func:`json_chunks`, joined."""
    return "".join(json_chunks(document))


class Shared(dict[str, Any]):
    """A JSON object that a document holds many times (a colour asked for under 40,000 names):
    :func:`json_chunks` encodes it once for each depth it appears at."""

    __slots__ = ()


def json_chunks(document: dict[str, Any], size: int = 1 << 16) -> Iterator[str]:
    """``document`` as indented JSON text and a newline, in pieces of about ``size`` characters
    (more where one array item is larger), written as it is encoded; each :class:`Shared`
    object is encoded once.

    Joined, the pieces are ``json.dumps(document, indent=2, ensure_ascii=False)`` and a newline,
    except that control and bidi characters that json leaves raw (DEL, C1, U+202E ...) and lone
    surrogates (from undecodable arguments, which UTF-8 cannot carry) are ``\\u`` escapes, so
    that JSON shown in a terminal cannot drive it; a parser reads the same strings.
    """
    encoder = _Encoder()
    parts = encoder.parts
    if not document:
        parts.append("{}")
    for number, (key, value) in enumerate(document.items()):
        parts.append(("{\n  " if number == 0 else ",\n  ") + _string(key) + ": ")
        if not isinstance(value, list) or not value:
            encoder.value(value, 1)
            continue
        # The documents' long arrays (results, colours, sources) are at the top: they are
        # written an item at a time.
        for index, item in enumerate(value):
            parts.append("[\n    " if index == 0 else ",\n    ")
            encoder.value(item, 2)
            if encoder.length() >= size:
                yield encoder.flush()
        parts.append("\n  ]")
    parts.append("\n}\n" if document else "\n")
    yield encoder.flush()


def _string(text: str) -> str:
    return json_escaped(encode_basestring(text))


class _Encoder:
    """Python's indent encoder, but one that stops at a Shared object and reuses its text:
    ``json.dumps`` with ``indent`` runs in pure Python, and encoding one colour object 100,000
    times took 28 s."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.shared: dict[tuple[int, int], str] = {}
        self._counted = 0  # characters in parts[:_counted_parts]
        self._counted_parts = 0

    def length(self) -> int:
        """Characters waiting to be written, counted once each."""
        parts = self.parts
        self._counted += sum(map(len, parts[self._counted_parts :]))
        self._counted_parts = len(parts)
        return self._counted

    def flush(self) -> str:
        text = "".join(self.parts)
        self.parts.clear()
        self._counted = self._counted_parts = 0
        return text

    def value(self, value: Any, depth: int) -> None:
        if isinstance(value, str):
            self.parts.append(_string(value))
        elif isinstance(value, Shared):
            self.parts.append(self._shared(value, depth))
        elif isinstance(value, dict):
            self._object(value, depth)
        elif isinstance(value, (list, tuple)):
            self._array(value, depth)
        else:
            self.parts.append(json.dumps(value))

    def _object(self, obj: dict[str, Any], depth: int) -> None:
        parts = self.parts
        if not obj:
            parts.append("{}")
            return
        separator = ",\n" + "  " * (depth + 1)
        first = True
        for key, item in obj.items():
            parts.append(("{" + separator[1:] if first else separator) + _string(key) + ": ")
            first = False
            self.value(item, depth + 1)
        parts.append("\n" + "  " * depth + "}")

    def _array(self, items: list[Any] | tuple[Any, ...], depth: int) -> None:
        parts = self.parts
        if not items:
            parts.append("[]")
            return
        separator = ",\n" + "  " * (depth + 1)
        first = True
        for item in items:
            parts.append("[" + separator[1:] if first else separator)
            first = False
            self.value(item, depth + 1)
        parts.append("\n" + "  " * depth + "]")

    def _shared(self, value: Shared, depth: int) -> str:
        key = (id(value), depth)  # the document holds every Shared object: no id is reused
        text = self.shared.get(key)
        if text is None:
            if len(self.shared) >= MAX_REMEMBERED:  # bounded: 100,000 spellings each once
                self.shared.clear()
            outer, self.parts = self.parts, []
            self._object(value, depth)
            text = self.shared[key] = "".join(self.parts)
            self.parts = outer
        return text


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


def _found_head(dataset: Dataset, found: Found) -> dict[str, Any]:
    """What a found name says of its match: how, and the search spellings it rests on."""
    return {
        "query": found.query,
        "matched_by": found.matched_by,
        "search_spellings": [record_object(dataset, s) for s in found.search_spellings],
    }


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


# Implementations are registered by class, not by annotation: reading the annotations
# (typing.get_type_hints) would evaluate them at every start.
@singledispatch
def document(result: object) -> dict[str, Any]:
    """The ``--json`` document of a command's result."""
    raise TypeError(f"no JSON document for {type(result).__name__}")


@document.register(ColourAnswers)
def _(result: ColourAnswers) -> dict[str, Any]:
    results: list[Shared] = []
    not_found: list[Shared] = []
    colours: dict[str, Shared] = {}  # one object per colour, however often it is asked
    # One object per query too (a batch repeats a handful of spellings), from a memory bounded
    # as the lookups' is.
    answered: dict[str, Shared] = {}
    for outcome in result.outcomes:
        answer = answered.get(outcome.query)
        if answer is None:
            if len(answered) >= MAX_REMEMBERED:
                answered.clear()
            answer = answered[outcome.query] = Shared(_answer_object(result, outcome, colours))
        (results if isinstance(outcome, Found) else not_found).append(answer)
    return _document(denominator=_denominator(result.dataset), results=results, not_found=not_found)


def _answer_object(
    result: ColourAnswers, outcome: Outcome, colours: dict[str, Shared]
) -> dict[str, Any]:
    if not isinstance(outcome, Found):
        return not_found_object(result.dataset, outcome)
    colour_id = outcome.colour.id
    if colour_id not in colours:
        colours[colour_id] = Shared(colour_object(result.dataset, result.rarities[colour_id]))
    return {**_found_head(result.dataset, outcome), "colour": colours[colour_id]}


@document.register(ColourList)
def _(result: ColourList) -> dict[str, Any]:
    colours = [colour_object(result.dataset, row) for row in result.rows]
    return _document(denominator=_denominator(result.dataset), colours=colours)


@document.register(SourceList)
def _(result: SourceList) -> dict[str, Any]:
    sources = [record_object(result.dataset, source) for source in result.sources]
    return _document(sources=sources, not_found=[miss_object(miss) for miss in result.misses])


def miss_object(miss: SourceMiss) -> dict[str, Any]:
    """A name that named no source, as ``not_found`` lists a miss in every document."""
    return {
        "query": miss.query,
        "reason": Miss.NO_MATCH.value,
        "message": miss.message,
        "suggestions": list(miss.suggestions),
    }


@document.register(Stats)
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


@document.register(MarketList)
def _(result: MarketList) -> dict[str, Any]:
    dataset = result.dataset
    markets = [market_object(dataset, market) for market in result.markets]
    counts = [count for market in result.markets for _, count in market_counts(dataset, market)]
    return _document(markets=markets, sources=_cited(dataset, (*result.markets, *counts)))


def _cited(dataset: Dataset, records: Iterable[Record]) -> list[dict[str, Any]]:
    """Every source the records cite, as a figure's sources or in a note: a document's
    ``sources``, in which each of its notes' citations is found."""
    return source_refs(dataset, (source.id for source in cited_sources(dataset, records)))


@document.register(Tally)
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


@document.register(TallyRows)
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


@document.register(Validation)
def _(result: Validation) -> dict[str, Any]:
    return _document(
        path=result.path,
        valid=not result.problems,
        problems=[record_object_plain(problem) for problem in result.problems],
    )


@document.register(Checks)
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


@lines.register(ColourStream)
def _(result: ColourStream) -> Iterator[str]:
    """One line per input line, in order, with its line number and its outcome: ``found``,
    ``not_found`` or ``blank``. Each colour object is encoded once, and the rest of the line of a
    query asked before is written again (a batch repeats a handful of spellings), from a memory
    bounded as the lookups' is."""
    colours: dict[str, str] = {}
    answered: dict[str, str] = {}
    for line, outcome in result.answers:
        # A whole number or None, as json.dumps writes it, without a call per line.
        number = "null" if line is None else int(line)
        head = f'{{"schema_version":{JSON_SCHEMA_VERSION},"line":{number},'
        if isinstance(outcome, Blank):
            yield head + '"outcome":"blank"}\n'
            continue
        rest = answered.get(outcome.query)
        if rest is None:
            if len(answered) >= MAX_REMEMBERED:
                answered.clear()
            rest = answered[outcome.query] = _answer_rest(result, outcome, colours)
        yield head + rest


def _answer_rest(result: ColourStream, outcome: Outcome, colours: dict[str, str]) -> str:
    """An answer's line after its line number: from ``"outcome"`` to the newline."""
    if not isinstance(outcome, Found):
        miss = {"outcome": "not_found", **not_found_object(result.dataset, outcome)}
        return to_json_line(miss)[1:]
    colour_id = outcome.colour.id
    if colour_id not in colours:
        colour = colour_object(result.dataset, result.rarities[colour_id])
        colours[colour_id] = to_json_line(colour).rstrip("\n")
    head = {"outcome": "found", **_found_head(result.dataset, outcome)}
    # The head's opening "{", closing "}" and newline give way to the line's start and the
    # colour, encoded once above.
    return to_json_line(head)[1:-2] + ',"colour":' + colours[colour_id] + "}\n"


@lines.register(Tally)
def _(result: Tally) -> Iterator[str]:
    """One line per colour counted, then one per row whose colour did not resolve."""
    for colour in tally_colours(result):
        yield to_json_line(_document(**colour))
    for row in result.unresolved:
        yield to_json_line(_document(**unresolved_object(result.dataset, row)))


@lines.register(TallyRows)
def _(result: TallyRows) -> Iterator[str]:
    """One line per input row, in file order."""
    for row in result.rows:
        yield to_json_line(_document(**record_object_plain(row)))
