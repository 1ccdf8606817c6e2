"""What a person sees of each command's result: one view per result type, picked by
:func:`view`. Imported only by commands that draw.
"""

from __future__ import annotations

from functools import singledispatch
from typing import TYPE_CHECKING

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from m1lookup.io.text import safe
from m1lookup.load.checks import Validation
from m1lookup.lookup.answers import (
    ColourAnswers,
    ColourList,
    MarketList,
    SourceList,
    Tally,
    market_counts,
)
from m1lookup.lookup.rarity import Stats
from m1lookup.render.layout import FittedTable, label_grid
from m1lookup.render.panel import colour_panel
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
    from collections.abc import Iterable

    from m1lookup.model.schema import Claim, Dataset, Figure, Market

BAR_WIDTH = 20


@singledispatch
def view(result: object) -> RenderableType:
    """What a person sees of a command's result."""
    raise TypeError(f"no view for {type(result).__name__}")


@view.register
def colour_panels(result: ColourAnswers) -> Group:
    """One panel per colour found, a blank line between; the misses are told on stderr."""
    parts: list[RenderableType] = []
    for colour_id, found in result.first.items():
        if parts:
            parts.append(Text())
        rarity = result.rarities[colour_id]
        parts.append(colour_panel(result.dataset, rarity, found.query, found.search_spellings))
    return Group(*parts)


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
        code = muted(UNKNOWN)
        if colour.paint_code is not None:
            code = text(colour.paint_code)
            if colour.paint_code_confidence == "low":
                code.append(LOW_CONFIDENCE_MARK, style="bold yellow")
                marked = True
        count = muted(UNKNOWN)
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
            Text(percent(row.share)) if row.share is not None else muted(UNKNOWN),
            Text(row.tier),
        )
    legend: list[RenderableType] = []
    if marked:
        legend.append(
            muted(
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
    return Text(dataset.numbers(source_ids), overflow="fold")


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
            bar = muted("no published count")
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
        line.append_text(_source_numbers(dataset, figure.sources))
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
            Text(number(rarity.count)) if rarity.count is not None else muted(UNKNOWN),
            Text(percent(rarity.share)) if rarity.share is not None else muted(UNKNOWN),
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
