"""Rich renderables for people. Imported only by commands that draw a table or panel.

Every string from the dataset or from the user goes through :func:`text`, which escapes control
characters and never parses Rich markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from rich import box
from rich.console import Console, Group, RenderableType
from rich.measure import Measurement
from rich.padding import Padding
from rich.panel import Panel
from rich.style import Style
from rich.table import Table
from rich.text import Text

from m1lookup.text import safe

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from rich.console import ConsoleOptions, RenderResult

    from m1lookup.dataset import Claim, Dataset, Figure, Market, Source
    from m1lookup.query import Rarity, Stats
    from m1lookup.tally import Tally
    from m1lookup.validation import Problem

BAR_WIDTH = 20
UNKNOWN = "unknown"
PROGRAMME_LABELS = {
    "factory": "factory palette",
    "individual": "BMW Individual",
    "unconfirmed": "unconfirmed: not shown to be a factory car",
}


def make_console(file: TextIO | None = None, record: bool = False) -> Console:
    """A console that honours NO_COLOR, TERM=dumb and non-terminal output, as Rich does.

    ``emoji=False``: no ``:name:`` codes are replaced, so Rich never loads its emoji table (2 ms).
    """
    return Console(file=file, record=record, highlight=False, soft_wrap=False, emoji=False)


def text(value: object, style: str | Style = "") -> Text:
    """User or data text, shown literally: no markup, control characters escaped."""
    return Text(safe(str(value)), style=style, overflow="fold")


def number(value: int | None) -> str:
    return UNKNOWN if value is None else f"{value:,}"


def percent(share: float | None) -> str:
    return UNKNOWN if share is None else f"{share * 100:.3g}%"


def _muted(value: str) -> Text:
    return Text(value, style="dim")


def _source_lines(dataset: Dataset, source_ids: Iterable[str]) -> Text:
    lines = Text(overflow="fold")
    for position, source_id in enumerate(source_ids):
        source = dataset.source(source_id)
        if position:
            lines.append("\n")
        lines.append_text(_source_line(source))
    return lines


def _source_line(source: Source) -> Text:
    line = Text(overflow="fold")
    line.append(f"[{source.number}] ", style="bold")
    line.append(safe(source.title))
    dated = f", {source.date}" if source.date else ""
    line.append(f" — {safe(source.publisher)}{safe(dated)} ({source.kind})", style="dim")
    line.append("\n    ")
    line.append(safe(source.url), style="cyan")
    return line


def _grid() -> Table:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    return grid


# (show_edge, pad_edge, collapse_padding): one space less around every column.
_COMPACT = (False, False, True)


class FittedTable:
    """A table that never breaks a word: below the width its longest words need, a stack.

    Rich fits a table that is too wide by breaking words ("Programm/e") and cutting cells
    ("Confid…"). Here every column is at least as wide as its longest word and wraps only
    between words, first as drawn, then with one space less around each column (``list`` at 80
    columns); when even that does not fit (COLUMNS=40), each row becomes a heading (the ``key``
    column) over a label/value grid, in which only a word longer than the line is folded.
    """

    def __init__(self, table: Table, key: int) -> None:
        self.table = table
        self.key = key
        self.spacing = (table.show_edge, table.pad_edge, table.collapse_padding)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        table = self.table
        for spacing in (self.spacing, _COMPACT):
            for wrap in (False, True):
                table.show_edge, table.pad_edge, table.collapse_padding = spacing
                widths = _column_widths(console, options, table, wrap)
                if widths is not None:
                    for column, width in zip(table.columns, widths, strict=True):
                        column.width = width
                    yield table
                    return
        yield _stacked(table, self.key)


def _column_widths(
    console: Console, options: ConsoleOptions, table: Table, wrap: bool
) -> list[int] | None:
    """Content widths within ``options.max_width`` that keep every word whole, or None.

    Without ``wrap`` every cell stays on one line; with it, the widest columns are narrowed
    first, none below its longest word.
    """
    unlimited = options.update_width(10_000)
    minimums: list[int] = []
    widths: list[int] = []
    for column in table.columns:
        column.width = None
        sizes = [
            Measurement.get(console, unlimited, cell) for cell in (column.header, *column.cells)
        ]
        minimums.append(max(size.minimum for size in sizes))
        widths.append(max(size.maximum for size in sizes))
    borders_and_padding = Measurement.get(console, unlimited, table).maximum - sum(widths)
    available = options.max_width - borders_and_padding
    if sum(widths) <= available:
        return widths
    if not wrap or sum(minimums) > available:
        return None
    for _ in range(sum(widths) - available):
        widest = max(
            (i for i, width in enumerate(widths) if width > minimums[i]), key=widths.__getitem__
        )
        widths[widest] -= 1
    return widths


def _stacked(table: Table, key: int) -> Group:
    """Every row of ``table`` as its key cell over a grid of the other columns' label and value."""
    title = table.title
    parts: list[RenderableType] = [Text(title) if isinstance(title, str) else title or Text()]
    columns = [(str(column.header), list(column.cells)) for column in table.columns]
    for row in range(table.row_count):
        heading = columns[key][1][row]
        if isinstance(heading, Text):
            heading = heading.copy()
            heading.stylize("bold")
        parts.append(Text())
        parts.append(heading)
        grid = _grid()
        for index, (label, cells) in enumerate(columns):
            cell = cells[row]
            if index != key and not (isinstance(cell, Text) and not cell.plain):
                grid.add_row(label, cell)
        parts.append(Padding(grid, (0, 0, 0, 2)))
    if table.caption:
        parts.append(Text())
        caption = table.caption
        parts.append(Text(caption) if isinstance(caption, str) else caption)
    return Group(*parts)


def _swatch(colour_hex: str | None, note: str | None) -> Text:
    if colour_hex is None:
        return _muted("none")
    swatch = Text()
    swatch.append("██", style=Style(color=colour_hex))
    swatch.append(f" {colour_hex} approximate")
    if note:
        swatch.append(f" ({safe(note)})", style="dim")
    return swatch


def colour_panel(dataset: Dataset, rarity: Rarity, query: str | None = None) -> Panel:
    colour = rarity.colour
    denominator = dataset.production.customer_cars.value
    grid = _grid()
    grid.add_row(
        "German name", text(colour.name_de) if colour.name_de else _muted("none published")
    )
    if colour.aliases:
        aliases = text(", ".join(colour.aliases))
        aliases.append("  (search spellings, not official names)", style="dim")
        grid.add_row("Aliases", aliases)
    grid.add_row("Paint code", _paint_code(dataset, rarity))
    grid.add_row("Programme", Text(PROGRAMME_LABELS.get(colour.programme, colour.programme)))
    grid.add_row("Finish", text(colour.finish) if colour.finish else _muted(UNKNOWN))
    grid.add_row("Swatch", _swatch(colour.swatch, colour.swatch_note))
    if rarity.count is None:
        grid.add_row("Count", Text("unknown: no source has published it", style="yellow"))
        grid.add_row("Share", _muted(f"unknown (of {denominator:,} customer cars)"))
        grid.add_row("1 in N", _muted(UNKNOWN))
    else:
        grid.add_row("Count", Text(f"{rarity.count:,} cars: each is 1 of {rarity.count:,}"))
        grid.add_row("Share", Text(f"{percent(rarity.share)} of {denominator:,} customer cars"))
        grid.add_row("1 in N", Text(f"1 in {number(rarity.one_in)} customer cars"))
    grid.add_row("Rarity", Text(_tier_label(rarity)))
    grid.add_row("Confidence", Text(colour.confidence))
    grid.add_row("Sources", _source_lines(dataset, colour.sources))
    if colour.notes:
        grid.add_row("Notes", text(colour.notes))
    title = text(colour.name, style="bold")
    if query is not None and query != colour.name:
        title.append(f"  (from “{safe(query)}”)", style="dim")
    title.overflow = "ellipsis"  # a panel's title is one line: a cut must show
    return Panel(grid, title=title, title_align="left", box=box.ROUNDED, expand=False)


def _paint_code(dataset: Dataset, rarity: Rarity) -> Text:
    colour = rarity.colour
    if colour.paint_code is None:
        return _muted("unknown: no reliable source")
    code = text(colour.paint_code)
    code.append(f"  (confidence {colour.paint_code_confidence}", style="dim")
    numbers = ", ".join(f"[{dataset.source(s).number}]" for s in colour.paint_code_sources)
    code.append(f"; source {numbers})" if numbers else ")", style="dim")
    return code


def _tier_label(rarity: Rarity) -> str:
    if rarity.rank is None:
        return rarity.tier
    return f"{rarity.tier} (rank {rarity.rank}, rarest first)"


def colour_panels(dataset: Dataset, found: Sequence[tuple[str, Rarity]]) -> Group:
    return Group(*(colour_panel(dataset, rarity, query) for query, rarity in found))


# --- list and sources -------------------------------------------------------------------------


def colours_table(dataset: Dataset, rows: Sequence[Rarity]) -> FittedTable:
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
    table.add_column("Confidence")
    for row in rows:
        colour = row.colour
        table.add_row(
            Text("–" if row.rank is None else str(row.rank)),
            text(colour.name),
            Text(colour.programme),
            text(colour.paint_code) if colour.paint_code else _muted(UNKNOWN),
            Text(number(row.count)) if row.count is not None else _muted(UNKNOWN),
            Text(percent(row.share)) if row.share is not None else _muted(UNKNOWN),
            Text(row.tier),
            Text(colour.confidence),
        )
    return FittedTable(table, key=1)


def sources_list(dataset: Dataset) -> Text:
    """Every source as "[n] Title — publisher, date (kind)" with its address on its own line,
    so that a long URL stays whole for copying wherever the terminal is wide enough."""
    lines = Text(overflow="fold")
    lines.append(f"Sources ({len(dataset.sources)})\n", style="bold")
    for source in dataset.sources:
        lines.append("\n")
        lines.append_text(_source_line(source))
    return lines


# --- stats -------------------------------------------------------------------------------------


def _source_numbers(dataset: Dataset, source_ids: Iterable[str]) -> Text:
    return Text(" ".join(f"[{dataset.source(s).number}]" for s in source_ids), overflow="fold")


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
                parts.append(Padding(text(claim.note, style="dim"), (0, 0, 0, 4)))
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
    for colour in result.unknown_colours:
        label = PROGRAMME_LABELS.get(colour.programme, colour.programme)
        lines.append(f"  - {safe(colour.name)} ({label})\n")
    lines.append("These counts are shown as unknown, never estimated.")
    return lines


# --- markets -----------------------------------------------------------------------------------


def markets_view(dataset: Dataset) -> Group:
    return Group(*(_market_panel(dataset, market) for market in dataset.markets))


def _market_panel(dataset: Dataset, market: Market) -> Panel:
    grid = _grid()
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
            line.append(f"\n{safe(figure.note)}", style="dim")
        grid.add_row("Figure", line)
    if market.colour_order:
        order = " > ".join(safe(dataset.colour(c).name) for c in market.colour_order)
        line = Text(f"{order} (most popular first; no counts) ")
        line.append_text(_source_numbers(dataset, market.colour_order_sources))
        grid.add_row("Colours", line)
    if market.colour_note:
        grid.add_row("Colours", text(market.colour_note))
    if market.note:
        grid.add_row("Note", text(market.note))
    title = text(market.name, style="bold")
    title.overflow = "ellipsis"  # a panel's title is one line: a cut must show
    return Panel(grid, title=title, title_align="left", expand=False)


# --- tally -------------------------------------------------------------------------------------

STDIN_LABEL = "standard input"


def tally_view(dataset: Dataset, tally: Tally) -> Group:
    """The heading and the caption are outside the table, so that they wrap at the terminal's
    width rather than the table's: the heading holds the file's path, which may be long."""
    denominator = dataset.production.customer_cars.value
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


def problems_view(path: str, problems: Sequence[Problem]) -> RenderableType:
    if not problems:
        return Text(f"{safe(path)}: valid", style="green")
    heading = Text(f"{safe(path)}: {len(problems)} problem(s)", style="bold red")
    items = Table.grid()  # a long problem wraps under its own text, not under the dash
    items.add_column(no_wrap=True)
    items.add_column(overflow="fold")
    for problem in problems:
        items.add_row("  - ", text(str(problem)))
    return Group(heading, items)
