"""The bundled dataset says what the research says, and nothing more."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import pytest

from m1lookup.load.dataset import bundled_path, load
from m1lookup.model.schema import Dataset
from tests.conftest import DATA_FILE

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

RAW: dict[str, Any] = tomllib.loads(DATA_FILE.read_text(encoding="utf-8"))


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
    assert claims[("planned_cap", 4000)] is False
    assert claims[("planned_cap", 5000)] is False
    assert claims[("built", 1000)] is False
    assert claims[("end", "2012-06")] is True
    assert claims[("sold", 1054)] is False


def test_each_figure_has_its_own_confidence(dataset: Dataset) -> None:
    by_id = {colour.id: colour for colour in dataset.colours}
    valencia = by_id["valencia-orange"]
    assert (valencia.paint_code, valencia.paint_code_confidence) == ("WB44", "low")
    assert valencia.paint_code_sources == ("fwdtrek-2025-11-iconic-colours",)
    assert (valencia.programme, valencia.programme_confidence) == ("factory", "high")
    assert (valencia.count, valencia.count_confidence, valencia.count_sources) == (None, None, ())
    monte_carlo = by_id["monte-carlo-blue"]
    assert (monte_carlo.count, monte_carlo.count_confidence) == (2, "low")
    assert "bimmertoday-2023-09-06-nuerburgring" not in monte_carlo.count_sources
    assert dataset.production.end.confidence == "medium"


def test_north_america_counts_valencia_orange_only(dataset: Dataset) -> None:
    counts = [
        (c.id, m.market, m.kind, m.value, m.confidence)
        for c in dataset.colours
        for m in c.market_counts
    ]
    assert counts == [("valencia-orange", "north-america", "sold", 435, "low")]


def test_catalogue_and_misnamings(dataset: Dataset) -> None:
    codes = [entry.code for entry in dataset.catalogue]
    assert len(codes) == 19
    assert {"381", "A76", "896"} < set(codes)
    assert {"300", "475"}.isdisjoint(codes)  # the 1M's Alpine White and Black Sapphire
    le_mans = next(entry for entry in dataset.catalogue if entry.code == "381")
    assert (le_mans.name, le_mans.name_de) == ("Le Mans Blue", "Le Mans Blau")
    assert [(m.name, m.colour) for m in dataset.misnamings] == [("Jet Black", "black-sapphire")]


def test_german_names_only_where_a_source_gives_one(dataset: Dataset) -> None:
    german = {c.id: c.name_de for c in dataset.colours if c.name_de}
    assert german == {"alpine-white": "Alpinweiß", "black-sapphire": "Saphirschwarz"}


def test_sources_are_numbered_in_file_order(dataset: Dataset) -> None:
    numbers = {s.id: s.number for s in dataset.sources}
    assert numbers["ausmotive-2010-08-30-oktoberfest"] == 1
    assert numbers["bmwblog-2012-01-10-us-740"] == 27
    assert numbers["bmw-sg-2016-09-16-chris-harris"] == 33
    assert numbers["lebezout-bmw-e8x-faq-teintes"] == 64 == len(dataset.sources)
    assert [numbers[entry["id"]] for entry in RAW["sources"]] == list(range(1, 65))


def test_sources_are_ordered_by_date_then_undated() -> None:
    dates = [entry.get("date") for entry in RAW["sources"]]
    dated = [date for date in dates if date is not None]
    assert dates == dated + [None] * (len(dates) - len(dated))
    assert dated == sorted(dated)


def test_every_source_is_cited_and_every_citation_is_a_source() -> None:
    """Read from the file itself: every ``sources``/``*_sources`` list and ``[@id]`` citation."""
    cited: set[str] = set()

    def collect(value: Any, key: str = "") -> None:
        if isinstance(value, dict):
            for name, item in value.items():
                collect(item, name)
        elif isinstance(value, list) and (key == "sources" or key.endswith("_sources")):
            cited.update(value)
        elif isinstance(value, list):
            for item in value:
                collect(item, key)
        elif isinstance(value, str):
            cited.update(re.findall(r"\[@([^\]\s]+)\]", value))

    collect({table: value for table, value in RAW.items() if table != "sources"})
    assert cited == {entry["id"] for entry in RAW["sources"]}


def test_the_recorded_document_is_that_of_the_valid_bundled_file() -> None:
    """The loader takes the bundled file from m1lookup.load.bundled while it has the recorded
    checksum: that must be the checksum of the file as it is now, the file must be valid, and
    the recorded document must be what tomllib reads from it."""
    from m1lookup.load import bundled
    from m1lookup.load.dataset import bundled_checksum, bundled_path, read_toml
    from m1lookup.load.validation import find_problems

    raw, text = read_toml(bundled_path())
    assert find_problems(raw, text) == []
    stale = "data/colours.toml changed: run scripts/record_bundled_checksum.py"
    assert bundled_checksum(Path(bundled_path()).read_bytes()) == bundled.CRC32, stale
    assert raw == bundled.DATA, stale


def test_the_bundled_file_is_not_parsed_while_it_is_the_recorded_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from m1lookup.load import dataset as module

    def refuse(*_: object) -> None:
        raise AssertionError("parsed the bundled file")

    monkeypatch.setattr(module, "read_toml", refuse)
    assert module.load().colours_by_id["monte-carlo-blue"].count == 2


def test_an_edited_bundled_file_is_checked_in_full(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bundled file that is not the one recorded (an editable install, edited) is refused
    like any other file with a problem."""
    from m1lookup.load import dataset as module

    edited = tmp_path / "colours.toml"
    text = Path(module.bundled_path()).read_text(encoding="utf-8")
    edited.write_text(text.replace('programme = "individual"', 'programme = "bespoke"', 1))
    monkeypatch.setattr(module, "bundled_path", lambda: str(edited))
    with pytest.raises(module.DataError, match="unknown value 'bespoke'"):
        module.load()


# --- the second audit (the research file's fourth addendum) ---------------------------------------


def _figures(dataset: Dataset, market_id: str) -> list[tuple[str, int, bool, str, tuple[str, ...]]]:
    market = dataset.market(market_id)
    return [(f.kind, f.value, f.used, f.confidence, f.sources) for f in market.figures]


def test_marcel_muhl_is_quoted_in_his_own_words(dataset: Dataset) -> None:
    muhl = "'But this year we will get to 4000 after thinking we would only build 2500 in the"
    assert muhl in (dataset.production.planned_cap.note or "")
    plans = {c.value: c.note or "" for c in dataset.claims if c.topic == "planned_cap"}
    assert muhl in plans[4000]
    for note in (dataset.production.planned_cap.note or "", *plans.values()):
        assert "Initially, just 2500" not in note
        assert "now says it will build 4000" not in note


def test_the_new_sources_support_their_figures(dataset: Dataset) -> None:
    assert _figures(dataset, "canada") == [
        (
            "sold",
            220,
            True,
            "low",
            ("carscoops-2016-09-chris-harris", "bmwblog-2020-03-17-best-bmw"),
        )
    ]
    assert _figures(dataset, "south-africa") == [
        (
            "allocated",
            71,
            True,
            "medium",
            ("wheels24-2011-07-22-superbaby", "sacarfan-2012-04-no-longer-on-sale"),
        )
    ]
    uk = _figures(dataset, "uk")
    assert uk[0][:4] == ("allocated", 450, True, "medium")
    assert "aol-uk-2011-05-19-first-drive" in uk[0][4]
    assert [(kind, value, sources) for kind, value, _, _, sources in uk[1:3]] == [
        ("allocated", 400, ("caradvice-1m-wraps-production",)),
        ("sold", 400, ("drive-com-au-1m-preview",)),
    ]
    australia = {
        (kind, value): sources for kind, value, _, _, sources in _figures(dataset, "australia")
    }
    assert australia[("allocated", 100)] == ("drive-com-au-2011-08-31-first-local-drive",)
    assert australia[("allocated", 200)] == (
        "drive-com-au-2011-08-31-first-local-drive",
        "ausmotive-2012-08-22-tally",
    )
    claims = {(c.topic, c.value): c for c in dataset.claims}
    assert claims[("built", 2000)].sources == ("motoradictos-2012-leyenda",)
    assert claims[("built", 2000)].used is False
    assert "sportscarmarket-2011-bmw-1m-profile" in claims[("built", 6342)].sources
    assert claims[("individual_cars", 3)].sources == (
        "bmwblog-2023-09-06-80-coupes",
        "bmwblog-2024-08-26-92-cars",
    )
    assert claims[("planned_cap", 2700)].sources[0] == "autoblog-2010-09-13-limited-2700"
    assert dataset.misnamings[0].sources[:1] == ("autoblog-2010-09-13-limited-2700",)
    assert "bmwblog-2016-09-15-chris-harris" in dataset.misnamings[0].sources


def test_conflicts_of_the_second_audit_are_recorded(dataset: Dataset) -> None:
    three = next(c for c in dataset.claims if (c.topic, c.value) == ("individual_cars", 3))
    assert "counts 92 cars at the meet, where BimmerToday counts 94 from 13 countries" in (
        three.note or ""
    )
    hundred = next(f for f in dataset.market("australia").figures if f.value == 100)
    assert "Conflicts with BMW Australia's 125 of the same week" in (hundred.note or "")


def test_the_audited_details(dataset: Dataset) -> None:
    sources = dataset.sources_by_id
    assert sources["motori-it-2011-pensione"].date == "2011"
    assert sources["lebezout-bmw-e8x-faq-teintes"].kind == "weak"  # an owners' FAQ, not press
    sepang = dataset.colour("sepang-bronze")
    assert "carmudgeons-2023-09-16-segler" not in sepang.programme_sources
    assert "carmudgeons" not in (sepang.notes or "")
    monte_carlo = dataset.colour("monte-carlo-blue")
    assert monte_carlo.aliases == ("MC blue",)
    assert [s.spelling for s in monte_carlo.search_spellings] == ["MCB"]
    assert [s.spelling for s in dataset.colour("valencia-orange").search_spellings] == ["VO", "B44"]
    note = dataset.colour("valencia-orange").paint_code_note or ""
    assert "no page or public code table was found that gives either 'WB44'" not in note
    factory = [c for c in dataset.colours if c.programme == "factory"]
    assert [(c.id, c.count) for c in factory] == [
        ("valencia-orange", None),
        ("alpine-white", None),
        ("black-sapphire", None),
    ]


def test_no_data_id_in_a_user_facing_string() -> None:
    """Notes name markets and colours in words ("the United States and Canada"), never by id."""
    ids = [m["id"] for m in RAW["markets"]] + [c["id"] for c in RAW["colours"]]
    strings = [
        value
        for table in (RAW["markets"], RAW["colours"], RAW["claims"], RAW["misnamings"])
        for entry in table
        for item in (entry, *entry.get("figures", []), *entry.get("market_counts", []))
        for key, value in item.items()
        if isinstance(value, str) and (key.endswith("note") or key == "notes")
    ]
    assert len(strings) > 40
    for text in strings:
        for data_id in ids:
            assert not re.search(rf"(?<![@\w-]){re.escape(data_id)}(?![\w-])", text), (
                data_id,
                text,
            )
