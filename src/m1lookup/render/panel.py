"""A colour's panel: each figure with its own confidence and sources, and the sources below."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich import box
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.text import Text

from m1lookup.io.text import cars, safe
from m1lookup.lookup.answers import colour_sources
from m1lookup.lookup.rarity import tier_meaning
from m1lookup.render.console import Swatch
from m1lookup.render.layout import label_grid
from m1lookup.render.pieces import (
    PROGRAMME_LABELS,
    UNKNOWN,
    cited,
    confidence_note,
    muted,
    number,
    percent,
    source_block,
    text,
)

if TYPE_CHECKING:
    from m1lookup.lookup.rarity import Rarity
    from m1lookup.model.schema import Colour, Dataset, SearchSpelling


def _swatch(colour_hex: str | None, note: str | None) -> RenderableType:
    if colour_hex is None:
        return muted("none")
    description = Text(f"{colour_hex} approximate")
    if note:
        description.append(f" ({safe(note)})", style="dim")
    return Swatch(colour_hex, description)


def colour_panel(
    dataset: Dataset,
    rarity: Rarity,
    query: str | None = None,
    rests_on: tuple[SearchSpelling, ...] = (),
) -> Group:
    """The colour's figures in a panel, each with its confidence and sources; below it, every
    source the panel cites, with its address. ``rests_on``: the search spellings (no source
    gives them) that the query was matched by, each told with its note."""
    colour = rarity.colour
    grid = label_grid()
    for search in rests_on:
        found_by = text(f"“{search.spelling}”: ", style="yellow")
        found_by.append_text(cited(dataset, search.note))
        grid.add_row("Found by", found_by)
    grid.add_row("German name", _figure(dataset, colour, "name_de", "none published"))
    if colour.aliases:
        aliases = text(", ".join(colour.aliases))
        aliases.append("  (search spellings, not official names)", style="dim")
        grid.add_row("Aliases", aliases)
    grid.add_row(
        "Paint code", _figure(dataset, colour, "paint_code", "unknown: no reliable source")
    )
    if colour.paint_code_note:
        grid.add_row("", cited(dataset, colour.paint_code_note, style="dim"))
    programme = PROGRAMME_LABELS.get(colour.programme, colour.programme)
    grid.add_row("Programme", _figure(dataset, colour, "programme", shown=programme))
    grid.add_row("Finish", _figure(dataset, colour, "finish", UNKNOWN))
    grid.add_row("Swatch", _swatch(colour.swatch, colour.swatch_note))
    for label, value in _count_rows(dataset, rarity):
        grid.add_row(label, value)
    grid.add_row("Rarity", Text(_tier_label(rarity)))
    if colour.notes:
        grid.add_row("Notes", cited(dataset, colour.notes))
    sources = colour_sources(dataset, colour)
    grid.add_row("Sources", Text(f"{dataset.numbers(s.id for s in sources)}, below"))
    title = text(colour.name, style="bold")
    if query is not None and query != colour.name:
        title.append(f"  (from “{safe(query)}”)", style="dim")
    title.overflow = "ellipsis"  # a panel's title is one line: a cut must show
    panel = Panel(grid, title=title, title_align="left", box=box.ROUNDED, expand=False)
    heading = Text(f"Sources for {safe(colour.name)}", style="bold")
    return Group(panel, heading, source_block(sources))


def _figure(
    dataset: Dataset, colour: Colour, name: str, unknown: str = UNKNOWN, shown: str | None = None
) -> Text:
    """A sourced figure with its confidence and sources beside it; unknown, with neither."""
    value = getattr(colour, name)
    if value is None:
        return muted(unknown)
    figure = text(shown if shown is not None else value)
    confidence = getattr(colour, f"{name}_confidence")
    figure.append_text(confidence_note(dataset, confidence, getattr(colour, f"{name}_sources")))
    return figure


def _count_rows(dataset: Dataset, rarity: Rarity) -> list[tuple[str, Text]]:
    colour = rarity.colour
    denominator = dataset.production.customer_cars.value
    rows: list[tuple[str, Text]] = []
    if rarity.count is None:
        rows.append(("Count", Text("unknown: no source has published a worldwide count", "yellow")))
    else:
        count = Text(f"{cars(rarity.count)}: " + _one_of(rarity.count))
        count.append_text(confidence_note(dataset, colour.count_confidence, colour.count_sources))
        rows.append(("Count", count))
    if colour.count_note:
        rows.append(("", cited(dataset, colour.count_note, style="dim")))
    for market_count in colour.market_counts:
        market = dataset.market(market_count.market)
        line = text(f"{market.name}: {market_count.value:,} {market_count.kind}")
        line.append_text(confidence_note(dataset, market_count.confidence, market_count.sources))
        line.append("; one market, not worldwide", style="dim")
        rows.append(("In a market", line))
    if rarity.count is None:
        rows.append(("Share", muted(f"unknown (of {denominator:,} customer cars)")))
        rows.append(("1 in N", muted(UNKNOWN)))
    else:
        rows.append(("Share", Text(f"{percent(rarity.share)} of {denominator:,} customer cars")))
        rows.append(("1 in N", Text(f"1 in {number(rarity.one_in)} customer cars")))
    return rows


def _one_of(count: int) -> str:
    return "the only one" if count == 1 else f"each is 1 of {count:,}"


def _tier_label(rarity: Rarity) -> str:
    if rarity.count is None:
        return rarity.tier
    if rarity.rank is None:
        return f"{rarity.tier}: {tier_meaning(rarity.tier)}"
    return f"{rarity.tier}: {tier_meaning(rarity.tier)} (rank {rarity.rank}, rarest first)"
