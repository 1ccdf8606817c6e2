"""Drawing for people on a terminal: the one console per command, colour, paging, the swatch.

Imported only by commands that draw; the views themselves are in :mod:`m1lookup.render.views`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from rich.console import Console, ConsoleOptions, RenderableType
from rich.measure import Measurement
from rich.style import Style
from rich.text import Text

from m1lookup.io import streams
from m1lookup.io.text import without_trailing_spaces
from m1lookup.render.presentation import DEFAULT_PRESENTATION, Color, Presentation, Terminal
from m1lookup.render.terminal import console_settings, write_paged

if TYPE_CHECKING:
    from collections.abc import Iterable


def make_console(
    file: TextIO | None = None, color: Color = Color.AUTO, terminal: Terminal | None = None
) -> Console:
    """The console for ``--color`` (auto, always, never), NO_COLOR, FORCE_COLOR, TERM=dumb and
    whether ``file`` (stdout by default) is a terminal: see ``render.terminal``.

    ``emoji=False``: no ``:name:`` codes are replaced, so Rich never loads its emoji table (2 ms).
    ``_environ``: Rich's own way to read another environment than ``os.environ`` (for COLUMNS,
    LINES, TERM and COLORTERM), so that a test's terminal steers it as a real one does.
    """
    terminal = terminal or Terminal.detect(file)
    settings = console_settings(color, terminal.environ, terminal.is_tty)
    return Console(
        file=file,
        highlight=False,
        soft_wrap=False,
        emoji=False,
        width=terminal.columns,
        _environ=terminal.environ,
        **settings,
    )


def show(renderable: RenderableType, presentation: Presentation = DEFAULT_PRESENTATION) -> None:
    """Draw ``renderable`` on stdout: one console, made here, where it is used. On a terminal
    the text is drawn first, to page it when it is taller than the screen.

    ``crop=False``: a source's address is one line that is never wrapped or cut (see
    :func:`source_block`); everything else is laid out within the width.
    """
    terminal = presentation.terminal or Terminal.detect()
    console = make_console(color=presentation.color, terminal=terminal)
    with console.capture() as drawn:  # drawn as for stdout, then written by the one writer
        console.print(renderable, crop=False)
    text = without_trailing_spaces(drawn.get())  # Rich pads tables and wrapped lines
    if presentation.pager and terminal.is_tty:
        write_paged(text, terminal)
    else:
        streams.write_text(text)


def shows_colour(console: Console) -> bool:
    """Whether colours drawn on ``console`` are seen: a recording console becomes a picture,
    which keeps every colour whatever the terminal."""
    return console.record or (console.color_system is not None and not console.no_color)


class Swatch:
    """A colour's swatch: a block drawn in the colour before its description where colour is
    shown; elsewhere only the description (hex and "approximate"), as a block would be blank."""

    def __init__(self, colour_hex: str, description: Text) -> None:
        self.colour_hex = colour_hex
        self.description = description

    def text(self, console: Console) -> Text:
        if not shows_colour(console):
            return self.description
        return Text.assemble(("██", Style(color=self.colour_hex)), " ", self.description)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterable[Text]:
        yield self.text(console)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.text(console))
