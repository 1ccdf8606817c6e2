"""Check an advert's claims ("one of only 435", "1 of 2,700 built", "740 in the US") against the
recorded figures: each claim is supported, contradicted, unverifiable, or about a colour no 1M
is known in.

A claim is about one colour (its worldwide count, or its count in one market), about one market's
total, or about production as a whole (the cars built, the plans, the BMW Individual cars). In
advert text a claim is tied to the colour named in its own clause; failing that to the colour
named nearest before it, unless its number is a figure recorded for the whole production (or for
its market), as "one of 2,700 built" is. Nothing here imports Typer or Rich.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from m1lookup.io.errors import M1Error
from m1lookup.io.text import cars, fold, preview
from m1lookup.lookup.answers import CheckedClaim, Checks, Verdict
from m1lookup.lookup.query import GENERIC_GERMAN, ColourIndex, Found, Miss, NotFound
from m1lookup.model.records import Record
from m1lookup.model.schema import citations

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from m1lookup.model.schema import Colour, Dataset, Market

# An advert is a few thousand characters; a whole web page pasted in is refused past this.
MAX_TEXT_CHARS = 100_000


class CheckError(M1Error):
    """The question cannot be asked: a count that is no number, an unknown market, no text."""


# --- what a claim is about ----------------------------------------------------------------------


class _Subject(Record):
    colour: Colour | None = None
    other: NotFound | None = None  # a colour no 1M is known in
    market: Market | None = None
    individual: bool = False  # production's BMW Individual cars, not every car built
    misnamed: str | None = None  # the name as written, when it is not the colour's name


class _Evidence:
    """The sources a message cites, gathered as it is written."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self.ids: list[str] = []

    def cite(self, source_ids: Iterable[str]) -> str:
        ids = list(source_ids)
        self.ids += ids
        return self.dataset.numbers(ids)

    def trust(self, confidence: str | None, source_ids: Iterable[str]) -> str:
        """ "(confidence low; [27])" """
        return f"(confidence {confidence}; {self.cite(source_ids)})"

    def sources(self) -> tuple[str, ...]:
        unique = {self.dataset.source(source_id) for source_id in self.ids}
        return tuple(source.id for source in sorted(unique, key=lambda source: source.number))


class _Asked(Record):
    """One claim as asked: its words, its number, what it is about, and the sources its verdict
    cites as it is written."""

    text: str
    value: int
    subject: _Subject
    evidence: _Evidence

    def claim(
        self,
        about: str,
        verdict: Verdict,
        recorded: int | None,
        confidence: str | None,
        message: str,
    ) -> CheckedClaim:
        return CheckedClaim(
            text=self.text,
            subject=about,
            colour=self.subject.colour,
            market=self.subject.market,
            value=self.value,
            verdict=verdict,
            recorded=recorded,
            confidence=confidence,
            sources=self.evidence.sources(),
            message=_misnamed(self.subject) + message[:1].upper() + message[1:],
        )


# --- one claim: COLOUR N [--market MARKET] -------------------------------------------------------


_THOUSANDS = r"\d{1,3}(?:,\d{3})+|\d{1,3}(?:\.\d{3})+|\d+"  # 2,700 or 2.700 or 2700


def parse_count(text: str) -> int:
    """``3``, ``2,700`` or ``2.700``: a whole number of cars, at least 1."""
    stripped = text.strip()
    if not re.fullmatch(_THOUSANDS, stripped) or len(stripped) > 12:
        raise CheckError(f"“{preview(text)}” is not a number of cars; give one such as 435")
    value = int(re.sub(r"[,.]", "", stripped))
    if value < 1:
        raise CheckError("the number of cars must be at least 1")
    return value


# Abbreviations adverts use for a market, by market id; the dataset's names and ids are added.
MARKET_SPELLINGS: dict[str, tuple[str, ...]] = {
    "usa": ("us", "u s", "u s a", "usa", "united states", "america", "united states of america"),
    "north-america": ("na", "n a", "north america", "n america"),
    "uk": ("uk", "u k", "united kingdom", "great britain", "britain", "gb", "england"),
    "australia": ("oz",),
    "south-africa": ("sa", "rsa", "south africa"),
}


def market_spellings(dataset: Dataset) -> dict[str, Market]:
    """Every folded spelling of every market: its id, its name (with and without what is in
    brackets), and the abbreviations adverts use."""
    found: dict[str, Market] = {}
    for market in dataset.markets:
        names = (market.id, market.name, market.name.split("(")[0])
        for spelling in (*names, *MARKET_SPELLINGS.get(market.id, ())):
            found.setdefault(fold(spelling), market)
    return found


def resolve_market(dataset: Dataset, name: str) -> Market:
    market = market_spellings(dataset).get(fold(name))
    if market is None:
        known = ", ".join(market.id for market in dataset.markets)
        raise CheckError(f"no market “{preview(name)}”; give one of {known} (or US, UK, NA)")
    return market


def check_one(
    dataset: Dataset, colour: str | None, value: int, market: Market | None = None
) -> Checks:
    """The claim "one of ``value``" in ``colour`` (None: production, or ``market``'s total)."""
    where = f" in {_the(market.name)}" if market is not None else ""
    if colour is None:
        subject = _Subject(market=market)
        text = f"one of {value:,}{where}"
    else:
        outcome = ColourIndex.of(dataset).lookup(colour)
        text = f"{colour}: one of {value:,}{where}"
        if isinstance(outcome, Found):
            subject = _Subject(colour=outcome.colour, market=market)
        elif outcome.reason is Miss.MISNAMED and outcome.suggestions:
            subject = _Subject(outcome.suggestions[0], market=market, misnamed=colour)
        elif outcome.reason is Miss.NOT_A_1M_COLOUR:
            subject = _Subject(other=outcome, market=market)
        else:
            return Checks(dataset, (), (outcome,))
    return Checks(dataset, (judge(dataset, text, value, subject),))


# --- the verdict ---------------------------------------------------------------------------------


def judge(dataset: Dataset, text: str, value: int, subject: _Subject) -> CheckedClaim:
    evidence = _Evidence(dataset)
    asked = _Asked(text, value, subject, evidence)
    if subject.other is not None:
        other = subject.other
        if other.catalogue is not None:
            evidence.cite((*other.catalogue.sources, *citations(other.catalogue.remark)))
        name = other.catalogue.name if other.catalogue is not None else other.query
        return asked.claim(name, Verdict.NOT_A_1M_COLOUR, None, None, other.message)
    if subject.colour is not None:
        if subject.market is not None:
            return _colour_in_market(dataset, asked)
        return _colour_worldwide(dataset, asked)
    if subject.market is not None:
        return _market_total(dataset, asked)
    return _production(dataset, asked)


def _misnamed(subject: _Subject) -> str:
    if subject.misnamed is None or subject.colour is None:
        return ""
    written = preview(subject.misnamed)
    return f"“{written}” is not a 1M colour's name; taken as {subject.colour.name}. "


def _colour_worldwide(dataset: Dataset, asked: _Asked) -> CheckedClaim:
    value, subject, evidence = asked.value, asked.subject, asked.evidence
    colour = subject.colour
    assert colour is not None
    about = f"{colour.name}, worldwide"
    if colour.count is None:
        message = (
            f"No worldwide count of {colour.name} is recorded: nobody has published one."
            f"{_known_instead(dataset, colour, None, evidence)}"
        )
        return asked.claim(about, Verdict.UNVERIFIABLE, None, None, message)
    trust = evidence.trust(colour.count_confidence, colour.count_sources)
    recorded = f"{_cars_in(colour.count, colour)} {_are(colour.count)} recorded {trust}"
    if value == colour.count:
        verdict, message = Verdict.SUPPORTED, f"{recorded}."
    else:
        verdict, message = Verdict.CONTRADICTED, f"{recorded}, not {value:,}."
    return asked.claim(about, verdict, colour.count, colour.count_confidence, message)


def _colour_in_market(dataset: Dataset, asked: _Asked) -> CheckedClaim:
    value, subject, evidence = asked.value, asked.subject, asked.evidence
    colour, market = subject.colour, subject.market
    assert colour is not None
    assert market is not None
    about = f"{colour.name} in {_the(market.name)}"
    counts = [count for count in colour.market_counts if count.market == market.id]
    for count in counts:
        trust = evidence.trust(count.confidence, count.sources)
        recorded = (
            f"{_cars_in(count.value, colour)} {_kind(count.kind, market)} "
            f"{_are(count.value)} recorded {trust}"
        )
        if count.value == value:
            message = f"{recorded}. A count for one market, not a worldwide count."
            return asked.claim(about, Verdict.SUPPORTED, count.value, count.confidence, message)
        return asked.claim(
            about,
            Verdict.CONTRADICTED,
            count.value,
            count.confidence,
            f"{recorded}, not {value:,}.",
        )
    if colour.count is not None and value > colour.count:
        trust = evidence.trust(colour.count_confidence, colour.count_sources)
        message = (
            f"Only {_cars_in(colour.count, colour)} {_are(colour.count)} recorded worldwide "
            f"{trust}, fewer than {value:,}."
        )
        return asked.claim(
            about, Verdict.CONTRADICTED, colour.count, colour.count_confidence, message
        )
    message = (
        f"No count of {colour.name} in {_the(market.name)} is recorded."
        f"{_known_instead(dataset, colour, market, evidence)}"
    )
    return asked.claim(about, Verdict.UNVERIFIABLE, None, None, message)


def _known_instead(
    dataset: Dataset, colour: Colour, market: Market | None, evidence: _Evidence
) -> str:
    """What is known of the colour instead: its worldwide count, its counts in other markets
    (which say nothing of this one), and where it ranked in popularity."""
    known: list[str] = []
    if market is not None and colour.count is not None:
        trust = evidence.trust(colour.count_confidence, colour.count_sources)
        known.append(f"{cars(colour.count)} worldwide {trust}")
    others: list[str] = []
    for count in colour.market_counts:
        if market is not None and count.market == market.id:
            continue
        elsewhere = dataset.market(count.market)
        trust = evidence.trust(count.confidence, count.sources)
        known.append(f"{count.value:,} {_kind(count.kind, elsewhere)} {trust}")
        others.append(elsewhere.name)
    for ranked in dataset.markets:
        if colour.id in ranked.colour_order:
            place = _PLACES[min(ranked.colour_order.index(colour.id), len(_PLACES) - 1)]
            cited = evidence.cite(ranked.colour_order_sources)
            known.append(f"the {place} colour in {_the(ranked.name)} {cited}")
    if colour.count is None and colour.programme == "unconfirmed":
        trust = evidence.trust(colour.programme_confidence, colour.programme_sources)
        known.append(f"not shown to be a factory colour {trust}")
    if not known:
        return ""
    said = f" Known instead: {'; '.join(known)}."
    if market is not None and others:
        said += f" A figure for {', '.join(others)} is not a figure for {_the(market.name)}."
    return said


_PLACES = ("most popular", "second most popular", "third most popular", "a less popular")


def _market_total(dataset: Dataset, asked: _Asked) -> CheckedClaim:
    value, subject, evidence = asked.value, asked.subject, asked.evidence
    market = subject.market
    assert market is not None
    about = f"every car for {_the(market.name)}"
    used = next((figure for figure in market.figures if figure.used), None)
    equal = next((f for f in market.figures if f.value == value and f.qualifier is None), None)
    if used is not None:
        qualified = f"{used.qualifier} {used.value:,}" if used.qualifier else f"{used.value:,}"
        trust = evidence.trust(used.confidence, used.sources)
        recorded = f"{qualified} {_kind(used.kind, market)} {_are(used.value)} recorded {trust}"
        if used is equal:
            return asked.claim(
                about, Verdict.SUPPORTED, used.value, used.confidence, f"{recorded}."
            )
        message = f"{recorded}, not {value:,}."
        if equal is not None:
            also = evidence.trust(equal.confidence, equal.sources)
            message += (
                f" {value:,} {_kind(equal.kind, market)} is also reported {also}, and not used."
            )
        return asked.claim(about, Verdict.CONTRADICTED, used.value, used.confidence, message)
    if equal is not None:
        trust = evidence.trust(equal.confidence, equal.sources)
        message = (
            f"{value:,} {_kind(equal.kind, market)} is recorded {trust}, but conflicts with "
            f"other figures: m1lookup uses no total for {_the(market.name)}."
        )
        return asked.claim(about, Verdict.SUPPORTED, equal.value, equal.confidence, message)
    reported = [
        f"{f.value:,} {_kind(f.kind, market)} {evidence.trust(f.confidence, f.sources)}"
        for f in market.figures
    ]
    message = f"No total for {_the(market.name)} is recorded."
    if reported:
        message = f"No total for {_the(market.name)} is used; reported: {'; '.join(reported)}."
    return asked.claim(about, Verdict.UNVERIFIABLE, None, None, message)


def _production(dataset: Dataset, asked: _Asked) -> CheckedClaim:
    value, subject, evidence = asked.value, asked.subject, asked.evidence
    production = dataset.production
    if subject.individual:
        figure = production.individual_cars
        about = "the factory BMW Individual cars"
        shown = f"{figure.value:,} factory BMW Individual cars are recorded"
    else:
        figure = production.built
        about = "every 1M built"
        shown = f"{figure.value:,} were built"
    trust = evidence.trust(figure.confidence, figure.sources)
    if value == figure.value:
        message = f"{shown} {trust}."
        return asked.claim(about, Verdict.SUPPORTED, figure.value, figure.confidence, message)
    customers = production.customer_cars
    if not subject.individual and value == customers.value:
        customer_trust = evidence.trust(customers.confidence, customers.sources)
        message = (
            f"{customers.value:,} were built for customers {customer_trust}, of "
            f"{figure.value:,} built {trust}."
        )
        return asked.claim(about, Verdict.SUPPORTED, customers.value, customers.confidence, message)
    reported = _reported_as(
        dataset, value, "individual_cars" if subject.individual else "built", evidence
    )
    message = f"{reported}{'; ' if reported else ''}{shown} {trust}."
    return asked.claim(about, Verdict.CONTRADICTED, figure.value, figure.confidence, message)


def _reported_as(dataset: Dataset, value: int, topic: str, evidence: _Evidence) -> str:
    """How ``value`` was reported, when a claim of another figure has it: "2,700 was a
    planned run, first reported in 2010 (confidence low; [3] [4])"."""
    for claim in dataset.claims:
        if claim.value != value or isinstance(claim.value, str):
            continue
        trust = evidence.trust(claim.confidence, claim.sources)
        if claim.topic == "planned_cap":
            years = sorted(
                source.date[:4]
                for source in (dataset.source(s) for s in claim.sources)
                if source.date is not None
            )
            first = f", first reported in {years[0]}" if years else ""
            return f"{value:,} was a planned run{first} {trust}, not the number built"
        if claim.topic == topic and not claim.used:
            return f"{value:,} is also reported {trust}, but not used"
        label = _TOPIC_LABELS.get(claim.topic, claim.topic)
        return f"{value:,} is reported as {label} {trust}"
    return ""


_TOPIC_LABELS = {
    "built": "the number built",
    "customer_cars": "the cars built for customers",
    "individual_cars": "the number of factory BMW Individual cars",
    "sold": "a number sold, in a market not named",
}


_KIND_PHRASES = {
    "built for": "built for {market}",
    "allocated": "allocated to {market}",
    "delivered": "delivered to {market}",
    "sold": "sold in {market}",
    "tallied": "counted by owners in {market}",
    "promised": "promised to {market}",
    "projected": "projected for {market}",
}


def _kind(kind: str, market: Market) -> str:
    """ "sold in North America (US and Canada)": a market figure's kind as words."""
    return _KIND_PHRASES.get(kind, kind + " in {market}").format(market=_the(market.name))


def _the(name: str) -> str:
    return f"the {name}" if name.startswith("United ") else name


def _cars_in(count: int, colour: Colour) -> str:
    """ "1 Java Green car", "435 Valencia Orange cars" """
    return f"{count:,} {colour.name} {'car' if count == 1 else 'cars'}"


def _are(count: int) -> str:
    return "is" if count == 1 else "are"


# --- advert text ---------------------------------------------------------------------------------

_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
# Words after a number that make it no count of cars: "only 12,000 miles", "1 owner".
_NOT_CARS = (
    r"miles?|mi|km|kms|kilomet(?:er|re)s?|owners?|previous|hp|bhp|ps|kw|nm|lbs?|years?|months?|"
    r"weeks?|days?|hours?|k|mpg|seconds?|secs?|doors?|seats?|speeds?|cyl(?:inders?)?|litres?|"
    r"liters?|l|of|percent|%|series|m|st|nd|rd|th|inch(?:es)?|keys?|tyres?|tires?|wheels?|"
    r"services?|stamps?|photos?|pictures?|pics?|previous"
)
_FILLER = r"(?:examples?|units?|cars?|coup[eé]s?|1ms?|ever|were|was|have\s+been|been|of\s+them)"
_VERBS = r"built|made|produced|sold|delivered|imported|painted|allocated"


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    """Compiled at the first advert, not at every start."""
    words = "|".join(_NUMBER_WORDS)
    return {
        "number": re.compile(
            rf"(?<![\w.,£$€])(\d{{1,3}}(?:,\d{{3}})+|\d{{1,3}}(?:\.\d{{3}})+|\d+)(?![\w%]|[.,]\d)"
            rf"|\b({words})\b",
            re.I,
        ),
        "prefix": re.compile(
            r"(?:\b(?:one|1)[\s-]+of[\s-]+(?:(?:only|just)\s+)?(?:the\s+)?|\b(?:only|just)\s+)$",
            re.I,
        ),
        "one_of": re.compile(r"\b(?:one|1)[\s-]+of\b", re.I),
        "not_cars": re.compile(rf"^\s*(?:{_NOT_CARS})\b", re.I),
        "verb": re.compile(rf"^(?:[\s-]+{_FILLER})*[\s-]+({_VERBS})\b", re.I),
        "in_market": re.compile(rf"^(?:[\s-]+{_FILLER})*\s+(?:in|to|for)\s+", re.I),
        "clause_end": re.compile(r"[,;:!?()\n]|\.(?:\s|$)|\s[-–—]\s"),
        "sentence_end": re.compile(r"[!?\n]|\.(?:\s|$)"),
        "word": re.compile(r"[^\W_]+(?:\.(?=[^\W_]\.))?"),
        "code": re.compile(r"[a-z]{0,2}\d+"),  # a paint code (300, B44): any number could be one
        "list_gap": re.compile(r"\s*(?:,|/|&|\band\b|\bor\b)?\s*(?:\band\b|\bor\b)?\s*"),
    }


class _Mention(Record):
    start: int
    end: int
    subject: _Subject


class _Found(Record):
    """A claim found in the text, before it is judged."""

    start: int
    end: int
    value: int
    market: Market | None
    has_verb: bool


def read_text(text: str) -> str:
    if len(text) > MAX_TEXT_CHARS:
        raise CheckError(
            f"the advert text is {len(text):,} characters; m1lookup checks at most "
            f"{MAX_TEXT_CHARS:,}"
        )
    if not text.strip():
        raise CheckError('the advert text is empty; give --text "..." or pipe it in')
    return text


def check_text(dataset: Dataset, text: str) -> Checks:
    """Every claim in ``text``, each tied to what it is about and judged."""
    read_text(text)
    markets = market_spellings(dataset)
    mentions = list(_colour_mentions(dataset, text))
    found = list(_claims_in(text, markets))
    figures = _production_figures(dataset)
    claims = []
    for claim in found:
        subject = _tie(text, claim, mentions, figures)
        if subject.colour is None and subject.other is None and subject.market is None:
            subject = subject.replace(individual=_says_individual(text, claim))
        shown = " ".join(text[claim.start : claim.end].split())
        claims.append(judge(dataset, shown, claim.value, subject))
    return Checks(dataset, tuple(claims))


def _claims_in(text: str, markets: dict[str, Market]) -> Iterator[_Found]:
    patterns = _patterns()
    for match in patterns["number"].finditer(text):
        digits, word = match.group(1), match.group(2)
        value = int(re.sub(r"[,.]", "", digits)) if digits else _NUMBER_WORDS[word.casefold()]
        before = text[max(0, match.start() - 40) : match.start()]
        after = text[match.end() : match.end() + 200]
        if patterns["not_cars"].match(after) or value < 1:
            continue
        prefix = patterns["prefix"].search(before)
        verb = patterns["verb"].match(after)
        clause = after[: _end(patterns["clause_end"], after)]
        market, market_end = _market_after(clause, markets)
        direct_market = market is not None and patterns["in_market"].match(clause) is not None
        if prefix is None and verb is None and not direct_market:
            continue
        is_year = 1990 <= value <= 2030 and digits is not None
        if is_year and verb is None and not (prefix and patterns["one_of"].search(prefix.group())):
            continue
        if word is not None and prefix is None and verb is None:
            continue  # "two in the US": too loose without "one of" or "built"
        start = match.start() - len(prefix.group()) if prefix else match.start()
        end = match.end() + (verb.end() if verb else 0)
        if market is not None:
            end = max(end, match.end() + market_end)
        yield _Found(start, end, value, market, verb is not None)


def _end(pattern: re.Pattern[str], text: str) -> int:
    found = pattern.search(text)
    return found.start() if found else len(text)


def _market_after(clause: str, markets: dict[str, Market]) -> tuple[Market | None, int]:
    """The market named after "in", "to" or "for" in the rest of the claim's clause, and where
    its name ends. Two-letter abbreviations (US, UK, NA) count only in capitals: "us" is a word."""
    words = list(_patterns()["word"].finditer(clause))
    for index, word in enumerate(words):
        if word.group().casefold() not in ("in", "to", "for"):
            continue
        rest = words[index + 1 :]
        if rest and rest[0].group().casefold() == "the":
            rest = rest[1:]
        for length in (4, 3, 2, 1):
            gram = rest[:length]
            if len(gram) < length:
                continue
            written = clause[gram[0].start() : gram[-1].end()]
            market = markets.get(fold(written))
            if market is None:
                continue
            if len(fold(written).replace(" ", "")) <= 3 and not written.replace(".", "").isupper():
                continue
            return market, gram[-1].end()
    return None, 0


def _colour_mentions(dataset: Dataset, text: str) -> Iterator[_Mention]:
    """Every colour the text names, by a full spelling, or by the words of a 1M colour's name
    that are not a plain colour word ("Valencia", "Monte Carlo"); paint codes are not looked for,
    as any number could be one."""
    index = ColourIndex.of(dataset)
    short = _short_names(dataset)
    words = list(_patterns()["word"].finditer(text))
    position = 0
    while position < len(words):
        for length in (5, 4, 3, 2, 1):
            gram = words[position : position + length]
            if len(gram) < length:
                continue
            written = text[gram[0].start() : gram[-1].end()]
            subject = _spelled(index, written) or short.get(fold(written))
            if subject is not None:
                yield _Mention(gram[0].start(), gram[-1].end(), subject)
                position += length
                break
        else:
            position += 1


def _spelled(index: ColourIndex, written: str) -> _Subject | None:
    key = fold(written)
    if not key or _patterns()["code"].fullmatch(key.replace(" ", "")):
        return None
    colours = index.exact.get(key, [])
    if len(colours) == 1:
        return _Subject(colour=colours[0])
    if key not in index.others:
        return None
    outcome = index.lookup(written)
    if isinstance(outcome, NotFound) and outcome.reason is Miss.NOT_A_1M_COLOUR:
        return _Subject(other=outcome)
    if isinstance(outcome, NotFound) and outcome.reason is Miss.MISNAMED and outcome.suggestions:
        return _Subject(colour=outcome.suggestions[0], misnamed=written)
    return None


_PLAIN = {
    "white",
    "black",
    "blue",
    "green",
    "yellow",
    "orange",
    "bronze",
    "red",
    "grey",
    "gray",
    "silver",
    *GENERIC_GERMAN,
}


def _short_names(dataset: Dataset) -> dict[str, _Subject]:
    """A 1M colour's name without its plain colour words, where no other colour shares it."""
    found: dict[str, list[Colour]] = {}
    for colour in dataset.colours:
        words = [word for word in fold(colour.name).split() if word not in _PLAIN]
        if words:
            found.setdefault(" ".join(words), []).append(colour)
    return {key: _Subject(colour=colours[0]) for key, colours in found.items() if len(colours) == 1}


def _production_figures(dataset: Dataset) -> set[int]:
    """Every figure recorded for the whole production: a claim with one of these numbers is
    about production, wherever a colour is named."""
    production = dataset.production
    figures = {production.built.value, production.customer_cars.value}
    figures |= {production.planned_cap.value, production.individual_cars.value}
    figures |= {claim.value for claim in dataset.claims if isinstance(claim.value, int)}
    return figures


def _tie(text: str, claim: _Found, mentions: list[_Mention], figures: set[int]) -> _Subject:
    """What the claim is about: the one colour named in its clause; else the market's total or
    production, when its number is recorded for them; else the colour named nearest before it
    (or after it in its sentence); else the market or production."""
    patterns = _patterns()
    clause_start = _last_end(patterns["clause_end"], text[: claim.start])
    clause_end = claim.end + _end(patterns["clause_end"], text[claim.end :])
    in_clause = [m for m in mentions if clause_start <= m.start < clause_end]
    inside = {
        _key(listed.subject): listed.subject
        for mention in in_clause
        for listed in _listed_with(text, mentions, mention)
    }
    if len(inside) == 1:
        (subject,) = inside.values()
        return subject.replace(market=claim.market)
    whole = _Subject(market=claim.market)
    if inside:
        return whole  # "2,700 in Alpine White, Jet Black or Valencia Orange": all of them
    if claim.market is not None:
        if any(f.value == claim.value for f in claim.market.figures):
            return whole
    elif claim.value in figures:
        return whole
    before = [m for m in mentions if m.end <= claim.start]
    if before:
        return before[-1].subject.replace(market=claim.market)
    sentence_end = claim.end + _end(patterns["sentence_end"], text[claim.end :])
    after = [m for m in mentions if claim.end <= m.start < sentence_end]
    if after:
        return after[0].subject.replace(market=claim.market)
    return whole


def _listed_with(text: str, mentions: list[_Mention], mention: _Mention) -> list[_Mention]:
    """The mention and those listed with it ("Alpine White, Jet Black or Valencia Orange"):
    only commas, slashes, "and" and "or" between them."""
    gap = _patterns()["list_gap"]
    first = last = mentions.index(mention)
    while first > 0 and gap.fullmatch(text[mentions[first - 1].end : mentions[first].start]):
        first -= 1
    while last + 1 < len(mentions) and gap.fullmatch(
        text[mentions[last].end : mentions[last + 1].start]
    ):
        last += 1
    return mentions[first : last + 1]


def _key(subject: _Subject) -> str:
    if subject.colour is not None:
        return subject.colour.id
    return subject.other.query.casefold() if subject.other is not None else ""


def _last_end(pattern: re.Pattern[str], text: str) -> int:
    last = 0
    for found in pattern.finditer(text):
        last = found.end()
    return last


def _says_individual(text: str, claim: _Found) -> bool:
    patterns = _patterns()
    start = _last_end(patterns["clause_end"], text[: claim.start])
    end = claim.end + _end(patterns["clause_end"], text[claim.end :])
    return "individual" in fold(text[start:end]).split()
