"""CSV tables: what ``--csv`` writes, one row per colour, source, market figure or claim.

Each table's columns are the names of fields of the command's JSON objects (a test checks they
stay so), and each cell is that field's value: lists joined with "; ", sources by their ids.
Cells a spreadsheet would run as a formula are neutralised; see docs/robustness.md.
"""

from __future__ import annotations

import csv
import io
from functools import singledispatch
from typing import TYPE_CHECKING, Any

from m1lookup.io.text import safe_cell, spreadsheet_safe
from m1lookup.lookup.answers import ColourList, MarketList, SourceList, Tally
from m1lookup.lookup.rarity import Stats
from m1lookup.model.schema import PRODUCTION_FIGURES
from m1lookup.render.json import (
    colour_object,
    market_object,
    record_object,
    tally_colours,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from m1lookup.model.schema import Dataset

LIST_SEPARATOR = "; "
Table = tuple[tuple[str, ...], list[list[Any]]]

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
)


def to_csv(table: Table) -> str:
    header, rows = table
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if value is None else _cell(value) for value in row])
    return buffer.getvalue()


def _cell(value: Any) -> Any:
    # A cell that would run as a formula in a spreadsheet gets a leading ' (OWASP's advice).
    cell = _value(value)
    return spreadsheet_safe(cell) if isinstance(cell, str) else cell


def _value(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(str(_value(item)) for item in value)
    if isinstance(value, dict):
        value = value.get("id", value.get("hex", ""))  # a source by its id, a swatch by its hex
    # A terminal shows CSV too: control and bidi characters as visible escapes, as everywhere.
    return safe_cell(value) if isinstance(value, str) else value


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
        figures = market["figures"] or [dict.fromkeys(MARKET_COLUMNS)]
        for figure in figures:
            rows.append(
                [market["id"], market["name"]]
                + [figure[column] for column in MARKET_COLUMNS[2:-1]]
                + [_cited(result.dataset, figure["note"] if market["figures"] else market["note"])]
            )
    return tuple(MARKET_COLUMNS), rows


@table.register
def _(result: Tally) -> Table:
    return _columns(TALLY_COLUMNS, tally_colours(result))


def _cited(dataset: Dataset, note: str | None) -> str | None:
    """A note with its citations as numbers, as on screen."""
    return dataset.cited(note) if note else None
