"""The query engine: resolve what a user typed to a colour, and work out rarity and statistics.

Nothing here imports Typer or Rich; the commands only present what these functions return.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from m1lookup.dataset import Claim, Colour, Dataset

MAX_QUERY_LENGTH = 200
MAX_SUGGESTIONS = 3

_SEPARATORS = re.compile(r"[\W_]+")
# German umlauts may be typed as a plain vowel or as the vowel plus "e" (ü = ue = u): fold both.
_UMLAUT_SPELLING = re.compile(r"([aou])e+")
_TRAILING_METALLIC = re.compile(r"(?:\s*\bmetallic)+$")

# (upper bound of the count, tier). Documented in docs/json.md; "unknown" is for a missing count.
TIERS: tuple[tuple[int, str], ...] = (
    (1, "one-off"),
    (10, "handful"),
    (100, "very rare"),
    (500, "rare"),
    (2000, "uncommon"),
)
COMMON_TIER = "common"
UNKNOWN_TIER = "unknown"


def fold(text: str) -> str:
    """Reduce a spelling to the key it is matched by.

    Folds case, diacritics (ß = ss, ü = ue = u), runs of white space, hyphens, underscores and
    punctuation, and a trailing "metallic". Folding a folded key changes nothing.
    """
    folded = text.casefold()
    if not folded.isascii():
        folded = _strip_diacritics(folded)
    folded = _SEPARATORS.sub(" ", folded).strip()
    folded = _UMLAUT_SPELLING.sub(r"\1", folded)
    return _TRAILING_METALLIC.sub("", folded).strip()


# The umlauts of the dataset's own names, stripped without importing unicodedata at every start.
_UMLAUTS = str.maketrans("äöü", "aou")


def _strip_diacritics(text: str) -> str:
    text = text.translate(_UMLAUTS)
    if text.isascii():
        return text
    import unicodedata  # only for other non-ASCII input: keeps the common path's start-up small

    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    # NFKD can produce new upper-case letters or ß-like forms; casefold once more.
    return stripped.casefold()


class Found(NamedTuple):
    query: str
    colour: Colour
    matched_by: str  # "exact", "prefix" or "words"


class NotFound(NamedTuple):
    query: str
    reason: str  # "no match", "ambiguous", "empty", "too long"
    suggestions: tuple[Colour, ...]


Outcome = Found | NotFound


class ColourIndex:
    """Every spelling of every colour, folded, for exact, prefix and word lookups."""

    def __init__(self, colours: Iterable[Colour]) -> None:
        self.colours = tuple(colours)
        self.exact: dict[str, list[Colour]] = {}
        self.names: list[tuple[str, Colour]] = []
        self.words: dict[str, set[str]] = {}
        for colour in self.colours:
            self.words[colour.id] = set()
            for spelling, is_name in spellings(colour):
                key = fold(spelling)
                if not key:
                    continue
                bucket = self.exact.setdefault(key, [])
                if colour not in bucket:
                    bucket.append(colour)
                if is_name:
                    self.names.append((key, colour))
                self.words[colour.id].update(key.split())

    def lookup(self, query: str) -> Outcome:
        if len(query) > MAX_QUERY_LENGTH:
            return NotFound(query, "too long", ())
        key = fold(query)
        if not key:
            return NotFound(query, "empty", ())
        for matched_by, matches in (
            ("exact", self.exact.get(key, [])),
            ("prefix", self._by_prefix(key)),
            ("words", self._by_words(key)),
        ):
            if len(matches) == 1:
                return Found(query, matches[0], matched_by)
            if len(matches) > 1:
                return NotFound(query, "ambiguous", tuple(matches))
        return NotFound(query, "no match", self.suggest(key))

    def _by_prefix(self, key: str) -> list[Colour]:
        return _unique(colour for name, colour in self.names if name.startswith(key))

    def _by_words(self, key: str) -> list[Colour]:
        query_words = key.split()
        return [
            colour
            for colour in self.colours
            if all(
                any(word.startswith(query_word) for word in self.words[colour.id])
                for query_word in query_words
            )
        ]

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

    def completions(self, incomplete: str) -> list[str]:
        """What shell completion offers for ``incomplete``: names, German names, aliases, codes.

        A spelling is offered when ``incomplete`` starts it, folded as lookup folds (case,
        diacritics, separators), or failing that when every typed word starts one of its words:
        the same prefix and word rules by which lookup resolves. Ids are left out (they fold to
        the names). Shells keep only the values that start with what was typed, so a value
        keeps the typed text when that spells the same: ``mon`` gives ``monte Carlo Blue``,
        which lookup resolves exactly as it resolves ``Monte Carlo Blue``.
        """
        key = fold(incomplete)
        offered = [
            spelling
            for colour in self.colours
            for spelling, _ in spellings(colour)
            if spelling != colour.id
        ]
        matches = [spelling for spelling in offered if fold(spelling).startswith(key)]
        if not matches:
            typed_words = key.split()
            matches = [
                spelling
                for spelling in offered
                if typed_words
                and all(
                    any(word.startswith(typed) for word in fold(spelling).split())
                    for typed in typed_words
                )
            ]
        values: list[str] = []
        for spelling in matches:
            value = _keeping_typed_text(incomplete, spelling)
            if value not in values:
                values.append(value)
        return values


def _keeping_typed_text(typed: str, spelling: str) -> str:
    """``spelling`` rewritten to start with ``typed`` itself, if some start of it folds alike."""
    if spelling.startswith(typed):
        return spelling
    if spelling[: len(typed)].casefold() == typed.casefold():
        return typed + spelling[len(typed) :]
    # Diacritics or separators differ ("java gru", "monte-c"). The shortest start that folds
    # alike leaves the most to complete: fold("Monte Carlo Blue") is already "monte carlo blu".
    key = fold(typed)
    whole = fold(spelling)
    for end in range(1, len(spelling) + 1):
        if fold(spelling[:end]) == key:
            value = typed + spelling[end:]
            if fold(value) == whole:
                return value
    return spelling


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


def _unique(colours: Iterable[Colour]) -> list[Colour]:
    """Each colour once, in order; by id, so that 60,000 matches cost 60,000 steps, not 60,000²."""
    return list({colour.id: colour for colour in colours}.values())


# --- rarity ------------------------------------------------------------------------------------


class Rarity(NamedTuple):
    colour: Colour
    count: int | None  # type: ignore[assignment]  # hides tuple.count, which nothing calls
    share: float | None  # fraction of the customer cars
    one_in: int | None  # customer cars per car of this colour, to the nearest car
    rank: int | None  # 1 = rarest; ties share a rank
    tier: str


def tier_for(count: int | None) -> str:
    if count is None:
        return UNKNOWN_TIER
    for upper, tier in TIERS:
        if count <= upper:
            return tier
    return COMMON_TIER


def rarity_table(dataset: Dataset) -> list[Rarity]:
    """Every colour, rarest first; unknown counts after every known count."""
    denominator = dataset.production.customer_cars.value
    known = sorted(
        (c for c in dataset.colours if c.count is not None),
        key=lambda c: (c.count, c.name),
    )
    unknown = sorted(
        (c for c in dataset.colours if c.count is None),
        key=lambda c: (_PROGRAMME_ORDER.get(c.programme, 9), c.name),
    )
    table: list[Rarity] = []
    for position, colour in enumerate(known, start=1):
        count = colour.count
        assert count is not None
        previous = table[-1] if table else None
        rank = previous.rank if previous and previous.count == count else position
        table.append(
            Rarity(
                colour,
                count,
                count / denominator,
                _one_in(denominator, count),
                rank,
                tier_for(count),
            )
        )
    table.extend(Rarity(colour, None, None, None, None, UNKNOWN_TIER) for colour in unknown)
    return table


def _one_in(denominator: int, count: int) -> int:
    """Customer cars per car of this colour, rounded half up (3,154.5 is shown as 3,155)."""
    return (2 * denominator + count) // (2 * count)


_PROGRAMME_ORDER = {"factory": 0, "individual": 1, "unconfirmed": 2}


def rarity_by_id(dataset: Dataset) -> dict[str, Rarity]:
    return {r.colour.id: r for r in rarity_table(dataset)}


def filtered_colours(
    dataset: Dataset, programme: str | None = None, sort: str = "rarity"
) -> list[Rarity]:
    """The ``list`` command's rows: optionally one programme, sorted by rarity or by name."""
    rows = [
        r for r in rarity_table(dataset) if programme is None or r.colour.programme == programme
    ]
    if sort == "name":
        rows.sort(key=lambda r: r.colour.name.casefold())
    return rows


# --- statistics --------------------------------------------------------------------------------


class Stats(NamedTuple):
    dataset: Dataset
    ranked: list[Rarity]
    denominator: int
    known_total: int  # cars whose colour count was published
    unknown_colours: list[Colour]
    claims_by_topic: dict[str, list[Claim]]


def stats(dataset: Dataset) -> Stats:
    ranked = rarity_table(dataset)
    claims: dict[str, list[Claim]] = {}
    for claim in dataset.claims:
        claims.setdefault(claim.topic, []).append(claim)
    return Stats(
        dataset=dataset,
        ranked=ranked,
        denominator=dataset.production.customer_cars.value,
        known_total=sum(r.count for r in ranked if r.count is not None),
        unknown_colours=[r.colour for r in ranked if r.count is None],
        claims_by_topic=claims,
    )
