"""stats, list, sources, markets, --version and python -m: what a register keeper sees."""

from __future__ import annotations

import csv
import io
import re

import pytest

import m1lookup
from tests.conftest import MODULE, RunCli, run_process


def test_stats_shows_totals_conflicts_ranking_and_unknowns(run: RunCli) -> None:
    result = run("stats")
    assert result.exit_code == 0
    out = result.stdout
    for expected in (
        "BMW Plant Leipzig",
        "6,342",
        "6,309",
        "2011-03-01",
        "2012-06",
        "✓ 6,342",
        "· 6,331",
        "· 6,339",
        "✓ 2,500",
        "· 2,700",
        "· 2,452",
        "✓ 4",
        "· 3",
        "What is not known",
        "Published colour counts cover 4 cars.",
        "  - Valencia Orange (factory palette)",
        "never estimated",
    ):
        assert expected in out, expected
    ranking = out[out.index("Colours, rarest first") :]
    assert ranking.index("Atacama Yellow") < ranking.index("Monte Carlo Blue")
    assert ranking.index("Monte Carlo Blue") < ranking.index("Alpine White")
    assert "no published count" in ranking


def test_stats_json(run: RunCli, validate_json) -> None:
    document = run("stats", "--json").json()
    validate_json(document)
    production = document["production"]
    assert production["built"] == 6342
    assert production["customer_cars"] == 6309
    assert production["internal_cars"] == 33
    assert production["planned_cap"] == 2500
    assert production["start"] == "2011-03-01"
    assert production["end"] == "2012-06"
    assert production["plant"] == "BMW Plant Leipzig"
    built_claims = [(c["value"], c["used"]) for c in production["claims"] if c["topic"] == "built"]
    assert built_claims == [
        (6342, True),
        (6331, False),
        (6339, False),
        (1000, False),
        (2000, False),
    ]
    figures = production["figures"]
    assert list(figures) == [
        "start",
        "end",
        "built",
        "customer_cars",
        "internal_cars",
        "planned_cap",
        "individual_cars",
    ]
    assert (figures["end"]["date"], figures["end"]["confidence"]) == ("2012-06", "medium")
    assert [s["number"] for s in figures["end"]["sources"]] == [34, 39, 55, 22, 28, 53, 54]
    assert (figures["built"]["value"], figures["built"]["confidence"]) == (6342, "high")
    assert [c["id"] for c in document["colours"]][:3] == [
        "atacama-yellow",
        "java-green",
        "monte-carlo-blue",
    ]
    assert document["denominator"] == {"customer_cars": 6309}
    assert document["known"]["cars_with_published_colour"] == 4
    alpine = next(c for c in document["colours"] if c["id"] == "alpine-white")
    assert alpine["count"] is None


def test_list_rarest_first(run: RunCli) -> None:
    result = run("list")
    assert result.exit_code == 0
    out = result.stdout
    assert out.index("Atacama Yellow") < out.index("Monte Carlo Blue") < out.index("Sepang Bronze")


def test_list_programme_and_sort(run: RunCli, validate_json) -> None:
    document = run("list", "--programme", "factory", "--sort", "name", "--json").json()
    validate_json(document)
    assert [c["name"] for c in document["colours"]] == [
        "Alpine White",
        "Black Sapphire",
        "Valencia Orange",
    ]
    assert all(c["count"] is None for c in document["colours"])


def test_list_bad_programme_is_a_usage_error(run: RunCli) -> None:
    result = run("list", "--programme", "bogus")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "bogus" in result.stderr


def test_list_csv_parses_back_with_json_field_names(run: RunCli) -> None:
    result = run("list", "--csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 7
    monte = next(r for r in rows if r["id"] == "monte-carlo-blue")
    assert monte["count"] == "2"
    assert monte["rank"] == "3"
    alpine = next(r for r in rows if r["id"] == "alpine-white")
    assert alpine["count"] == ""
    assert alpine["name_de"] == "Alpinweiß"


def test_json_and_csv_together_is_a_usage_error(run: RunCli) -> None:
    result = run("list", "--json", "--csv")
    assert result.exit_code == 2
    assert result.stderr == (
        "m1lookup: error: --json and --csv cannot be used together; choose one output format\n"
        "m1lookup: try 'm1lookup list --help'\n"
    )


def test_sources_numbered_with_kind_and_url(run: RunCli, validate_json) -> None:
    result = run("sources", env={"COLUMNS": "100"})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[:4] == [
        "Sources (64)",
        "",
        "[1] BMW 1M Coupé previewed at US Oktoberfest show — ausmotive, 2010-08-30 (press)",
        "    http://www.ausmotive.com/2010/08/30/bmw-1m-coupe-previewed-at-us-oktoberfest-show.html",
    ]
    assert "[27] 740 units of BMW 1M sold in United States — BMWBLOG, 2012-01-10 (press)" in lines
    assert "[49] BMW 1 Series M — Super Street (press)" in lines  # undated: no date shown
    document = run("sources", "--json").json()
    validate_json(document)
    by_number = {s["number"]: s for s in document["sources"]}
    assert (by_number[27]["id"], by_number[27]["kind"]) == ("bmwblog-2012-01-10-us-740", "press")
    assert (by_number[64]["id"], by_number[64]["kind"]) == (  # an owners' FAQ, not press
        "lebezout-bmw-e8x-faq-teintes",
        "weak",
    )
    assert (by_number[46]["id"], by_number[46]["kind"]) == (
        "fwdtrek-2025-11-iconic-colours",
        "weak",
    )
    assert by_number[49]["date"] is None
    kinds = [s["kind"] for s in document["sources"]]
    assert (kinds.count("official"), kinds.count("press"), kinds.count("weak")) == (1, 51, 12)
    assert by_number[14]["kind"] == "official"


def test_colour_sources_use_the_same_numbers_as_the_sources_command(run: RunCli) -> None:
    sources = {s["id"]: s["number"] for s in run("sources", "--json").json()["sources"]}
    colour = run("colour", "Java Green", "--json").json()["results"][0]["colour"]
    for ref in colour["sources"]:
        assert ref["number"] == sources[ref["id"]]
        assert f"[{ref['number']}]" in run("colour", "Java Green").stdout


def test_markets_conflicts_side_by_side(run: RunCli) -> None:
    result = run("markets")
    assert result.exit_code == 0
    out = result.stdout
    for expected in (
        "740 built for the United States: the figure m1lookup uses",
        "Daytona",
        "450 allocated to the United Kingdom: the figure m1lookup uses",
        "400 allocated to the United Kingdom",
        "250 allocated to the United Kingdom",
        "125 promised to Australia",
        "more than 300 delivered to Australia: the figure m1lookup uses",
        "301 tallied in Australia",
        "220 sold in Canada",
        "71 allocated to South Africa",
        "fewer than 1,000 built for the United States  (confidence low; [19] [62])",
        "Valencia Orange > Alpine White > Black Sapphire",
        "no figure published",
    ):
        assert expected in out, expected
    assert "✓" not in out


def test_markets_json_and_csv(run: RunCli, validate_json) -> None:
    document = run("markets", "--json").json()
    validate_json(document)
    markets = {m["id"]: m for m in document["markets"]}
    uk = [(f["kind"], f["value"], f["used"]) for f in markets["uk"]["figures"]]
    assert uk == [  # CarAdvice's 400 is an allocation; the Drive.com.au preview's, a sale
        ("allocated", 450, True),
        ("allocated", 400, False),
        ("sold", 400, False),
        ("allocated", 250, False),
    ]
    assert markets["japan"]["figures"] == []
    assert markets["usa"]["colour_order"] == ["Valencia Orange", "Alpine White", "Black Sapphire"]
    rows = list(csv.DictReader(io.StringIO(run("markets", "--csv").stdout)))
    usa = [r for r in rows if r["market_id"] == "usa" and r["used"] == "true"]
    assert [r["value"] for r in usa] == ["740"]
    japan = next(r for r in rows if r["market_id"] == "japan")
    assert japan["value"] == ""


def test_version(run: RunCli) -> None:
    result = run("--version")
    assert result.exit_code == 0
    # The installed metadata's version; tests/test_packaging.py checks it is pyproject.toml's.
    assert result.stdout == f"m1lookup {m1lookup.version()}\n"
    assert re.fullmatch(r"m1lookup \d+\.\d+\.\d+\S*\n", result.stdout)


def test_no_arguments_shows_help(run: RunCli) -> None:
    result = run()
    assert "colour" in result.stdout + result.stderr
    assert "stats" in result.stdout + result.stderr


@pytest.mark.parametrize("args", [["--version"], ["colour", "Java Green", "--json"]])
def test_python_dash_m_behaves_like_the_script(run: RunCli, args: list[str]) -> None:
    module = run_process(*args, command=MODULE)
    assert module.returncode == 0
    assert module.stdout.decode() == run(*args).stdout


def test_unreadable_data_is_exit_2_with_one_line(run: RunCli, tmp_path) -> None:
    missing = tmp_path / "missing.toml"
    result = run("stats", "--data", str(missing))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert str(missing) in result.stderr
    assert "cannot read the file" in result.stderr
