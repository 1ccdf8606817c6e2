"""How a person's view is shown: the ``--color`` choice, whether a pager may be used, and the
terminal it is drawn on.

The :class:`Terminal` is detected from stdout and ``os.environ`` where the view is drawn; tests hand
in a made-up one, as httpie's ``MockEnvironment`` stands in for its ``Environment``, to check
colour, width and paging in-process.

A leaf that the options, the output path and the renderers all read, so that none of them
imports another for it.
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from typing import TYPE_CHECKING, TextIO

from m1lookup.model.records import Record

if TYPE_CHECKING:
    from collections.abc import Mapping


class Color(str, Enum):
    """``--color``: on a terminal unless NO_COLOR says no (auto), also in a pipe (always), never."""

    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


class Terminal(Record):
    """The terminal the view is drawn on, as the console, the colour choice and the pager see it.

    ``columns``: None lets Rich find the width as it does (COLUMNS, the terminal's own, else 80);
    ``rows``: the screen's height, 0 when unknown (``LINES`` in ``environ`` wins, see
    ``render.terminal.screen_height``). ``environ`` is read instead of ``os.environ`` for NO_COLOR,
    FORCE_COLOR, TERM, COLUMNS, LINES and the pager variables, and is the pager's environment.
    """

    is_tty: bool = False
    columns: int | None = None
    rows: int = 0
    environ: Mapping[str, str] = os.environ

    @classmethod
    def detect(cls, stream: TextIO | None = None) -> Terminal:
        """The real one: ``stream`` (stdout by default) and ``os.environ``."""
        stream = stream or sys.stdout
        tty = is_terminal(stream)
        return cls(tty, None, _terminal_rows(stream) if tty else 0, os.environ)


def is_terminal(stream: TextIO | None) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (ValueError, OSError):  # closed
        return False


def _terminal_rows(stream: TextIO) -> int:
    try:
        return os.get_terminal_size(stream.fileno()).lines
    except (AttributeError, ValueError, OSError):
        return 0


class Presentation(Record):
    """``terminal``: None for the real one, detected where the view is drawn."""

    color: Color = Color.AUTO
    pager: bool = True
    terminal: Terminal | None = None


DEFAULT_PRESENTATION = Presentation()
