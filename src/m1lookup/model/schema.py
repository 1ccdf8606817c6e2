"""The dataset's records: the one declaration of every field of the data file.

Each field's annotation is its type, and :func:`field` gives its documentation line, whether it
is required, its allowed values and its form. Loading (m1lookup.load.dataset), checking
(m1lookup.load.validation), the JSON and CSV output, and the generated parts of the JSON Schema
and of docs/data.md and docs/json.md (scripts/generate.py) are derived from them. Adding a field
is one declaration here, the data, and the tests. Nothing here reads a file.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from m1lookup.model.records import Record, field

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
# Each set of values by the name the JSON Schema gives it ($defs).
ENUMS = {
    "confidence": CONFIDENCES,
    "programme": PROGRAMMES,
    "source_kind": SOURCE_KINDS,
    "market_figure_kind": MARKET_FIGURE_KINDS,
    "claim_topic": CLAIM_TOPICS,
}


class Source(Record):
    number: int = field(
        "1, 2, ... in the file's order: what every output cites as [1], [2]",
        minimum=1,
        in_file=False,
    )
    id: str = field("slug cited by every other table")
    title: str = field("the page's own title")
    title_is_description: bool = field(
        "`true` where the page's own title could not be confirmed: `title` then describes the"
        " page, and every output says so",
        required=False,
    )
    publisher: str = field("site or organisation")
    date: str | None = field("absent when the page is undated", required=False, form="date")
    url: str = field("the address as archived", form="url")
    kind: str = field("what kind of source it is", choices=SOURCE_KINDS)


class Figure(Record):
    """A production figure, with its confidence and sources."""

    value: int = field("the figure", minimum=0)
    confidence: str = field("trust in the figure", choices=CONFIDENCES)
    sources: tuple[str, ...] = field("who reported it", form="sources")
    note: str | None = field(
        "where it comes from, conflicts and caveats", required=False, default=None
    )


class DateFigure(Record):
    """A production date, with its confidence and sources."""

    date: str = field("the date", form="date")
    confidence: str = field("trust in the date", choices=CONFIDENCES)
    sources: tuple[str, ...] = field("who reported it", form="sources")
    note: str | None = field(
        "where it comes from, conflicts and caveats", required=False, default=None
    )


class Claim(Record):
    """A production figure as reported, used or not."""

    topic: str = field("what the figure is about", choices=CLAIM_TOPICS)
    value: int | str = field(
        "the figure as reported; a string only for topic `end` (a date such as `2012-06`)",
        minimum=1,
    )
    used: bool = field("`true` for the figure the tool shows for this topic; one per topic at most")
    confidence: str = field("trust in the figure", choices=CONFIDENCES)
    sources: tuple[str, ...] = field("who reported it", form="sources")
    note: str | None = field(
        'why it is used, superseded or doubted; says "about" or "maybe" where the source does',
        required=False,
        default=None,
    )


class Production(Record):
    plant: str = field("where the cars were built")
    start: DateFigure = field("start of series production")
    end: DateFigure = field("end of production")
    built: Figure = field("every car built (customer + internal)")
    customer_cars: Figure = field("cars built for customers: the denominator of every share")
    internal_cars: Figure = field(
        "cars built for BMW's own use (may be 0 only here; customer_cars + internal_cars = built)"
    )
    planned_cap: Figure = field("the originally planned run the tool shows")
    individual_cars: Figure = field("cars painted by BMW Individual at the factory")


class MarketCount(Record):
    """A colour's count in one market (not worldwide)."""

    market: str = field("id of a `[[markets]]` entry")
    kind: str = field("what the figure counts", choices=MARKET_FIGURE_KINDS)
    value: int = field("the figure", minimum=1)
    confidence: str = field("trust in the figure", choices=CONFIDENCES)
    sources: tuple[str, ...] = field("who reported it", form="sources")
    note: str | None = field("conflicts and caveats", required=False, default=None)


class SearchSpelling(Record):
    """A spelling a colour is found by although no source gives it for the 1M ("B44"); the
    note, shown with every answer found by it, says what it rests on."""

    spelling: str = field("the spelling, as adverts or forums write it")
    note: str = field("what it rests on, e.g. an inference from a source's code, with citations")


class Colour(Record):
    """One colour a 1M was painted in. A figure ``x`` that has ``x_confidence`` and
    ``x_sources`` beside it is a sourced figure: both are None/empty when ``x`` is unknown."""

    id: str = field("stable identifier, e.g. `monte-carlo-blue`")
    name: str = field("English name as BMW and the press use it")
    aliases: tuple[str, ...] = field(
        "search-only spellings (translations, abbreviations); never shown as an official name",
        required=False,
    )
    search_spellings: tuple[SearchSpelling, ...] = field(
        "spellings no source gives for the 1M (`B44`), each with a note that every answer found"
        " by it shows",
        required=False,
    )
    name_de: str | None = field("German name, only where a source gives one", required=False)
    name_de_confidence: str | None = field(
        "trust in the German name", choices=CONFIDENCES, needs="name_de"
    )
    name_de_sources: tuple[str, ...] = field(
        "who gives the German name", form="sources", needs="name_de"
    )
    paint_code: str | None = field(
        "BMW paint code, written as the source writes it (`WB44`)", required=False
    )
    paint_code_confidence: str | None = field(
        "trust in the code", choices=CONFIDENCES, needs="paint_code"
    )
    paint_code_sources: tuple[str, ...] = field(
        "who gives the code", form="sources", needs="paint_code"
    )
    paint_code_note: str | None = field(
        "what the code rests on, e.g. an inference", required=False, needs="paint_code"
    )
    programme: str = field(
        "`factory` (regular palette), `individual` (BMW Individual paint from the factory) or"
        " `unconfirmed` (reported, not shown to be a factory car)",
        choices=PROGRAMMES,
    )
    programme_confidence: str = field(
        "trust in the programme", choices=CONFIDENCES, needs="programme"
    )
    programme_sources: tuple[str, ...] = field("who says so", form="sources", needs="programme")
    finish: str | None = field("`metallic` or `solid`, where a source gives it", required=False)
    finish_confidence: str | None = field(
        "trust in the finish", choices=CONFIDENCES, needs="finish"
    )
    finish_sources: tuple[str, ...] = field("who gives the finish", form="sources", needs="finish")
    swatch: str | None = field(
        "display colour, approximate: not a paint measurement", required=False, form="swatch"
    )
    swatch_note: str | None = field(
        "where the display colour comes from", required=False, needs="swatch"
    )
    count: int | None = field(
        "cars built in this colour, worldwide; unknown unless a source gives it",
        required=False,
        minimum=1,
    )
    count_confidence: str | None = field("trust in the count", choices=CONFIDENCES, needs="count")
    count_sources: tuple[str, ...] = field("who gives the count", form="sources", needs="count")
    count_note: str | None = field("how the count is supported", required=False, needs="count")
    verdict: str | None = field(
        "what the figures alone do not say, shown with the count as part of the answer"
        ' ("probably a repaint or a wrap"), with citations',
        required=False,
    )
    market_counts: tuple[MarketCount, ...] = field(
        "the colour's counts in single markets; never a worldwide count", required=False
    )
    notes: str | None = field("caveats, with citations", required=False)


PRODUCTION_DATES = ("start", "end")
PRODUCTION_FIGURES = tuple(
    name for name in Production.fields if name not in ("plant", *PRODUCTION_DATES)
)  # built, customer_cars, internal_cars, planned_cap, individual_cars
SOURCED_FIGURES = tuple(
    name for name in Colour.fields if f"{name}_confidence" in Colour.fields
)  # name_de, paint_code, programme, finish, count


class CatalogueColour(Record):
    """A BMW 1 Series catalogue colour that no 1M is known in."""

    code: str = field("BMW paint code, e.g. `381`")
    name: str = field("the usual English name, e.g. `Le Mans Blue`")
    name_de: str = field("the name as the source writes it, e.g. `Le Mans Blau`")
    aliases: tuple[str, ...] = field("other spellings, e.g. `Space Gray`", required=False)
    remark: str | None = field(
        'the source\'s remark, in English, e.g. "E87 phase 1 only"', required=False
    )
    sources: tuple[str, ...] = field("who lists it", form="sources")


class Misnaming(Record):
    """A name reports gave a 1M colour that is not its name ("Jet Black")."""

    name: str = field("the name as reported, e.g. `Jet Black`")
    colour: str = field("id of the `[[colours]]` entry meant, e.g. `black-sapphire`")
    note: str = field("who used the name and what the colour is called, with citations")
    sources: tuple[str, ...] = field("the reports that used the name", form="sources")


class MarketFigure(Record):
    """A figure for one market, used or not."""

    kind: str = field("what the figure counts", choices=MARKET_FIGURE_KINDS)
    value: int = field("the figure", minimum=1)
    qualifier: str | None = field(
        "`more than`, `about`, `fewer than`, as the source words it", required=False
    )
    used: bool = field(
        "`true` for the figure the tool shows for the market; one per market at most",
        required=False,
    )
    confidence: str = field("trust in the figure", choices=CONFIDENCES)
    sources: tuple[str, ...] = field("who reported it", form="sources")
    note: str | None = field("caveats", required=False, default=None)


class Market(Record):
    """A single market and the figures published for it."""

    id: str = field("slug, e.g. `usa`")
    name: str = field("market name")
    note: str | None = field('caveat, e.g. "grey imports only"', required=False)
    sources: tuple[str, ...] = field(
        "sources for the note (for a market with no figure)", required=False, form="sources"
    )
    colour_order: tuple[str, ...] = field(
        "colour ids in the popularity order reported for this market, most popular first"
        " (no counts)",
        required=False,
    )
    colour_order_sources: tuple[str, ...] = field(
        "who reported the order", form="sources", needs="colour_order"
    )
    colour_note: str | None = field("qualitative colour remark", required=False)
    figures: tuple[MarketFigure, ...] = field(
        "the figures published for the market; absent when none was", required=False
    )


class Dataset(Record):
    """A dataset file: where it was read from, its top-level tables, and indexes of them."""

    path: str
    production: Production = field("production dates and figures, see below")
    claims: tuple[Claim, ...] = field("every reported production figure", required=False)
    colours: tuple[Colour, ...] = field("the 1M's colours")
    catalogue: tuple[CatalogueColour, ...] = field(
        "1 Series catalogue colours no 1M is known in", required=False
    )
    misnamings: tuple[Misnaming, ...] = field(
        "names reports used that are not a 1M colour's name", required=False
    )
    sources: tuple[Source, ...] = field("every source cited anywhere")
    markets: tuple[Market, ...] = field("figures for single markets", required=False)
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
