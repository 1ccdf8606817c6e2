"""What each command answers: the records the renderers present, and the engine functions that
build the simpler ones. Records only need these imports, so that the renderers can name every
result type without importing the work behind it (``tally``'s CSV reader, say).

Nothing here imports Typer or Rich.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

from m1lookup.io.text import preview
from m1lookup.lookup.query import MAX_SUGGESTIONS, ColourIndex, Found, NotFound
from m1lookup.lookup.rarity import rarity_by_id, rarity_table
from m1lookup.lookup.vin import Severity, VinMarket
from m1lookup.model.records import Record

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from m1lookup.lookup.query import Outcome
    from m1lookup.lookup.rarity import Rarity
    from m1lookup.model.schema import Colour, Dataset, Market, MarketCount, Source


class ColourAnswers(Record):
    """``colour``: one outcome per query, in order, and every colour's rarity."""

    dataset: Dataset
    outcomes: tuple[Outcome, ...]
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


class Blank(Record):
    """An input line with no name on it: ``colour - --jsonl`` answers it too, to keep the
    input's shape."""


BLANK = Blank()


class StreamCount:
    """How many names a stream has answered and missed so far; read once it is done."""

    def __init__(self) -> None:
        self.names = 0
        self.missed = 0

    @property
    def summary(self) -> str:
        return f"{self.missed:,} of {self.names:,} names not found"


class ColourStream(Record):
    """``colour --jsonl``: a one-pass iterator of (line, outcome) pairs, each name looked up as
    it is read, so that a million names never sit in memory. ``line`` is the input line on
    stdin (None for a name given as an argument)."""

    dataset: Dataset
    answers: Iterable[tuple[int | None, Outcome | Blank]]
    rarities: dict[str, Rarity]
    tally: StreamCount


def answer_stream(dataset: Dataset, names: Iterable[tuple[int | None, str]]) -> ColourStream:
    """Each numbered name's outcome, looked up as the answers are read; a blank name is
    :data:`BLANK`. The stream's ``tally`` counts names and misses as they go."""
    index = ColourIndex.of(dataset)
    count = StreamCount()

    def answers() -> Iterator[tuple[int | None, Outcome | Blank]]:
        for line, name in names:
            if not name:
                yield line, BLANK
                continue
            outcome = index.lookup(name)
            count.names += 1
            if isinstance(outcome, NotFound):
                count.missed += 1
            yield line, outcome

    return ColourStream(dataset, answers(), rarity_by_id(dataset), count)


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
    """``sources``: every source, or the chosen ones, and the names that named none."""

    dataset: Dataset
    sources: tuple[Source, ...]
    misses: tuple[SourceMiss, ...] = ()


class MarketList(Record):
    """``markets``: every market's figures."""

    dataset: Dataset
    markets: tuple[Market, ...]


def colour_sources(dataset: Dataset, colour: Colour) -> tuple[Source, ...]:
    """Every source the colour's figures, notes and market counts cite, by number."""
    return cited_sources(dataset, (colour,))


def cited_sources(
    dataset: Dataset, records: Iterable[Record], source_ids: Iterable[str] = ()
) -> tuple[Source, ...]:
    """Every source the records cite, as a figure's sources or in a note, and ``source_ids``:
    each once, by number."""
    cited = set(source_ids)
    for record in records:
        _cite(record, cited)
    return tuple(sorted((dataset.source(s) for s in cited), key=lambda source: source.number))


def _cite(value: object, cited: set[str], name: str = "") -> None:
    from m1lookup.model.schema import citations

    if isinstance(value, Record):
        for field in value.fields:
            _cite(getattr(value, field), cited, field)
    elif name == "sources" or name.endswith("_sources"):
        cited.update(value)  # type: ignore[arg-type]
    elif isinstance(value, tuple):
        for item in value:
            _cite(item, cited, name)
    elif isinstance(value, str):
        cited.update(citations(value))


def stats_sources(dataset: Dataset, unknown_colours: Iterable[Colour]) -> tuple[Source, ...]:
    """The sources ``stats`` cites on screen: the production figures', every reported figure's
    (and its note's), and those of the market counts of the colours without a worldwide count."""
    production = dataset.production
    figures = (getattr(production, name) for name in production.fields if name != "plant")
    shown = [source for figure in figures for source in figure.sources]
    shown += [s for colour in unknown_colours for c in colour.market_counts for s in c.sources]
    return cited_sources(dataset, dataset.claims, shown)


def market_sources(dataset: Dataset, market: Market) -> tuple[Source, ...]:
    """The sources a market's panel cites: its figures', its colour counts', its colour order's
    and its notes'."""
    counts = [count for _, count in market_counts(dataset, market)]
    notes = [note for note in (market.note, market.colour_note) if note]
    return cited_sources(
        dataset, (*market.figures, *counts), [*market.colour_order_sources, *_citations(notes)]
    )


def _citations(notes: Iterable[str]) -> list[str]:
    from m1lookup.model.schema import citations

    return [cited for note in notes for cited in citations(note)]


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


def chosen_sources(dataset: Dataset, wanted: Iterable[str] | None) -> SourceList:
    """The sources named by number or id, in the order asked (every source when none is named),
    and the names that named none."""
    if not wanted:
        return SourceList(dataset, dataset.sources)
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
    return SourceList(dataset, tuple(found), tuple(misses))


def _similar_ids(dataset: Dataset, name: str) -> tuple[str, ...]:
    from difflib import get_close_matches

    ids = list(dataset.sources_by_id)
    return tuple(get_close_matches(name, ids, n=MAX_SUGGESTIONS, cutoff=0.5))


class RowStatus(str, Enum):
    """What became of one row of a car list; every row has exactly one. The value is what
    ``--rows`` writes."""

    COUNTED = "counted"  # the car's first row: the car is counted under its colour
    DUPLICATE = "duplicate"  # a later row of a car already counted, with the same colour
    CONFLICT = "conflict"  # a row of a car whose rows give different colours: not counted
    NOT_A_1M_VIN = "not a 1M VIN"  # a malformed VIN, or one no 1M can have: not counted
    CHECK_DIGIT = "check digit"  # a North American VIN whose check digit fails: not counted
    UNKNOWN_COLOUR = "unknown colour"  # the colour did not resolve: not counted
    BLANK = "blank"  # no colour, or no VIN in a list that has a VIN column: not counted


class ColourTally(Record):
    rarity: Rarity  # the colour, and its count and share of production where known
    cars: int  # cars counted in the register with this colour
    share: float  # of the cars counted
    share_low: float  # 95% Wilson interval of the share
    share_high: float


class Unresolved(Record):
    file: str
    line: int  # the physical line in the file where the row starts, 1 = the first line
    miss: NotFound  # the cell's value, why it did not resolve, and suggestions


class RowPlace(Record):
    file: str
    line: int


class Duplicate(Record):
    vin: str  # the full VIN when one is known, else the short chassis number
    rows: tuple[RowPlace, ...]  # every row of the car, the counted one first


class Conflict(Record):
    vin: str
    colours: tuple[str, ...]  # colour ids, in the order the rows give them
    rows: tuple[RowPlace, ...]


class VinProblem(Record):
    file: str
    line: int
    vin: str  # as written in the file
    problem: str
    severity: Severity  # an error's row is not counted; a warning's is
    status: RowStatus  # the row's: not a 1M VIN, check digit or blank for an error


class TallyRow(Record):
    """One row of the input, for ``--rows``."""

    file: str
    line: int
    vin: str | None  # as written; None without a VIN column
    value: str  # the colour cell as written
    colour: str | None  # the matched colour id
    status: RowStatus


class TallyFile(Record):
    file: str
    column: str  # the colour column's header, as written
    vin_column: str | None  # None: this file's rows are counted as cars, one each
    encoding: str  # what the file was read as: "utf-8", "utf-16", "cp1252", ...


class Tally(Record):
    inputs: tuple[TallyFile, ...]
    rows: int  # data rows of every file; blank lines are not rows
    cars: int  # cars counted: each car once, conflicts and flagged rows left out
    colours: tuple[ColourTally, ...]  # most cars first
    unresolved: tuple[Unresolved, ...]  # rows whose colour did not resolve, in file order
    duplicates: tuple[Duplicate, ...]
    conflicts: tuple[Conflict, ...]
    vin_problems: tuple[VinProblem, ...]  # in file order, errors and warnings
    markets: dict[VinMarket, int]  # cars counted per market, from the VIN's position 7
    statuses: dict[RowStatus, int]  # rows per status
    dataset: Dataset  # what the colours were resolved against
    row_list: Iterable[TallyRow] | None = None  # every row, when asked for (--rows)
    suggestions_capped: bool = False  # some unknown colours got no suggestions (the cap)

    @property
    def file(self) -> str:
        return self.inputs[0].file

    @property
    def column(self) -> str:
        return self.inputs[0].column

    @property
    def by_vin(self) -> bool:
        return any(source.vin_column is not None for source in self.inputs)

    def order(self, file: str, line: int) -> tuple[int, int]:
        """Where a row comes in the files' order, for listing rows as they were read."""
        files = [source.file for source in self.inputs]
        return files.index(file), line

    @property
    def resolved(self) -> int:
        """Rows whose colour resolved."""
        return self.rows - len(self.unresolved)

    @property
    def failed(self) -> bool:
        """Whether some row was left out for a reason the keeper should fix (exit 1)."""
        return bool(
            self.unresolved
            or self.conflicts
            or any(p.severity is Severity.ERROR for p in self.vin_problems)
        )


class TallyRows(Record):
    """``tally --rows``: every input row with its status, read once."""

    tally: Tally

    @property
    def rows(self) -> Iterable[TallyRow]:
        return self.tally.row_list or ()


# --- check: an advert's claims ---------------------------------------------------------------


class Verdict(str, Enum):
    """What the evidence says of a claim; the value is what JSON calls it."""

    SUPPORTED = "supported"
    CONTRADICTED = "contradicted"
    UNVERIFIABLE = "unverifiable"
    NOT_A_1M_COLOUR = "not a 1M colour"


class CheckedClaim(Record):
    """One claim and its verdict.

    ``recorded`` is the figure the verdict rests on (None when none is recorded), ``confidence``
    its confidence; ``sources`` every source the ``message`` cites, smallest number first.
    """

    text: str  # the claim as the advert words it
    subject: str  # what it was checked as: "Valencia Orange in North America (US and Canada)"
    colour: Colour | None
    market: Market | None
    value: int
    verdict: Verdict
    recorded: int | None
    confidence: str | None
    sources: tuple[str, ...]
    message: str  # the evidence in one or two sentences, citations as numbers: [27]


class Checks(Record):
    """``check``: every claim found, and the colours asked for that name no colour."""

    dataset: Dataset
    claims: tuple[CheckedClaim, ...]
    not_found: tuple[NotFound, ...] = ()

    @property
    def all_supported(self) -> bool:
        """Exit 0: at least one claim, every one supported, and no colour missed."""
        return (
            bool(self.claims)
            and not self.not_found
            and all(claim.verdict is Verdict.SUPPORTED for claim in self.claims)
        )
