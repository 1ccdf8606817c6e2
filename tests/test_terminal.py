"""Terminals and pipes: in-process on a made-up terminal (``on_fake_terminal``) or pipe, and the
installed console script on a real pseudo-terminal and in real pipes where a process matters.

Pipes get no ANSI codes; NO_COLOR and TERM=dumb are honoured; --json is byte for byte the same
on a terminal and in a pipe; narrow terminals keep every value readable; odd locales, a reader
that stops early and a missing or empty stdin end quietly with a clear message.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from rich.cells import cell_len

from tests.conftest import (
    COMMAND,
    POSIX,
    ROOT,
    SGR,
    Run,
    RunCli,
    colour_parameters,
    in_terminal,
    on_fake_terminal,
    parse_json,
    run_cli,
    run_process,
)

REGISTER = str(ROOT / "tests" / "fixtures" / "register-20.csv")  # 3 rows do not resolve: exit 1


CITATION = re.compile(r"\[@([^\]\s]+)\]")  # [@source-id] in a JSON string (docs/data.md)
# A hyperlink's start or end: ESC ] 8 ; params ; URL ESC \ (OSC 8).
OSC8 = re.compile(rb"\x1b\]8;[^;\x1b]*;([^\x1b]*)\x1b\\")


PEOPLE = [
    ["colour", "Monte Carlo Blue"],
    ["list"],
    ["stats"],
    ["sources"],
    ["markets"],
    ["tally", REGISTER],
    ["check", "Monte Carlo Blue", "2"],
    ["validate"],
]
DOCUMENTS = [
    ["colour", "Monte Carlo Blue", "alpinweiss", "--json"],
    ["list", "--json"],
    ["stats", "--json"],
    ["sources", "--json"],
    ["markets", "--json"],
    ["tally", REGISTER, "--json"],
    ["check", "--text", "Java Green, the only one built; one of 740 in the US", "--json"],
    ["validate", "--json"],
]


# --- pipes and terminals ----------------------------------------------------------------------


def exit_code(args: list[str]) -> int:
    return 1 if args[0] == "tally" else 0


def piped(*args: str, **variables: str) -> Run:
    """In-process, stdout a pipe (CliRunner's), in the environment the console script gets."""
    return run_cli(*args, env={"TERM": None, **variables})


@pytest.mark.parametrize("args", PEOPLE, ids=" ".join)
def test_piped_output_has_no_ansi_codes(args: list[str]) -> None:
    result = piped(*args, TERM="xterm-256color")
    assert result.exit_code == exit_code(args)
    assert result.stdout
    assert "\x1b" not in result.stdout
    assert "\x1b" not in result.stderr


@POSIX
def test_piped_output_of_the_console_script_has_no_ansi_codes() -> None:
    result = run_process(*PEOPLE[0], env={"TERM": "xterm-256color"})
    assert result.returncode == 0
    assert result.stdout
    assert b"\x1b" not in result.stdout
    assert b"\x1b" not in result.stderr


@POSIX
def test_terminal_output_is_coloured() -> None:
    """The check the next tests rely on: on a colour terminal there are colour codes."""
    code, out, _ = in_terminal("colour", "Monte Carlo Blue", TERM="xterm-256color")
    assert code == 0
    assert colour_parameters(out)


# A link and the text it covers: ESC ] 8 ; params ; URL ESC \ text ESC ] 8 ; ; ESC \.
LINK = re.compile(rb"\x1b\]8;[^;\x1b]*;([^\x1b]+)\x1b\\([^\x1b]*)\x1b\]8;;\x1b\\")


def links(output: bytes) -> list[tuple[bytes, bytes]]:
    """Each link's URL and its text, in order; a title that wraps is one link in pieces."""
    found: list[tuple[bytes, bytes]] = []
    for url, text in LINK.findall(output):
        if found and found[-1][0] == url:
            text = found.pop()[1] + b" " + text
        found.append((url, b" ".join(text.split())))
    return found


def test_a_terminal_gets_each_source_title_as_a_link_and_its_url_whole() -> None:
    code, out, _ = on_fake_terminal("sources", "33", TERM="xterm-256color", COLUMNS="40")
    assert code == 0
    url = b"https://bmw-sg.com/bmw-models/chris-harris-top-gear-buys-bmw-1m/2016/09/16"
    assert b"\x1b]8;" in out
    assert links(out) == [(url, b"Chris Harris of Top Gear buys BMW 1M")]
    assert b"    " + url in OSC8.sub(b"", SGR.sub(b"", out)).splitlines()


@pytest.mark.parametrize("width", ["40", "80"])
def test_a_terminal_links_every_source_of_a_panel(width: str) -> None:
    code, out, _ = on_fake_terminal("colour", "valencia", TERM="xterm-256color", COLUMNS=width)
    assert code == 0
    document = piped("colour", "valencia", "--json").stdout
    colour = parse_json(document)["results"][0]["colour"]
    urls = [source["url"].encode() for source in colour["sources"]]
    titles = [source["title"].encode() for source in colour["sources"]]
    assert links(out) == list(zip(urls, titles, strict=True))
    lines = OSC8.sub(b"", SGR.sub(b"", out)).splitlines()
    assert all(b"    " + url in lines for url in urls)


@pytest.mark.parametrize(
    "variables", [{"NO_COLOR": "1"}, {"TERM": "dumb"}], ids=["NO_COLOR", "dumb"]
)
def test_urls_stay_whole_without_colour(variables: dict[str, str]) -> None:
    code, out, _ = on_fake_terminal(
        "sources", **{"TERM": "xterm-256color", "COLUMNS": "40", **variables}
    )
    assert code == 0
    lines = OSC8.sub(b"", SGR.sub(b"", out)).splitlines()
    sources = parse_json(piped("sources", "--json").stdout)["sources"]
    assert all(b"    " + source["url"].encode() in lines for source in sources)


@pytest.mark.parametrize("args", PEOPLE, ids=" ".join)
def test_no_color_is_honoured(args: list[str]) -> None:
    code, out, _ = on_fake_terminal(*args, TERM="xterm-256color", NO_COLOR="1")
    assert code == exit_code(args)
    assert colour_parameters(out) == set()
    # Bold, dim and links stay (no-color.org asks only for no colour); the text is the piped text.
    plain = OSC8.sub(b"", SGR.sub(b"", out))
    assert plain == piped(*args, TERM="xterm-256color").stdout.encode()


@pytest.mark.parametrize("args", PEOPLE, ids=" ".join)
def test_term_dumb_gets_no_escape_codes(args: list[str]) -> None:
    code, out, _ = on_fake_terminal(*args, TERM="dumb")
    assert code == exit_code(args)
    assert b"\x1b" not in out
    # Rich draws 80 wide on a dumb terminal
    assert out == piped(*args, COLUMNS="80").stdout.encode()


@POSIX
@pytest.mark.parametrize(
    ("variables", "width"), [({"NO_COLOR": "1"}, "100"), ({"TERM": "dumb"}, "80")]
)
def test_no_color_and_dumb_on_a_real_terminal(variables: dict[str, str], width: str) -> None:
    """The console script on a pseudo-terminal: what the made-up terminal above stands for."""
    code, out, _ = in_terminal("stats", **{"TERM": "xterm-256color", **variables})
    assert code == 0
    assert colour_parameters(out) == set()
    plain = OSC8.sub(b"", SGR.sub(b"", out))
    assert plain == run_process("stats", env={"TERM": "xterm-256color", "COLUMNS": width}).stdout


@pytest.mark.parametrize("args", DOCUMENTS, ids=" ".join)
def test_json_is_byte_identical_on_a_terminal_and_in_a_pipe(args: list[str]) -> None:
    code, out, _ = on_fake_terminal(*args, TERM="xterm-256color")
    pipe = piped(*args, TERM="xterm-256color")
    assert code == pipe.exit_code == exit_code(args)
    assert out.startswith(b'{\n  "schema_version": 2,')
    assert out == pipe.stdout.encode()


@POSIX
def test_json_is_byte_identical_on_a_real_terminal_and_in_a_real_pipe() -> None:
    args = DOCUMENTS[2]
    code, out, _ = in_terminal(*args, TERM="xterm-256color")
    pipe = run_process(*args, env={"TERM": "xterm-256color"})
    assert code == pipe.returncode == exit_code(args)
    assert out.startswith(b'{\n  "schema_version": 2,')
    assert out == pipe.stdout


# --- narrow terminals -------------------------------------------------------------------------


def lines_of(output: str) -> list[str]:
    return [line.rstrip() for line in output.splitlines()]


def flat(output: str) -> str:
    """The output without white space: text that wraps over lines is still found whole."""
    return "".join(output.split())


@pytest.mark.parametrize("width", [40, 60, 80, 100])
@pytest.mark.parametrize(
    "args",
    [["list"], ["stats"], ["colour", "mcb", "alpinweiss"], ["sources"], ["markets"]],
    ids=" ".join,
)
def test_nothing_is_cut_and_nothing_is_wider_than_the_terminal(
    run: RunCli, args: list[str], width: int
) -> None:
    """Only a source's address may be wider: it stands whole on a line of its own."""
    urls = {source["url"] for source in run("sources", "--json").json()["sources"]}
    result = run(*args, env={"COLUMNS": str(width)})
    assert result.exit_code == 0
    assert "…" not in result.stdout
    wider = [line for line in lines_of(result.stdout) if cell_len(line) > width]
    assert [line.strip() for line in wider if line.strip() not in urls] == []
    assert all(line == f"    {line.strip()}" for line in wider)


def test_list_at_40_columns_stacks_every_row(run: RunCli) -> None:
    result = run("list", env={"COLUMNS": "40"})
    assert result.exit_code == 0
    blocks = [
        [
            "Monte Carlo Blue",
            "  Rank       3",
            "  Programme  individual",
            "  Code       unknown",
            "  Count      2 (low)",
            "  Share      0.0317%",
            "  Rarity     handful",
        ],
        [
            "Valencia Orange",
            "  Rank       –",
            "  Programme  factory",
            "  Code       WB44?",
            "  Count      unknown",
            "  Share      unknown",
            "  Rarity     unknown",
        ],
    ]
    out = lines_of(result.stdout)
    for block in blocks:
        start = out.index(block[0])
        assert out[start : start + len(block)] == block
    for document in run("list", "--json").json()["colours"]:
        assert document["name"] in out  # each colour heads its own block, whole
        assert f"  Programme  {document['programme']}" in out
    assert out[-3:] == [
        "? low confidence: a weak source, not",
        "tied to the 1M by name; 'm1lookup colour",
        "NAME' shows it.",
    ]


def test_list_at_80_columns_is_a_table_with_whole_words(run: RunCli) -> None:
    """One space less around each column, rather than names wrapped over two lines."""
    out = lines_of(run("list", env={"COLUMNS": "80"}).stdout)
    assert out[0] == "BMW 1M colours (share of 6,309 customer cars)"
    assert out[1].split() == ["Rank", "Colour", "Programme", "Code", "Count", "Share", "Rarity"]
    rows = out[3:]  # below the header and its rule
    assert rows[:7] == [
        "   1  Atacama Yellow    individual   unknown     1 (low)  0.0159%  one-off",
        "   1  Java Green        individual   unknown  1 (medium)  0.0159%  one-off",
        "   3  Monte Carlo Blue  individual   unknown     2 (low)  0.0317%  handful",
        "   –  Alpine White      factory      300?        unknown  unknown  unknown",
        "   –  Black Sapphire    factory      475?        unknown  unknown  unknown",
        "   –  Valencia Orange   factory      WB44?       unknown  unknown  unknown",
        "   –  Sepang Bronze     unconfirmed  unknown     unknown  unknown  unknown",
    ]
    assert all(len(line) <= 80 for line in out)
    assert out[-2:] == [
        "? low confidence: a weak source, not tied to the 1M by name; 'm1lookup colour",
        "NAME' shows it.",
    ]


def test_stats_at_40_columns_keeps_every_value(run: RunCli) -> None:
    result = run("stats", env={"COLUMNS": "40"})
    out = lines_of(result.stdout)
    for line in ("Built (all cars)", "  Value       6,342", "  Sources     [43] [47] [58]"):
        assert line in out
    end = out.index("End")
    assert out[end : end + 5] == [
        "End",
        "  Value       2012-06",
        "  Confidence  medium",
        "  Sources     [22] [28] [34] [39] [53]",
        "              [54] [55]",
    ]
    for line in ("Customer cars (shares are of these)", "  Value       6,309"):
        assert line in out
    for line in ("Monte Carlo Blue", "  Rank   3", "  Count  2", "  Share  0.0317%"):
        assert line in out
    assert "BMW Plant Leipzig" in result.stdout


def test_colour_at_40_columns_keeps_every_value(run: RunCli) -> None:
    result = run("colour", "Monte Carlo Blue", env={"COLUMNS": "40"})
    document = run("colour", "Monte Carlo Blue", "--json").json()["results"][0]["colour"]
    numbers = {source["id"]: source["number"] for source in document["sources"]}
    text = flat(result.stdout.replace("│", ""))
    notes = CITATION.sub(lambda cited: f"[{numbers[cited.group(1)]}]", document["notes"])
    assert "[@" not in notes
    for value in ("2 cars: each is 1 of 2", "1 in 3,155 customer cars", notes):
        assert flat(value) in text
    lines = lines_of(result.stdout)
    for source in document["sources"]:
        assert flat(f"[{source['number']}] {source['title']}") in text
        assert f"    {source['url']}" in lines  # whole, on a line of its own


def test_sources_and_markets_at_40_columns_keep_every_value(run: RunCli) -> None:
    sources = flat(run("sources", env={"COLUMNS": "40"}).stdout)
    for source in run("sources", "--json").json()["sources"]:
        assert flat(f"[{source['number']}] {source['title']}") in sources
        assert source["url"] in sources
    markets = run("markets", env={"COLUMNS": "40"}).stdout
    for market in run("markets", "--json").json()["markets"]:
        assert f"╭─ {market['name']} " in markets
        for figure in market["figures"]:
            assert f"{figure['value']:,} {figure['kind']}" in markets


# --- locales that cannot show ß -----------------------------------------------------------------


@pytest.mark.parametrize(
    "variables",
    [
        {"LC_ALL": "C"},
        {"PYTHONIOENCODING": "ascii"},
        {"LC_ALL": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"},  # a true ASCII locale
    ],
    ids=["LC_ALL=C", "PYTHONIOENCODING=ascii", "ASCII locale"],
)
def test_alpinweiss_in_an_ascii_locale_does_not_crash(variables: dict[str, str]) -> None:
    shown = run_process("colour", "Alpine White", env=variables)
    assert shown.returncode == 0
    assert shown.stderr == b""
    assert b"Alpinwei\xc3\x9f" in shown.stdout or b"Alpinwei\\xdf" in shown.stdout
    document = run_process("colour", "Alpine White", "--json", env=variables)
    assert document.returncode == 0
    assert '"name_de": "Alpinweiß"'.encode() in document.stdout  # JSON is UTF-8 regardless
    for args in (["list"], ["stats"], ["sources"], ["markets"], ["stats", "--csv"]):
        result = run_process(*args, env=variables)
        assert (result.returncode, result.stderr) == (0, b""), args


def test_miss_message_in_an_ascii_locale() -> None:
    result = run_process("colour", "Alpinweißx", env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == 1
    assert result.stderr == (
        b"m1lookup: no colour matches \\u201cAlpinwei\\xdfx\\u201d. Did you mean: Alpine White?\n"
    )


# --- readers that stop early -------------------------------------------------------------------


@POSIX
def test_list_piped_into_head_ends_quietly(tmp_path: Path) -> None:
    errors = tmp_path / "stderr"
    result = run_process(command=["sh", "-c", '"$@" list 2>"$0" | head -1', str(errors), *COMMAND])
    assert result.returncode == 0
    assert result.stdout.decode().rstrip() == "BMW 1M colours (share of 6,309 customer cars)"
    assert errors.read_bytes() == b""


@POSIX
def test_stats_json_piped_into_head_ends_quietly(tmp_path: Path) -> None:
    errors = tmp_path / "stderr"
    script = '"$@" stats --json 2>"$0" | head -c 10'
    result = run_process(command=["sh", "-c", script, str(errors), *COMMAND])
    assert result.returncode == 0
    assert result.stdout == b'{\n  "schem'
    assert errors.read_bytes() == b""


@POSIX
def test_huge_json_piped_into_head_ends_quietly(tmp_path: Path) -> None:
    """550 MB of JSON for 100,000 names (549,700,114 bytes), streamed: the reader is surely gone
    before the writer ends."""
    errors = tmp_path / "stderr"
    script = 'yes "Java Green" | head -n 100000 | "$@" colour --json - 2>"$0" | head -c 10'
    result = run_process(command=["sh", "-c", script, str(errors), *COMMAND], timeout=120)
    assert result.returncode == 0
    assert result.stdout == b'{\n  "schem'
    assert errors.read_bytes() == b""


@POSIX
@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["stats"],
        ["stats", "--json"],
        ["colour", "Monte Carlo Blue"],
        ["sources", "--csv"],
        ["--version"],
        ["--help"],
    ],
    ids=" ".join,
)
def test_reader_gone_before_the_first_write(args: list[str]) -> None:
    """A pipe whose reading end is already closed: every write fails with EPIPE.

    Quiet, and exit 141 (128 + SIGPIPE, what a shell reports for cat or grep there): not 1, which
    would say "not found", nor 0, as the output did not arrive.
    """
    reading, writing = os.pipe()
    os.close(reading)
    try:
        result = run_process(*args, stdout=writing)
    finally:
        os.close(writing)
    assert result.stderr == b""  # no traceback, no "Exception ignored"
    assert result.returncode == 141


# --- empty and missing input ------------------------------------------------------------------

NO_NAMES = "m1lookup: error: no colour names on standard input (one name per line)\n"


@pytest.mark.parametrize("stdin", ["", "\n", "  \n\t\n\n"], ids=["empty", "newline", "blank"])
def test_empty_stdin_for_colour(run: RunCli, stdin: str) -> None:
    result = run("colour", "-", input=stdin)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == NO_NAMES


def test_stdin_from_dev_null() -> None:
    result = run_process("colour", "-")
    assert result.returncode == 2
    assert result.stdout == b""
    assert result.stderr == NO_NAMES.encode()


@POSIX
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["colour", "-"], "give names as arguments or pipe them in"),
        (["tally", "-"], "give a file or pipe the list in"),
    ],
)
def test_closed_stdin(args: list[str], message: str) -> None:
    result = run_process(*args, command=["sh", "-c", 'exec "$@" <&-', "sh", *COMMAND])
    assert result.returncode == 2
    assert result.stdout == b""
    assert result.stderr == f"m1lookup: error: standard input is closed; {message}\n".encode()


@pytest.mark.parametrize("name", ["", " ", "   \t  "], ids=["empty", "space", "spaces"])
def test_empty_or_blank_query(run: RunCli, name: str) -> None:
    result = run("colour", name)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "m1lookup: error: a colour name is empty; give a name such as 'Monte Carlo Blue'\n"
    )


@POSIX
@pytest.mark.parametrize("buffered", [True, False], ids=["buffered", "PYTHONUNBUFFERED"])
@pytest.mark.parametrize(
    "args", [["--version"], ["--help"], ["list"], ["stats", "--json"]], ids=" ".join
)
def test_reader_gone_ends_the_same_buffered_or_not(args: list[str], buffered: bool) -> None:
    """Whatever the caller's environment says about buffering: exit 141, nothing on stderr."""
    # An empty PYTHONUNBUFFERED is as good as unset (python -h: "a non-empty string").
    unbuffered = {"PYTHONUNBUFFERED": "" if buffered else "1"}
    reading, writing = os.pipe()
    os.close(reading)
    try:
        result = run_process(*args, env=unbuffered, stdout=writing)
    finally:
        os.close(writing)
    assert (result.returncode, result.stderr) == (141, b"")


# --- no trailing spaces -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        *PEOPLE,
        ["colour", "valencia", "Java Green", "Sepang Bronze"],
        ["colour", "Monte Carlo Blue", "--color", "always"],
        ["stats", "--color", "always"],
        ["--help"],
        ["colour", "--help"],
        ["stats", "--help"],
    ],
    ids=" ".join,
)
@pytest.mark.parametrize("width", ["40", "80"])
def test_piped_output_has_no_trailing_spaces(args: list[str], width: str) -> None:
    """Rich pads tables, panels' wrapped titles and sources' titles to the width: none of it
    reaches a pipe (a diff, an editor, a test of the README shows it), in colour or not."""
    result = piped(*args, COLUMNS=width)
    assert result.exit_code == exit_code(args)
    lines = result.stdout.encode().splitlines()
    assert lines
    trailing = [line for line in lines if SGR.sub(b"", line).endswith(b" ")]
    assert trailing == []


def test_trailing_spaces_go_but_the_styles_at_the_end_of_a_line_stay() -> None:
    from m1lookup.io.text import without_trailing_spaces

    link = "\x1b]8;;https://example.com/a\x1b\\"
    drawn = f"Rarity \x1b[0m\x1b[1m \x1b[0m\n[1] {link}Title{link[:5]}\x1b\\  \n  x y  \n\n"
    assert without_trailing_spaces(drawn) == (
        f"Rarity\x1b[0m\x1b[1m\x1b[0m\n[1] {link}Title{link[:5]}\x1b\\\n  x y\n\n"
    )
