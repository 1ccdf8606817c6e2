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
    confidence_words,
    market_figure,
    muted,
    number,
    percent,
    popularity,
    source_block,
    text,
    the,
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
    listed: bool = True,
    rests_on: tuple[SearchSpelling, ...] = (),
) -> RenderableType:
    """The colour's panel: first the verdict (its count, share, "1 in N" and rarity, or what is
    known where the worldwide count is not), then the evidence, each figure with its confidence
    and sources; below it (unless ``listed`` is false: several panels share one list), every
    source the panel cites, with its address. ``rests_on``: the search spellings (no source
    gives them) that the query was matched by, each told with its note."""
    colour = rarity.colour
    grid = label_grid()
    for label, value in _verdict_rows(dataset, rarity):
        grid.add_row(label, value)
    for search in rests_on:
        found_by = text(f"“{search.spelling}”: ", style="yellow")
        found_by.append_text(cited(dataset, search.note))
        grid.add_row("Found by", found_by)
    programme = PROGRAMME_LABELS.get(colour.programme, colour.programme)
    grid.add_row("Programme", _figure(dataset, colour, "programme", shown=programme))
    if colour.count_note:
        grid.add_row("Evidence", cited(dataset, colour.count_note, style="dim"))
    grid.add_row(
        "Paint code", _figure(dataset, colour, "paint_code", "unknown: no reliable source")
    )
    if colour.paint_code_note:
        grid.add_row("", cited(dataset, colour.paint_code_note, style="dim"))
    grid.add_row("Finish", _figure(dataset, colour, "finish", UNKNOWN))
    grid.add_row("German name", _figure(dataset, colour, "name_de", "none published"))
    if colour.aliases:
        aliases = text(", ".join(colour.aliases))
        aliases.append("  (search spellings, not official names)", style="dim")
        grid.add_row("Aliases", aliases)
    grid.add_row("Swatch", _swatch(colour.swatch, colour.swatch_note))
    if colour.notes:
        grid.add_row("Notes", cited(dataset, colour.notes))
    sources = colour_sources(dataset, colour)
    grid.add_row("Sources", Text(f"{dataset.numbers(s.id for s in sources)}, below"))
    title = text(colour.name, style="bold")
    if query is not None and query != colour.name:
        title.append(f"  (from “{safe(query)}”)", style="dim")
    title.overflow = "ellipsis"  # a panel's title is one line: a cut must show
    panel = Panel(grid, title=title, title_align="left", box=box.ROUNDED, expand=False)
    if not listed:
        return panel
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


def _verdict_rows(dataset: Dataset, rarity: Rarity) -> list[tuple[str, Text]]:
    """The answer to "how rare is it?": the worldwide count, share, "1 in N" and rarity; where
    the count is unknown, one sentence saying so with what is known instead."""
    colour = rarity.colour
    rows: list[tuple[str, Text]] = []
    if rarity.count is None:
        rows.append(("Count", _unknown_count(dataset, colour)))
    else:
        denominator = dataset.production.customer_cars.value
        count = Text(f"{cars(rarity.count)}: " + _one_of(rarity.count))
        count.append_text(confidence_note(dataset, colour.count_confidence, colour.count_sources))
        rows.append(("Count", count))
        rows.append(("Share", Text(f"{percent(rarity.share)} of {denominator:,} customer cars")))
        rows.append(("1 in N", Text(f"1 in {number(rarity.one_in)} customer cars")))
        rows.append(("Rarity", Text(_tier_label(rarity))))
    if colour.verdict:
        rows.append(("Verdict", cited(dataset, colour.verdict)))
    return rows


def _unknown_count(dataset: Dataset, colour: Colour) -> Text:
    """ "unknown: nobody has published ... Known: 435 sold in North America (US and Canada),
    one market only (confidence low; [27]); the most popular colour in the United States
    [21]." """
    sentence = Text(
        "unknown: nobody has published how many were built worldwide, so share, 1 in N and "
        "rarity are unknown too",
        style="yellow",
    )
    known: list[Text] = []
    for market_count in colour.market_counts:
        market = dataset.market(market_count.market)
        line = text(market_figure(market_count.value, market_count.kind, market.name))
        confidence = confidence_words(dataset, market_count.confidence, market_count.sources)
        line.append(f", one market only ({confidence})")
        known.append(line)
    for market in dataset.markets:
        if colour.id in market.colour_order:
            place = market.colour_order.index(colour.id)
            line = text(f"{popularity(place)} in {the(market.name)}")
            line.append(f" {dataset.numbers(market.colour_order_sources)}", style="dim")
            known.append(line)
    if known:
        sentence.append(". Known: ")
        sentence.append_text(Text("; ").join(known))
    sentence.append(".")
    return sentence


def _one_of(count: int) -> str:
    return "the only one" if count == 1 else f"each is 1 of {count:,}"


def _tier_label(rarity: Rarity) -> str:
    if rarity.count is None:
        return rarity.tier
    if rarity.rank is None:
        return f"{rarity.tier}: {tier_meaning(rarity.tier)}"
    return f"{rarity.tier}: {tier_meaning(rarity.tier)} (rank {rarity.rank}, rarest first)"
