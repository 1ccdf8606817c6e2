"""Hostile text: queries, stdin lines and a user's data file are shown literally, never obeyed.

Rich markup is never parsed; escape sequences, other control characters, NUL and bidi controls
never reach the output raw (they are shown as visible escapes such as ``\\x1b``); huge inputs
get a bounded, clear answer.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import DATA_FILE, FORBIDDEN, RunCli

# Everything that could drive a terminal, reorder what it shows or hide in it: C0 controls but
# the newline, DEL, C1 controls (0x9b is an 8-bit CSI), lone surrogates, the bidi controls,
# zero-width characters, line and paragraph separators, noncharacters and tag characters.
WIDE = {"COLUMNS": "300"}

# (what a user types or pastes, what m1lookup must show for it)
HOSTILE = {
    "markup": ("[bold red]x[/]", "[bold red]x[/]"),
    "link markup": ("[link=file:///etc/passwd]x[/link]", "[link=file:///etc/passwd]x[/link]"),
    "unbalanced markup": ("x [/] y", "x [/] y"),
    "clear screen": ("\x1b[2J", "\\x1b[2J"),
    "osc 8 link": ("\x1b]8;;http://evil\x1b\\click\x1b]8;;\x1b\\", "\\x1b]8;;http://evil\\x1b\\"),
    "window title": ("\x1b]0;pwned\x07", "\\x1b]0;pwned\\x07"),
    "nul": ("q\x00q", "q\\x00q"),
    "backspace": ("Java\x08\x08\x08\x08Evil", "Java\\x08\\x08\\x08\\x08Evil"),
    "carriage return": ("Evil\rJava Green", "Evil\\x0dJava Green"),
    "c1 csi": ("\x9b2J", "\\x9b2J"),
    "delete": ("q\x7fq", "q\\x7fq"),
    "bidi override": ("\u202eexe.txt", "\\u202eexe.txt"),
    "bidi isolate": ("\u2066q\u2069", "\\u2066q\\u2069"),
    "lone surrogate": ("qq\udcc3", "qq\\udcc3"),
    "noncharacters": ("q\ufffeq\uffffq\ufdd0q\U0010ffff", "q\\ufffeq\\uffffq\\ufdd0q\\U0010ffff"),
    "zero width": ("q\u200bq\u200cq\u200d\u2060q\ufeff", "q\\u200bq\\u200cq\\u200d\\u2060q\\ufeff"),
    "line separators": ("q\u2028q\u2029q", "q\\u2028q\\u2029q"),
    "tag characters": ("q\U000e0041\U000e007f", "q\\U000e0041\\U000e007f"),
}


def assert_shown_safely(*outputs: str) -> None:
    for output in outputs:
        assert FORBIDDEN.search(output) is None, repr(output)


# --- queries ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("typed", "shown"), HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_query_is_shown_escaped(run: RunCli, typed: str, shown: str) -> None:
    result = run("colour", typed, env=WIDE)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("m1lookup: ")
    assert shown in result.stderr
    assert_shown_safely(result.stderr)


def test_hostile_stdin_lines_are_shown_escaped(run: RunCli) -> None:
    # A line ends at CR, U+2028 and U+2029 too, and stdin is bytes, so no lone surrogate.
    pairs = [(t, s) for t, s in HOSTILE.values() if not any(end in t for end in "\r\u2028\u2029")]
    pairs = [(typed, shown) for typed, shown in pairs if "\udcc3" not in typed]
    result = run("colour", "-", input="\n".join(typed for typed, _ in pairs) + "\n", env=WIDE)
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == len(pairs)
    for (_, shown), line in zip(pairs, lines, strict=True):
        assert shown in line
    assert_shown_safely(result.stderr)


def test_undecodable_stdin_bytes_become_replacement_characters(run: RunCli) -> None:
    result = run("colour", "-", input=b"Alpine White\nJava \xff\xfe Green\n")
    assert result.exit_code == 0
    assert "Alpine White" in result.stdout
    assert "Java Green  (from “Java \ufffd\ufffd Green”)" in result.stdout


@pytest.mark.parametrize(("typed", "shown"), HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_query_in_json_is_escaped_and_lossless(
    run: RunCli, validate_json, typed: str, shown: str
) -> None:
    result = run("colour", "--json", "--", typed)
    assert result.exit_code == 1
    assert_shown_safely(result.stdout, result.stderr)
    document = result.json()
    validate_json(document)
    assert document["not_found"][0]["query"] == typed  # a parser reads exactly what was typed


@pytest.mark.parametrize(("typed", "shown"), HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_query_in_jsonl_is_escaped_and_lossless(
    run: RunCli, validate_jsonl, typed: str, shown: str
) -> None:
    result = run("colour", "--jsonl", "--", typed, "Java Green")
    assert result.exit_code == 1
    assert_shown_safely(result.stdout, result.stderr)
    miss, found = validate_jsonl(result.stdout, "colour")  # one line each, whatever was typed
    assert miss["query"] == typed
    assert found["colour"]["id"] == "java-green"


def test_found_colour_keeps_the_hostile_query_escaped_in_its_title(run: RunCli) -> None:
    result = run("colour", "\u202eJava Green\x07")
    assert result.exit_code == 0
    assert "Java Green  (from “\\u202eJava Green\\x07”)" in result.stdout
    assert_shown_safely(result.stdout)


# --- Typer's own usage errors quote argv too ---------------------------------------------------


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["colour", "--bogus\x1b[2J\u202e"], "no option '--bogus\\x1b[2J\\u202e'"),
        (["colr\x1b]0;pwned\x07"], "no command 'colr\\x1b]0;pwned\\x07'"),
        (["list", "extra\u202e\x00"], "got unexpected extra argument(s) (extra\\u202e\\x00)"),
        (
            ["list", "--programme", "\x1b[2J"],
            "invalid value for '--programme': '\\x1b[2J' is not one of 'factory', "
            "'individual', 'unconfirmed'",
        ),
        (
            ["list", "--sort", "[bold red]x[/]"],
            "invalid value for '--sort': '[bold red]x[/]' is not one of 'rarity', 'name'",
        ),
    ],
    ids=["option", "command", "extra argument", "choice", "markup in a choice"],
)
def test_usage_errors_echo_argv_escaped(run: RunCli, args: list[str], error: str) -> None:
    result = run(*args, env=WIDE)
    assert result.exit_code == 2
    assert result.stdout == ""
    where = "m1lookup" if args[0].startswith("colr") else f"m1lookup {args[0]}"
    assert result.stderr == f"m1lookup: error: {error}\nm1lookup: try '{where} --help'\n"
    assert_shown_safely(result.stderr)


# --- emoji, combining characters, huge input ---------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "colour", "shown"),
    [
        ("Java Green 🏎️", "Java Green", "Java Green 🏎️"),
        ("Mo\u0301nte Carlo Blue", "Monte Carlo Blue", "Mo\u0301nte Carlo Blue"),  # o + accent
        ("ALPINWEISS", "Alpine White", "ALPINWEISS"),
        ("Alpinwei\u00df", "Alpine White", "Alpinwei\u00df"),
        # The zero-width joiners of a family emoji are shown, as every zero-width character is.
        ("👨\u200d👩\u200d👧 Sepang Bronze", "Sepang Bronze", "👨\\u200d👩\\u200d👧 Sepang Bronze"),
    ],
)
def test_emoji_and_combining_characters_still_find_the_colour(
    run: RunCli, typed: str, colour: str, shown: str
) -> None:
    result = run("colour", typed)
    assert result.exit_code == 0
    assert f"╭─ {colour}  (from “{shown}”)" in result.stdout


@pytest.mark.parametrize("typed", ["🏎️", "!!!", "\u0301\u0301"])
def test_query_with_nothing_to_look_up(run: RunCli, typed: str) -> None:
    result = run("colour", typed)
    assert result.exit_code == 1
    assert result.stderr == (
        f"m1lookup: “{typed}” has no letters or digits to look up. Try 'm1lookup list'.\n"
    )


TOO_LONG = (
    "m1lookup: “" + "x" * 60 + "… (1,000,000 characters)” is not a colour name:"
    " a name is at most 200 characters.\n"
)


def test_one_megabyte_query(run: RunCli, validate_json) -> None:
    result = run("colour", "x" * 1_000_000)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == TOO_LONG
    document = run("colour", "--json", "x" * 1_000_000).json()
    validate_json(document)
    assert document["not_found"][0]["reason"] == "too long"


def test_one_megabyte_line_on_stdin(run: RunCli) -> None:
    result = run("colour", "-", input="x" * 1_000_000 + "\nJava Green\n")
    assert result.exit_code == 1
    assert "╭─ Java Green" in result.stdout
    assert result.stderr == TOO_LONG


def test_hundred_thousand_lines_on_stdin_draw_one_panel_per_colour(run: RunCli) -> None:
    result = run("colour", "-", input="Java Green\n" * 100_000)
    assert result.exit_code == 0
    assert result.stdout.count("╭─") == 1
    assert result.stderr == ""


def test_ten_thousand_lines_on_stdin_as_json(run: RunCli, validate_json) -> None:
    # Every name gets its own answer in JSON: 2.5 kB each, so 100,000 would be 250 MB to parse.
    lines = ["Java Green"] * 9_990 + ["\x1b[2J"] * 10
    result = run("colour", "--json", "-", input="\n".join(lines) + "\n")
    assert result.exit_code == 1
    document = result.json(validate=False)  # 9,990 colour objects: one slice is checked below
    assert len(document["results"]) == 9_990
    assert {entry["colour"]["id"] for entry in document["results"]} == {"java-green"}
    assert [miss["query"] for miss in document["not_found"]] == ["\x1b[2J"] * 10
    validate_json({**document, "results": document["results"][:3]})
    assert result.stderr.count("\n") == 10
    assert_shown_safely(result.stdout, result.stderr)


# --- every string of a user's data file --------------------------------------------------------

EVIL = (
    "[bold red]Evil[/] [link=file:///etc/passwd]x[/link] [/] \x1b[2J \x1b]8;;http://evil\x1b\\"
    " \x00 \x07 \x9b \u202eRTL \u2066 🏎️ e\u0301"
)
EVIL_SHOWN = (
    "[bold red]Evil[/] [link=file:///etc/passwd]x[/link] [/] \\x1b[2J \\x1b]8;;http://evil\\x1b\\"
    " \\x00 \\x07 \\x9b \\u202eRTL \\u2066 🏎️ e\u0301"
)


def _toml(value: str) -> str:
    """``value`` as a TOML basic string, with every unprintable character as an escape."""
    return '"' + "".join(_toml_char(char) for char in value) + '"'


def _toml_char(char: str) -> str:
    if char.isprintable() and char not in '"\\':
        return char
    return f"\\u{ord(char):04x}" if ord(char) < 0x10000 else f"\\U{ord(char):08x}"


@pytest.fixture(scope="module")
def evil_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled dataset with EVIL in every kind of string a command shows."""
    lines = DATA_FILE.read_text(encoding="utf-8").splitlines()
    for start, new in [  # the one line that starts with `start`, and what replaces it
        ('name = "Java Green"', f"name = {_toml('Java ' + EVIL)}"),
        ('aliases = ["Java Grün", "Green Mamba"]', f'aliases = ["Green Mamba", {_toml(EVIL)}]'),
        ('plant = "BMW Plant Leipzig"', f"plant = {_toml(EVIL)}"),
        ('name = "United States"', f"name = {_toml('US ' + EVIL)}"),
        ('title = "BMW paint code"', f"title = {_toml(EVIL)}"),
        ('publisher = "Grokipedia"', f"publisher = {_toml(EVIL)}"),
        ('note = "Two secondary sources, neither of which cites one:', f"note = {_toml(EVIL)}"),
        ('note = "No source cited; unexplained [@autoblog', f"note = {_toml(EVIL)}"),
        ('colour_note = "Valencia Orange was the popular', f"colour_note = {_toml(EVIL)}"),
        ("count_note = \"'the only 1 Series M ever painted", f"count_note = {_toml(EVIL)}"),
        ("note = \"'uno dei 435 esemplari", f"note = {_toml(EVIL)}"),
        ('remark = "M package and Sport Design only"', f"remark = {_toml(EVIL)}"),
        ('note = "A dealer\'s hearsay before launch used this name', f"note = {_toml(EVIL)}"),
    ]:  # fmt: skip
        (number,) = [n for n, line in enumerate(lines) if line.startswith(start)]
        lines[number] = new
    path = tmp_path_factory.mktemp("evil") / "colours.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_hostile_data_file_is_valid(run: RunCli, evil_data: Path) -> None:
    assert run("validate", str(evil_data)).exit_code == 0


PEOPLE = [
    ["colour", "Java"],
    ["list"],
    ["stats"],
    ["sources"],
    ["markets"],
    ["tally", "-"],
]
MACHINES = [["list", "--csv"], ["stats", "--csv"], ["sources", "--csv"], ["markets", "--csv"]]
DOCUMENTS = [
    ["colour", "Java", "--json"],
    ["list", "--json"],
    ["stats", "--json"],
    ["sources", "--json"],
    ["markets", "--json"],
    ["tally", "-", "--json"],
]
TALLY_INPUT = "colour\nJava\nAlpine White\n"


@pytest.mark.parametrize("args", PEOPLE + MACHINES, ids=" ".join)
def test_hostile_data_is_shown_escaped(run: RunCli, evil_data: Path, args: list[str]) -> None:
    result = run(*args, "--data", str(evil_data), input=TALLY_INPUT, env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.stderr
    assert_shown_safely(result.stdout, result.stderr)
    flat = "".join(result.stdout.split())  # tables wrap, the text stays whole
    assert "".join(EVIL_SHOWN.split()) in flat


@pytest.mark.parametrize("args", DOCUMENTS, ids=" ".join)
def test_hostile_data_in_json_is_escaped_and_lossless(
    run: RunCli, validate_json, evil_data: Path, args: list[str]
) -> None:
    result = run(*args, "--data", str(evil_data), input=TALLY_INPUT)
    assert result.exit_code == 0, result.stderr
    assert_shown_safely(result.stdout, result.stderr)
    document = result.json()
    validate_json(document)
    strings = _strings(document)
    assert any(EVIL in value for value in strings)


@pytest.mark.parametrize("name", ["Le Mans Blue", "Jet Black"])
def test_hostile_catalogue_remark_and_misnaming_note_are_escaped(
    run: RunCli, validate_json, evil_data: Path, name: str
) -> None:
    result = run("colour", name, "--data", str(evil_data), env=WIDE)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert EVIL_SHOWN in result.stderr
    assert_shown_safely(result.stderr)
    document = run("colour", name, "--json", "--data", str(evil_data)).json()
    validate_json(document)
    (miss,) = document["not_found"]
    kept = miss["catalogue"]["remark"] if "catalogue" in miss else miss["misnaming"]["note"]
    assert kept == EVIL  # JSON keeps the data's string as it is
    assert EVIL_SHOWN in miss["message"]  # the message is the one shown on screen


@pytest.mark.parametrize(
    ("args", "command"),
    [(["colour", "Java", "--jsonl"], "colour"), (["tally", "-", "--jsonl"], "tally")],
    ids=["colour --jsonl", "tally --jsonl"],
)
def test_hostile_data_in_jsonl_is_escaped_and_lossless(
    run: RunCli, validate_jsonl, evil_data: Path, args: list[str], command: str
) -> None:
    result = run(*args, "--data", str(evil_data), input=TALLY_INPUT)
    assert result.exit_code == 0, result.stderr
    assert_shown_safely(result.stdout, result.stderr)
    lines = validate_jsonl(result.stdout, command)
    assert any(EVIL in value for value in _strings(lines))


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def test_hostile_data_in_validate_messages_is_escaped(run: RunCli, tmp_path: Path) -> None:
    text = DATA_FILE.read_text(encoding="utf-8")
    text = text.replace('programme = "individual"', f"programme = {_toml(EVIL)}", 1)
    path = tmp_path / "colours.toml"
    path.write_text(text, encoding="utf-8")
    result = run("validate", str(path), env=WIDE)
    assert result.exit_code == 1
    assert_shown_safely(result.stdout)
    assert "unknown value '[bold red]Evil[/]" in result.stdout
    failed = run("list", "--data", str(path))
    assert failed.exit_code == 2
    assert failed.stderr.count("\n") == 1
    assert_shown_safely(failed.stderr)


def test_hostile_data_path_is_shown_escaped(run: RunCli, tmp_path: Path) -> None:
    missing = tmp_path / "\x1b[2J\u202e.toml"
    result = run("list", "--data", str(missing))
    assert result.exit_code == 2
    assert "\\x1b[2J\\u202e.toml: cannot read the file" in result.stderr
    assert_shown_safely(result.stderr)
