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

from m1lookup.io.text import is_safe, safe

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
    # A URL that validation accepted has no unsafe characters; check anyway, as it goes raw
    # into the escape sequence.
    return is_safe(source.url)


def confidence_note(dataset: Dataset, confidence: str | None, sources: Iterable[str]) -> Text:
    """ "  (confidence high; [4] [17])" beside a known figure."""
    return Text(f"  ({confidence_words(dataset, confidence, sources)})", style="dim")


def confidence_words(dataset: Dataset, confidence: str | None, sources: Iterable[str]) -> str:
    """ "confidence high; [4] [17]" """
    numbers = dataset.numbers(sources)
    return f"confidence {confidence}{'; ' + numbers if numbers else ''}"


# How a market figure reads as a phrase: "740 built for the United States", "450 allocated to
# the United Kingdom".
_MARKET_PREPOSITIONS = {
    "built for": "",
    "allocated": " to",
    "delivered": " to",
    "sold": " in",
    "tallied": " in",
    "promised": " to",
    "projected": " for",
}


def market_figure(value: int | str, kind: str, market: str) -> str:
    """ "435 sold in North America (US and Canada)": a market figure as words."""
    shown = f"{value:,}" if isinstance(value, int) else value
    return f"{shown} {kind}{_MARKET_PREPOSITIONS.get(kind, ' in')} {the(market)}"


def the(name: str) -> str:
    """A country's name as it reads in a sentence: "the United States", "Canada"."""
    return f"the {name}" if name.startswith("United ") else name


_PLACES = ("the most popular", "the second most popular", "the third most popular")


def popularity(place: int) -> str:
    """ "the most popular colour", "the second most popular colour": a colour's place in a
    market's order, most popular first (0 = first)."""
    if place < len(_PLACES):
        return f"{_PLACES[place]} colour"
    return f"colour number {place + 1} by popularity"
