"""Rich renderables for people. Imported only by commands that draw a table or panel.

Every string from the dataset or from the user goes through :func:`text`, which escapes control
characters and never parses Rich markup.
"""

from __future__ import annotations

from functools import singledispatch
from typing import TYPE_CHECKING, TextIO

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.style import Style
from rich.table import Table
from rich.text import Text

from m1lookup import streams
from m1lookup.query import (
    ColourAnswers,
    ColourList,
    MarketList,
    SourceList,
    Stats,
    cars,
    colour_sources,
    market_counts,
    tier_meaning,
)
from m1lookup.render.layout import FittedTable, label_grid
from m1lookup.tally import Tally
from m1lookup.text import safe
from m1lookup.validation import Validation

if TYPE_CHECKING:
    from collections.abc import Iterable

    from m1lookup.dataset import Claim, Colour, Dataset, Figure, Market, Source
    from m1lookup.query import Rarity, Stats
    from m1lookup.tally import Tally

BAR_WIDTH = 20
UNKNOWN = "unknown"
PROGRAMME_LABELS = {
    "factory": "factory palette",
    "individual": "BMW Individual",
    "unconfirmed": "unconfirmed: not shown to be a factory car",
}


def make_console(file: TextIO | None = None) -> Console:
    """A console that honours NO_COLOR, TERM=dumb and non-terminal output, as Rich does.

    ``emoji=False``: no ``:name:`` codes are replaced, so Rich never loads its emoji table (2 ms).
    """
    return Console(file=file, highlight=False, soft_wrap=False, emoji=False)


def show(renderable: RenderableType) -> None:
    """Draw ``renderable`` on stdout: one console, made here, where it is used.

    ``crop=False``: a source's address is one line that is never wrapped or cut (see
    :func:`source_block`); everything else is laid out within the width.
    """
    console = make_console()
    with console.capture() as drawn:  # drawn as for stdout, then written by the one writer
        console.print(renderable, crop=False)
    streams.write_text(drawn.get())


@singledispatch
def view(result: object) -> RenderableType:
    """What a person sees of a command's result."""
    raise TypeError(f"no view for {type(result).__name__}")


def text(value: object, style: str | Style = "") -> Text:
    """User or data text, shown literally: no markup, control characters escaped."""
    return Text(safe(str(value)), style=style, overflow="fold")


def number(value: int | None) -> str:
    return UNKNOWN if value is None else f"{value:,}"


def percent(share: float | None) -> str:
    return UNKNOWN if share is None else f"{share * 100:.3g}%"


def _muted(value: str) -> Text:
    return Text(value, style="dim")


def cited(dataset: Dataset, value: str, style: str = "") -> Text:
    """A note with its ``[@source-id]`` citations written as the sources' numbers."""
    return text(dataset.cited(value), style=style)


def source_numbers(dataset: Dataset, source_ids: Iterable[str]) -> str:
    """ "[4] [17] [19]": the sources' numbers, smallest first."""
    return " ".join(f"[{n}]" for n in sorted({dataset.source(s).number for s in source_ids}))


def source_block(sources: Iterable[Source]) -> Group:
    """Each source as "[n] Title — publisher, date (kind)", its address on a line of its own.

    The title wraps; in a terminal it is a hyperlink (OSC 8). The address is never wrapped or
    cut, whatever the width, so that it can be copied or clicked whole.
    """
    lines: list[RenderableType] = []
    for source in sources:
        line = Text(overflow="fold")
        line.append(f"[{source.number}] ", style="bold")
        line.append(safe(source.title), style=Style(link=source.url) if _linkable(source) else "")
        dated = f", {source.date}" if source.date else ""
        line.append(f" — {safe(source.publisher)}{safe(dated)} ({source.kind})", style="dim")
        lines.append(line)
        lines.append(Text(f"    {safe(source.url)}", style="cyan", no_wrap=True, overflow="ignore"))
    return Group(*lines)


def _linkable(source: Source) -> bool:
    # A URL that validation accepted has no control characters; check anyway, as it goes raw
    # into the escape sequence.
    return source.url.isprintable()


def confidence_note(dataset: Dataset, confidence: str | None, sources: Iterable[str]) -> Text:
    """ "  (confidence high; [4] [17])" beside a known figure."""
    numbers = source_numbers(dataset, sources)
    return Text(f"  (confidence {confidence}{'; ' + numbers if numbers else ''})", style="dim")


def _swatch(colour_hex: str | None, note: str | None) -> Text:
    if colour_hex is None:
        return _muted("none")
    swatch = Text()
    swatch.append("██", style=Style(color=colour_hex))
    swatch.append(f" {colour_hex} approximate")
    if note:
        swatch.append(f" ({safe(note)})", style="dim")
    return swatch


def colour_panel(dataset: Dataset, rarity: Rarity, query: str | None = None) -> Group:
    """The colour's figures in a panel, each with its confidence and sources; below it, every
    source the panel cites, with its address."""
    colour = rarity.colour
    grid = label_grid()
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
    grid.add_row("Sources", Text(f"{source_numbers(dataset, (s.id for s in sources))}, below"))
    title = text(colour.name, style="bold")
    if query is not None and query != colour.name:
        title.append(f"  (from “{safe(query)}”)", style="dim")
    title.overflow = "ellipsis"  # a panel's title is one line: a cut must show
    panel = Panel(grid, title=title, title_align="left", box=box.ROUNDED, expand=False)
    heading = Text(f"Sources for {safe(colour.name)}", style="bold")
    return Group(panel, heading, source_block(sources), Text())


def _figure(
    dataset: Dataset, colour: Colour, name: str, unknown: str = UNKNOWN, shown: str | None = None
) -> Text:
    """A sourced figure with its confidence and sources beside it; unknown, with neither."""
    value = getattr(colour, name)
    if value is None:
        return _muted(unknown)
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
        rows.append(("Share", _muted(f"unknown (of {denominator:,} customer cars)")))
        rows.append(("1 in N", _muted(UNKNOWN)))
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


@view.register
def colour_panels(result: ColourAnswers) -> Group:
    """One panel per colour found; the misses are told on stderr."""
    return Group(*(colour_panel(result.dataset, rarity, query) for query, rarity in result.found))


# --- list and sources -------------------------------------------------------------------------


LOW_CONFIDENCE_MARK = "?"


@view.register
def colours_table(result: ColourList) -> Group:
    dataset, rows = result.dataset, result.rows
    denominator = dataset.production.customer_cars.value
    table = Table(
        title=f"BMW 1M colours (share of {denominator:,} customer cars)",
        box=box.SIMPLE_HEAD,
        title_justify="left",
    )
    table.add_column("Rank", justify="right")
    table.add_column("Colour", overflow="fold")
    table.add_column("Programme", overflow="fold")
    table.add_column("Code", overflow="fold")
    table.add_column("Count", justify="right")
    table.add_column("Share", justify="right")
    table.add_column("Rarity", overflow="fold")
    marked = False
    for row in rows:
        colour = row.colour
        code = _muted(UNKNOWN)
        if colour.paint_code is not None:
            code = text(colour.paint_code)
            if colour.paint_code_confidence == "low":
                code.append(LOW_CONFIDENCE_MARK, style="bold yellow")
                marked = True
        count = _muted(UNKNOWN)
        if row.count is not None:
            count = Text(f"{row.count:,}")
            if colour.count_confidence != "high":
                count.append(f" ({colour.count_confidence})", style="dim")
        table.add_row(
            Text("–" if row.rank is None else str(row.rank)),
            text(colour.name),
            Text(colour.programme),
            code,
            count,
            Text(percent(row.share)) if row.share is not None else _muted(UNKNOWN),
            Text(row.tier),
        )
    legend: list[RenderableType] = []
    if marked:
        legend.append(
            _muted(
                f"{LOW_CONFIDENCE_MARK} low confidence: a weak source, not tied to the 1M by "
                "name; 'm1lookup colour NAME' shows it."
            )
        )
    return Group(FittedTable(table, key=1), *legend)


@view.register
def sources_list(result: SourceList) -> Group:
    """Every source (or the chosen ones), the address of each whole on a line of its own."""
    heading = Text(f"Sources ({len(result.sources)})", style="bold")
    return Group(heading, Text(), source_block(result.sources))


# --- stats -------------------------------------------------------------------------------------


def _source_numbers(dataset: Dataset, source_ids: Iterable[str]) -> Text:
    return Text(source_numbers(dataset, source_ids), overflow="fold")


@view.register
def stats_view(result: Stats) -> Group:
    return Group(
        _production_table(result.dataset),
        Text(),
        _claims_section(result),
        Text(),
        _ranking_table(result),
        _unknowns(result),
    )


def _production_table(dataset: Dataset) -> FittedTable:
    production = dataset.production
    table = Table(title="Production", box=box.SIMPLE_HEAD, title_justify="left")
    table.add_column("Figure", overflow="fold")
    table.add_column("Value", justify="right", overflow="fold")
    table.add_column("Confidence")
    table.add_column("Sources", overflow="fold")
    table.add_row(Text("Plant"), text(production.plant), Text(""), Text(""))
    for label, date in (("Start", production.start), ("End", production.end)):
        table.add_row(
            Text(label),
            text(date.date),
            Text(date.confidence),
            _source_numbers(dataset, date.sources),
        )
    figures: tuple[tuple[str, Figure], ...] = (
        ("Built (all cars)", production.built),
        ("Customer cars (the denominator)", production.customer_cars),
        ("BMW internal cars", production.internal_cars),
        ("Planned run at launch", production.planned_cap),
        ("Factory BMW Individual cars", production.individual_cars),
    )
    for label, figure in figures:
        table.add_row(
            Text(label),
            Text(f"{figure.value:,}"),
            Text(figure.confidence),
            _source_numbers(dataset, figure.sources),
        )
    return FittedTable(table, key=0)


CLAIM_TOPIC_LABELS = {
    "built": "Built",
    "customer_cars": "Customer cars",
    "planned_cap": "Planned run",
    "individual_cars": "Individual cars",
    "end": "End of production",
    "sold": "Sold",
}


def _claims_section(result: Stats) -> Group:
    """Every reported figure, grouped by topic; the one m1lookup uses is marked."""
    dataset = result.dataset
    heading = Text("Reported figures", style="bold")
    heading.append(
        "  (✓ = the figure m1lookup uses; the others are recorded, not used)", style="dim"
    )
    parts: list[RenderableType] = [heading]
    for topic, claims in result.claims_by_topic.items():
        parts.append(Text(CLAIM_TOPIC_LABELS.get(topic, topic), style="bold"))
        for claim in claims:
            line = Text(f"{'✓' if claim.used else '·'} {_claim_value(claim)}", overflow="fold")
            line.stylize("bold" if claim.used else "")
            line.append(f"  {claim.confidence} ", style="dim")
            line.append_text(_source_numbers(dataset, claim.sources))
            parts.append(Padding(line, (0, 0, 0, 2)))
            if claim.note:
                parts.append(Padding(cited(dataset, claim.note, style="dim"), (0, 0, 0, 4)))
    return Group(*parts)


def _claim_value(claim: Claim) -> str:
    return f"{claim.value:,}" if isinstance(claim.value, int) else safe(claim.value)


def _ranking_table(result: Stats) -> FittedTable:
    known = [row.count for row in result.ranked if row.count is not None]
    largest = max(known, default=1)
    table = Table(
        title=f"Colours, rarest first (share of {result.denominator:,} customer cars)",
        box=box.SIMPLE_HEAD,
        title_justify="left",
    )
    table.add_column("Rank", justify="right")
    table.add_column("Colour", overflow="fold")
    table.add_column("Count", justify="right")
    table.add_column("Share", justify="right")
    table.add_column("Cars", overflow="fold")
    for row in result.ranked:
        if row.count is None:
            bar = _muted("no published count")
        else:
            bar = Text("█" * max(1, round(row.count / largest * BAR_WIDTH)), style="cyan")
        table.add_row(
            Text("–" if row.rank is None else str(row.rank)),
            text(row.colour.name),
            Text(number(row.count)),
            Text(percent(row.share)),
            bar,
        )
    return FittedTable(table, key=1)


def _unknowns(result: Stats) -> Text:
    lines = Text()
    lines.append("What is not known\n", style="bold")
    lines.append(
        f"Published colour counts cover {result.known_total:,} cars. "
        "Nobody has published how many cars were built in:\n"
    )
    dataset = result.dataset
    for colour in result.unknown_colours:
        label = PROGRAMME_LABELS.get(colour.programme, colour.programme)
        lines.append(f"  - {safe(colour.name)} ({label})\n")
        for count in colour.market_counts:
            market = dataset.market(count.market)
            lines.append(f"    known for one market only: {safe(market.name)}, ")
            lines.append(f"{count.value:,} {count.kind}")
            lines.append_text(confidence_note(dataset, count.confidence, count.sources))
            lines.append("\n")
    lines.append("These counts are shown as unknown, never estimated.")
    return lines


# --- markets -----------------------------------------------------------------------------------


@view.register
def markets_view(result: MarketList) -> Group:
    return Group(*(_market_panel(result.dataset, market) for market in result.markets))


def _market_panel(dataset: Dataset, market: Market) -> Panel:
    grid = label_grid()
    if not market.figures:
        grid.add_row("Figure", Text("no figure published", style="yellow"))
    for figure in market.figures:
        value = f"{figure.qualifier} {figure.value:,}" if figure.qualifier else f"{figure.value:,}"
        line = Text(f"{value} {figure.kind}")
        line.append(" ✓ used" if figure.used else "", style="bold")
        line.append(f"  (confidence {figure.confidence}; ", style="dim")
        line.append_text(_source_numbers(dataset, figure.sources).copy())
        line.append(")", style="dim")
        if figure.note:
            line.append(f"\n{safe(dataset.cited(figure.note))}", style="dim")
        grid.add_row("Figure", line)
    for colour, count in market_counts(dataset, market):
        line = text(f"{colour.name}: {count.value:,} {count.kind}")
        line.append_text(confidence_note(dataset, count.confidence, count.sources))
        if count.note:
            line.append(f"\n{safe(dataset.cited(count.note))}", style="dim")
        grid.add_row("Colour count", line)
    if market.colour_order:
        order = " > ".join(safe(dataset.colour(c).name) for c in market.colour_order)
        line = Text(f"{order} (most popular first; no counts) ")
        line.append_text(_source_numbers(dataset, market.colour_order_sources))
        grid.add_row("Colours", line)
    if market.colour_note:
        grid.add_row("Colours", cited(dataset, market.colour_note))
    if market.note:
        grid.add_row("Note", cited(dataset, market.note))
    title = text(market.name, style="bold")
    title.overflow = "ellipsis"  # a panel's title is one line: a cut must show
    return Panel(grid, title=title, title_align="left", expand=False)


# --- tally -------------------------------------------------------------------------------------

STDIN_LABEL = "standard input"


@view.register
def tally_view(tally: Tally) -> Group:
    """The heading and the caption are outside the table, so that they wrap at the terminal's
    width rather than the table's: the heading holds the file's path, which may be long."""
    denominator = tally.dataset.production.customer_cars.value
    source = STDIN_LABEL if tally.file == "-" else tally.file
    heading = text(f"{source}: {tally.rows:,} cars, {tally.resolved:,} with a known colour")
    heading.append_text(text(f" (column “{tally.column}”)", style="dim"))
    table = Table(box=box.SIMPLE_HEAD)
    table.add_column("Colour", overflow="fold")
    table.add_column("In list", justify="right")
    table.add_column("Of list", justify="right")
    table.add_column("Built", justify="right")
    table.add_column("Of production", justify="right")
    table.add_column("Rarity", overflow="fold")
    for row in tally.colours:
        rarity = row.rarity
        table.add_row(
            text(rarity.colour.name),
            Text(f"{row.cars_in_list:,}"),
            Text(percent(row.share_of_list)),
            Text(number(rarity.count)) if rarity.count is not None else _muted(UNKNOWN),
            Text(percent(rarity.share)) if rarity.share is not None else _muted(UNKNOWN),
            Text(rarity.tier),
        )
    caption = Text(_tally_caption(len(tally.unresolved), denominator), style="dim")
    return Group(heading, FittedTable(table, key=0), caption)


def _tally_caption(unresolved: int, denominator: int) -> str:
    caption = f"Production shares are of {denominator:,} customer cars."
    if unresolved == 0:
        return caption
    rows = "1 row" if unresolved == 1 else f"{unresolved:,} rows"
    verb = "is" if unresolved == 1 else "are"
    return (
        f"{rows} with no known colour {verb} listed on standard error and left out of the "
        f"shares of the list. {caption}"
    )


# --- validate ----------------------------------------------------------------------------------


@view.register
def problems_view(result: Validation) -> RenderableType:
    path, problems = result.path, result.problems
    if not problems:
        return Text(f"{safe(path)}: valid", style="green")
    counted = "1 problem" if len(problems) == 1 else f"{len(problems):,} problems"
    heading = Text(f"{safe(path)}: {counted}", style="bold red")
    items = Table.grid()  # a long problem wraps under its own text, not under the dash
    items.add_column(no_wrap=True)
    items.add_column(overflow="fold")
    for problem in problems:
        items.add_row("  - ", text(str(problem)))
    return Group(heading, items)
