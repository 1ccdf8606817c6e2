"""Check a parsed dataset against the schema in docs/data.md and list every problem found.

The loader refuses a dataset with any problem; ``m1lookup validate`` prints them all.
"""

from __future__ import annotations

import re
from typing import Any

from m1lookup.io.text import is_safe
from m1lookup.load.checks import (
    Checker,
    Entry,
    Problem,
    as_entry,
    check_leaf_values,
    entries,
    entry_label,
    leaves,
    type_name,
)
from m1lookup.load.spellings import (
    Spellings,
    check_catalogue,
    check_lookalike_spellings,
    check_misnamings,
)
from m1lookup.model.schema import (
    CITATION,
    CLAIM_TOPICS,
    CONFIDENCES,
    DATA_SCHEMA_VERSION,
    MARKET_FIGURE_KINDS,
    PRODUCTION_DATES,
    PRODUCTION_FIGURES,
    PROGRAMMES,
    SOURCE_KINDS,
    SOURCED_FIGURES,
    Claim,
    Colour,
    Dataset,
    DateFigure,
    Figure,
    Market,
    MarketCount,
    MarketFigure,
    SearchSpelling,
    Source,
)

# The top-level tables of a dataset file, as Dataset names them.
_TABLES = ("production", "claims", "colours", "catalogue", "misnamings", "sources", "markets")
_SWATCH = re.compile(r"#[0-9A-Fa-f]{6}")
# No white space, and no unsafe character (is_safe): an address is shown and copied as it stands.
_URL = re.compile(r"https?://(?!/)\S+")


# ASCII digits only: \d would take Arabic-Indic and other digits, which int() reads alike.
def find_problems(raw: dict[str, Any], text: str | None = None) -> list[Problem]:
    """Every problem in a parsed dataset, in file order as far as possible."""
    check = Checker(text)
    version = raw.get("schema_version")
    if version != DATA_SCHEMA_VERSION:
        # Another version may be laid out differently: checking further would only mislead.
        reads = f"this m1lookup reads version {DATA_SCHEMA_VERSION}"
        if version is None:
            message = f"required key is missing; {reads} (schema_version = {DATA_SCHEMA_VERSION})"
        else:
            message = f"unknown schema_version {version!r}; {reads}"
        check.add("schema_version", message, "", None, "schema_version")
        return check.problems
    _check_top_level(check, raw)
    source_ids = _check_sources(check, raw.get("sources"))
    customer_cars = _check_production(check, raw.get("production"), source_ids)
    _check_claims(check, raw.get("claims", []), source_ids)
    spellings = Spellings()
    colour_ids = _check_colours(
        check, raw.get("colours"), source_ids, customer_cars, _market_ids(raw), spellings
    )
    check_catalogue(check, raw.get("catalogue", []), source_ids, spellings)
    check_misnamings(check, raw.get("misnamings", []), source_ids, colour_ids, spellings)
    _check_markets(check, raw.get("markets", []), source_ids, colour_ids)
    check_lookalike_spellings(check, raw.get("colours"))
    _check_citations(check, raw, source_ids)
    check_leaf_values(check, raw)
    return check.problems


_TOP_LEVEL_KEYS = ("schema_version", *(name for name in Dataset.fields if name in _TABLES))


def _market_ids(raw: dict[str, Any]) -> set[str]:
    """The market ids, for colours' market counts, which come before the markets in the file."""
    markets = raw.get("markets", [])
    if not isinstance(markets, list):
        return set()
    return {m["id"] for m in markets if isinstance(m, dict) and isinstance(m.get("id"), str)}


def _check_top_level(check: Checker, raw: dict[str, Any]) -> None:
    for key, value in raw.items():
        if key in _TOP_LEVEL_KEYS:
            continue
        message = f"unknown top-level key; expected keys: {', '.join(_TOP_LEVEL_KEYS)}"
        if isinstance(value, dict | list):  # written as [key] or [[key]]: point at the header
            check.add(key, message, key, 0 if isinstance(value, list) else None)
        else:
            check.add(key, message, "", None, key)


_SOURCE_KEYS = tuple(name for name in Source.fields if name != "number")  # number: derived


def _check_sources(check: Checker, value: Any) -> set[str]:
    seen: set[str] = set()
    for index, raw in enumerate(entries(check, value, "sources")):
        entry = as_entry(check, raw, entry_label("sources", index, raw), "sources", index)
        if entry is None:
            continue
        entry.unknown_keys(_SOURCE_KEYS)
        source_id = entry.string("id")
        if source_id is not None:
            if source_id in seen:
                entry.problem("id", f"duplicate source id {source_id!r}")
            seen.add(source_id)
        entry.string("title")
        entry.boolean("title_is_description", False)
        entry.string("publisher")
        entry.date(required=False)
        url = entry.string("url")
        if url is not None and not (_URL.fullmatch(url) and is_safe(url)):
            entry.problem("url", f"must be an http:// or https:// address, got {url!r}")
        entry.choice("kind", SOURCE_KINDS)
    return seen


def _check_figure(entry: Entry, source_ids: set[str], minimum: int) -> int | None:
    value = entry.integer("value", True, minimum)
    entry.choice("confidence", CONFIDENCES)
    entry.cited("sources", source_ids)
    entry.string("note", required=False)
    entry.unknown_keys(Figure.fields)
    return value


def _check_production(check: Checker, value: Any, source_ids: set[str]) -> int | None:
    if value is None:
        check.add("production", "missing: the dataset needs a [production] table")
        return None
    production = as_entry(check, value, "production", "production", None)
    if production is None:
        return None
    production.string("plant")
    production.unknown_keys(("plant", *PRODUCTION_DATES, *PRODUCTION_FIGURES))
    dates: dict[str, str | None] = {}
    for key in PRODUCTION_DATES:
        table = production.entry.get(key)
        if table is None:
            production.problem(key, "required table is missing")
            continue
        entry = as_entry(check, table, f"production.{key}", f"production.{key}", None)
        if entry is None:
            continue
        dates[key] = entry.date(required=True)
        entry.choice("confidence", CONFIDENCES)
        entry.cited("sources", source_ids)
        entry.string("note", required=False)
        entry.unknown_keys(DateFigure.fields)
    _check_start_before_end(check, dates.get("start"), dates.get("end"))
    values: dict[str, int | None] = {}
    for key in PRODUCTION_FIGURES:
        table = production.entry.get(key)
        if table is None:
            production.problem(key, "required table is missing")
            values[key] = None
            continue
        entry = as_entry(check, table, f"production.{key}", f"production.{key}", None)
        minimum = 0 if key == "internal_cars" else 1
        values[key] = _check_figure(entry, source_ids, minimum) if entry else None
    built, customers, internal = (
        values["built"],
        values["customer_cars"],
        values["internal_cars"],
    )
    if (
        built is not None
        and customers is not None
        and internal is not None
        and customers + internal != built
    ):
        check.add(
            "production",
            f"customer_cars ({customers}) + internal_cars ({internal}) must equal built ({built})",
            "production",
            None,
        )
    _check_individual_cars(check, built, values["individual_cars"])
    return customers


def _check_start_before_end(check: Checker, start: str | None, end: str | None) -> None:
    if start is None or end is None:
        return
    # Compare at the coarser of the two: 2012-06-15 is not after 2012-06, nor 2012 after 2012-06.
    shared = min(len(start), len(end))
    if start[:shared] > end[:shared]:
        message = f"must not be after production.end.date {end!r}, got {start!r}"
        check.add("production.start.date", message, "production.start", None, "date")


def _check_individual_cars(check: Checker, built: int | None, individual: int | None) -> None:
    if built is not None and individual is not None and individual > built:
        message = f"must not be more than built ({built}), got {individual}"
        check.add(
            "production.individual_cars.value", message, "production.individual_cars", None, "value"
        )


def _check_claims(check: Checker, value: Any, source_ids: set[str]) -> None:
    used_topics: dict[str, int] = {}
    for index, raw in enumerate(entries(check, value, "claims", required=False)):
        entry = as_entry(check, raw, f"claims[{index}]", "claims", index)
        if entry is None:
            continue
        entry.unknown_keys(Claim.fields)
        topic = entry.choice("topic", CLAIM_TOPICS)
        _check_claim_value(entry, topic)
        if entry.boolean("used", True) and topic is not None:
            used_topics[topic] = used_topics.get(topic, 0) + 1
        entry.choice("confidence", CONFIDENCES)
        entry.cited("sources", source_ids)
        entry.string("note", required=False)
    for topic, count in used_topics.items():
        if count > 1:
            check.add("claims", f"{count} claims about {topic!r} are marked used; one at most")


def _check_claim_value(entry: Entry, topic: str | None) -> None:
    """A figure is a whole number of at least 1; an end date is a calendar date."""
    value = entry.entry.get("value")
    if value is None:
        entry.problem("value", "required key is missing")
    elif isinstance(value, bool) or not isinstance(value, int | str):
        entry.problem("value", f"must be a whole number or a string, not {type_name(value)}")
    elif isinstance(value, int):
        entry.integer("value", True, 1)
    elif topic == "end":
        entry.date(required=True, key="value")


def _check_colours(
    check: Checker,
    value: Any,
    source_ids: set[str],
    customer_cars: int | None,
    market_ids: set[str],
    spellings: Spellings,
) -> set[str]:
    seen_ids: set[str] = set()
    known_total = 0
    for index, raw in enumerate(entries(check, value, "colours")):
        label = entry_label("colours", index, raw)
        entry = as_entry(check, raw, label, "colours", index)
        if entry is None:
            continue
        entry.unknown_keys(Colour.fields)
        colour_id = entry.string("id")
        if colour_id is not None:
            if colour_id in seen_ids:
                entry.problem("id", f"duplicate colour id {colour_id!r}")
            seen_ids.add(colour_id)
        names = [
            ("name", entry.string("name")),
            ("name_de", entry.string("name_de", required=False)),
            ("paint_code", entry.string("paint_code", required=False)),
        ]
        names += [("alias", alias) for alias in entry.strings("aliases", required=False)]
        names.append(("id", colour_id))  # last: a clash names the other colour's name first
        owner = f"colour {colour_id or label!r}"
        spellings.claim(entry, owner, names)
        _check_search_spellings(check, entry, index, spellings, owner)
        _check_sourced_figures(entry, source_ids)
        entry.choice("programme", PROGRAMMES)
        entry.string("finish", required=False)
        swatch = entry.string("swatch", required=False)
        if swatch is not None and not _SWATCH.fullmatch(swatch):
            entry.problem("swatch", f"must be #RRGGBB, got {swatch!r}")
        count = entry.integer("count", False, 1, "; leave count out when it is unknown")
        if count is not None:
            known_total += count
        for key in ("swatch_note", "paint_code_note", "count_note", "verdict", "notes"):
            entry.string(key, required=False)
        _check_figure_notes(entry)
        _check_market_counts(check, entry, index, source_ids, market_ids)
    if customer_cars is not None and known_total > customer_cars:
        check.add(
            "colours",
            f"known counts add up to {known_total}, more than the {customer_cars} customer cars",
        )
    return seen_ids


# A note about one figure (count_note about count): it goes with a known figure only.
_FIGURE_NOTES = tuple(
    (name, name.removesuffix("_note"))
    for name in Colour.fields
    if name.endswith("_note") and name.removesuffix("_note") in Colour.fields
)  # paint_code_note, swatch_note, count_note


def _check_figure_notes(entry: Entry) -> None:
    for note, figure in _FIGURE_NOTES:
        if note in entry.entry and figure not in entry.entry:
            entry.problem(note, f"only goes with a known {figure}; leave it out with {figure}")


def _check_sourced_figures(entry: Entry, source_ids: set[str]) -> None:
    """A figure's confidence and sources stand beside it when it is known, and only then."""
    for name in SOURCED_FIGURES:
        confidence, sources = f"{name}_confidence", f"{name}_sources"
        if name in entry.entry or name == "programme":
            entry.choice(confidence, CONFIDENCES)
            entry.cited(sources, source_ids)
            continue
        for key in (confidence, sources):
            if key in entry.entry:
                entry.problem(key, f"only goes with a known {name}; leave it out with {name}")


def _check_search_spellings(
    check: Checker, colour: Entry, index: int, spellings: Spellings, owner: str
) -> None:
    """Each ``[[colours.search_spellings]]`` table: a spelling of this colour only, and the note
    that says what it rests on (its citations are checked with every other string's)."""
    tables = colour.entry.get("search_spellings", [])
    if not isinstance(tables, list):
        colour.problem(
            "search_spellings", "must be an array of tables ([[colours.search_spellings]])"
        )
        return
    for number, raw in enumerate(tables):
        label = f"{colour.label}.search_spellings[{number}]"
        entry = as_entry(check, raw, label, "colours.search_spellings", (index, number))
        if entry is None:
            continue
        entry.unknown_keys(SearchSpelling.fields)
        spellings.claim(entry, owner, [("search spelling", entry.string("spelling"))])
        entry.string("note")


def _check_market_counts(
    check: Checker, colour: Entry, index: int, source_ids: set[str], market_ids: set[str]
) -> None:
    counts = colour.entry.get("market_counts", [])
    if not isinstance(counts, list):
        colour.problem("market_counts", "must be an array of tables ([[colours.market_counts]])")
        return
    for number, raw in enumerate(counts):
        label = f"{colour.label}.market_counts[{number}]"
        entry = as_entry(check, raw, label, "colours.market_counts", (index, number))
        if entry is None:
            continue
        entry.unknown_keys(MarketCount.fields)
        market = entry.string("market")
        if market is not None and market not in market_ids:
            entry.problem("market", f"names market {market!r}, which is not in [[markets]]")
        entry.choice("kind", MARKET_FIGURE_KINDS)
        entry.integer("value", True, 1)
        entry.choice("confidence", CONFIDENCES)
        entry.cited("sources", source_ids)
        entry.string("note", required=False)


# A research-sheet row code in parentheses, "(C6)", "(see K4)", "(P6, K1)"; not a chassis code.
_ROW_CODE = re.compile(r"\((?:see )?(?!E8\d\))[A-Z]\d{1,2}[a-z]?[,;)–-]")


def _check_citations(check: Checker, raw: dict[str, Any], source_ids: set[str]) -> None:
    """Every ``[@source-id]`` in any string names a source; no research-sheet codes."""
    if any(
        isinstance(value, str) and _citation_problem(value, source_ids) for value in leaves(raw)
    ):
        _find_citation_problems(check, raw, source_ids)  # the slow walk, naming each place


def _citation_problem(text: str, source_ids: set[str]) -> bool:
    if "[@" in text and any(cited not in source_ids for cited in CITATION.findall(text)):
        return True
    return "(" in text and _ROW_CODE.search(text) is not None


def _find_citation_problems(
    check: Checker, raw: Any, source_ids: set[str], where: str = ""
) -> None:
    if isinstance(raw, dict):
        for key, value in raw.items():
            _find_citation_problems(check, value, source_ids, f"{where}.{key}" if where else key)
    elif isinstance(raw, list):
        for number, value in enumerate(raw):  # entries named as every other check names them
            _find_citation_problems(check, value, source_ids, entry_label(where, number, value))
    elif isinstance(raw, str):
        for cited in CITATION.findall(raw):
            if cited not in source_ids:
                check.add(where, f"cites [@{cited}], which is not in [[sources]]")
        code = _ROW_CODE.search(raw)
        if code is not None:
            check.add(
                where,
                f"refers to {code.group()[:-1]}), a code no reader can look up; "
                "cite a source as [@source-id]",
            )


def _check_markets(check: Checker, value: Any, source_ids: set[str], colour_ids: set[str]) -> None:
    seen: set[str] = set()
    for index, raw in enumerate(entries(check, value, "markets", required=False)):
        label = entry_label("markets", index, raw)
        entry = as_entry(check, raw, label, "markets", index)
        if entry is None:
            continue
        entry.unknown_keys(Market.fields)
        market_id = entry.string("id")
        if market_id is not None:
            if market_id in seen:
                entry.problem("id", f"duplicate market id {market_id!r}")
            seen.add(market_id)
        entry.string("name")
        entry.string("note", required=False)
        entry.cited("sources", source_ids, required=False)
        entry.string("colour_note", required=False)
        for colour_id in entry.strings("colour_order", required=False):
            if colour_id not in colour_ids:
                entry.problem(
                    "colour_order", f"names colour {colour_id!r}, which is not in [[colours]]"
                )
        if "colour_order" in entry.entry:
            entry.cited("colour_order_sources", source_ids)
        figures = entry.entry.get("figures", [])
        if not isinstance(figures, list):
            entry.problem("figures", "must be an array of tables")
            continue
        used = 0
        for number, raw_figure in enumerate(figures):
            figure = as_entry(
                check, raw_figure, f"{label}.figures[{number}]", "markets.figures", (index, number)
            )
            if figure is None:
                continue
            figure.unknown_keys(MarketFigure.fields)
            figure.choice("kind", MARKET_FIGURE_KINDS)
            figure.integer("value", True, 1)
            figure.string("qualifier", required=False)
            if figure.boolean("used", False):
                used += 1
            figure.choice("confidence", CONFIDENCES)
            figure.cited("sources", source_ids)
            figure.string("note", required=False)
        if used > 1:
            entry.problem("figures", f"{used} figures are marked used; one at most")
