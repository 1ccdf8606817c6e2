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

from m1lookup.io.text import cars, safe
from m1lookup.load.checks import Validation
from m1lookup.lookup.answers import (
    Checks,
    ColourAnswers,
    ColourList,
    MarketList,
    RowPlace,
    RowStatus,
    SourceList,
    Tally,
    Verdict,
    cited_sources,
    market_counts,
    market_sources,
    stats_sources,
)
from m1lookup.lookup.rarity import Stats
from m1lookup.render.layout import FittedTable, label_grid
from m1lookup.render.panel import colour_panel
from m1lookup.render.pieces import (
    PROGRAMME_LABELS,
    UNKNOWN,
    cited,
    confidence_note,
    market_figure,
    muted,
    number,
    percent,
    source_block,
    text,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

    from m1lookup.model.schema import Claim, Dataset, Figure, Market, Source

BAR_WIDTH = 20


@singledispatch
def view(result: object) -> RenderableType:
    """What a person sees of a command's result."""
    raise TypeError(f"no view for {type(result).__name__}")


@view.register
def colour_panels(result: ColourAnswers) -> RenderableType:
    """One panel per colour found, a blank line between; the misses are told on stderr. Several
    panels share one list of sources, below them all, each source once."""
    found = list(result.first.values())
    rarities = result.rarities
    if len(found) == 1:
        (only,) = found
        rarity = rarities[only.colour.id]
        return colour_panel(result.dataset, rarity, only.query, rests_on=only.search_spellings)
    parts: list[RenderableType] = []
    for match in found:
        if parts:
            parts.append(Text())
        rarity = rarities[match.colour.id]
        parts.append(
            colour_panel(
                result.dataset, rarity, match.query, listed=False, rests_on=match.search_spellings
            )
        )
    colours = [match.colour for match in found]
    if colours:
        parts.append(sources_section(result.dataset, cited_sources(result.dataset, colours)))
    return Group(*parts)


def sources_section(dataset: Dataset, sources: Iterable[Source]) -> Group:
    """ "Sources", and each source with its number and whole address."""
    return Group(Text(), Text("Sources", style="bold"), source_block(sources))


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
    """Every source (or the chosen ones), the address of each whole on a line of its own;
    nothing when none was found (the misses are told on stderr)."""
    if not result.sources:
        return Group()
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
        sources_section(result.dataset, stats_sources(result.dataset, result.unknown_colours)),
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
        ("Customer cars (shares are of these)", production.customer_cars),
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
            line.append_text(confidence_note(dataset, claim.confidence, claim.sources))
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
            # Each bar in its colour's own swatch, where one is recorded.
            bar = Text(
                "█" * max(1, round(row.count / largest * BAR_WIDTH)),
                style=row.colour.swatch or "cyan",
            )
        table.add_row(
            Text("–" if row.rank is None else str(row.rank)),
            text(row.colour.name),
            Text(number(row.count)),
            Text(percent(row.share)),
            bar,
        )
    return FittedTable(table, key=1)


def _unknowns(result: Stats) -> Group:
    """The colours without a worldwide count; a wrapped line keeps its item's indent."""
    dataset = result.dataset
    parts: list[RenderableType] = [
        Text("What is not known", style="bold"),
        Text(
            f"Published colour counts cover {result.known_total:,} cars. "
            "Nobody has published how many cars were built in:"
        ),
    ]
    for colour in result.unknown_colours:
        label = PROGRAMME_LABELS.get(colour.programme, colour.programme)
        parts.append(Padding(text(f"- {colour.name} ({label})"), (0, 0, 0, 2)))
        for count in colour.market_counts:
            market = dataset.market(count.market)
            line = text(
                f"known for one market only: {market_figure(count.value, count.kind, market.name)}"
            )
            line.append_text(confidence_note(dataset, count.confidence, count.sources))
            parts.append(Padding(line, (0, 0, 0, 4)))
    parts.append(Text("These counts are shown as unknown, never estimated."))
    return Group(*parts)


# --- markets -----------------------------------------------------------------------------------


@view.register
def markets_view(result: MarketList) -> Group:
    """A panel per market, then every source they cite, each once."""
    dataset = result.dataset
    cited = {s.id for market in result.markets for s in market_sources(dataset, market)}
    return Group(
        *(_market_panel(dataset, market) for market in result.markets),
        sources_section(dataset, cited_sources(dataset, (), cited)),
    )


def _market_panel(dataset: Dataset, market: Market) -> Panel:
    grid = label_grid()
    if not market.figures:
        grid.add_row("Figure", Text("no figure published", style="yellow"))
    for figure in market.figures:
        value = f"{figure.qualifier} {figure.value:,}" if figure.qualifier else f"{figure.value:,}"
        line = text(market_figure(value, figure.kind, market.name))
        if figure.used:
            line.append(": the figure m1lookup uses", style="bold")
        line.append_text(confidence_note(dataset, figure.confidence, figure.sources))
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
    """The heading and the notes are outside the table, so that they wrap at the terminal's
    width rather than the table's: the heading holds the files' paths, which may be long."""
    parts: list[RenderableType] = [_tally_heading(tally)]
    table = Table(box=box.SIMPLE_HEAD)
    table.add_column("Colour", overflow="fold")
    table.add_column("Register", justify="right")
    table.add_column("Of register", justify="right")
    table.add_column("95% interval", justify="right")
    table.add_column("Published", justify="right")
    for row in tally.colours:
        rarity = row.rarity
        table.add_row(
            text(rarity.colour.name),
            Text(f"{row.cars:,}"),
            Text(tally_percent(row.share)),
            Text(f"{tally_percent(row.share_low)}–{tally_percent(row.share_high)}"),
            Text(number(rarity.count)) if rarity.count is not None else muted(UNKNOWN),
        )
    parts.append(FittedTable(table, key=0))
    parts.extend(_tally_notes(tally))
    return Group(*parts)


def tally_percent(share: float | None) -> str:
    """tally's one percentage format: two decimals, "40.00%", "0.03%"."""
    return UNKNOWN if share is None else f"{share * 100:.2f}%"


def _tally_heading(tally: Tally) -> Text:
    files = ", ".join(STDIN_LABEL if s.file == "-" else s.file for s in tally.inputs)
    rows = "1 row" if tally.rows == 1 else f"{tally.rows:,} rows"
    colour_columns = " / ".join(dict.fromkeys(f"“{s.column}”" for s in tally.inputs))
    if tally.by_vin:
        counted = f"{rows}, {cars(tally.cars)} counted once each by VIN"
        vin_columns = " / ".join(dict.fromkeys(f"“{s.vin_column}”" for s in tally.inputs))
        columns = f"colour {colour_columns}, VIN {vin_columns}"
        if not all(s.vin_column for s in tally.inputs):
            columns += "; a file without a VIN column counts each row as a car"
    else:
        counted = f"{rows}, {cars(tally.cars)} counted: no VIN column, so each row is a car"
        columns = f"colour {colour_columns}"
    heading = text(f"{files}: {counted}")
    heading.append_text(text(f" (columns: {columns})", style="dim"))
    return heading


def _tally_notes(tally: Tally) -> list[RenderableType]:
    customers = tally.dataset.production.customer_cars.value
    notes = [
        f"Shares are of the {cars(tally.cars)} counted in this register, not of production;"
        f" published counts are of the {customers:,} customer cars built. A register shows a"
        " car's colour as registered, which may be a respray."
    ]
    if tally.markets:
        markets = ", ".join(f"{m.label} {n:,}" for m, n in tally.markets.items())
        notes.append(f"Markets (VIN position 7): {markets}.")
    for duplicate in tally.duplicates:
        notes.append(f"Duplicate: {duplicate.vin} on {_places(tally, duplicate.rows)}.")
    for conflict in tally.conflicts:
        names = " and ".join(tally.dataset.colour(c).name for c in conflict.colours)
        notes.append(
            f"Conflict, not counted: {conflict.vin} is {names} on {_places(tally, conflict.rows)}."
        )
    left_out = tally.rows - tally.statuses[RowStatus.COUNTED] - tally.statuses[RowStatus.DUPLICATE]
    left_out -= tally.statuses[RowStatus.CONFLICT]
    if left_out:
        rows = "1 row" if left_out == 1 else f"{left_out:,} rows"
        verb = "is" if left_out == 1 else "are"
        why = "not counted (VIN or colour problems)" if tally.by_vin else "with no known colour"
        notes.append(f"{rows} {why} {verb} listed on standard error.")
    return [text(note, style="dim") for note in notes]


def _places(tally: Tally, places: Iterable[RowPlace]) -> str:
    if len(tally.inputs) == 1:
        return "lines " + ", ".join(str(place.line) for place in places)
    return "rows " + ", ".join(f"{place.file}:{place.line}" for place in places)


# --- check -------------------------------------------------------------------------------------

VERDICT_STYLES = {
    Verdict.SUPPORTED: "bold green",
    Verdict.CONTRADICTED: "bold red",
    Verdict.UNVERIFIABLE: "bold yellow",
    Verdict.NOT_A_1M_COLOUR: "bold magenta",
}


@view.register
def check_view(result: Checks) -> RenderableType:
    """Each claim as the advert words it, what it was checked as, the verdict and the evidence;
    then one count of the verdicts, and every source cited, each address once."""
    parts: list[RenderableType] = []
    for position, claim in enumerate(result.claims, start=1):
        if parts:
            parts.append(Text())
        heading = Text(f"{position}. ", style="bold")
        heading.append_text(text(f"“{claim.text}”", style="bold"))
        grid = label_grid()
        grid.add_row("Checked as", text(claim.subject))
        grid.add_row("Verdict", Text(claim.verdict.value, style=VERDICT_STYLES[claim.verdict]))
        grid.add_row("Evidence", text(claim.message))
        parts += [heading, Padding(grid, (0, 0, 0, 3))]
    if not parts:
        return Group()
    parts += [Text(), Text(_verdict_count(result))]
    cited = sorted(
        {result.dataset.source(s) for claim in result.claims for s in claim.sources},
        key=lambda source: source.number,
    )
    if cited:
        parts += [Text(), Text("Sources", style="bold"), source_block(cited)]
    return Group(*parts)


def _verdict_count(result: Checks) -> str:
    claims = len(result.claims)
    counted = [
        f"{sum(claim.verdict is verdict for claim in result.claims)} {verdict.value}"
        for verdict in Verdict
        if any(claim.verdict is verdict for claim in result.claims)
    ]
    return f"{claims} {'claim' if claims == 1 else 'claims'}: {', '.join(counted)}."


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
