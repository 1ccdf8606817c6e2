"""CSV tables: what ``--csv`` writes, one row per colour, source, market figure or claim.

Each table's columns are the names of fields of the command's JSON objects (a test checks they
stay so), and each cell is that field's value: lists joined with "; ", sources by their numbers
("[21] [42]"), as the notes cite them.
Cells a spreadsheet would run as a formula are neutralised; see docs/robustness.md.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from functools import singledispatch
from typing import TYPE_CHECKING, Any

from m1lookup.io.text import safe_cell, spreadsheet_safe
from m1lookup.lookup.answers import Checks, ColourList, MarketList, SourceList, Tally, TallyRows
from m1lookup.lookup.rarity import Stats
from m1lookup.model.schema import PRODUCTION_FIGURES
from m1lookup.render.json import (
    claim_object,
    colour_object,
    market_object,
    record_object,
    tally_colours,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from m1lookup.lookup.answers import RowPlace
    from m1lookup.model.schema import Dataset

LIST_SEPARATOR = "; "
Table = tuple[tuple[str, ...], Iterable[list[Any]]]

COLOUR_COLUMNS = (
    "rank",
    "id",
    "name",
    "name_de",
    "name_de_confidence",
    "programme",
    "programme_confidence",
    "paint_code",
    "paint_code_confidence",
    "finish",
    "finish_confidence",
    "count",
    "count_confidence",
    "share",
    "one_in",
    "rarity",
    "sources",
)
# stats --csv: the production figures, then every reported claim, one row each.
FIGURE_COLUMNS = ("kind", "topic", "value", "used", "confidence", "sources", "note")
SOURCE_COLUMNS = (
    "number",
    "id",
    "kind",
    "title",
    "title_is_description",
    "publisher",
    "date",
    "url",
)
MARKET_COLUMNS = (
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
TALLY_COLUMNS = (
    "id",
    "name",
    "cars_in_list",
    "share_of_list",
    "count",
    "share_of_production",
    "rarity",
    "cars",
    "share",
    "share_low",
    "share_high",
    "published",
    # tally's rows that were not counted, after the colours: one each, with why
    "status",
    "file",
    "line",
    "vin",
    "value",
    "problem",
)
TALLY_ROW_COLUMNS = ("file", "line", "vin", "value", "colour", "status")

CLAIM_COLUMNS = (
    "text",
    "colour",
    "market",
    "value",
    "verdict",
    "recorded",
    "confidence",
    "sources",
    "message",
)


def to_csv(table: Table) -> str:
    return "".join(csv_lines(table))


def csv_lines(table: Table) -> Iterator[str]:
    """The table's CSV text a line at a time: ``tally --rows`` may have a million rows."""
    header, rows = table
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if value is None else _cell(value) for value in row])
        if buffer.tell() > 65536:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _cell(value: Any) -> Any:
    # A cell that would run as a formula in a spreadsheet gets a leading ' (OWASP's advice).
    cell = _value(value)
    return spreadsheet_safe(cell) if isinstance(cell, str) else cell


def _value(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple) and value and all(_is_source(item) for item in value):
        return " ".join(f"[{n}]" for n in sorted({item["number"] for item in value}))
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(str(_value(item)) for item in value)
    if isinstance(value, dict):
        value = value.get("id", value.get("hex", ""))  # a source by its id, a swatch by its hex
    # A terminal shows CSV too: control and bidi characters as visible escapes, as everywhere.
    return safe_cell(value) if isinstance(value, str) else value


def _is_source(item: Any) -> bool:
    """A source reference: a sources cell cites it by number, "[21] [42]", as the notes do."""
    return isinstance(item, dict) and "number" in item and "url" in item


def _columns(columns: Sequence[str], objects: Iterable[dict[str, Any]]) -> Table:
    return tuple(columns), [[obj[column] for column in columns] for obj in objects]


@singledispatch
def table(result: object) -> Table:
    """The ``--csv`` table of a command's result."""
    raise TypeError(f"no CSV table for {type(result).__name__}")


@table.register
def _(result: ColourList) -> Table:
    return _columns(COLOUR_COLUMNS, (colour_object(result.dataset, row) for row in result.rows))


@table.register
def _(result: Stats) -> Table:
    dataset = result.dataset
    production = dataset.production
    rows: list[dict[str, Any]] = []
    for name in ("start", "end", *PRODUCTION_FIGURES):
        figure = record_object(dataset, getattr(production, name))
        value = figure.pop("date", None) or figure.pop("value")
        rows.append({"kind": "production", "topic": name, "value": value, "used": True, **figure})
    for claim in dataset.claims:
        rows.append({"kind": "claim", **record_object(dataset, claim)})
    for row in rows:
        row["note"] = _cited(dataset, row["note"])
    return _columns(FIGURE_COLUMNS, rows)


@table.register
def _(result: SourceList) -> Table:
    objects = (record_object(result.dataset, source) for source in result.sources)
    return _columns(SOURCE_COLUMNS, objects)


@table.register
def _(result: MarketList) -> Table:
    rows = []
    for market in (market_object(result.dataset, m) for m in result.markets):
        # A market with no figure: one row with the market's note and the market's sources.
        figures = market["figures"] or [
            {**dict.fromkeys(MARKET_COLUMNS), "sources": market["sources"]}
        ]
        for figure in figures:
            rows.append(
                [market["id"], market["name"]]
                + [figure[column] for column in MARKET_COLUMNS[2:-1]]
                + [_cited(result.dataset, figure["note"] if market["figures"] else market["note"])]
            )
    return tuple(MARKET_COLUMNS), rows


@table.register
def _(result: Tally) -> Table:
    """The colours counted (status "counted"), then every row left out and every conflict."""
    rows: list[dict[str, Any]] = [{"status": "counted", **c} for c in tally_colours(result)]
    flagged = {(p.file, p.line) for p in result.vin_problems}
    left_out: list[dict[str, Any]] = [
        {"status": problem.status.value, "file": problem.file, "line": problem.line}
        | {"vin": problem.vin, "problem": f"{problem.severity.value}: {problem.problem}"}
        for problem in result.vin_problems
    ]
    for unresolved in result.unresolved:
        if (unresolved.file, unresolved.line) not in flagged:
            status = "blank" if not unresolved.miss.query.strip() else "unknown colour"
            left_out.append(
                {"status": status, "file": unresolved.file, "line": unresolved.line}
                | {"value": unresolved.miss.query, "problem": unresolved.miss.message}
            )
    rows += sorted(left_out, key=lambda row: result.order(row["file"], row["line"]))
    for conflict in result.conflicts:
        rows.append(
            {"status": "conflict", "vin": conflict.vin, "value": list(conflict.colours)}
            | {"file": conflict.rows[0].file, "line": conflict.rows[0].line}
            | {"problem": _rows_text(conflict.rows)}
        )
    return tuple(TALLY_COLUMNS), [[row.get(column) for column in TALLY_COLUMNS] for row in rows]


def _rows_text(places: Iterable[RowPlace]) -> str:
    return "rows " + ", ".join(f"{place.file}:{place.line}" for place in places)


@table.register
def _(result: TallyRows) -> Table:
    rows = (
        [row.file, row.line, row.vin, row.value, row.colour, row.status.value]
        for row in result.rows
    )
    return TALLY_ROW_COLUMNS, rows


@table.register
def _(result: Checks) -> Table:
    return _columns(CLAIM_COLUMNS, (claim_object(result.dataset, c) for c in result.claims))


def _cited(dataset: Dataset, note: str | None) -> str | None:
    """A note with its citations as numbers, as on screen."""
    return dataset.cited(note) if note else None
