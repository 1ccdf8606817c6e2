"""How a person's view is shown: the ``--color`` choice and whether a pager may be used.

A leaf that the options, the output path and the renderers all read, so that none of them
imports another for it.
"""

from __future__ import annotations

from enum import Enum

from m1lookup.model.records import Record


class Color(str, Enum):
    """``--color``: on a terminal unless NO_COLOR says no (auto), also in a pipe (always), never."""

    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


class Presentation(Record):
    color: Color = Color.AUTO
    pager: bool = True


DEFAULT_PRESENTATION = Presentation()
