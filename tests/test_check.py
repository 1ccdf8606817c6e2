"""`m1lookup check`: an advert's claims against the recorded figures (issue 15, item 2).

Exact values from the bundled data: Java Green has 1 car, Monte Carlo Blue 2, Valencia Orange no
worldwide count but 435 sold in North America (low), 6,342 built, 2,700 a plan first reported in
2010, the US 740.
"""

from __future__ import annotations

import csv
import io

import pytest

from m1lookup.lookup.answers import Verdict
from m1lookup.lookup.check import (
    MAX_TEXT_CHARS,
    CheckError,
    check_one,
    check_text,
    parse_count,
    resolve_market,
)
from m1lookup.model.schema import Dataset
from m1lookup.render.csv import CLAIM_COLUMNS
from tests.conftest import RunCli

# The sources behind the figures, by id: their numbers follow the data's order of sources.
JAVA_GREEN = (
    "bmwblog-2023-09-07-rarest-1m",
    "carmudgeons-2023-09-16-segler",
    "bimmertoday-2025-09-26-treffen",
    "bmwblog-2025-09-26-register-105",
)
NA_435 = "automobilismo-2021-04-23-1m-coupe"
US_RANKING = "bmwblog-2012-01-10-us-740"
BUILT = (
    "bmwblog-2025-12-09-leipzig-four-million",
    "bimmertoday-2025-04-03-stueckzahl",
    "sportscarmarket-2011-bmw-1m-profile",
)

ADVERT = (
    "Rare 2011 1M in Valencia Orange, one of only 435 sold in North America, one of 2,700 built"
)


def verdicts(dataset: Dataset, text: str) -> list[tuple[str, str | None, str | None, int, str]]:
    """(text, colour id, market id, value, verdict) of every claim found in ``text``."""
    return [
        (
            claim.text,
            claim.colour.id if claim.colour else None,
            claim.market.id if claim.market else None,
            claim.value,
            claim.verdict.value,
        )
        for claim in check_text(dataset, text).claims
    ]


# --- the commands the issue names ----------------------------------------------------------------


def test_java_green_three_is_contradicted_one_car_is_recorded(
    run: RunCli, dataset: Dataset
) -> None:
    result = run("check", "Java Green", "3")
    assert result.exit_code == 1
    assert "Verdict     contradicted" in result.stdout
    cited = dataset.numbers(JAVA_GREEN)
    assert f"1 Java Green car is recorded (confidence medium; {cited}), not 3." in (
        " ".join(result.stdout.split())
    )
    assert "1 claim: 1 contradicted." in result.stdout
    assert "https://www.bmwblog.com/2025/09/26/bmw-1-series-m-register-nurburgring-105-cars" in (
        result.stdout
    )
    (claim,) = run("check", "Java Green", "3", "--json").json()["claims"]
    assert claim["verdict"] == "contradicted"
    assert (claim["colour"], claim["market"], claim["value"], claim["recorded"]) == (
        "java-green",
        None,
        3,
        1,
    )
    assert claim["confidence"] == "medium"
    assert sorted(source["id"] for source in claim["sources"]) == sorted(JAVA_GREEN)


def test_monte_carlo_blue_two_is_supported(run: RunCli, dataset: Dataset) -> None:
    result = run("check", "Monte Carlo Blue", "2")
    assert result.exit_code == 0
    assert "Verdict     supported" in result.stdout
    (claim,) = run("check", "Monte Carlo Blue", "2", "--json").json()["claims"]
    # The count's confidence is the data's (issue 15 moves it from medium to low).
    expected = dataset.colour("monte-carlo-blue").count_confidence
    assert (claim["verdict"], claim["recorded"], claim["confidence"]) == ("supported", 2, expected)
    assert claim["message"].startswith("2 Monte Carlo Blue cars are recorded")


def test_the_advert_of_the_issue(run: RunCli, dataset: Dataset) -> None:
    result = run("check", "--text", ADVERT)
    assert result.exit_code == 1
    flat = " ".join(result.stdout.split())
    assert "1. “one of only 435 sold in North America”" in flat
    assert "Checked as Valencia Orange in North America (US and Canada) Verdict supported" in flat
    assert "435 Valencia Orange cars sold in North America (US and Canada) are recorded " in flat
    assert f"(confidence low; {dataset.numbers([NA_435])})" in flat
    assert "2. “one of 2,700 built” Checked as every 1M built Verdict contradicted" in flat
    assert "2,700 was a planned run, first reported in 2010" in flat
    assert (
        f"not the number built; 6,342 were built (confidence high; {dataset.numbers(BUILT)})."
        in (flat)
    )
    assert "2 claims: 1 supported, 1 contradicted." in flat
    first, second = run("check", "--text", ADVERT, "--json").json()["claims"]
    assert first == {
        "text": "one of only 435 sold in North America",
        "colour": "valencia-orange",
        "market": "north-america",
        "value": 435,
        "verdict": "supported",
        "recorded": 435,
        "confidence": "low",
        "sources": first["sources"],
        "message": first["message"],
    }
    assert [source["id"] for source in first["sources"]] == ["automobilismo-2021-04-23-1m-coupe"]
    assert (second["text"], second["colour"], second["market"]) == (
        "one of 2,700 built",
        None,
        None,
    )
    assert (second["verdict"], second["value"], second["recorded"], second["confidence"]) == (
        "contradicted",
        2700,
        6342,
        "high",
    )
    cited = {source["id"] for source in second["sources"]}
    assert {"drive-com-au-2010-09-15-limited-2700", "bmwblog-2025-12-09-leipzig-four-million"} <= (
        cited
    )


def test_valencia_500_is_unverifiable_and_says_the_north_america_435(
    run: RunCli, dataset: Dataset
) -> None:
    result = run("check", "valencia", "500")
    assert result.exit_code == 1
    flat = " ".join(result.stdout.split())
    assert "Verdict unverifiable" in flat
    assert "No worldwide count of Valencia Orange is recorded: nobody has published one." in flat
    na_435 = dataset.numbers([NA_435])
    assert (
        f"Known instead: 435 sold in North America (US and Canada) (confidence low; {na_435})"
        in (flat)
    )
    assert f"the most popular colour in the United States {dataset.numbers([US_RANKING])}" in flat
    (claim,) = run("check", "valencia", "500", "--json").json()["claims"]
    assert (claim["verdict"], claim["recorded"], claim["confidence"]) == (
        "unverifiable",
        None,
        None,
    )
    assert [source["id"] for source in claim["sources"]] == sorted(
        (US_RANKING, NA_435), key=lambda source_id: dataset.source(source_id).number
    )


def test_le_mans_blue_is_not_a_1m_colour(run: RunCli) -> None:
    result = run("check", "Le Mans Blue", "1")
    assert result.exit_code == 1
    flat = " ".join(result.stdout.split())
    assert "Verdict not a 1M colour" in flat
    assert "“Le Mans Blue” is a BMW 1 Series colour (381, Le Mans Blau;" in flat
    (claim,) = run("check", "Le Mans Blue", "1", "--json").json()["claims"]
    assert (claim["verdict"], claim["colour"], claim["recorded"]) == ("not a 1M colour", None, None)
    assert [source["id"] for source in claim["sources"]] == ["lebezout-bmw-e8x-faq-teintes"]


# --- US, Canada and North America are not the same market ---------------------------------------


def test_a_north_america_count_is_not_a_us_count(dataset: Dataset) -> None:
    (claim,) = check_one(dataset, "Valencia Orange", 435, resolve_market(dataset, "US")).claims
    assert claim.verdict is Verdict.UNVERIFIABLE
    assert claim.market is not None
    assert claim.market.id == "usa"
    assert claim.message.endswith(
        "A figure for North America (US and Canada) is not a figure for the United States."
    )
    (claim,) = check_one(dataset, "Valencia Orange", 435, resolve_market(dataset, "NA")).claims
    assert (claim.verdict, claim.recorded) == (Verdict.SUPPORTED, 435)


def test_market_totals(dataset: Dataset) -> None:
    def judged(name: str, value: int) -> tuple[str, int | None, str | None]:
        (claim,) = check_one(dataset, None, value, resolve_market(dataset, name)).claims
        return claim.verdict.value, claim.recorded, claim.confidence

    assert judged("US", 740) == ("supported", 740, "high")
    assert judged("usa", 700) == ("contradicted", 740, "high")
    assert judged("Canada", 220) == ("supported", 220, "low")
    assert judged("north america", 983) == ("supported", 983, "low")
    assert judged("north america", 960) == ("unverifiable", None, None)
    assert judged("UK", 450) == ("supported", 450, "medium")
    assert judged("australia", 200) == ("contradicted", 300, "medium")
    assert judged("japan", 50) == ("unverifiable", None, None)


def test_production_figures(dataset: Dataset) -> None:
    def judged(value: int) -> tuple[str, int | None, str]:
        (claim,) = check_one(dataset, None, value).claims
        return claim.verdict.value, claim.recorded, claim.message

    assert judged(6342)[:2] == ("supported", 6342)
    assert judged(6309)[:2] == ("supported", 6309)
    verdict, recorded, message = judged(1000)
    assert (verdict, recorded) == ("contradicted", 6342)
    motori = dataset.numbers(["motori-it-2011-pensione"])
    assert message.startswith(f"1,000 is also reported (confidence low; {motori}), but not used;")
    assert judged(2452)[2].startswith("2,452 was a planned run, first reported in 2012")
    assert judged(3000)[2] == f"6,342 were built (confidence high; {dataset.numbers(BUILT)})."


def test_more_cars_in_one_market_than_were_built_in_the_colour(dataset: Dataset) -> None:
    (claim,) = check_one(dataset, "mcb", 3, resolve_market(dataset, "UK")).claims
    assert (claim.verdict, claim.recorded) == (Verdict.CONTRADICTED, 2)
    assert claim.message.startswith("Only 2 Monte Carlo Blue cars are recorded worldwide")


def test_a_misnaming_is_checked_as_the_colour_meant(dataset: Dataset) -> None:
    (claim,) = check_one(dataset, "Jet Black", 10).claims
    assert claim.colour is not None
    assert claim.colour.id == "black-sapphire"
    assert claim.message.startswith(
        "“Jet Black” is not a 1M colour's name; taken as Black Sapphire. No worldwide count"
    )


# --- claims found in advert text ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Monte Carlo Blue, 1 of only 2 ever painted",
            [("1 of only 2 ever painted", "monte-carlo-blue", None, 2, "supported")],
        ),
        (
            "Java Green: one of 1,000 made",
            [("one of 1,000 made", None, None, 1000, "contradicted")],
        ),
        (
            "BMW 1M, only 740 in the US",
            [("only 740 in the US", None, "usa", 740, "supported")],
        ),
        (
            "one of 2.700 produced",
            [("one of 2.700 produced", None, None, 2700, "contradicted")],
        ),
        (
            "Finished in Java Green - the only one ever made",
            [("only one ever made", "java-green", None, 1, "supported")],
        ),
        (
            "Alpine White, one of only 3 in the UK",
            [("one of only 3 in the UK", "alpine-white", "uk", 3, "unverifiable")],
        ),
        (
            "6,342 built in total; 220 sold in Canada",
            [
                ("6,342 built", None, None, 6342, "supported"),
                ("220 sold in Canada", None, "canada", 220, "supported"),
            ],
        ),
        (
            "Le Mans Blue 1M, one of one!",
            [("one of one", None, None, 1, "not a 1M colour")],
        ),
        ("740 in the U.S.", [("740 in the U.S", None, "usa", 740, "supported")]),
        ("1 of 2,700", [("1 of 2,700", None, None, 2700, "contradicted")]),
        ("one of only 6342", [("one of only 6342", None, None, 6342, "supported")]),
        (
            "One of only four BMW Individual cars",
            [("One of only four", None, None, 4, "supported")],
        ),
    ],
)
def test_claims_in_advert_text(dataset: Dataset, text: str, expected: list[object]) -> None:
    assert verdicts(dataset, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Only 12,000 miles, 1 owner, 2011 model, 340 hp, £40,020 new",
        "Valencia Orange, only 2011 and 2012 model years",
        "one of the best cars; contact us for a viewing, only serious buyers",
        "sold to us in 2015; 1 of 2 keys",
    ],
)
def test_what_is_no_claim(dataset: Dataset, text: str) -> None:
    assert verdicts(dataset, text) == []


def test_the_colour_in_a_claims_own_clause_wins(dataset: Dataset) -> None:
    found = verdicts(dataset, "Valencia Orange car; one of 2 in Monte Carlo Blue")
    assert found == [("one of 2", "monte-carlo-blue", None, 2, "supported")]


def test_several_colours_in_one_clause_make_a_claim_about_all_of_them(dataset: Dataset) -> None:
    found = verdicts(dataset, "just 2,700 built in Alpine White, Jet Black or Valencia Orange")
    assert found == [("just 2,700 built", None, None, 2700, "contradicted")]


def test_a_us_word_in_lower_case_is_no_market(dataset: Dataset) -> None:
    found = verdicts(dataset, "only 435 sold to us, Valencia Orange")
    assert found == [("only 435 sold", "valencia-orange", None, 435, "unverifiable")]


# --- the command line ----------------------------------------------------------------------------


def test_standard_input_is_the_advert(run: RunCli) -> None:
    result = run("check", "-", "--json", input=ADVERT)
    assert result.exit_code == 1
    assert [claim["value"] for claim in result.json()["claims"]] == [435, 2700]
    supported = run("check", "-", input="Monte Carlo Blue: one of only two\n")
    assert supported.exit_code == 0


def test_an_unknown_colour_writes_a_document_and_exits_1(run: RunCli) -> None:
    result = run("check", "zzz", "3", "--json")
    assert result.exit_code == 1
    assert result.json() == {
        "schema_version": 2,
        "claims": [],
        "not_found": [
            {
                "query": "zzz",
                "reason": "no match",
                "message": "no colour matches “zzz”. Try 'm1lookup list' for every colour.",
                "suggestions": [],
            }
        ],
    }
    assert result.stderr == (
        "m1lookup: no colour matches “zzz”. Try 'm1lookup list' for every colour.\n"
    )
    plain = run("check", "Monte Carlo Bleu", "2")
    assert (plain.exit_code, plain.stdout) == (1, "")
    assert "Did you mean: Monte Carlo Blue?" in plain.stderr


def test_an_advert_without_a_claim_exits_1(run: RunCli) -> None:
    result = run("check", "--text", "A lovely car, full history")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.startswith("m1lookup: no claim found in the advert text;")
    assert run("check", "--text", "A lovely car", "--json").json()["claims"] == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "give COLOUR N, N, --text ADVERT, or '-' to read an advert from stdin"),
        (["Java Green", "3", "--text", "x"], "give COLOUR N or --text, not both"),
        (
            ["--text", "one of 2", "--market", "US"],
            "--market goes with COLOUR N: each claim in an advert names its own market",
        ),
        (["Java Green", "three"], "“three” is not a number of cars; give one such as 435"),
        (["Java Green", "0"], "the number of cars must be at least 1"),
        (
            ["Monte", "Carlo", "Blue", "2"],
            'give COLOUR N; quote a name of several words: m1lookup check "Monte Carlo Blue" 2',
        ),
        (
            ["valencia", "435", "--market", "Mars"],
            "no market “Mars”; give one of usa, canada, north-america, uk, australia, "
            "south-africa, japan, germany (or US, UK, NA)",
        ),
        (["--text", "  "], 'the advert text is empty; give --text "..." or pipe it in'),
        (
            ["--text", "x" * (MAX_TEXT_CHARS + 1)],
            f"the advert text is {MAX_TEXT_CHARS + 1:,} characters; m1lookup checks at most "
            f"{MAX_TEXT_CHARS:,}",
        ),
        (
            ["Java Green", "3", "--json", "--csv"],
            "--json and --csv cannot be used together; choose one output format",
        ),
    ],
)
def test_usage_errors_exit_2(run: RunCli, args: list[str], message: str) -> None:
    result = run("check", *args)
    assert (result.exit_code, result.stdout) == (2, "")
    usage = message.startswith(("give COLOUR", "--"))  # arguments at odds: the help hint too
    hint = "m1lookup: try 'm1lookup check --help'\n" if usage else ""
    assert result.stderr == f"m1lookup: error: {message}\n{hint}"


def test_an_empty_standard_input_is_a_usage_error(run: RunCli) -> None:
    result = run("check", "-", input="")
    assert result.exit_code == 2
    assert (
        result.stderr
        == 'm1lookup: error: the advert text is empty; give --text "..." or pipe it in\n'
    )


def test_csv_has_one_row_per_claim(run: RunCli, dataset: Dataset) -> None:
    result = run("check", "--text", ADVERT, "--csv")
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert tuple(rows[0]) == CLAIM_COLUMNS
    assert [row[:7] for row in rows[1:]] == [
        [
            "one of only 435 sold in North America",
            "valencia-orange",
            "north-america",
            "435",
            "supported",
            "435",
            "low",
        ],
        ["one of 2,700 built", "", "", "2700", "contradicted", "6342", "high"],
    ]
    # Cited by number, as the notes and every other CSV table cite.
    assert rows[1][7] == f"[{dataset.sources_by_id['automobilismo-2021-04-23-1m-coupe'].number}]"


def test_advert_text_is_shown_escaped(run: RunCli) -> None:
    hostile = "\x1b[31m[bold]Java Green[/bold], one of 3\u202e built"
    result = run("check", "--text", hostile)
    assert "\x1b" not in result.stdout
    assert "\u202e" not in result.stdout
    assert "“one of 3\\u202e built”" not in result.stdout  # the claim ends before the override
    assert "“one of 3”" in result.stdout
    document = run("check", "--text", "Java Green, one of 3 built\u202e", "--json")
    assert document.json()["claims"][0]["text"] == "one of 3 built"
    assert "\u202e" not in document.stdout


def test_the_parsers(dataset: Dataset) -> None:
    assert [parse_count(text) for text in ("3", "2,700", "2.700", " 435 ")] == [3, 2700, 2700, 435]
    for bad in ("1.5", "2,70", "x", "", "1e3", "-3"):
        with pytest.raises(CheckError):
            parse_count(bad)
    assert [resolve_market(dataset, name).id for name in ("U.S.", "USA", "N. America", "uk")] == [
        "usa",
        "usa",
        "north-america",
        "uk",
    ]
