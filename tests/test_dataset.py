"""The bundled dataset says what the research says, and nothing more."""

from __future__ import annotations

import re

from m1lookup.dataset import Dataset, bundled_path, load
from tests.conftest import DATA_FILE


def test_bundled_path_is_the_top_level_data_file() -> None:
    assert bundled_path() == str(DATA_FILE)
    assert load().production.built.value == 6342


def test_production_figures(dataset: Dataset) -> None:
    production = dataset.production
    assert production.plant == "BMW Plant Leipzig"
    assert production.built.value == 6342
    assert production.customer_cars.value == 6309
    assert production.internal_cars.value == 33
    assert production.planned_cap.value == 2500
    assert production.individual_cars.value == 4
    assert production.start.date == "2011-03-01"
    assert production.end.date == "2012-06"


def test_counts_only_where_published(dataset: Dataset) -> None:
    counts = {colour.id: colour.count for colour in dataset.colours}
    assert counts == {
        "valencia-orange": None,
        "alpine-white": None,
        "black-sapphire": None,
        "monte-carlo-blue": 2,
        "java-green": 1,
        "atacama-yellow": 1,
        "sepang-bronze": None,
    }


def test_individual_counts_add_up_to_the_individual_total(dataset: Dataset) -> None:
    individual = [c.count for c in dataset.colours if c.programme == "individual"]
    assert sum(c for c in individual if c is not None) == dataset.production.individual_cars.value


def test_no_count_is_zero_in_the_file() -> None:
    assert not re.search(r"^\s*count\s*=\s*0\b", DATA_FILE.read_text(encoding="utf-8"), re.M)


def test_every_conflict_is_recorded_with_the_used_figure(dataset: Dataset) -> None:
    claims = {(c.topic, c.value): c.used for c in dataset.claims}
    assert claims[("built", 6342)] is True
    assert claims[("built", 6331)] is False
    assert claims[("built", 6339)] is False
    assert claims[("planned_cap", 2500)] is True
    assert claims[("planned_cap", 2700)] is False
    assert claims[("planned_cap", 2452)] is False
    assert claims[("individual_cars", 4)] is True
    assert claims[("individual_cars", 3)] is False


def test_german_names_only_where_a_source_gives_one(dataset: Dataset) -> None:
    german = {c.id: c.name_de for c in dataset.colours if c.name_de}
    assert german == {"alpine-white": "Alpinweiß", "black-sapphire": "Saphirschwarz"}


def test_sources_are_numbered_in_file_order(dataset: Dataset) -> None:
    assert [s.number for s in dataset.sources] == list(range(1, len(dataset.sources) + 1))
    assert all(s.url.startswith(("http://", "https://")) for s in dataset.sources)


def test_every_source_is_cited(dataset: Dataset) -> None:
    cited: set[str] = set()
    production = dataset.production
    for figure in (
        production.start,
        production.end,
        production.built,
        production.customer_cars,
        production.internal_cars,
        production.planned_cap,
        production.individual_cars,
    ):
        cited.update(figure.sources)
    for claim in dataset.claims:
        cited.update(claim.sources)
    for colour in dataset.colours:
        cited.update(colour.sources + colour.paint_code_sources)
    for market in dataset.markets:
        cited.update(market.sources + market.colour_order_sources)
        for market_figure in market.figures:
            cited.update(market_figure.sources)
    assert {s.id for s in dataset.sources} == cited
