"""`m1lookup tally` for register keepers: each car once by VIN, checked VINs, several files.

The examples in docs/examples hold synthetic VINs only (tests/vins.py makes them; they pass
the check digit unless a test needs them not to): ``register-vins.csv`` (UTF-8) and
``register-vins-de.csv`` (cp1252, semicolons, "Fahrgestellnummer") are one register in two
files; ``register-vins-utf16.txt`` is Excel's "Unicode text".
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

import pytest

from m1lookup.lookup.tally import MAX_SUGGESTED_VALUES, tally, wilson
from m1lookup.lookup.vin import VinMarket, check, check_digit, market
from tests.conftest import RunCli
from tests.vins import SHEET_VINS, vin, wrong_check_digit

FIXTURES = Path(__file__).resolve().parent.parent / "docs" / "examples"
A, B = "register-vins.csv", "register-vins-de.csv"
UTF16 = "register-vins-utf16.txt"

STDERR = (
    f"m1lookup: note: {B} is not UTF-8: read as cp1252 (choose with --encoding)\n"
    f"m1lookup: {A} line 7: error: VIN “WBAUR9C51BVS10004”: not a 1M: a 1M's VIN starts WBSUR9\n"
    f"m1lookup: {A} line 8: error: VIN “WBSUR9C50BVS10007”: check digit 0 should be 8; a North "
    "American VIN must pass\n"
    f"m1lookup: {A} line 10: no colour matches “Purple Haze”. Try 'm1lookup list' for every "
    "colour.\n"
    f"m1lookup: {A} line 11: the colour cell is empty.\n"
    f"m1lookup: {B} line 3: warning: VIN “WBSUR9101BVS10008”: check digit 1 should be 0; BMW is "
    "not known to guarantee it outside North America, so the car is counted\n"
)
ROWS_CSV = f"""file,line,vin,value,colour,status
{A},2,WBSUR9C57BVS10001,Valencia Orange,valencia-orange,counted
{A},3,WBSUR9201BVS10002,Alpine White,alpine-white,counted
{A},4,WBSUR9C57BVS10001,valencia orange,valencia-orange,duplicate
{A},5,WBSUR9101BVS10003,Black Sapphire,black-sapphire,conflict
{A},6,WBSUR9101BVS10003,Alpine White,alpine-white,conflict
{A},7,WBAUR9C51BVS10004,Alpine White,alpine-white,not a 1M VIN
{A},8,WBSUR9C50BVS10007,Valencia Orange,valencia-orange,check digit
{A},9,WBSUR9105BVS10005,Monte Carlo Blue,monte-carlo-blue,counted
{A},10,WBSUR9107BVS10006,Purple Haze,,unknown colour
{A},11,WBSUR9204BVS10009,,,blank
{B},2,VS10002,Alpinweiß,alpine-white,duplicate
{B},3,WBSUR9101BVS10008,Saphirschwarz,black-sapphire,counted
{B},4,WBSUR9200BVS10010,Weiß,alpine-white,counted
"""


@pytest.fixture(autouse=True)
def in_fixtures(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURES)


def places(*rows: tuple[str, int]) -> list[dict[str, Any]]:
    return [{"file": file, "line": line} for file, line in rows]


# --- VINs ---------------------------------------------------------------------------------------


def test_the_sheets_synthetic_vins_pass_and_the_helper_makes_them() -> None:
    assert [check(v).problem for v in SHEET_VINS] == [None] * 4
    assert (vin("C", "S00001"), vin("1", "S00001"), vin("2", "S00001", year="0")) == (
        "WBSUR9C51BVS00001",
        "WBSUR9102BVS00001",
        "WBSUR92080VS00001",
    )
    assert check_digit("WBSUR920XBVS10001") == "X"  # remainder 10
    assert [market(v) for v in SHEET_VINS] == [
        VinMarket.NORTH_AMERICA,
        VinMarket.LEFT_HAND_DRIVE,
        VinMarket.LEFT_HAND_DRIVE,
        VinMarket.RIGHT_HAND_DRIVE,
    ]


@pytest.mark.parametrize(
    ("value", "problem", "severity"),
    [
        (
            "WBSUR9C51BVS0001",
            "malformed: 16 characters; a VIN has 17, a short chassis number 7",
            "error",
        ),
        ("WBSUR9C51BVSO0001", "malformed: a VIN never holds I, O or Q", "error"),
        ("WBSUR9C51BVS0000!", "malformed: a VIN holds only letters and digits", "error"),
        ("WBAUR9C51BVS00001", "not a 1M: a 1M's VIN starts WBSUR9", "error"),
        ("WBSUR9351BVS00001", "not a 1M: position 7 of a 1M's VIN is 1, 2 or C", "error"),
        ("WBSUR9C51BLS00001", "not a 1M: position 11 of a 1M's VIN is V (Leipzig)", "error"),
        ("LS00001", "not a 1M: a 1M's short chassis number starts with V (Leipzig)", "error"),
        (
            wrong_check_digit("WBSUR9C51BVS00001"),
            "check digit 0 should be 1; a North American VIN must pass",
            "error",
        ),
        (
            wrong_check_digit("WBSUR9102BVS00001"),
            "check digit 0 should be 2; BMW is not known to guarantee it outside North America,"
            " so the car is counted",
            "warning",
        ),
    ],
)
def test_vin_problems(value: str, problem: str, severity: str) -> None:
    checked = check(value)
    assert (checked.problem, checked.severity and checked.severity.value) == (problem, severity)


def test_every_vin_in_the_examples_is_synthetic() -> None:
    """Never a real car's VIN in a fixture: each is the helper's, with serial S100nn."""
    made = {vin(market, f"S100{n:02d}") for market in ("1", "2", "C") for n in range(20)}
    made |= {wrong_check_digit(v) for v in made} | {v[-7:] for v in made}
    made |= {"WBAUR9C51BVS10004"}  # not a 1M's, on purpose
    for name in (A, B, UTF16):
        raw = (FIXTURES / name).read_bytes()
        text = raw.decode("utf-16") if name == UTF16 else raw.decode("cp1252")
        found = set(re.findall(r"\b(?:WB[A-Z0-9]{15}|VS\d{5})\b", text))
        assert found, name
        assert found <= made, name


def test_vins_are_read_in_any_case_with_spaces_and_hyphens() -> None:
    assert check(" wbsur9-c51b vs00001 ").vin == "WBSUR9C51BVS00001"
    assert check(" wbsur9-c51b vs00001 ").problem is None


# --- one register in two files ------------------------------------------------------------------


def test_two_files_merged_by_vin(run: RunCli, validate_json) -> None:
    result = run("tally", A, B, "--json")
    assert result.exit_code == 1
    assert result.stderr == STDERR
    document = result.json()
    validate_json(document)
    assert document["files"] == [
        {"file": A, "column": "Colour", "vin_column": "VIN", "encoding": "utf-8"},
        {"file": B, "column": "Colour", "vin_column": "Fahrgestellnummer", "encoding": "cp1252"},
    ]
    assert (document["by_vin"], document["rows"], document["resolved"], document["cars"]) == (
        True,
        13,
        11,
        5,
    )
    assert document["statuses"] == {
        "counted": 5,
        "duplicate": 2,
        "conflict": 2,
        "not a 1M VIN": 1,
        "check digit": 1,
        "unknown colour": 1,
        "blank": 1,
    }
    assert sum(document["statuses"].values()) == document["rows"]  # one status each
    assert document["markets"] == {
        "north america": 1,
        "left-hand drive": 2,
        "right-hand drive": 2,
    }
    assert document["duplicates"] == [
        {"vin": "WBSUR9C57BVS10001", "rows": places((A, 2), (A, 4))},
        # the short chassis number in the other file is the same car
        {"vin": "WBSUR9201BVS10002", "rows": places((A, 3), (B, 2))},
    ]
    assert document["conflicts"] == [
        {
            "vin": "WBSUR9101BVS10003",
            "colours": ["black-sapphire", "alpine-white"],
            "rows": places((A, 5), (A, 6)),
        }
    ]
    assert [
        (p["file"], p["line"], p["vin"], p["severity"], p["status"])
        for p in document["vin_problems"]
    ] == [
        (A, 7, "WBAUR9C51BVS10004", "error", "not a 1M VIN"),
        (A, 8, "WBSUR9C50BVS10007", "error", "check digit"),
        (B, 3, "WBSUR9101BVS10008", "warning", "counted"),
    ]
    assert [(u["file"], u["line"], u["value"], u["reason"]) for u in document["unresolved"]] == [
        (A, 10, "Purple Haze", "no match"),
        (A, 11, "", "empty"),
    ]


def test_shares_of_the_register_with_wilson_intervals(run: RunCli) -> None:
    colours = run("tally", A, B, "--json").json()["colours"]
    got = [
        (
            c["id"],
            c["cars"],
            c["share"],
            round(c["share_low"], 4),
            round(c["share_high"], 4),
            c["published"],
        )
        for c in colours
    ]
    assert got == [
        ("alpine-white", 2, 0.4, 0.1176, 0.7693, None),
        ("black-sapphire", 1, 0.2, 0.0362, 0.6245, None),
        ("monte-carlo-blue", 1, 0.2, 0.0362, 0.6245, 2),
        ("valencia-orange", 1, 0.2, 0.0362, 0.6245, None),
    ]
    assert all(c["cars_in_list"] == c["cars"] and c["share_of_list"] == c["share"] for c in colours)


def test_wilson_interval_values() -> None:
    assert wilson(0, 0) == (0.0, 0.0)
    low, high = wilson(6, 17)
    assert (round(low, 4), round(high, 4)) == (0.1731, 0.587)
    low, high = wilson(5, 5)
    assert (round(low, 4), high) == (0.5655, 1.0)


def test_human_summary(run: RunCli) -> None:
    result = run("tally", A, B, env={"COLUMNS": "200"})
    assert result.exit_code == 1
    out = result.stdout
    lines = [line.strip() for line in out.splitlines()]
    assert lines[0] == (
        f"{A}, {B}: 13 rows, 5 cars counted once each by VIN (columns: colour “Colour”, "
        "VIN “VIN” / “Fahrgestellnummer”)"
    )
    cells = [re.split(r"\s{2,}", line) for line in lines]
    rows = {row[0]: row[1:] for row in cells if len(row) == 5}
    assert rows == {
        "Colour": ["Register", "Of register", "95% interval", "Published"],
        "Alpine White": ["2", "40.00%", "11.76%–76.93%", "unknown"],
        "Black Sapphire": ["1", "20.00%", "3.62%–62.45%", "unknown"],
        "Monte Carlo Blue": ["1", "20.00%", "3.62%–62.45%", "2"],
        "Valencia Orange": ["1", "20.00%", "3.62%–62.45%", "unknown"],
    }
    assert lines[-6:] == [
        "Shares are of the 5 cars counted in this register, not of production; published counts "
        "are of the 6,309 customer cars built. A register shows a car's colour as registered, "
        "which may be a respray.",
        "Markets (VIN position 7): North America 1, left-hand drive elsewhere 2, right-hand "
        "drive 2.",
        f"Duplicate: WBSUR9C57BVS10001 on rows {A}:2, {A}:4.",
        f"Duplicate: WBSUR9201BVS10002 on rows {A}:3, {B}:2.",
        f"Conflict, not counted: WBSUR9101BVS10003 is Black Sapphire and Alpine White on rows "
        f"{A}:5, {A}:6.",
        "4 rows not counted (VIN or colour problems) are listed on standard error.",
    ]
    assert result.stderr == STDERR


def test_rows_csv_gives_every_row_exactly_one_status(run: RunCli) -> None:
    result = run("tally", A, B, "--rows")
    assert result.exit_code == 1
    assert result.stdout == ROWS_CSV
    assert run("tally", A, B, "--rows", "--csv").stdout == ROWS_CSV
    statuses = [row["status"] for row in csv.DictReader(io.StringIO(ROWS_CSV))]
    assert len(statuses) == 13


def test_rows_json_and_jsonl_say_the_same(run: RunCli, validate_json, validate_jsonl) -> None:
    expected = list(csv.DictReader(io.StringIO(ROWS_CSV)))
    document = run("tally", A, B, "--rows", "--json").json()
    validate_json(document)
    assert [f["file"] for f in document["files"]] == [A, B]
    lines = validate_jsonl(run("tally", A, B, "--rows", "--jsonl").stdout, "tally")
    assert [{k: v for k, v in line.items() if k != "schema_version"} for line in lines] == (
        document["rows"]
    )
    for row, want in zip(document["rows"], expected, strict=True):
        assert row == {
            "file": want["file"],
            "line": int(want["line"]),
            "vin": want["vin"],
            "value": want["value"],
            "colour": want["colour"] or None,
            "status": want["status"],
        }


def test_summary_csv_lists_left_out_rows_and_conflicts(run: RunCli) -> None:
    rows = list(csv.DictReader(io.StringIO(run("tally", A, B, "--csv").stdout)))
    assert [(r["status"], r["id"], r["cars"]) for r in rows[:4]] == [
        ("counted", "alpine-white", "2"),
        ("counted", "black-sapphire", "1"),
        ("counted", "monte-carlo-blue", "1"),
        ("counted", "valencia-orange", "1"),
    ]
    assert [(r["status"], r["file"], r["line"], r["vin"], r["value"]) for r in rows[4:]] == [
        ("not a 1M VIN", A, "7", "WBAUR9C51BVS10004", ""),
        ("check digit", A, "8", "WBSUR9C50BVS10007", ""),
        ("unknown colour", A, "10", "", "Purple Haze"),
        ("blank", A, "11", "", ""),
        ("counted", B, "3", "WBSUR9101BVS10008", ""),
        ("conflict", A, "5", "WBSUR9101BVS10003", "black-sapphire; alpine-white"),
    ]
    assert rows[8]["problem"].startswith("warning: check digit 1 should be 0")
    assert rows[9]["problem"] == f"rows {A}:5, {A}:6"


def test_utf16_file_and_a_short_chassis_number(run: RunCli, validate_json) -> None:
    assert (FIXTURES / UTF16).read_bytes().startswith(b"\xff\xfe")
    result = run("tally", UTF16, "--json")
    assert (result.exit_code, result.stderr) == (0, "")
    document = result.json()
    validate_json(document)
    assert document["files"][0]["encoding"] == "utf-16"
    assert (document["rows"], document["cars"]) == (2, 1)
    assert document["duplicates"] == [
        {"vin": "WBSUR9100BVS10011", "rows": places((UTF16, 2), (UTF16, 3))}
    ]
    # the three markets a 1M VIN names are always there; "unknown" only when a car has no full VIN
    assert document["markets"] == {"north america": 0, "left-hand drive": 1, "right-hand drive": 0}


def test_a_short_number_alone_is_a_car_of_unknown_market(run: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "short.csv"
    path.write_text(
        "chassis,colour\nVS10001,VO\nVS10001,Valencia Orange\nVS10002,B44\n", encoding="utf-8"
    )
    document = run("tally", str(path), "--json").json()
    assert (document["cars"], document["markets"]) == (
        2,
        {"north america": 0, "left-hand drive": 0, "right-hand drive": 0, "unknown": 2},
    )
    assert [d["vin"] for d in document["duplicates"]] == ["VS10001"]


def test_vin_column_option_and_its_absence(run: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text(
        f"Reg,Car,colour\n1,{vin('1', 'S00042')},VO\n2,{vin('1', 'S00042')},VO\n", encoding="utf-8"
    )
    by_vin = run("tally", str(path), "--vin-column", "car", "--json").json()
    assert (by_vin["cars"], by_vin["files"][0]["vin_column"]) == (1, "Car")
    by_rows = run("tally", str(path), "--json").json()
    assert (by_rows["cars"], by_rows["by_vin"], by_rows["duplicates"]) == (2, False, [])
    human = run("tally", str(path), env={"COLUMNS": "200"})
    assert "2 rows, 2 cars counted: no VIN column, so each row is a car" in human.stdout
    missing = run("tally", str(path), "--vin-column", "FIN")
    assert (missing.exit_code, missing.stdout) == (2, "")
    assert missing.stderr == (
        "m1lookup: error: no column named “FIN”; the columns are: “Reg”, “Car”, “colour”. "
        "Choose one with --vin-column NAME\n"
    )


def test_a_row_without_a_vin_is_blank(run: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text(f"VIN,colour\n,VO\n{vin('2', 'S00007')},VO\n", encoding="utf-8")
    result = run("tally", str(path), "--json")
    document = result.json()
    assert (result.exit_code, document["cars"], document["statuses"]["blank"]) == (1, 1, 1)
    assert document["vin_problems"][0]["problem"] == "no VIN"
    assert result.stderr == "m1lookup: line 2: error: VIN: no VIN\n"


# --- suggestions: once per distinct value, capped -----------------------------------------------


def test_suggestions_only_for_the_first_distinct_unknown_values(
    run: RunCli, tmp_path: Path
) -> None:
    misses = [f"Monte Carlo Bleu {n}" for n in range(MAX_SUGGESTED_VALUES + 5)]
    path = tmp_path / "list.csv"
    path.write_text("colour\n" + "\n".join([*misses, misses[0]]) + "\n", encoding="utf-8")
    result = run("tally", str(path), "--json")
    suggested = [bool(u["suggestions"]) for u in result.json()["unresolved"]]
    # the first 20 distinct values, and the first again at the end (it is remembered)
    assert suggested == [True] * MAX_SUGGESTED_VALUES + [False] * 5 + [True]
    assert result.stderr.endswith(
        f"m1lookup: note: suggestions were looked for only for the first {MAX_SUGGESTED_VALUES} "
        "distinct unknown colours\n"
    )


def test_the_engine_tallies_text_with_rows_kept(dataset) -> None:
    text = (FIXTURES / A).read_text(encoding="utf-8")
    result = tally(dataset, text, A, keep_rows=True)
    assert result.row_list is not None
    assert [row.status.value for row in result.row_list] == [
        line.rsplit(",", 1)[1] for line in ROWS_CSV.splitlines()[1:11]
    ]
    assert result.cars == 3  # the conflict and the flagged rows are left out
