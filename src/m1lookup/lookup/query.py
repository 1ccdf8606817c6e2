"""The query engine: resolve what a user typed to a colour, or say why it names none.

Nothing here imports Typer or Rich; the commands only present what these functions return.
"""

from __future__ import annotations

import bisect
from enum import Enum
from typing import TYPE_CHECKING

from m1lookup.compat import assert_never
from m1lookup.io.text import cars, fold, preview, safe
from m1lookup.model.records import Record
from m1lookup.model.schema import CatalogueColour, Misnaming

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

    from m1lookup.model.schema import Colour, Dataset, SearchSpelling

MAX_QUERY_LENGTH = 200
MAX_SUGGESTIONS = 3
# Answers remembered per index: a batch of a million names has a handful of spellings, and a
# batch of a million different names must still run in bounded memory.
MAX_REMEMBERED = 4096


class Found(Record):
    query: str
    colour: Colour
    matched_by: str  # "exact", "prefix" or "words"
    # The spellings no source gives that the match rests on ("B44"); every answer shows their notes.
    search_spellings: tuple[SearchSpelling, ...] = ()


class Miss(str, Enum):
    """Why a query found no colour; the value is what JSON calls the reason."""

    NO_MATCH = "no match"
    AMBIGUOUS = "ambiguous"
    EMPTY = "empty"  # only punctuation, symbols or emoji: nothing to match
    TOO_LONG = "too long"
    NOT_A_1M_COLOUR = "not a 1M colour"  # a 1 Series catalogue colour no 1M is known in
    MISNAMED = "misnamed"  # a name reports gave a 1M colour that is not its name


class NotFound(Record):
    query: str
    reason: Miss
    suggestions: tuple[Colour, ...]
    catalogue: CatalogueColour | None = None  # for NOT_A_1M_COLOUR
    misnaming: Misnaming | None = None  # for MISNAMED
    explanation: str | None = None  # for those two, with the sources cited by number

    @property
    def message(self) -> str:
        """The one-line explanation shown on screen, in tally's report and in JSON."""
        if self.explanation is not None:
            return self.explanation
        quoted = f"“{preview(self.query)}”"
        names = ", ".join(safe(colour.name) for colour in self.suggestions)
        if self.reason is Miss.AMBIGUOUS:
            return f"{quoted} matches several colours: {names}. Be more specific."
        if self.reason is Miss.TOO_LONG:
            return (
                f"{quoted} is not a colour name: a name is at most {MAX_QUERY_LENGTH} characters."
            )
        if self.reason is Miss.EMPTY:
            if not self.query.strip():
                return "the colour cell is empty."
            return f"{quoted} has no letters or digits to look up. Try 'm1lookup list'."
        if self.reason is Miss.NOT_A_1M_COLOUR or self.reason is Miss.MISNAMED:
            raise ValueError(f"a {self.reason.value!r} miss carries its explanation")
        if self.reason is not Miss.NO_MATCH:
            assert_never(self.reason)
        if names:
            return f"no colour matches {quoted}. Did you mean: {names}?"
        return f"no colour matches {quoted}. Try 'm1lookup list' for every colour."


Outcome = Found | NotFound
Other = CatalogueColour | Misnaming

# Words an advert puts before a colour's name: "BMW Individual Monte Carlo Blue". "individual" is
# a word of each BMW Individual colour (so "BMW Individual Valencia Orange" finds nothing).
MAKE = "bmw"
INDIVIDUAL = "individual"


# German colour words, folded, and the English word the names use: "schwarz" finds what "black"
# finds (folded, as the keys are: "blue" is "blu"). Saphirschwarz and Alpinweiß hide the German
# word inside one word of their name.
GENERIC_GERMAN = {
    "schwarz": "black",
    "weiss": "white",
    "weis": "white",
    "blau": "blu",
    "grun": "green",
    "gelb": "yellow",
    "bronze": "bronze",
}


class ColourIndex:
    """Every spelling of every colour, folded, for exact, prefix and word lookups; and the
    1 Series colours and names that are not 1M colours, to say so when one is asked for."""

    @classmethod
    def of(cls, dataset: Dataset) -> ColourIndex:
        return cls(dataset.colours, dataset)

    def __init__(self, colours: Iterable[Colour], dataset: Dataset | None = None) -> None:
        self.dataset = dataset
        self.others: dict[str, Other] = {}  # by folded spelling, and with its spaces left out
        self.other_list: tuple[Other, ...] = ()
        other_names: list[tuple[str, int]] = []
        if dataset is not None:
            self.other_list = (*dataset.catalogue, *dataset.misnamings)
            for place, other in enumerate(self.other_list):
                for spelling in other_spellings(other):
                    key = fold(spelling)
                    self.others.setdefault(key, other)
                    self.others.setdefault(_joined(key), other)
                    other_names.append((key, place))
        self.sorted_other_names = sorted(other_names)
        self.sorted_other_words = sorted(
            {(word, place) for name, place in other_names for word in name.split()}
        )
        self.colours = tuple(colours)
        # Every folded spelling, and every one with its spaces left out ("valenciaorange").
        self.exact: dict[str, list[Colour]] = {}
        self.names: list[tuple[str, Colour]] = []
        self.words: dict[str, set[str]] = {}  # the words of the spellings sources give
        self.unsourced: dict[str, SearchSpelling] = {}  # search spellings, by (joined) key
        self.unsourced_words: dict[str, dict[str, SearchSpelling]] = {}
        for colour in self.colours:
            words = self.words[colour.id] = (
                {INDIVIDUAL} if colour.programme == "individual" else set()
            )
            for spelling, is_name in spellings(colour):
                key = fold(spelling)
                if key:
                    self._add(key, colour)
                    if is_name:
                        self.names.append((key, colour))
                    words.update(key.split())
            extra = self.unsourced_words[colour.id] = {}
            for search in colour.search_spellings:
                key = fold(search.spelling)
                if key and key not in self.exact:
                    self._add(key, colour)
                    self.unsourced.setdefault(key, search)
                    self.unsourced.setdefault(_joined(key), search)
                for word in key.split():
                    if word not in words:
                        extra.setdefault(word, search)
        # Sorted, so that a prefix is found by bisection: a miss costs microseconds, not a scan
        # of every spelling (20,000 colours made each miss cost 80 ms).
        self.position = {colour.id: place for place, colour in enumerate(self.colours)}
        self.sorted_names = sorted((name, self.position[c.id]) for name, c in self.names)
        self.sorted_words = sorted(
            (word, self.position[colour_id])
            for table in (self.words, self.unsourced_words)
            for colour_id, words in table.items()
            for word in words
        )
        self.remembered: dict[str, Outcome] = {}
        # How many more distinct misses get suggestions (None: every one); each costs a
        # comparison with every spelling. ``tally`` sets a cap.
        self.suggestion_budget: int | None = None
        self.suggestions_skipped = False  # a miss went without, the budget being spent

    def _add(self, key: str, colour: Colour) -> None:
        for spelling in (key, _joined(key)):
            bucket = self.exact.setdefault(spelling, [])
            if colour not in bucket:
                bucket.append(colour)

    def lookup(self, query: str) -> Outcome:
        """What ``query`` resolves to; a repeated query is answered from memory."""
        outcome = self.remembered.get(query)
        if outcome is None:
            if len(self.remembered) >= MAX_REMEMBERED:
                self.remembered.clear()
            outcome = self.remembered[query] = self._resolve(query)
        return outcome

    def _resolve(self, query: str) -> Outcome:
        if len(query) > MAX_QUERY_LENGTH:
            return NotFound(query, Miss.TOO_LONG, ())
        key = _without_make(fold(query))
        if not key:
            return NotFound(query, Miss.EMPTY, ())
        exact = self._exact(key)
        if not exact and (other := self.others.get(key) or self.others.get(_joined(key))):
            return self._not_a_1m_colour(query, other)
        outcome = self._match(query, key, exact)
        if outcome is None and key != (german := _english_words(key)):
            outcome = self._match(query, german, self._exact(german))
        if outcome is None and (other := self._other_by_start(key)) is not None:
            return self._not_a_1m_colour(query, other)  # "Le Mans": Le Mans Blue
        return outcome or NotFound(query, Miss.NO_MATCH, self._budgeted_suggestions(key))

    def _budgeted_suggestions(self, key: str) -> tuple[Colour, ...]:
        if self.suggestion_budget is None:
            return self.suggest(key)
        if self.suggestion_budget <= 0:
            self.suggestions_skipped = True
            return ()
        self.suggestion_budget -= 1
        return self.suggest(key)

    def _exact(self, key: str) -> list[Colour]:
        return self.exact.get(key) or self.exact.get(_joined(key), [])

    def _match(self, query: str, key: str, exact: list[Colour]) -> Outcome | None:
        for matched_by, matches in (
            ("exact", exact),
            ("prefix", self._by_prefix(key)),
            ("words", self._by_words(key)),
        ):
            if len(matches) == 1:
                colour = matches[0]
                return Found(query, colour, matched_by, self._rests_on(colour, key, matched_by))
            if len(matches) > 1:
                return NotFound(query, Miss.AMBIGUOUS, tuple(matches))
        return None

    def _rests_on(self, colour: Colour, key: str, matched_by: str) -> tuple[SearchSpelling, ...]:
        """The search spellings a match needed: what the answer must say it rests on."""
        if matched_by == "exact":
            search = self.unsourced.get(key) or self.unsourced.get(_joined(key))
            return (search,) if search is not None else ()
        if matched_by == "prefix":
            return ()
        sourced, extra = self.words[colour.id], self.unsourced_words[colour.id]
        needed: list[SearchSpelling] = []
        for query_word in key.split():
            if any(word.startswith(query_word) for word in sourced):
                continue
            search = next(s for word, s in extra.items() if word.startswith(query_word))
            if search not in needed:
                needed.append(search)
        return tuple(needed)

    def _other_by_start(self, key: str) -> Other | None:
        """The one catalogue colour or misnaming whose spelling starts with ``key``, or whose
        words ``key``'s words start; None when none or several do."""
        places = _starting_with(self.sorted_other_names, key)
        if not places:
            for query_word in key.split():
                having = _starting_with(self.sorted_other_words, query_word)
                places = having if not places else places & having
                if not places:
                    return None
        return self.other_list[places.pop()] if len(places) == 1 else None

    def _not_a_1m_colour(self, query: str, other: CatalogueColour | Misnaming) -> NotFound:
        dataset = self.dataset
        assert dataset is not None  # others are only indexed from a dataset
        quoted = f"“{preview(query)}”"
        if _without_make(fold(query)) not in {fold(s) for s in other_spellings(other)}:
            quoted += f" ({safe(other.name)})"  # found by its start: "Le Mans"
        if isinstance(other, Misnaming):
            colour = dataset.colour(other.colour)
            return NotFound(
                query,
                Miss.MISNAMED,
                (colour,),
                misnaming=other,
                explanation=f"{quoted} is not a 1M colour's name. "
                + safe(dataset.cited(other.note)),
            )
        remark = f"; {dataset.cited(other.remark)}" if other.remark else ""  # may cite
        cited = dataset.numbers(other.sources)
        offered = _what_the_1m_came_in(dataset)
        return NotFound(
            query,
            Miss.NOT_A_1M_COLOUR,
            offered,
            catalogue=other,
            explanation=(
                f"{quoted} is a BMW 1 Series colour ({safe(other.code)}, {safe(other.name_de)}"
                f"{safe(remark)} {cited}), but no 1M is known in it. {_came_in(offered)}"
            ),
        )

    def _by_prefix(self, key: str) -> list[Colour]:
        return self._in_order(_starting_with(self.sorted_names, key))

    def _by_words(self, key: str) -> list[Colour]:
        found: set[int] | None = None
        for query_word in key.split():
            having = _starting_with(self.sorted_words, query_word)
            found = having if found is None else found & having
            if not found:
                return []
        return self._in_order(found or set())

    def _in_order(self, places: set[int]) -> list[Colour]:
        return [self.colours[place] for place in sorted(places)]

    def suggest(self, key: str) -> tuple[Colour, ...]:
        """Up to three colours whose spellings look like ``key``; only ever called on a miss."""
        from difflib import SequenceMatcher

        scores: dict[str, float] = {}
        matcher = SequenceMatcher(b=key, autojunk=False)
        for name, colour in self.names:
            matcher.set_seq1(name)
            if matcher.real_quick_ratio() < 0.5 or matcher.quick_ratio() < 0.5:
                continue
            score = matcher.ratio()
            if score >= 0.6 and score > scores.get(colour.id, 0.0):
                scores[colour.id] = score
        ranked = sorted(scores, key=lambda colour_id: -scores[colour_id])
        by_id = {colour.id: colour for colour in self.colours}
        return tuple(by_id[colour_id] for colour_id in ranked[:MAX_SUGGESTIONS])


def _joined(key: str) -> str:
    """``key`` with its spaces left out: "valencia orange" is also found as "valenciaorange"."""
    return key.replace(" ", "")


def _without_make(key: str) -> str:
    """``key`` without a leading "bmw": "BMW Alpine White" is Alpine White."""
    make, _, rest = key.partition(" ")
    return rest if make == MAKE and rest else key


def _starting_with(entries: list[tuple[str, int]], prefix: str) -> set[int]:
    """The places of the sorted ``entries`` whose text starts with ``prefix``."""
    found: set[int] = set()
    at = bisect.bisect_left(entries, (prefix,))
    while at < len(entries) and entries[at][0].startswith(prefix):
        found.add(entries[at][1])
        at += 1
    return found


def joined_hint(
    index: ColourIndex, names: Sequence[str], outcomes: Sequence[Outcome]
) -> str | None:
    """A hint for names given as separate words that miss, when together they name something:
    ``colour jet black`` asks for "jet" and for "black", but "jet black" is one name."""
    if len(names) < 2 or not any(isinstance(o, NotFound) for o in outcomes):
        return None
    runs = [(0, len(names))] if len(names) > 2 else []  # every word, then each pair
    runs += [(start, 2) for start in range(len(names) - 1)]
    for start, length in runs:
        if all(isinstance(o, Found) for o in outcomes[start : start + length]):
            continue
        run = names[start : start + length]
        joined = " ".join(run)
        outcome = index.lookup(joined)
        if isinstance(outcome, Found) or outcome.reason in (Miss.NOT_A_1M_COLOUR, Miss.MISNAMED):
            words = " and ".join(f"“{preview(name)}”" for name in run)
            return f'{words} may be one name; quote them: m1lookup colour "{preview(joined)}"'
    return None


def _english_words(key: str) -> str:
    return " ".join(GENERIC_GERMAN.get(word, word) for word in key.split())


def _what_the_1m_came_in(dataset: Dataset) -> tuple[Colour, ...]:
    """The factory colours, then the colours of the known BMW Individual cars."""
    return tuple(
        colour
        for programme in ("factory", "individual")
        for colour in dataset.colours
        if colour.programme == programme
    )


def _came_in(colours: tuple[Colour, ...]) -> str:
    factory = [safe(c.name) for c in colours if c.programme == "factory"]
    individual = [
        f"{safe(c.name)} ({cars(c.count)})" if c.count else safe(c.name)
        for c in colours
        if c.programme == "individual"
    ]
    return (
        f"The 1M's factory colours: {', '.join(factory)}. BMW Individual painted a few cars "
        f"to order; those known: {', '.join(individual)}."
    )


def other_spellings(other: CatalogueColour | Misnaming) -> Iterator[str]:
    """Every spelling a catalogue colour or a misnaming is asked for by."""
    if isinstance(other, Misnaming):
        yield other.name
        return
    yield other.code
    yield other.name
    yield other.name_de
    yield from other.aliases


def spellings(colour: Colour) -> Iterator[tuple[str, bool]]:
    """Every spelling a colour answers to, flagged True when it is a name rather than a code."""
    yield colour.name, True
    if colour.name_de:
        yield colour.name_de, True
    for alias in colour.aliases:
        yield alias, True
    yield colour.id, True
    if colour.paint_code:
        yield colour.paint_code, False
