"""Check a parsed dataset against the schema in docs/data.md and list every problem found.

The loader refuses a dataset with any problem; ``m1lookup validate`` prints them all.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from m1lookup.load.checks import (
    Checker,
    Entry,
    as_entry,
    check_declared,
    check_leaf_values,
    declared_entries,
    entry_label,
    leaves,
)
from m1lookup.load.problems import Problem
from m1lookup.load.spellings import (
    Spellings,
    check_catalogue,
    check_lookalike_spellings,
    check_misnamings,
)
from m1lookup.model.schema import (
    CITATION,
    DATA_SCHEMA_VERSION,
    PRODUCTION_DATES,
    PRODUCTION_FIGURES,
    Claim,
    Colour,
    Dataset,
    Market,
    Production,
    Source,
)

if TYPE_CHECKING:
    pass


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
    _check_claims(check, raw.get("claims"), source_ids)
    spellings = Spellings()
    colour_ids = _check_colours(
        check, raw.get("colours"), source_ids, customer_cars, _market_ids(raw), spellings
    )
    required = _TABLES["catalogue"]
    check_catalogue(check, raw.get("catalogue"), source_ids, spellings, required)
    required = _TABLES["misnamings"]
    check_misnamings(check, raw.get("misnamings"), source_ids, colour_ids, spellings, required)
    _check_markets(check, raw.get("markets"), source_ids, colour_ids)
    check_lookalike_spellings(check, raw.get("colours"))
    _check_citations(check, raw, source_ids)
    check_leaf_values(check, raw)
    return check.problems


# The top-level tables of a dataset file, as Dataset declares them.
_TABLES = {name: spec.required for name, spec in Dataset.declared.items() if spec.in_file}
_TOP_LEVEL_KEYS = ("schema_version", *_TABLES)


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


def _unique_id(entry: Entry, identifier: str | None, seen: set[str], what: str) -> None:
    if identifier is None:
        return
    if identifier in seen:
        entry.problem("id", f"duplicate {what} id {identifier!r}")
    seen.add(identifier)


def _check_sources(check: Checker, value: Any) -> set[str]:
    seen: set[str] = set()
    for entry, values in declared_entries(
        check, value, "sources", Source, set(), _TABLES["sources"]
    ):
        _unique_id(entry, values["id"], seen, "source")  # a source cites no source
    return seen


def _check_production(check: Checker, value: Any, source_ids: set[str]) -> int | None:
    if value is None:
        check.add("production", "missing: the dataset needs a [production] table")
        return None
    production = as_entry(check, value, "production", "production", None)
    if production is None:
        return None
    tables = check_declared(production, Production, source_ids)
    dates = {key: (tables[key] or {}).get("date") for key in PRODUCTION_DATES}
    _check_start_before_end(check, dates["start"], dates["end"])
    values: dict[str, int | None] = {}
    for key in PRODUCTION_FIGURES:
        values[key] = (tables[key] or {}).get("value")
        if values[key] == 0 and key != "internal_cars":  # a figure may be 0 only there
            message = "must be at least 1, got 0"
            check.add(f"production.{key}.value", message, f"production.{key}", None, "value")
            values[key] = None
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
    for entry, values in declared_entries(
        check, value, "claims", Claim, source_ids, _TABLES["claims"]
    ):
        topic = values["topic"]
        _check_claim_value(entry, topic, values["value"])
        if values["used"] and topic is not None:
            used_topics[topic] = used_topics.get(topic, 0) + 1
    for topic, count in used_topics.items():
        if count > 1:
            check.add("claims", f"{count} claims about {topic!r} are marked used; one at most")


def _check_claim_value(entry: Entry, topic: str | None, value: int | str | None) -> None:
    """A figure is a whole number; an end date is a calendar date, the one string a claim holds."""
    if not isinstance(value, str) or topic is None:
        return
    if topic == "end":
        entry.date(required=True, key="value")
    else:
        entry.problem("value", f"must be a whole number for topic {topic!r}, got {value!r}")


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
    for entry, values in declared_entries(
        check, value, "colours", Colour, source_ids, _TABLES["colours"]
    ):
        colour_id = values["id"]
        _unique_id(entry, colour_id, seen_ids, "colour")
        names = [(key, values[key]) for key in ("name", "name_de", "paint_code")]
        names += [("alias", alias) for alias in values["aliases"]]
        names.append(("id", colour_id))  # last: a clash names the other colour's name first
        owner = f"colour {colour_id or entry.label!r}"
        spellings.claim(entry, owner, names)
        for spelling_entry, searched in values["search_spellings"]:
            spellings.claim(spelling_entry, owner, [("search spelling", searched["spelling"])])
        if values["count"] is not None:
            known_total += values["count"]
        for count, counted in values["market_counts"]:
            market = counted["market"]
            if market is not None and market not in market_ids:
                count.problem("market", f"names market {market!r}, which is not in [[markets]]")
    if customer_cars is not None and known_total > customer_cars:
        check.add(
            "colours",
            f"known counts add up to {known_total}, more than the {customer_cars} customer cars",
        )
    return seen_ids


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
    for entry, values in declared_entries(
        check, value, "markets", Market, source_ids, _TABLES["markets"]
    ):
        _unique_id(entry, values["id"], seen, "market")
        for colour_id in values["colour_order"]:
            if colour_id not in colour_ids:
                entry.problem(
                    "colour_order", f"names colour {colour_id!r}, which is not in [[colours]]"
                )
        used = sum(1 for _, figure in values["figures"] if figure["used"])
        if used > 1:
            entry.problem("figures", f"{used} figures are marked used; one at most")
