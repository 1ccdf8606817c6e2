"""`m1lookup tally`: a register keeper counts their own car list per colour."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

import pytest

from m1lookup.render.csv import TALLY_COLUMNS
from tests.conftest import DATA_FILE, RunCli

FIXTURES = Path(__file__).resolve().parent / "fixtures"
REGISTER = str(FIXTURES / "register-20.csv")
SEMICOLON_BOM = str(FIXTURES / "register-semicolon-bom.csv")

REGISTER_CARS = {
    "alpine-white": 6,
    "black-sapphire": 5,
    "valencia-orange": 4,
    "java-green": 1,
    "monte-carlo-blue": 1,
}
REGISTER_UNRESOLVED = [
    {
        "line": 8,
        "value": "Monte Carlo Bleu",
        "reason": "no match",
        "message": "no colour matches “Monte Carlo Bleu”. Did you mean: Monte Carlo Blue?",
        "suggestions": ["Monte Carlo Blue"],
    },
    {
        "line": 11,
        "value": "",
        "reason": "empty",
        "message": "the colour cell is empty.",
        "suggestions": [],
    },
    {
        "line": 16,
        "value": "zebra stripes",
        "reason": "no match",
        "message": "no colour matches “zebra stripes”. Try 'm1lookup list' for every colour.",
        "suggestions": [],
    },
]
REGISTER_STDERR = (
    "m1lookup: line 8: no colour matches “Monte Carlo Bleu”. Did you mean: Monte Carlo Blue?\n"
    "m1lookup: line 11: the colour cell is empty.\n"
    "m1lookup: line 16: no colour matches “zebra stripes”. Try 'm1lookup list' for every colour.\n"
)


def unresolved(document: dict[str, Any], file: str) -> list[dict[str, Any]]:
    """The document's unresolved rows without their file, which must be ``file``."""
    assert {row["file"] for row in document["unresolved"]} <= {file}
    return [{k: v for k, v in row.items() if k != "file"} for row in document["unresolved"]]


def write(tmp_path: Path, content: str | bytes, name: str = "list.csv") -> str:
    path = tmp_path / name
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return str(path)


def test_register_counts_every_spelling_and_lists_bad_rows(run: RunCli, validate_json) -> None:
    result = run("tally", REGISTER, "--json")
    assert result.exit_code == 1
    document = result.json()
    validate_json(document)
    assert document["file"] == REGISTER
    assert document["column"] == "colour"
    assert (document["rows"], document["resolved"]) == (20, 17)
    assert {c["id"]: c["cars_in_list"] for c in document["colours"]} == REGISTER_CARS
    assert [c["id"] for c in document["colours"]] == list(REGISTER_CARS)  # most cars first
    assert unresolved(document, REGISTER) == REGISTER_UNRESOLVED
    assert result.stderr == REGISTER_STDERR
    assert (document["by_vin"], document["cars"], document["markets"]) == (False, 17, {})
    assert document["statuses"] == {
        "counted": 17,
        "duplicate": 0,
        "conflict": 0,
        "not a 1M VIN": 0,
        "check digit": 0,
        "unknown colour": 2,
        "blank": 1,
    }


def test_register_shares_of_list_and_of_production(run: RunCli) -> None:
    colours = {c["id"]: c for c in run("tally", REGISTER, "--json").json()["colours"]}
    assert colours["alpine-white"]["share_of_list"] == pytest.approx(6 / 17)
    assert colours["monte-carlo-blue"]["share_of_list"] == pytest.approx(1 / 17)
    assert sum(c["share_of_list"] for c in colours.values()) == pytest.approx(1)
    blue = colours["monte-carlo-blue"]
    assert (blue["count"], blue["rarity"]) == (2, "handful")
    assert blue["share_of_production"] == pytest.approx(2 / 6309)
    white = colours["alpine-white"]
    assert (white["count"], white["share_of_production"], white["rarity"]) == (
        None,
        None,
        "unknown",
    )


def test_register_human_table_and_bad_rows_on_stderr(run: RunCli) -> None:
    # Wide enough that the title, which holds the fixture's absolute path, never wraps.
    result = run("tally", REGISTER, env={"COLUMNS": "300"})
    assert result.exit_code == 1
    out = result.stdout
    assert "register-20.csv: 20 rows, 17 cars counted: no VIN column, so each row is a car" in out
    cells = [re.split(r"\s{2,}", line.strip()) for line in out.splitlines()]
    rows = {row[0]: row[1:] for row in cells if len(row) == 5}
    assert rows["Colour"] == ["Register", "Of register", "95% interval", "Published"]
    assert rows["Alpine White"] == ["6", "35.29%", "17.31%–58.70%", "unknown"]
    assert rows["Black Sapphire"] == ["5", "29.41%", "13.28%–53.13%", "unknown"]
    assert rows["Valencia Orange"] == ["4", "23.53%", "9.56%–47.26%", "unknown"]
    assert rows["Java Green"] == ["1", "5.88%", "1.05%–26.98%", "1"]
    assert rows["Monte Carlo Blue"] == ["1", "5.88%", "1.05%–26.98%", "2"]
    words = " ".join(out.split())
    assert "Shares are of the 17 cars counted in this register, not of production" in words
    assert "which may be a respray" in words
    assert "3 rows with no known colour are listed on standard error." in words
    assert "Monte Carlo Bleu" not in out
    assert result.stderr == REGISTER_STDERR


def test_register_csv_parses_back_like_the_json(run: RunCli) -> None:
    result = run("tally", REGISTER, "--csv")
    assert result.exit_code == 1
    reader = csv.DictReader(io.StringIO(result.stdout))
    assert reader.fieldnames == list(TALLY_COLUMNS)
    assert TALLY_COLUMNS[:7] == (  # the columns from before VINs come first, unchanged
        "id",
        "name",
        "cars_in_list",
        "share_of_list",
        "count",
        "share_of_production",
        "rarity",
    )
    every = list(reader)
    rows = [row for row in every if row["status"] == "counted"]
    assert {row["id"]: int(row["cars_in_list"]) for row in rows} == REGISTER_CARS
    left_out = [(r["status"], r["file"], r["line"], r["value"]) for r in every if r not in rows]
    assert left_out == [
        ("unknown colour", REGISTER, "8", "Monte Carlo Bleu"),
        ("blank", REGISTER, "11", ""),
        ("unknown colour", REGISTER, "16", "zebra stripes"),
    ]
    blue = next(row for row in rows if row["id"] == "monte-carlo-blue")
    assert (blue["name"], blue["count"], blue["rarity"]) == ("Monte Carlo Blue", "2", "handful")
    assert float(blue["share_of_production"]) == pytest.approx(2 / 6309)
    white = next(row for row in rows if row["id"] == "alpine-white")
    assert (white["count"], white["share_of_production"]) == ("", "")  # unknown stays empty
    assert result.stderr == REGISTER_STDERR


def test_json_and_csv_together_is_a_usage_error(run: RunCli) -> None:
    result = run("tally", REGISTER, "--json", "--csv")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "m1lookup: error: --json and --csv cannot be used together; choose one output format\n"
        "m1lookup: try 'm1lookup tally --help'\n"
    )


def test_semicolons_bom_quotes_blank_lines_and_crlf(run: RunCli, validate_json) -> None:
    assert Path(SEMICOLON_BOM).read_bytes().startswith(b"\xef\xbb\xbf")
    result = run("tally", SEMICOLON_BOM, "--json")
    assert result.exit_code == 1
    document = result.json()
    validate_json(document)
    assert document["column"] == "Color"  # header "Color " matched without its spaces
    assert (document["rows"], document["resolved"]) == (5, 4)
    assert {c["id"]: c["cars_in_list"] for c in document["colours"]} == {
        "alpine-white": 1,
        "black-sapphire": 1,
        "java-green": 1,
        "valencia-orange": 1,
    }
    # Blank lines on lines 3 and 7 and a quoted note across lines 5 and 6 still count.
    assert unresolved(document, SEMICOLON_BOM) == [
        {
            "line": 8,
            "value": "Monte Carlo Bleu",
            "reason": "no match",
            "message": "no colour matches “Monte Carlo Bleu”. Did you mean: Monte Carlo Blue?",
            "suggestions": ["Monte Carlo Blue"],
        }
    ]


def test_stdin_dash_reads_the_list(run: RunCli, validate_json) -> None:
    listing = Path(REGISTER).read_bytes()
    result = run("tally", "-", "--json", input=listing)
    assert result.exit_code == 1
    document = result.json()
    validate_json(document)
    assert document["file"] == "-"
    assert {c["id"]: c["cars_in_list"] for c in document["colours"]} == REGISTER_CARS
    assert unresolved(document, "-") == REGISTER_UNRESOLVED
    human = run("tally", "-", input=listing)
    assert "standard input: 20 rows, 17 cars counted" in human.stdout


def test_all_resolved_exits_0(run: RunCli, tmp_path: Path) -> None:
    path = write(tmp_path, "no,Colour\n1,MCB\n2,mcb\n3,Atacama Yellow\n")
    result = run("tally", path, "--json")
    assert result.exit_code == 0
    assert result.stderr == ""
    document = result.json()
    assert [(c["id"], c["cars_in_list"]) for c in document["colours"]] == [
        ("monte-carlo-blue", 2),
        ("atacama-yellow", 1),
    ]
    assert document["unresolved"] == []


@pytest.mark.parametrize("asked", ["PAINT", " paint ", "Paint"])
def test_column_option_ignores_case_and_spaces(run: RunCli, tmp_path: Path, asked: str) -> None:
    path = write(tmp_path, "no,colour,Paint\n1,interior black,VO\n2,interior red,B44\n")
    document = run("tally", path, "--column", asked, "--json").json()
    assert document["column"] == "Paint"
    assert [(c["id"], c["cars_in_list"]) for c in document["colours"]] == [("valencia-orange", 2)]


def test_default_column_is_colour_or_color_any_case(run: RunCli, tmp_path: Path) -> None:
    path = write(tmp_path, "no, COLOR ,colour\n1,Java Green,nonsense\n")
    document = run("tally", path, "--json").json()
    assert document["column"] == "COLOR"
    assert document["unresolved"] == []


def test_misspelt_column_names_the_columns_found(run: RunCli) -> None:
    result = run("tally", REGISTER, "--column", "Farbe")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "m1lookup: error: no column named “Farbe”; the columns are: "
        "“no”, “colour”, “country”, “notes”. Choose one with --column NAME\n"
    )


def test_missing_default_column(run: RunCli, tmp_path: Path) -> None:
    path = write(tmp_path, "vin;paint\nWBS1;VO\n")
    result = run("tally", path)
    assert result.exit_code == 2
    assert result.stderr == (
        "m1lookup: error: no column named “colour” or “color”; the columns are: "
        "“vin”, “paint”. Choose one with --column NAME\n"
    )


@pytest.mark.parametrize("content", ["", "\n\n\r\n", "\ufeff"])
def test_empty_file_is_a_usage_error(run: RunCli, tmp_path: Path, content: str) -> None:
    path = write(tmp_path, content)
    result = run("tally", path)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"m1lookup: error: {path} is empty: expected a header row with a colour column\n"
    )


def test_header_only_is_an_empty_tally(run: RunCli, tmp_path: Path, validate_json) -> None:
    result = run("tally", write(tmp_path, "vin,colour\n\n"), "--json")
    assert result.exit_code == 0
    document = result.json()
    validate_json(document)
    assert (document["rows"], document["resolved"], document["colours"]) == (0, 0, [])


def test_unreadable_file_is_a_usage_error(run: RunCli, tmp_path: Path) -> None:
    missing = str(tmp_path / "no-such.csv")
    result = run("tally", missing)
    assert result.exit_code == 2
    assert result.stderr == f"m1lookup: error: cannot read {missing}: No such file or directory\n"


def test_line_numbers_after_a_quoted_multiline_field(run: RunCli, tmp_path: Path) -> None:
    content = (
        "no,notes,colour\n"  # 1
        '1,"bought new,\nfirst owner\n""the orange one""",VO\n'  # 2-4
        "\n"  # 5
        "2,,Monte Carlo Bleu\n"  # 6
        '3,"two\n\nparagraphs",Pink\n'  # 7-9
        "4,short row\n"  # 10: no colour cell at all
        "5,,Black Sapphire\n"  # 11
    )
    result = run("tally", write(tmp_path, content), "--json")
    assert result.exit_code == 1
    document = result.json()
    assert (document["rows"], document["resolved"]) == (5, 2)
    assert [(u["line"], u["value"], u["reason"]) for u in document["unresolved"]] == [
        (6, "Monte Carlo Bleu", "no match"),
        (7, "Pink", "no match"),
        (10, "", "empty"),
    ]
    assert "m1lookup: line 7: no colour matches “Pink”." in result.stderr


def test_tabs_and_bars_are_sniffed(run: RunCli, tmp_path: Path) -> None:
    for delimiter in "\t|":
        content = f"no{delimiter}colour\n1{delimiter}Alpine White, metallic\n2{delimiter}VO\n"
        document = run("tally", write(tmp_path, content), "--json").json()
        assert [c["id"] for c in document["colours"]] == ["alpine-white", "valencia-orange"]


def test_bytes_that_are_not_utf8_are_read_as_cp1252_and_said_so(
    run: RunCli, tmp_path: Path
) -> None:
    path = write(tmp_path, b"colour\nJava Gr\xfcn\n\xff\xfe\nVO\n")  # cp1252, and garbage
    result = run("tally", path, "--json")
    assert result.exit_code == 1
    document = result.json()
    assert document["files"][0]["encoding"] == "cp1252"
    assert [(c["id"], c["cars"]) for c in document["colours"]] == [
        ("java-green", 1),
        ("valencia-orange", 1),
    ]
    assert [(u["line"], u["value"]) for u in document["unresolved"]] == [(3, "ÿþ")]
    assert result.stderr.splitlines()[0] == (
        f"m1lookup: note: {path} is not UTF-8: read as cp1252 (choose with --encoding)"
    )


def test_encoding_option_overrides_detection(run: RunCli, tmp_path: Path) -> None:
    path = write(tmp_path, "colour\nJava Grün\n".encode("cp1252"))
    result = run("tally", path, "--encoding", "utf-8", "--json")
    assert result.exit_code == 1
    document = result.json()
    assert document["files"][0]["encoding"] == "utf-8"
    assert [u["value"] for u in document["unresolved"]] == ["Java Gr\ufffdn"]
    assert "not UTF-8" not in result.stderr
    latin = run("tally", path, "--encoding", "latin-1", "--json")
    assert (latin.exit_code, latin.json()["colours"][0]["id"]) == (0, "java-green")


def test_unknown_encoding_is_a_usage_error(run: RunCli) -> None:
    result = run("tally", REGISTER, "--encoding", "klingon")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "m1lookup: error: unknown text encoding “klingon”; try utf-8, utf-16, cp1252 or latin-1\n"
    )


def test_cell_text_is_shown_literally(run: RunCli, tmp_path: Path) -> None:
    path = write(tmp_path, 'colour\n"[bold]Blue[/bold]\x1b[31m"\n')
    result = run("tally", path)
    assert result.exit_code == 1
    assert "“[bold]Blue[/bold]\\x1b[31m”" in result.stderr
    assert "\x1b" not in result.stderr


def test_ambiguous_value_lists_the_candidates(run: RunCli, tmp_path: Path) -> None:
    # "B" starts a name or alias of two colours: Blanco Alpina and Black Sapphire. It does not
    # start one of Valencia Orange's: "B44" is a search spelling, which no source gives.
    path = write(tmp_path, "colour\nAlpine White\nB\n")
    result = run("tally", path, "--json")
    assert result.exit_code == 1
    message = "“B” matches several colours: Alpine White, Black Sapphire. Be more specific."
    assert unresolved(result.json(), path) == [
        {
            "line": 3,
            "value": "B",
            "reason": "ambiguous",
            "message": message,
            "suggestions": ["Alpine White", "Black Sapphire"],
        }
    ]
    assert result.stderr == f"m1lookup: line 3: {message}\n"


def test_takes_a_data_file(run: RunCli, tmp_path: Path) -> None:
    assert run("tally", REGISTER, "--data", str(DATA_FILE), "--json").exit_code == 1
    result = run("tally", REGISTER, "--data", str(tmp_path / "missing.toml"))
    assert result.exit_code == 2
    assert result.stderr.startswith("m1lookup: error: ")


UNCLOSED = (
    "m1lookup: error: line {line}: a quoted field opens here and is never closed, so it would "
    'swallow every row after it; add the closing quote (") or remove the opening one\n'
)


@pytest.mark.parametrize(
    ("content", "line"),
    [
        ('no,colour\n1,VO\n2,"Java Green\n3,Alpine White\n4,mcb\n', 3),
        ('no,colour\n1,VO\n2,"Java Green', 3),  # the last line, with no line break after it
        # The record starts on line 2 with a closed two-line note; the stray quote is on line 3.
        ('no,notes,colour\n1,"two\nlines","Java Green\n2,,VO\n', 3),
        ('no;colour\n1;VO\n2; "Java Green\n3;VO\n', 3),  # after the space csv skips
    ],
    ids=["middle", "last line", "second line of a record", "semicolons"],
)
def test_unclosed_quote_names_its_line(
    run: RunCli, tmp_path: Path, content: str, line: int
) -> None:
    path = write(tmp_path, content)
    for args in (["tally", path], ["tally", path, "--json"], ["tally", "-"]):
        result = run(*args, input=content)
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr == UNCLOSED.format(line=line)


def test_stray_quote_closed_in_a_later_field_names_both_lines(run: RunCli, tmp_path: Path) -> None:
    content = (
        "no,colour,notes\n"  # 1
        "1,VO,x\n"  # 2
        '2,"Java Green,y\n'  # 3: the stray quote
        "3,Alpine White,z\n"  # 4
        '4,"mcb",w\n'  # 5: this row's opening quote closes the field opened on line 3
    )
    result = run("tally", write(tmp_path, content))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "m1lookup: error: line 3: a quoted field opens here and closes only on line 5, in the "
        "middle of a field, so the rows between would be merged into one; check the quotes on "
        "line 3\n"
    )


def test_quotes_that_are_not_strays_are_still_read(run: RunCli, tmp_path: Path) -> None:
    content = (
        "no,notes,colour\n"  # 1
        '1,"over\ntwo lines" ,VO\n'  # 2-3: spaces after the closing quote
        '2,the "orange" one,VO\n'  # 4: quotes inside an unquoted field are text
        '3,"one line" and more,mcb\n'  # 5: text after a quote on the same line, as csv reads it
        '4,"""quoted""\r\nand ""more""",Pink "Panther\n'  # 6-7: doubled quotes over CRLF
    )
    result = run("tally", write(tmp_path, content), "--json")
    assert result.exit_code == 1, result.stderr
    document = result.json()
    assert [(c["id"], c["cars_in_list"]) for c in document["colours"]] == [
        ("valencia-orange", 2),
        ("monte-carlo-blue", 1),
    ]
    assert [(u["line"], u["value"]) for u in document["unresolved"]] == [(6, 'Pink "Panther')]


def test_jsonl_colours_then_unresolved_rows(run: RunCli, validate_jsonl) -> None:
    result = run("tally", REGISTER, "--jsonl")
    assert result.exit_code == 1
    lines = validate_jsonl(result.stdout, "tally")
    document = run("tally", REGISTER, "--json").json()
    expected = [*document["colours"], *document["unresolved"]]
    assert lines == [{"schema_version": 2, **obj} for obj in expected]
    assert [line.get("id", line.get("line")) for line in lines] == [*REGISTER_CARS, 8, 11, 16]
    assert result.stderr == REGISTER_STDERR


def test_jsonl_unresolved_catalogue_colour(run: RunCli, validate_jsonl) -> None:
    result = run("tally", "-", "--jsonl", input="colour\nLe Mans Blue\n")
    assert result.exit_code == 1
    (line,) = validate_jsonl(result.stdout, "tally")
    assert (line["line"], line["value"], line["reason"]) == (2, "Le Mans Blue", "not a 1M colour")
    assert line["catalogue"]["code"] == "381"
    assert result.stderr == f"m1lookup: line 2: {line['message']}\n"
