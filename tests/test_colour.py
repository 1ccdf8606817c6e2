"""`m1lookup colour`: what an owner or a buyer checking an advert sees."""

from __future__ import annotations

import pytest

from tests.conftest import RunCli


def test_monte_carlo_blue_is_one_of_two(run: RunCli) -> None:
    result = run("colour", "Monte Carlo Blue")
    assert result.exit_code == 0
    assert "Monte Carlo Blue" in result.stdout
    assert "2 cars: each is 1 of 2" in result.stdout
    assert "0.0317% of 6,309 customer cars" in result.stdout
    assert "1 in 3,155 customer cars" in result.stdout
    assert "BMW Individual" in result.stdout
    assert result.stderr == ""


def test_json_count_share_and_denominator(run: RunCli, validate_json) -> None:
    result = run("colour", "Monte Carlo Blue", "--json")
    assert result.exit_code == 0
    document = result.json()
    validate_json(document)
    colour = document["results"][0]["colour"]
    assert colour["count"] == 2
    assert colour["share"] == pytest.approx(2 / 6309)
    assert colour["one_in"] == 3155
    assert colour["rarity"] == "handful"
    assert document["denominator"] == {"customer_cars": 6309}
    assert document["not_found"] == []


def test_alpine_white_count_is_null_not_zero(run: RunCli, validate_json) -> None:
    document = run("colour", "alpinweiss", "--json").json()
    validate_json(document)
    colour = document["results"][0]["colour"]
    assert colour["id"] == "alpine-white"
    assert colour["name_de"] == "Alpinweiß"
    for key in ("count", "share", "one_in", "rank"):
        assert colour[key] is None
    assert colour["rarity"] == "unknown"


def test_unknown_count_is_shown_as_unknown(run: RunCli) -> None:
    result = run("colour", "Valencia Orange", env={"COLUMNS": "300"})
    assert result.exit_code == 0
    assert (
        "│ Count        unknown: nobody has published how many were built worldwide, so share,"
        " 1 in N and rarity are unknown too. Known: 435 sold in North America"
    ) in result.stdout


def test_miss_suggests_and_exits_1(run: RunCli) -> None:
    result = run("colour", "Monte Carlo Bleu")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "no colour matches “Monte Carlo Bleu”. Did you mean: Monte Carlo Blue?" in result.stderr


def test_found_ones_still_printed_when_one_misses(run: RunCli, validate_json) -> None:
    result = run("colour", "Java Green", "nonsense", "--json")
    assert result.exit_code == 1
    document = result.json()
    validate_json(document)
    assert [r["colour"]["id"] for r in document["results"]] == ["java-green"]
    assert document["not_found"][0]["query"] == "nonsense"


def test_color_spelling_works_too(run: RunCli) -> None:
    assert run("color", "Java Green").exit_code == 0


# --- JSON Lines ----------------------------------------------------------------------------------


def test_jsonl_is_one_line_per_name_in_order(run: RunCli, validate_jsonl) -> None:
    result = run("colour", "mcb", "Le Mans Blue", "MCB", "Monte Carlo Bleu", "--jsonl")
    assert result.exit_code == 1
    lines = validate_jsonl(result.stdout, "colour")
    assert [(line["query"], line.get("reason")) for line in lines] == [
        ("mcb", None),
        ("Le Mans Blue", "not a 1M colour"),
        ("MCB", None),
        ("Monte Carlo Bleu", "no match"),
    ]
    assert all(line["schema_version"] == 2 for line in lines)
    document = run("colour", "mcb", "--json").json()
    head = {"schema_version": 2, "line": None, "outcome": "found"}  # an argument has no line
    assert lines[0] == {**head, **document["results"][0]}
    assert list(lines[0])[:4] == ["schema_version", "line", "outcome", "query"]
    assert [line["outcome"] for line in lines] == ["found", "not_found", "found", "not_found"]
    assert lines[2]["colour"] == lines[0]["colour"]
    assert lines[3]["suggestions"] == ["Monte Carlo Blue"]
    assert result.stderr == "m1lookup: 2 of 4 names not found\n"  # the misses are in the lines


def test_jsonl_keeps_the_shape_of_its_input(run: RunCli, validate_jsonl) -> None:
    """One line out for every line in, blank ones too, each with its input line number."""
    names = "Java Green\n\n  \nMonte Carlo Bleu\r\nMCB\n\n"
    result = run("colour", "-", "--jsonl", input=names)
    assert result.exit_code == 1
    lines = validate_jsonl(result.stdout, "colour")
    assert [(line["line"], line["outcome"], line.get("query")) for line in lines] == [
        (1, "found", "Java Green"),
        (2, "blank", None),
        (3, "blank", None),
        (4, "not_found", "Monte Carlo Bleu"),
        (5, "found", "MCB"),
        (6, "blank", None),
    ]
    assert lines[1] == {"schema_version": 2, "line": 2, "outcome": "blank"}
    assert result.stderr == "m1lookup: 1 of 3 names not found\n"


def test_jsonl_all_found_says_nothing_on_stderr(run: RunCli, validate_jsonl) -> None:
    result = run("colour", "-", "--jsonl", input="Java Green\nMCB\n")
    assert result.exit_code == 0
    assert [line["line"] for line in validate_jsonl(result.stdout, "colour")] == [1, 2]
    assert result.stderr == ""


def test_jsonl_from_stdin(run: RunCli, validate_jsonl) -> None:
    result = run("colour", "-", "--jsonl", input="Java Green\n" * 1000 + "Jet Black\n")
    assert result.exit_code == 1
    lines = validate_jsonl(result.stdout, "colour")
    assert len(lines) == 1001
    assert {line["colour"]["id"] for line in lines[:-1]} == {"java-green"}
    assert (lines[-1]["reason"], lines[-1]["misnaming"]["colour"]) == ("misnamed", "black-sapphire")


def test_jsonl_and_json_together_is_a_usage_error(run: RunCli) -> None:
    result = run("colour", "mcb", "--json", "--jsonl")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "m1lookup: error: --json and --jsonl cannot be used together; choose one output format\n"
        "m1lookup: try 'm1lookup colour --help'\n"
    )
