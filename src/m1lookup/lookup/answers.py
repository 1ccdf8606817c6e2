"""What each command answers: the records the renderers present, and the engine functions that
build the simpler ones. Records only need these imports, so that the renderers can name every
result type without importing the work behind it (``tally``'s CSV reader, say).

Nothing here imports Typer or Rich.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from m1lookup.io.text import preview
from m1lookup.lookup.query import MAX_SUGGESTIONS, ColourIndex, Found, NotFound
from m1lookup.lookup.rarity import rarity_by_id, rarity_table
from m1lookup.model.records import Record

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    from m1lookup.lookup.query import Outcome
    from m1lookup.lookup.rarity import Rarity
    from m1lookup.model.schema import Colour, Dataset, Market, MarketCount, Source


class ColourAnswers(Record):
    """``colour``: one outcome per query, in order, and every colour's rarity.

    ``outcomes`` is a tuple, or for a stream (``--jsonl``) a one-pass iterator that looks each
    query up as it is read, so that a million names never sit in memory.
    """

    dataset: Dataset
    outcomes: Iterable[Outcome]
    rarities: dict[str, Rarity]

    @property
    def found(self) -> list[tuple[str, Rarity]]:
        """(query, rarity) once per colour: 100,000 names that all say Java Green draw one
        panel, not 100,000 (JSON still answers every name)."""
        return [(found.query, self.rarities[colour_id]) for colour_id, found in self.first.items()]

    @property
    def first(self) -> dict[str, Found]:
        """The first query that found each colour, by colour id, in order."""
        once: dict[str, Found] = {}
        for outcome in self.outcomes:  # a tuple: the found are only asked of a finished answer
            if isinstance(outcome, Found):
                once.setdefault(outcome.colour.id, outcome)
        return once

    @property
    def misses(self) -> list[NotFound]:
        return [outcome for outcome in self.outcomes if isinstance(outcome, NotFound)]


def answer(dataset: Dataset, queries: Iterable[str]) -> ColourAnswers:
    """Every query's outcome, looked up now."""
    index = ColourIndex.of(dataset)
    outcomes = tuple(index.lookup(query) for query in queries)
    return ColourAnswers(dataset, outcomes, rarity_by_id(dataset))


def answer_stream(
    dataset: Dataset, queries: Iterable[str], on_miss: Callable[[NotFound], None]
) -> ColourAnswers:
    """Each query's outcome, looked up as the answers are read; ``on_miss`` hears each miss."""
    index = ColourIndex.of(dataset)

    def outcomes() -> Iterator[Outcome]:
        for query in queries:
            outcome = index.lookup(query)
            if isinstance(outcome, NotFound):
                on_miss(outcome)
            yield outcome

    return ColourAnswers(dataset, outcomes(), rarity_by_id(dataset))


class ColourList(Record):
    """``list``: the chosen colours in the chosen order."""

    dataset: Dataset
    rows: tuple[Rarity, ...]


def filtered_colours(
    dataset: Dataset, programme: str | None = None, sort: str = "rarity"
) -> ColourList:
    """The ``list`` command's rows: optionally one programme, sorted by rarity or by name."""
    rows = [
        r for r in rarity_table(dataset) if programme is None or r.colour.programme == programme
    ]
    if sort == "name":
        rows.sort(key=lambda r: r.colour.name.casefold())
    return ColourList(dataset, tuple(rows))


class SourceList(Record):
    """``sources``: every source, or the chosen ones."""

    dataset: Dataset
    sources: tuple[Source, ...]


class MarketList(Record):
    """``markets``: every market's figures."""

    dataset: Dataset
    markets: tuple[Market, ...]


def colour_sources(dataset: Dataset, colour: Colour) -> tuple[Source, ...]:
    """Every source the colour's figures, notes, search spellings and market counts cite, by
    number."""
    from m1lookup.model.schema import citations

    cited: set[str] = set()
    for name in colour.fields:
        value = getattr(colour, name)
        if name.endswith("_sources"):
            cited.update(value)
        elif isinstance(value, str):
            cited.update(citations(value))
    for count in colour.market_counts:
        cited.update(count.sources)
        cited.update(citations(count.note))
    for search in colour.search_spellings:
        cited.update(citations(search.note))
    return tuple(sorted((dataset.source(s) for s in cited), key=lambda source: source.number))


def market_counts(dataset: Dataset, market: Market) -> list[tuple[Colour, MarketCount]]:
    """The colour counts recorded for ``market``, in the dataset's colour order."""
    return [
        (colour, count)
        for colour in dataset.colours
        for count in colour.market_counts
        if count.market == market.id
    ]


class SourceMiss(Record):
    """A name given to ``sources`` that is no source's number or id."""

    query: str
    suggestions: tuple[str, ...]  # source ids that look like it
    last: int  # the highest source number

    @property
    def message(self) -> str:
        hint = f" Did you mean: {', '.join(self.suggestions)}?" if self.suggestions else ""
        where = f"give a number from 1 to {self.last} or an id."
        return f"no source “{preview(self.query)}”: {where}{hint}"


def chosen_sources(
    dataset: Dataset, wanted: Iterable[str] | None
) -> tuple[SourceList, list[SourceMiss]]:
    """The sources named by number or id, in the order asked (every source when none is named),
    and the names that named none."""
    if not wanted:
        return SourceList(dataset, dataset.sources), []
    by_number = {str(source.number): source for source in dataset.sources}
    found: list[Source] = []
    misses: list[SourceMiss] = []
    for name in wanted:
        number = name.strip().removeprefix("[").removesuffix("]")
        source = by_number.get(number) or dataset.sources_by_id.get(name)
        if source is None:
            misses.append(SourceMiss(name, _similar_ids(dataset, name), len(dataset.sources)))
        elif source not in found:
            found.append(source)
    return SourceList(dataset, tuple(found)), misses


def _similar_ids(dataset: Dataset, name: str) -> tuple[str, ...]:
    from difflib import get_close_matches

    ids = list(dataset.sources_by_id)
    return tuple(get_close_matches(name, ids, n=MAX_SUGGESTIONS, cutoff=0.5))


class ColourTally(Record):
    rarity: Rarity  # the colour, and its count and share of production where known
    cars_in_list: int
    share_of_list: float  # of the rows whose colour resolved


class Unresolved(Record):
    line: int  # the physical line in the file where the row starts, 1 = the first line
    miss: NotFound  # the cell's value, why it did not resolve, and suggestions


class Tally(Record):
    file: str
    column: str  # the header as written in the file
    rows: int  # data rows; blank lines are not rows
    colours: tuple[ColourTally, ...]  # most cars in the list first
    unresolved: tuple[Unresolved, ...]  # in file order
    dataset: Dataset  # what the colours were resolved against

    @property
    def resolved(self) -> int:
        return self.rows - len(self.unresolved)
