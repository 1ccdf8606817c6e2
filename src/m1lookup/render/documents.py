"""Machine-readable output: JSON documents and CSV tables, written with the standard library.

Nothing here imports Rich, so ``--json`` and ``--csv`` never pay for it and never wrap.
The JSON contract is documented in docs/json.md and schema/m1lookup.schema.json.
"""

from __future__ import annotations

import functools
import io
import json
from typing import TYPE_CHECKING, Any

from m1lookup.text import json_escaped, safe_cell, spreadsheet_safe

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from m1lookup.dataset import Claim, Colour, Dataset, Figure, Market
    from m1lookup.query import NotFound, Outcome, Rarity, Stats
    from m1lookup.tally import Tally
    from m1lookup.validation import Problem

SCHEMA_VERSION = 1
LIST_SEPARATOR = "; "


def to_json(document: dict[str, Any]) -> str:
    """``json.dumps(document, ensure_ascii=False, indent=2)`` and a newline (see json_bytes).

    Control and bidi characters that json leaves raw (DEL, C1, U+202E ...) are ``\\u`` escapes,
    so that JSON shown in a terminal cannot drive it; a parser reads the same strings.
    """
    return json_bytes(document).decode("utf-8")


def json_bytes(document: dict[str, Any]) -> bytes:
    """:func:`to_json`'s text, encoded as UTF-8.

    With an indent, the json module encodes in pure Python value by value, and 10,000 answers
    on stdin took half a second. Here the json module still encodes every string and number, but
    a dict or list that occurs more than once (colour_document shares them) is encoded once, and
    the bytes are joined once at the end. A string with a lone surrogate, which UTF-8 cannot
    carry, is written with ``\\u`` escapes.
    """
    return _JsonBytes(document).encode() + b"\n"


_SCALARS = json.JSONEncoder(ensure_ascii=False)
_INDENT = "  "
Container = dict[Any, Any] | list[Any] | tuple[Any, ...]


class _JsonBytes:
    def __init__(self, document: Any) -> None:
        self.document = document
        self.shared = _shared_containers(document)
        self.encoded: dict[tuple[int, int], bytes] = {}  # (id, depth) of a shared container

    def encode(self) -> bytes:
        pieces: list[bytes] = []
        self.value(self.document, 0, pieces)
        return b"".join(pieces)

    def value(self, value: Any, depth: int, pieces: list[bytes]) -> None:
        if not isinstance(value, dict | list | tuple):
            pieces.append(_scalar(value))
        elif id(value) in self.shared:
            key = (id(value), depth)
            encoded = self.encoded.get(key)
            if encoded is None:
                own: list[bytes] = []
                self.container(value, depth, own)
                encoded = self.encoded[key] = b"".join(own)
            pieces.append(encoded)
        else:
            self.container(value, depth, pieces)

    def container(self, value: Container, depth: int, pieces: list[bytes]) -> None:
        if not value:
            pieces.append(b"{}" if isinstance(value, dict) else b"[]")
            return
        first, later, closing = _punctuation(depth, isinstance(value, dict))
        separator = first
        if isinstance(value, dict):
            for key, item in value.items():
                pieces.append(separator + _key(key))
                self.value(item, depth + 1, pieces)
                separator = later
        else:
            for item in value:
                pieces.append(separator)
                self.value(item, depth + 1, pieces)
                separator = later
        pieces.append(closing)


@functools.cache
def _punctuation(depth: int, is_dict: bool) -> tuple[bytes, bytes, bytes]:
    """Before the first item, before every later item, and at the end of a container."""
    inner = "\n" + _INDENT * (depth + 1)
    opening, closing = ("{", "}") if is_dict else ("[", "]")
    return (
        (opening + inner).encode(),
        ("," + inner).encode(),
        ("\n" + _INDENT * depth + closing).encode(),
    )


@functools.cache
def _key(key: str) -> bytes:
    return _scalar(key) + b": "


def _scalar(value: Any) -> bytes:
    try:
        return json_escaped(_SCALARS.encode(value)).encode("utf-8")
    except UnicodeEncodeError:
        # A lone surrogate (undecodable bytes in an argument) has no UTF-8 form: escape it.
        return json.dumps(value).encode("ascii")


def _shared_containers(document: Any) -> set[int]:
    """The ids of the dicts and lists that occur more than once in ``document``."""
    seen: set[int] = set()
    shared: set[int] = set()
    pending = [document]
    while pending:
        value = pending.pop()
        if id(value) in seen:
            shared.add(id(value))
            continue
        seen.add(id(value))
        for item in value.values() if isinstance(value, dict) else value:
            if isinstance(item, dict | list | tuple):
                pending.append(item)
    return shared


def _document(**fields: Any) -> dict[str, Any]:
    return {"schema_version": SCHEMA_VERSION, **fields}


def source_refs(dataset: Dataset, source_ids: Iterable[str]) -> list[dict[str, Any]]:
    refs = []
    for source_id in source_ids:
        source = dataset.source(source_id)
        refs.append(
            {
                "number": source.number,
                "id": source.id,
                "title": source.title,
                "url": source.url,
                "kind": source.kind,
            }
        )
    return refs


def colour_object(dataset: Dataset, rarity: Rarity) -> dict[str, Any]:
    colour = rarity.colour
    return {
        "id": colour.id,
        "name": colour.name,
        "name_de": colour.name_de,
        "aliases": list(colour.aliases),
        "paint_code": colour.paint_code,
        "paint_code_confidence": colour.paint_code_confidence,
        "paint_code_sources": source_refs(dataset, colour.paint_code_sources),
        "programme": colour.programme,
        "finish": colour.finish,
        "swatch": _swatch(colour),
        "count": rarity.count,
        "share": rarity.share,
        "one_in": rarity.one_in,
        "rarity": rarity.tier,
        "rank": rarity.rank,
        "confidence": colour.confidence,
        "sources": source_refs(dataset, colour.sources),
        "notes": colour.notes,
    }


def _swatch(colour: Colour) -> dict[str, Any] | None:
    if colour.swatch is None:
        return None
    return {"hex": colour.swatch, "approximate": True, "note": colour.swatch_note}


def _denominator(dataset: Dataset) -> dict[str, Any]:
    return {"customer_cars": dataset.production.customer_cars.value}


def not_found_object(miss: NotFound) -> dict[str, Any]:
    return {
        "query": miss.query,
        "reason": miss.reason,
        "suggestions": [colour.name for colour in miss.suggestions],
    }


def colour_document(
    dataset: Dataset, outcomes: Sequence[Outcome], rarities: dict[str, Rarity]
) -> dict[str, Any]:
    from m1lookup.query import Found

    results = []
    not_found = []
    # A batch repeats itself: one object per colour and per answer, so that to_json encodes each
    # once (the document is the same as with a fresh object for every answer).
    colours: dict[str, dict[str, Any]] = {}
    answers: dict[tuple[str, str, str], dict[str, Any]] = {}
    for outcome in outcomes:
        if isinstance(outcome, Found):
            colour_id = outcome.colour.id
            key = (outcome.query, outcome.matched_by, colour_id)
            answer = answers.get(key)
            if answer is None:
                colour = colours.get(colour_id)
                if colour is None:
                    colour = colours[colour_id] = colour_object(dataset, rarities[colour_id])
                answer = answers[key] = {
                    "query": outcome.query,
                    "matched_by": outcome.matched_by,
                    "colour": colour,
                }
            results.append(answer)
        else:
            not_found.append(not_found_object(outcome))
    return _document(denominator=_denominator(dataset), results=results, not_found=not_found)


def list_document(dataset: Dataset, rows: Sequence[Rarity]) -> dict[str, Any]:
    colours = [colour_object(dataset, row) for row in rows]
    return _document(denominator=_denominator(dataset), colours=colours)


def sources_document(dataset: Dataset) -> dict[str, Any]:
    sources = [
        {
            "number": s.number,
            "id": s.id,
            "title": s.title,
            "publisher": s.publisher,
            "date": s.date,
            "url": s.url,
            "kind": s.kind,
        }
        for s in dataset.sources
    ]
    return _document(sources=sources)


def _figure(dataset: Dataset, figure: Figure) -> dict[str, Any]:
    return {
        "value": figure.value,
        "confidence": figure.confidence,
        "sources": source_refs(dataset, figure.sources),
        "note": figure.note,
    }


def _claim(dataset: Dataset, claim: Claim) -> dict[str, Any]:
    return {
        "topic": claim.topic,
        "value": claim.value,
        "used": claim.used,
        "confidence": claim.confidence,
        "sources": source_refs(dataset, claim.sources),
        "note": claim.note,
    }


def stats_document(result: Stats) -> dict[str, Any]:
    dataset = result.dataset
    production = dataset.production
    return _document(
        denominator=_denominator(dataset),
        production={
            "plant": production.plant,
            "start": production.start.date,
            "end": production.end.date,
            "built": production.built.value,
            "customer_cars": production.customer_cars.value,
            "internal_cars": production.internal_cars.value,
            "planned_cap": production.planned_cap.value,
            "individual_cars": production.individual_cars.value,
            "figures": {
                name: _figure(dataset, getattr(production, name))
                for name in (
                    "built",
                    "customer_cars",
                    "internal_cars",
                    "planned_cap",
                    "individual_cars",
                )
            },
            "claims": [_claim(dataset, claim) for claim in dataset.claims],
        },
        colours=[colour_object(dataset, row) for row in result.ranked],
        known={
            "cars_with_published_colour": result.known_total,
            "colours_with_count": [r.colour.id for r in result.ranked if r.count is not None],
            "colours_without_count": [colour.id for colour in result.unknown_colours],
        },
    )


def markets_document(dataset: Dataset) -> dict[str, Any]:
    return _document(markets=[market_object(dataset, market) for market in dataset.markets])


def market_object(dataset: Dataset, market: Market) -> dict[str, Any]:
    return {
        "id": market.id,
        "name": market.name,
        "note": market.note,
        "sources": source_refs(dataset, market.sources),
        "colour_order": [dataset.colour(colour_id).name for colour_id in market.colour_order],
        "colour_order_sources": source_refs(dataset, market.colour_order_sources),
        "colour_note": market.colour_note,
        "figures": [
            {
                "kind": figure.kind,
                "value": figure.value,
                "qualifier": figure.qualifier,
                "used": figure.used,
                "confidence": figure.confidence,
                "sources": source_refs(dataset, figure.sources),
                "note": figure.note,
            }
            for figure in market.figures
        ],
    }


# --- CSV ---------------------------------------------------------------------------------------


def to_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if value is None else _csv_cell(value) for value in row])
    return buffer.getvalue()


def _csv_cell(value: Any) -> Any:
    # A cell that would run as a formula in a spreadsheet gets a leading ' (OWASP's advice).
    cell = _csv_value(value)
    return spreadsheet_safe(cell) if isinstance(cell, str) else cell


def _csv_value(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(_csv_value(item) for item in value)
    if isinstance(value, dict):
        value = value.get("id", value.get("hex", ""))
    # A terminal shows CSV too: control and bidi characters as visible escapes, as everywhere.
    return safe_cell(value) if isinstance(value, str) else value


COLOUR_CSV_FIELDS = (
    "rank",
    "id",
    "name",
    "name_de",
    "programme",
    "paint_code",
    "count",
    "share",
    "one_in",
    "rarity",
    "confidence",
    "sources",
)


def colours_csv(dataset: Dataset, rows: Sequence[Rarity]) -> str:
    objects = [colour_object(dataset, row) for row in rows]
    return to_csv(
        COLOUR_CSV_FIELDS, ([obj[field] for field in COLOUR_CSV_FIELDS] for obj in objects)
    )


SOURCE_CSV_FIELDS = ("number", "id", "kind", "title", "publisher", "date", "url")


def sources_csv(dataset: Dataset) -> str:
    objects = sources_document(dataset)["sources"]
    return to_csv(
        SOURCE_CSV_FIELDS, ([obj[field] for field in SOURCE_CSV_FIELDS] for obj in objects)
    )


MARKET_CSV_FIELDS = (
    "market_id",
    "market",
    "kind",
    "qualifier",
    "value",
    "used",
    "confidence",
    "sources",
    "note",
)


def markets_csv(dataset: Dataset) -> str:
    rows = []
    for market in markets_document(dataset)["markets"]:
        figures = market["figures"] or [dict.fromkeys(MARKET_CSV_FIELDS)]
        for figure in figures:
            rows.append(
                [market["id"], market["name"]]
                + [figure[field] for field in MARKET_CSV_FIELDS[2:-1]]
                + [figure["note"] if market["figures"] else market["note"]]
            )
    return to_csv(MARKET_CSV_FIELDS, rows)


def tally_document(dataset: Dataset, tally: Tally) -> dict[str, Any]:
    return _document(
        denominator=_denominator(dataset),
        file=tally.file,
        column=tally.column,
        rows=tally.rows,
        resolved=tally.resolved,
        colours=_tally_colours(tally),
        unresolved=[
            {
                "line": row.line,
                "value": row.miss.query,
                "reason": row.miss.reason,
                "suggestions": [colour.name for colour in row.miss.suggestions],
            }
            for row in tally.unresolved
        ],
    )


def _tally_colours(tally: Tally) -> list[dict[str, Any]]:
    return [
        {
            "id": row.rarity.colour.id,
            "name": row.rarity.colour.name,
            "cars_in_list": row.cars_in_list,
            "share_of_list": row.share_of_list,
            "count": row.rarity.count,
            "share_of_production": row.rarity.share,
            "rarity": row.rarity.tier,
        }
        for row in tally.colours
    ]


TALLY_CSV_FIELDS = (
    "id",
    "name",
    "cars_in_list",
    "share_of_list",
    "count",
    "share_of_production",
    "rarity",
)


def tally_csv(tally: Tally) -> str:
    objects = _tally_colours(tally)
    return to_csv(TALLY_CSV_FIELDS, ([obj[field] for field in TALLY_CSV_FIELDS] for obj in objects))


def problems_document(path: str, problems: Sequence[Problem]) -> dict[str, Any]:
    return _document(
        path=path,
        valid=not problems,
        problems=[{"location": p.location, "line": p.line, "message": p.message} for p in problems],
    )
