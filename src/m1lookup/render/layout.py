"""A table that keeps every word whole: the layout widget the views build their tables with."""

from __future__ import annotations

from copy import copy
from dataclasses import fields
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.measure import Measurement
from rich.padding import Padding
from rich.table import Column, Table
from rich.text import Text

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult


def label_grid() -> Table:
    """Two columns, a bold label and a value that wraps: the body of panels and stacked rows."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    return grid


# (show_edge, pad_edge, collapse_padding): one space less around every column.
_COMPACT = (False, False, True)


class FittedTable:
    """A table that never breaks a word: below the width its longest words need, a stack.

    Rich fits a table that is too wide by breaking words ("Programm/e") and cutting cells
    ("Confid…"). Here every column is at least as wide as its longest word. Every cell stays on
    one line if it can, as drawn or with one space less around each column (``list`` at 80
    columns); else cells wrap between words, as drawn or so; when even that does not fit
    (COLUMNS=40), each row becomes a heading (the ``key`` column) over a label/value grid, in
    which only a word longer than the line is folded.
    """

    def __init__(self, table: Table, key: int) -> None:
        self.table = table
        self.key = key

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """The table as given, or a fitted copy of it: the view can be drawn again (on screen
        and in a picture, at other widths) from the same table."""
        table = self.table
        drawn = (table.show_edge, table.pad_edge, table.collapse_padding)
        # Every cell on one line if one space less around the columns allows it; only then wrap.
        for wrap in (False, True):
            for spacing in (drawn, _COMPACT):
                candidate = _copy(table, spacing)
                widths = _column_widths(console, options, candidate, wrap)
                if widths is not None:
                    candidate.columns = [
                        _sized(column, width)
                        for column, width in zip(candidate.columns, widths, strict=True)
                    ]
                    yield candidate
                    return
        yield _stacked(table, self.key)


def _copy(table: Table, spacing: tuple[bool, bool, bool]) -> Table:
    """A shallow copy of ``table`` (the cells are shared) with other edge and padding."""
    copied = copy(table)
    copied.columns = [_sized(column, None) for column in table.columns]
    copied.show_edge, copied.pad_edge, copied.collapse_padding = spacing
    return copied


def _sized(column: Column, width: int | None) -> Column:
    """A shallow copy of ``column`` (its cells shared) with another width."""
    copied = copy(column)
    copied.width = width
    return copied


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
        sizes = [
            Measurement.get(console, unlimited, cell) for cell in (column.header, *column.cells)
        ]
        minimums.append(max(size.minimum for size in sizes))
        widths.append(max(size.maximum for size in sizes))
    available = options.max_width - _frame_width(console, unlimited, table)
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


def _frame_width(console: Console, options: ConsoleOptions, table: Table) -> int:
    """The cells ``table``'s borders and padding take: the width of the table with every cell
    and header empty (measuring the table itself would measure every cell again)."""
    frame = copy(table)
    frame.rows = []
    frame.columns = [_empty(column) for column in table.columns]
    return Measurement.get(console, options, frame).maximum


# The settings a column is made with (Column is a dataclass): its cells are private to Rich.
_COLUMN_SETTINGS = tuple(f.name for f in fields(Column) if f.init and not f.name.startswith("_"))


def _empty(column: Column) -> Column:
    """A column made with ``column``'s settings, no header or footer and no cells."""
    settings = {name: getattr(column, name) for name in _COLUMN_SETTINGS}
    return Column(**{**settings, "header": "", "footer": ""})


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
        grid = label_grid()
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
