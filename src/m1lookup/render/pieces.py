"""The small pieces every view is built of: data text shown literally, numbers, citations, and
sources with their whole addresses.

Every string from the dataset or from the user goes through :func:`text` (or :func:`cited`), which
escapes control characters and never parses Rich markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.style import Style
from rich.text import Text

from m1lookup.io.text import safe

if TYPE_CHECKING:
    from collections.abc import Iterable

    from m1lookup.model.schema import Dataset, Source

UNKNOWN = "unknown"
DESCRIBED = "(a description: the page's title is not known)"
PROGRAMME_LABELS = {
    "factory": "factory palette",
    "individual": "BMW Individual",
    "unconfirmed": "unconfirmed: not shown to be a factory car",
}


def text(value: object, style: str | Style = "") -> Text:
    """User or data text, shown literally: no markup, control characters escaped."""
    return Text(safe(str(value)), style=style, overflow="fold")


def number(value: int | None) -> str:
    return UNKNOWN if value is None else f"{value:,}"


def percent(share: float | None) -> str:
    return UNKNOWN if share is None else f"{share * 100:.3g}%"


def muted(value: str) -> Text:
    return Text(value, style="dim")


def cited(dataset: Dataset, value: str, style: str = "") -> Text:
    """A note with its ``[@source-id]`` citations written as the sources' numbers."""
    return text(dataset.cited(value), style=style)


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
        if source.title_is_description:
            line.append(f" {DESCRIBED}", style="dim")
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
    numbers = dataset.numbers(sources)
    return Text(f"  (confidence {confidence}{'; ' + numbers if numbers else ''})", style="dim")
