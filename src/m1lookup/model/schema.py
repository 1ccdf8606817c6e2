"""The dataset's records and the values their fields may take (docs/data.md).

Declared once: loading (m1lookup.load.dataset), checking (m1lookup.load.validation), the JSON and
CSV output and the JSON Schema's drift tests all derive from these. Nothing here reads a file.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from m1lookup.model.records import Record

if TYPE_CHECKING:
    from collections.abc import Iterable

# The values the dataset's fields may take (docs/data.md); checked by m1lookup.load.validation.
DATA_SCHEMA_VERSION = 2  # of the dataset file; the JSON documents have their own
CONFIDENCES = ("high", "medium", "low")
PROGRAMMES = ("factory", "individual", "unconfirmed")
SOURCE_KINDS = ("official", "press", "registry", "weak")
MARKET_FIGURE_KINDS = (
    "built for",
    "allocated",
    "delivered",
    "sold",
    "tallied",
    "promised",
    "projected",
)
CLAIM_TOPICS = ("built", "customer_cars", "planned_cap", "individual_cars", "end", "sold")


class Source(Record):
    number: int  # 1, 2, ... in the file's order: what the screen cites as [1], [2]
    id: str
    title: str
    title_is_description: bool  # the page's own title could not be confirmed
    publisher: str
    date: str | None
    url: str
    kind: str


class Figure(Record):
    value: int
    confidence: str
    sources: tuple[str, ...]
    note: str | None = None


class DateFigure(Record):
    date: str
    confidence: str
    sources: tuple[str, ...]
    note: str | None = None


class Claim(Record):
    topic: str
    value: int | str
    used: bool
    confidence: str
    sources: tuple[str, ...]
    note: str | None = None


class Production(Record):
    plant: str
    start: DateFigure
    end: DateFigure
    built: Figure
    customer_cars: Figure
    internal_cars: Figure
    planned_cap: Figure
    individual_cars: Figure


class MarketCount(Record):
    """A colour's count in one market (not worldwide)."""

    market: str  # a Market id
    kind: str
    value: int
    confidence: str
    sources: tuple[str, ...]
    note: str | None = None


class SearchSpelling(Record):
    """A spelling a colour is found by although no source gives it for the 1M ("B44"); the
    note, shown with every answer found by it, says what it rests on."""

    spelling: str
    note: str


class Colour(Record):
    """One colour a 1M was painted in. A figure ``x`` that has ``x_confidence`` and
    ``x_sources`` beside it is a sourced figure: both are None/empty when ``x`` is unknown."""

    id: str
    name: str
    aliases: tuple[str, ...]
    search_spellings: tuple[SearchSpelling, ...]
    name_de: str | None
    name_de_confidence: str | None
    name_de_sources: tuple[str, ...]
    paint_code: str | None
    paint_code_confidence: str | None
    paint_code_sources: tuple[str, ...]
    paint_code_note: str | None
    programme: str
    programme_confidence: str
    programme_sources: tuple[str, ...]
    finish: str | None
    finish_confidence: str | None
    finish_sources: tuple[str, ...]
    swatch: str | None
    swatch_note: str | None
    count: int | None
    count_confidence: str | None
    count_sources: tuple[str, ...]
    count_note: str | None
    verdict: str | None  # what the figures alone do not say, shown with them
    market_counts: tuple[MarketCount, ...]
    notes: str | None


PRODUCTION_DATES = ("start", "end")
PRODUCTION_FIGURES = tuple(
    name for name in Production.fields if name not in ("plant", *PRODUCTION_DATES)
)  # built, customer_cars, internal_cars, planned_cap, individual_cars
SOURCED_FIGURES = tuple(
    name for name in Colour.fields if f"{name}_confidence" in Colour.fields
)  # name_de, paint_code, programme, finish, count


class CatalogueColour(Record):
    """A BMW 1 Series catalogue colour that no 1M is known in."""

    code: str
    name: str
    name_de: str
    aliases: tuple[str, ...]
    remark: str | None
    sources: tuple[str, ...]


class Misnaming(Record):
    """A name reports gave a 1M colour that is not its name ("Jet Black")."""

    name: str
    colour: str  # the Colour id it was used for
    note: str
    sources: tuple[str, ...]


class MarketFigure(Record):
    kind: str
    value: int
    qualifier: str | None
    used: bool
    confidence: str
    sources: tuple[str, ...]
    note: str | None = None


class Market(Record):
    id: str
    name: str
    note: str | None
    sources: tuple[str, ...]
    colour_order: tuple[str, ...]
    colour_order_sources: tuple[str, ...]
    colour_note: str | None
    figures: tuple[MarketFigure, ...]


class Dataset(Record):
    path: str
    production: Production
    claims: tuple[Claim, ...]
    colours: tuple[Colour, ...]
    catalogue: tuple[CatalogueColour, ...]
    misnamings: tuple[Misnaming, ...]
    sources: tuple[Source, ...]
    markets: tuple[Market, ...]
    sources_by_id: dict[str, Source]
    colours_by_id: dict[str, Colour]

    def source(self, source_id: str) -> Source:
        return self.sources_by_id[source_id]

    def colour(self, colour_id: str) -> Colour:
        return self.colours_by_id[colour_id]

    def market(self, market_id: str) -> Market:
        return next(market for market in self.markets if market.id == market_id)

    def numbers(self, source_ids: Iterable[str]) -> str:
        """ "[4] [17] [19]": the sources' numbers, as every output cites them, smallest first."""
        return " ".join(f"[{n}]" for n in sorted({self.source(s).number for s in source_ids}))

    def cited(self, text: str) -> str:
        """``text`` with every ``[@source-id]`` written as the source's number, ``[19]``; the
        citations side by side, smallest number first, as everywhere: "[34] [38]"."""
        if "[@" not in text:
            return text
        return CITATIONS.sub(lambda match: self.numbers(citations(match.group())), text)


# A citation of a source inside a note: [@source-id] (docs/data.md).
CITATION = re.compile(r"\[@([^\]\s]+)\]")
CITATIONS = re.compile(r"\[@[^\]\s]+\](?: \[@[^\]\s]+\])*")  # side by side


def citations(text: str | None) -> list[str]:
    """The source ids cited in ``text``, in order."""
    return CITATION.findall(text) if text and "[@" in text else []
