"""The layout widget, render/layout.py: a table that never breaks a word, or a stack of rows."""

from __future__ import annotations

import io

import pytest
from rich import box
from rich.console import Console
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from m1lookup.render.layout import FittedTable, _frame_width, label_grid

WORDS = ("Programme", "unconfirmed", "Confidence", "Sapphire")


def table() -> Table:
    made = Table(title="Colours", box=box.SIMPLE_HEAD, title_justify="left")
    for header in ("Colour", "Programme", "Confidence"):
        made.add_column(header, overflow="fold")
    made.add_row(Text("Black Sapphire"), Text("factory"), Text("low"))
    made.add_row(Text("Sepang Bronze"), Text("unconfirmed"), Text("medium"))
    return made


def draw(renderable: object, width: int) -> str:
    console = Console(file=io.StringIO(), width=width, color_system=None, emoji=False)
    console.print(renderable)
    output = console.file.getvalue()  # type: ignore[attr-defined]
    assert isinstance(output, str)
    return output


def words(output: str) -> set[str]:
    return {word for line in output.splitlines() for word in line.split()}


@pytest.mark.parametrize("width", [100, 60, 45, 40, 30])
def test_no_word_is_broken_at_any_width(width: int) -> None:
    output = draw(FittedTable(table(), key=0), width)
    shown = words(output)
    for word in WORDS:
        assert word in shown, (word, output)
    assert all(len(line.rstrip()) <= width for line in output.splitlines())


def test_a_wide_terminal_gets_the_table_as_drawn() -> None:
    output = draw(FittedTable(table(), key=0), 100)
    assert output == draw(table(), 100)  # the same table, columns and all


def test_a_narrow_terminal_gets_one_block_per_row() -> None:
    output = draw(FittedTable(table(), key=0), 30)
    lines = [line.rstrip() for line in output.splitlines()]
    assert "Black Sapphire" in lines  # the key cell as a heading of its own
    assert "  Programme   factory" in lines  # the other columns as label and value
    assert "  Confidence  medium" in lines


def test_drawing_leaves_the_table_as_it_was() -> None:
    """The same view is drawn on screen and in a picture, at other widths: drawing it must not
    change it (the widget used to set the columns' widths on the table it was given)."""
    given = table()
    before = [(column.width, column.header) for column in given.columns]
    spacing = (given.show_edge, given.pad_edge, given.collapse_padding)
    narrow = FittedTable(given, key=0)
    first = draw(narrow, 45)
    assert [(column.width, column.header) for column in given.columns] == before
    assert (given.show_edge, given.pad_edge, given.collapse_padding) == spacing
    assert draw(narrow, 100) == draw(table(), 100)
    assert draw(narrow, 45) == first


def test_label_grid_wraps_values_under_themselves() -> None:
    grid = label_grid()
    grid.add_row("Notes", Text("one two three four five six seven eight nine ten"))
    lines = draw(grid, 30).splitlines()
    assert lines[0].startswith("Notes  one")
    assert all(line.startswith("       ") for line in lines[1:])


def test_the_frame_is_measured_without_touching_the_cells() -> None:
    """Borders and padding are measured on columns made anew through Rich's public Column
    settings (no write to its private cells), and come out as wide as the same table drawn
    with no rows and empty headers."""
    console = Console(file=io.StringIO(), width=80, color_system=None)
    drawn = table()
    frame = Table(title="Colours", box=box.SIMPLE_HEAD, title_justify="left")
    for _ in drawn.columns:
        frame.add_column("", overflow="fold")
    options = console.options.update_width(10_000)
    expected = Measurement.get(console, options, frame).maximum
    assert _frame_width(console, options, drawn) == expected == 10
    assert [len(list(column.cells)) for column in drawn.columns] == [2, 2, 2]
    assert [str(column.header) for column in drawn.columns] == ["Colour", "Programme", "Confidence"]
