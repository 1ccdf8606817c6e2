"""docs/json.md's table of what goes where (stdout, stderr, exit code), run cell by cell.

Each row of the table is a command and a format; each column a situation: a hit, a miss, an
error. The invocations for each situation are below, one entry per command: a command added to
the table (``check``, say) adds its entry here, and every cell of its rows is then run.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any, NamedTuple

import pytest

from tests.conftest import ROOT, RunCli

JSON_MD = ROOT / "docs" / "json.md"
REGISTER = str(ROOT / "tests" / "fixtures" / "register-20.csv")  # three rows do not resolve
BROKEN = str(ROOT / "tests" / "fixtures" / "broken" / "ten-problems.toml")
MISSING = "/nonexistent/m1lookup-data.toml"


class Call(NamedTuple):
    args: tuple[str, ...]
    input: str | None = None
    misses: int = 0  # lines "each miss" gives on stderr


# command: (hit, miss or None, error)
CALLS: dict[str, tuple[Call, Call | None, Call]] = {
    "colour": (
        Call(("colour", "Java Green", "MCB")),
        Call(("colour", "-"), "zzz\nMonte Carlo Bleu\n", misses=2),
        Call(("colour", "Java Green", "--data", MISSING)),
    ),
    "sources": (
        Call(("sources", "19", "25")),
        Call(("sources", "999", "bmwblog"), misses=2),
        Call(("sources", "--data", MISSING)),
    ),
    "list": (Call(("list",)), None, Call(("list", "--data", MISSING))),
    "stats": (Call(("stats",)), None, Call(("stats", "--data", MISSING))),
    "markets": (Call(("markets",)), None, Call(("markets", "--data", MISSING))),
    "tally": (
        Call(("tally", "-"), "colour\nJava Green\nAlpinweiss\n"),
        Call(("tally", REGISTER), misses=3),
        Call(("tally", REGISTER, "--data", MISSING)),
    ),
    "check": (
        Call(("check", "Monte Carlo Blue", "2")),
        Call(("check", "zzz", "3"), misses=1),
        Call(("check", "Java Green", "3", "--data", MISSING)),
    ),
    "validate": (Call(("validate",)), Call(("validate", BROKEN)), Call(("validate", MISSING))),
}
SITUATIONS = ("hit", "miss", "error")
EXIT_CODES = {"hit": 0, "miss": 1, "error": 2}


class Row(NamedTuple):
    command: str
    format: str | None  # None: the view for people
    cells: dict[str, tuple[str, str] | None]  # situation: (stdout, stderr), None for "—"


def table_rows() -> list[Row]:
    """The rows of the table under "What goes where" in docs/json.md."""
    text = JSON_MD.read_text(encoding="utf-8")
    section = text.split("## What goes where", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        cells = [cell.strip().strip("`") for cell in line.strip().strip("|").split("|")]
        if len(cells) != 5 or cells[0] in ("command", "---"):
            continue
        command, fmt, *situations = cells
        parsed: dict[str, tuple[str, str] | None] = {}
        for situation, cell in zip(SITUATIONS, situations, strict=True):
            if cell == "—":
                parsed[situation] = None
            else:
                stdout, stderr = (part.strip() for part in cell.split(" / "))
                parsed[situation] = (stdout, stderr)
        rows.append(Row(command, None if fmt == "people" else fmt, parsed))
    return rows


ROWS = table_rows()


def test_the_table_covers_every_command_and_format() -> None:
    assert {row.command for row in ROWS} == set(CALLS)
    assert len(ROWS) == len({(row.command, row.format) for row in ROWS}) >= 24
    for row in ROWS:
        assert (row.cells["miss"] is None) == (CALLS[row.command][1] is None), row


CELLS = [
    pytest.param(row, situation, id=f"{row.command} {row.format or 'people'} {situation}")
    for row in ROWS
    for situation in SITUATIONS
    if row.cells[situation] is not None
]


@pytest.mark.parametrize(("row", "situation"), CELLS)
def test_each_cell_of_the_table(run: RunCli, validate_jsonl: Any, row: Row, situation: str) -> None:
    call = CALLS[row.command][SITUATIONS.index(situation)]
    assert call is not None
    expected = row.cells[situation]
    assert expected is not None
    stdout_kind, stderr_kind = expected
    args = [*call.args, *([row.format] if row.format else [])]
    result = run(*args, input=call.input)
    assert result.exit_code == EXIT_CODES[situation], result.stderr
    check_stdout(result.stdout, stdout_kind, row.command, validate_jsonl)
    check_stderr(result.stderr, stderr_kind, call.misses)


def check_stdout(stdout: str, kind: str, command: str, validate_jsonl: Any) -> None:
    from tests.conftest import parse_json

    if kind == "nothing":
        assert stdout == ""
    elif kind == "document":
        parse_json(stdout)  # one document, valid against the schema
    elif kind == "lines":
        assert len(validate_jsonl(stdout, command)) >= 1
    elif kind == "table":
        rows = list(csv.reader(io.StringIO(stdout)))
        assert rows, "a CSV table has at least its header row"
        assert all(len(row) == len(rows[0]) for row in rows)
    elif kind == "view":
        assert stdout.strip()
        assert not stdout.startswith(("{", "["))
    else:
        raise AssertionError(f"unknown stdout kind in docs/json.md: {kind!r}")


def check_stderr(stderr: str, kind: str, misses: int) -> None:
    lines = stderr.splitlines()
    if kind == "nothing":
        assert stderr == ""
    elif kind == "error":
        assert len(lines) == 1
        assert lines[0].startswith("m1lookup: error: ")
    elif kind == "each miss":
        assert len(lines) == misses
        assert all(line.startswith("m1lookup: ") and " error: " not in line for line in lines)
    elif kind == "summary":
        assert lines == [f"m1lookup: {misses} of {misses} names not found"]
    else:
        raise AssertionError(f"unknown stderr kind in docs/json.md: {kind!r}")


@pytest.mark.parametrize("row", ROWS, ids=lambda row: f"{row.command} {row.format or 'people'}")
def test_a_usage_error_is_two_lines_in_every_command_and_format(run: RunCli, row: Row) -> None:
    hit = CALLS[row.command][0]
    args = [*hit.args, *([row.format] if row.format else []), "--frobnicate"]
    result = run(*args, input=hit.input)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "m1lookup: error: no option '--frobnicate'\n"
        f"m1lookup: try 'm1lookup {row.command} --help'\n"
    )


FORMATS = re.compile(r"--(?:json|jsonl|csv)\b")


@pytest.mark.parametrize(
    "command", sorted({row.command for row in ROWS if row.format and row.format != "--json"})
)
def test_two_output_formats_are_one_usage_error_naming_both(run: RunCli, command: str) -> None:
    other = sorted(
        {row.format for row in ROWS if row.command == command and row.format} - {"--json"}
    )
    hit = CALLS[command][0]
    result = run(*hit.args, "--json", other[0], input=hit.input)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"m1lookup: error: --json and {other[0]} cannot be used together;"
        f" choose one output format\nm1lookup: try 'm1lookup {command} --help'\n"
    )
    assert len(FORMATS.findall(result.stderr.splitlines()[0])) == 2
