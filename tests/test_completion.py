"""Shell completion, through real bash, zsh and fish and through m1lookup's completion protocol.

The scripts are the ones ``m1lookup --install-completion SHELL`` installs. Sessions in a
pseudo-terminal (tests/shells.py) show what a user sees: the line after TAB, and what that
line passes to m1lookup when it runs. Bash's completion function is also called directly (with
COMP_LINE and COMP_POINT set, as readline sets them), and fish's through ``complete -C``.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from unittest import mock

import pytest

from m1lookup.cli.completion import colour_completions
from m1lookup.cli.completion_shells import (
    ANSI_C,
    DOUBLE,
    PENDING,
    SINGLE,
    UNQUOTED,
    bash_insertion,
    split_bash_line,
)
from m1lookup.cli.completion_shells import (
    script as completion_script,
)
from m1lookup.io.limits import MAX_INPUT_BYTES
from m1lookup.load.checks import MAX_STRING_CHARS
from m1lookup.lookup.query import ColourIndex, Found, spellings
from m1lookup.model.schema import Dataset
from tests import shells
from tests.conftest import DATA_FILE

# Colour names of the hostile dataset. {mark} is a file that no completion may ever create.
# The first two are the case that ran code in zsh with Typer's script: a name ending in a
# backslash, then one that closes zsh's list, runs a command and reopens it.
HOSTILE = (
    "Evil\\",
    ") ; touch {mark} ; ws=( ",
    "Quote's $(touch {mark}) `touch {mark}`",
    'Dq"; touch {mark}; "x',
    "Glob * ? [ab] {c,d} ~root !! #x",
    "Newline\nhere",
    "Tab\there",
    "Back\\slash\\",
)
# What is typed after ``m1lookup colour --data hostile.toml `` to complete one of them; the
# same keys mean the same in all three shells.
HOSTILE_TYPED = [
    ("Evil", 0),
    (r"\)\ \;\ to", 1),
    ("Quote", 2),
    ("'Quote", 2),
    ("Dq", 3),
    ('"Dq', 3),
    ("Glob", 4),
    ("'Glob", 4),
    ('"Glob', 4),
    ("Newline", 5),
    ("Tab", 6),
    ("Back", 7),
    ('"Back', 7),
]


def _toml(value: str) -> str:
    return json.dumps(value)  # a JSON string with \u escapes is a TOML basic string


def with_colours(folder: Path, names: list[str], file_name: str) -> Path:
    """The bundled dataset plus one colour (a copy of Sepang Bronze) for each of ``names``."""
    text = DATA_FILE.read_text(encoding="utf-8")
    start = text.index('[[colours]]\nid = "sepang-bronze"')
    end = text.index("\n\n", start) + 2
    template = text[start:end]
    colours = ""
    for number, name in enumerate(names):
        colour = template
        for old, new in [
            ('id = "sepang-bronze"', f'id = "added-{number}"'),
            ('name = "Sepang Bronze"', f"name = {_toml(name)}"),
            ("aliases = []", f'aliases = ["Alias number {number}"]'),
        ]:
            assert colour.count(old) == 1, old
            colour = colour.replace(old, new)
        colours += colour
    path = folder / file_name
    path.write_text(text[:end] + colours + text[end:], encoding="utf-8")
    return path


def hostile_dataset(folder: Path, mark: Path) -> Path:
    return with_colours(folder, hostile_names(mark), "hostile.toml")


def hostile_names(mark: Path) -> list[str]:
    return [name.replace("{mark}", str(mark)) for name in HOSTILE]


@pytest.fixture
def place(tmp_path: Path) -> dict[str, Path]:
    """A home, a working folder with a file in it, the program, a hostile dataset and a mark."""
    home, cwd = tmp_path / "home", tmp_path / "cwd"
    home.mkdir()
    cwd.mkdir()
    (cwd / "notes.txt").write_text("a file completion must not offer for a colour\n", "utf-8")
    mark = tmp_path / "MARK"
    return {
        "home": home,
        "cwd": cwd,
        "programs": shells.program_dir(tmp_path),
        "hostile": hostile_dataset(cwd, mark),
        "mark": mark,
    }


# --- the protocol ----------------------------------------------------------------------------

COMPLETION_VARIABLES = ("_M1LOOKUP_COMPLETE", "_TYPER_COMPLETE_ARGS", "COMP_WORDS", "COMP_CWORD")


def request(
    shell: str,
    *args: str,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    real: bool = False,
) -> tuple[list[str] | None, str]:
    """What m1lookup answers ``_M1LOOKUP_COMPLETE=shell m1lookup ARGS``: the records (None for
    an empty answer) and stderr. The exit status is 0 whatever was asked.

    In-process, through the entry point's own first step (``_run_app``) with the request in the
    environment and ``ARGS`` in ``sys.argv``; with ``real``, ``python -m m1lookup`` as a process."""
    environment = {k: v for k, v in os.environ.items() if k not in COMPLETION_VARIABLES}
    environment.pop("M1LOOKUP_DATA", None)
    environment.update({"_M1LOOKUP_COMPLETE": shell, "PYTHONUTF8": "1", **(env or {})})
    if real:
        result = subprocess.run(
            [sys.executable, "-m", "m1lookup", *args],
            env=environment,
            cwd=cwd,
            capture_output=True,
            check=False,
            timeout=20,  # a completion that blocks fails here instead of hanging the suite
        )
        code, stdout, stderr = result.returncode, result.stdout, result.stderr
    else:
        code, stdout, stderr = _request_in_process(args, environment, cwd)
    assert code == 0
    if not stdout:
        return None, stderr.decode("utf-8", "replace")
    records = stdout.decode("utf-8", "surrogateescape").split("\0")
    assert records[-1] == ""  # every record ends in NUL
    return records[:-1], stderr.decode("utf-8", "replace")


@contextlib.contextmanager
def _working_directory(path: Path | None) -> Iterator[None]:
    before = os.getcwd()
    if path is not None:
        os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def _request_in_process(
    args: tuple[str, ...], environment: dict[str, str], cwd: Path | None
) -> tuple[int, bytes, bytes]:
    from m1lookup.cli.app import _run_app

    out, err = io.BytesIO(), io.BytesIO()
    with (
        mock.patch.dict(os.environ, environment, clear=True),
        mock.patch.object(sys, "argv", ["m1lookup", *args]),
        mock.patch.object(sys, "stdout", io.TextIOWrapper(out, encoding="utf-8")),
        mock.patch.object(sys, "stderr", io.TextIOWrapper(err, encoding="utf-8")),
        _working_directory(cwd),
    ):
        code = _run_app()
        sys.stdout.flush()
        sys.stderr.flush()
        return code, out.getvalue(), err.getvalue()


def values(
    shell: str, *words: str, env: dict[str, str] | None = None, real: bool = False
) -> list[str]:
    """The values zsh or fish gets for the words (the last one being completed)."""
    records, stderr = request(shell, *words, env=env, real=real)
    assert stderr == ""
    assert records is not None
    assert records[0] == "values"
    return records[1:]


@pytest.mark.parametrize(
    ("typed", "offered"),
    [
        ("mon", ["monte Carlo Blue"]),  # once
        ("MON", ["MONte Carlo Blue"]),
        ("mc b", ["mc blue"]),  # the alias, when only it fits
        ("alpinw", ["alpinweiß"]),
        ("alpinweis", ["alpinweiss"]),  # ß folds to ss, and lookup finds it exactly
        ("saph", ["saphirschwarz"]),
        ("mcb", []),  # a search spelling, which no source gives, is found but never offered
        ("30", ["300"]),
        ("o", ["orange"]),  # a word inside a name: that word, not the whole name
        ("O", ["Orange"]),
        ("zzz", []),
        ("!!", []),
    ],
)
def test_values_start_with_what_was_typed(dataset: Dataset, typed: str, offered: list[str]) -> None:
    assert colour_completions(dataset.colours, typed) == offered


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_zsh_and_fish_get_the_values_unquoted(shell: str) -> None:
    assert values(shell, "colour", "mon") == ["monte Carlo Blue"]
    assert values(shell, "colour", "java ") == ["java Green"]


def test_an_empty_word_offers_every_colour_once_by_its_name(dataset: Dataset) -> None:
    assert values("zsh", "colour", "") == [colour.name for colour in dataset.colours]


def test_the_second_name_and_the_hidden_color_command_complete() -> None:
    assert values("fish", "colour", "Java Green", "saph") == ["saphirschwarz"]
    assert values("fish", "color", "saph") == ["saphirschwarz"]
    assert values("fish", "co") == ["colour"]  # the hidden spelling is not offered


@pytest.mark.parametrize(
    ("words", "offered"),
    [
        (["colour", "--j"], ["--json", "--jsonl"]),
        (["list", "--sort", ""], ["rarity", "name"]),
        (["list", "--sort=r"], ["--sort=rarity"]),
        (["list", "--programme", "f"], ["factory"]),
        (["tally", "cars.csv", "--column", ""], []),
        (["--install-completion", ""], ["bash", "zsh", "fish"]),
        (["s"], ["stats", "sources"]),
    ],
)
def test_commands_options_and_their_values(words: list[str], offered: list[str]) -> None:
    assert values("zsh", *words) == offered


def test_option_names_are_the_commands_own() -> None:
    offered = values("zsh", "colour", "--")
    assert {"--json", "--svg", "--data", "--help"} <= set(offered)
    assert "-h" not in offered  # it does not start with --
    assert "--sort" not in offered  # list's, not colour's


@pytest.mark.parametrize(
    "words",
    [
        ["colour", "--data", ""],
        ["colour", "--data=co"],
        ["colour", "Java", "--svg", "pic"],
        ["tally", ""],
        ["validate", "da"],
    ],
)
def test_file_names_where_a_file_is_expected(words: list[str]) -> None:
    assert request("zsh", *words) == (["files"], "")


def test_a_value_that_would_be_read_as_an_option_is_offered_only_after_double_dash(
    tmp_path: Path,
) -> None:
    dashes = "--svg=/tmp/owned.svg Sepang"
    data = str(with_colours(tmp_path, [dashes], "dashes.toml"))
    assert dashes not in values("fish", "colour", "--data", data, "")
    assert "Sepang Bronze" in values("fish", "colour", "--data", data, "")
    assert dashes in values("fish", "colour", "--data", data, "--", "")


# --- completion never blocks and never fails loudly -------------------------------------------


def test_a_fifo_device_directory_or_huge_dataset_gives_nothing_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "data.fifo"
    os.mkfifo(fifo)  # no writer: reading it would wait for ever
    huge = tmp_path / "huge.toml"
    with huge.open("wb") as handle:
        handle.truncate(MAX_INPUT_BYTES + 1)
    for path in (fifo, Path("/dev/zero"), tmp_path, huge):
        for shell in ("zsh", "fish"):
            assert values(shell, "colour", "--data", str(path), "mon", real=True) == [], path
        assert values("zsh", "colour", "mon", env={"M1LOOKUP_DATA": str(path)}, real=True) == []


def test_unreadable_or_invalid_data_gives_nothing(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("schema_version = [", encoding="utf-8")
    assert values("zsh", "colour", "--data", str(tmp_path / "missing.toml"), "mon") == []
    assert values("zsh", "colour", "mon", env={"M1LOOKUP_DATA": str(broken)}) == []
    assert values("zsh", "colour", "--data", "", "mon") == []


def test_long_colour_names_cost_a_tab_no_time(tmp_path: Path) -> None:
    """Before: typing ``X-`` against a name of 100,000 x's took 6 minutes, quadratic in the
    name's length; such a name is now invalid, but 4,000 characters are not (0.35 s each before,
    so 200 such colours took over a minute). Spellings over MAX_SPELLING are not offered."""
    huge = str(with_colours(tmp_path, ["x" * 100_000], "huge.toml"))  # invalid: no values
    long = [f"{'x' * (MAX_STRING_CHARS - 4)}{number:04d}" for number in range(200)]
    data = str(with_colours(tmp_path, long, "long.toml"))
    started = time.monotonic()
    for typed in ("X-", "xxx", "x" * 5_000):
        assert values("zsh", "colour", "--data", huge, typed) == [], typed
        assert values("zsh", "colour", "--data", data, typed) == [], typed
    assert time.monotonic() - started < 20  # six TABs; each process starts in well under 1 s
    assert values("zsh", "colour", "--data", data, "sep") == ["sepang Bronze"]


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_zsh_and_fish_get_no_value_they_would_insert_with_an_invisible_character(
    shell: str, tmp_path: Path
) -> None:
    """zsh and fish write a newline or ESC in a value as a visible escape, but insert U+202E,
    zero-width characters and (fish) C1 controls raw: such values are left out."""
    names = ["Rlo\u202eevil", "Zw\u200bspace", "Csi\x9bx", "Nl\nx", "Esc\x1bx"]
    data = str(with_colours(tmp_path, names, "invisible.toml"))
    for typed in ("Rlo", "Zw", "Csi"):
        assert values(shell, "colour", "--data", data, typed) == [], typed
    assert values(shell, "colour", "--data", data, "Nl") == ["Nl\nx"]
    assert values(shell, "colour", "--data", data, "Esc") == ["Esc\x1bx"]


@pytest.mark.parametrize(
    ("shell", "args", "env"),
    [
        # Typer's protocol, which its old installed scripts still speak: never answered.
        ("complete_bash", [], {"COMP_WORDS": "m1lookup\ncolour\nmon", "COMP_CWORD": "abc"}),
        ("complete_bash", [], {"COMP_WORDS": "m1lookup\ncolour\nmon", "COMP_CWORD": "99"}),
        ("complete_bash", [], {"COMP_CWORD": "-1"}),
        ("complete_zsh", [], {"_TYPER_COMPLETE_ARGS": "m1lookup colour --data x.toml "}),
        ("complete_fish", [], {"_TYPER_COMPLETE_ARGS": "m1lookup colour 'unclosed"}),
        ("source_bash", [], {}),
        # Ours, malformed.
        ("bash", [], {}),
        ("bash", ["mon"], {}),
        ("bash", ["mon", "m1lookup colour mon", "extra"], {}),
        ("zsh", [], {}),
        ("fish", [], {}),
        ("", ["colour", "mon"], {}),
        ("powershell", ["colour", "mon"], {}),
    ],
)
def test_malformed_requests_get_no_answer_and_no_traceback(
    shell: str, args: list[str], env: dict[str, str]
) -> None:
    assert request(shell, *args, env=env) == (None, "")


def test_odd_words_never_fail() -> None:
    for words in (["colour", "--data"], ["nosuchcommand", ""], ["colour", "--", "--"], [""]):
        records, stderr = request("fish", *words)
        assert stderr == ""
        assert records is not None


# --- bash: the function the script defines, called as readline calls it ---------------------

BASH_CALL = r"""
source "$SCRIPT"
compopt() { printf 'compopt %s\n' "$*" >&2; }  # records the fallback to file names
COMP_LINE=$1 COMP_POINT=${#1}
_m1lookup_completion m1lookup "$2" ""
(( ${#COMPREPLY[@]} )) && printf '%s\0' "${COMPREPLY[@]}"
exit 0
"""


BashComplete = Callable[..., tuple[list[str], str]]


@pytest.fixture
def bash_completion(tmp_path: Path) -> BashComplete:
    script = tmp_path / "m1lookup.bash"
    script.write_text(completion_script("bash", None), encoding="utf-8")
    programs = shells.program_dir(tmp_path)

    def complete(line: str, word: str | None = None) -> tuple[list[str], str]:
        """COMPREPLY for ``line`` (the cursor at its end), and what went to stderr. ``word``
        is readline's word, which the function gets as $2: by default the line's last word."""
        if word is None:
            word = line.rsplit(" ", 1)[-1]
        result = subprocess.run(
            ["bash", "--norc", "--noprofile", "-c", BASH_CALL, "bash", line, word],
            env={**shells.environment(tmp_path, programs), "SCRIPT": str(script)},
            capture_output=True,
            check=False,
            timeout=20,
        )
        assert result.returncode == 0, result.stderr
        reply = result.stdout.decode("utf-8").split("\0")[:-1]
        return reply, result.stderr.decode("utf-8")

    return complete


@pytest.mark.parametrize(
    ("line", "word", "reply"),
    [
        ("m1lookup colour mon", None, ["monte\\ Carlo\\ Blue"]),
        ("m1lookup colour alpinw", None, ["alpinweiß"]),
        ("m1lookup colour zzz", None, []),
        ("m1lookup colour monte\\ Carlo\\ Blu", "monte\\ Carlo\\ Blu", ["monte\\ Carlo\\ Blue"]),
        ('m1lookup colour "Monte Car', "Monte Car", ["Monte Carlo Blue"]),
        ("m1lookup colour 'alpine w", "alpine w", ["alpine white"]),
        ("m1lookup colour $'alpine w", "alpine w", ["alpine white"]),
        ("m1lookup colour Java\\ Green saph", None, ["saphirschwarz"]),
        ("m1lookup color saph", None, ["saphirschwarz"]),
        ("m1lookup colour valencia o", None, ["orange"]),
        ("m1lookup list --sort=r", "r", ["rarity"]),  # readline's word starts after the =
        ("m1lookup colour mon\\", None, []),  # a backslash waits for its character
        ("m1lookup co", None, ["colour"]),
    ],
)
def test_bash_reply_continues_the_word_as_typed(
    bash_completion: BashComplete, line: str, word: str | None, reply: list[str]
) -> None:
    assert bash_completion(line, word) == (reply, "")


def test_bash_empty_word_offers_every_name_escaped(
    bash_completion: BashComplete, dataset: Dataset
) -> None:
    names = [colour.name.replace(" ", "\\ ") for colour in dataset.colours]
    assert bash_completion("m1lookup colour ", "") == (names, "")


def test_bash_offers_files_only_where_a_file_is_expected(bash_completion: BashComplete) -> None:
    complete = bash_completion
    assert complete("m1lookup colour no") == ([], "")
    for line in ("m1lookup colour --data ", "m1lookup tally ", "m1lookup stats > "):
        assert complete(line, "") == ([], "compopt -o default\n"), line


# --- bash quoting: every value, in every quote, read back by bash itself ---------------------

TRICKY = [
    "plain",
    "Monte Carlo Blue",
    "Alpinweiß",
    "Evil\\",
    "trailing backslash \\",
    ") ; touch {mark} ; ws=( ",
    "$(touch {mark}) `touch {mark}` ${HOME} $HOME",
    "it's \"quoted\" 'twice'",
    "* ? [a-z] {a,b} ~ ~root #not-a-comment !! !$ ^x^y",
    "new\nline, tab\t, CR\r, ESC\x1b[2J, DEL\x7f",
    "bidi \u202e and \u2066, NBSP\u00a0, zero width\u200b",
    "= : @ % + , . / -",
    "😀 e\u0301",
]


def test_bash_insertion_reads_back_as_the_value_in_every_quote(tmp_path: Path) -> None:
    mark = tmp_path / "MARK"
    tricky = [value.replace("{mark}", str(mark)) for value in TRICKY]
    quotes = [("", UNQUOTED, ""), ("'", SINGLE, "'"), ('"', DOUBLE, '"'), ("$'", ANSI_C, "'")]
    lines = []
    for value in tricky:
        for opening, quote, closing in quotes:
            # Three characters typed (as a user types them), the rest inserted.
            typed = opening + bash_insertion("", value[:3], quote)
            parsed = split_bash_line(f"m1lookup {typed}")
            assert (parsed.current, parsed.quote) == (value[:3], quote), typed
            inserted = bash_insertion("", value[3:], quote)
            assert inserted.isprintable(), inserted  # nothing reaches the command line raw
            lines.append(f"printf '%s\\0' {typed}{inserted}{closing}")
    result = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", "\n".join(lines)],
        capture_output=True,
        check=False,
        timeout=20,
        cwd=tmp_path,
    )
    assert result.stderr == b""
    read_back = result.stdout.decode("utf-8", "surrogateescape").split("\0")[:-1]
    assert read_back == [value for value in tricky for _ in quotes]
    assert not mark.exists()


@pytest.mark.parametrize(
    ("line", "words", "current", "quote", "redirect"),
    [
        ("m1lookup colour mon", ["m1lookup", "colour"], "mon", UNQUOTED, False),
        ("m1lookup colour ", ["m1lookup", "colour"], "", UNQUOTED, False),
        ("m1lookup  'a b'\"c d\"e\\ f $'\\x41\\u00df\\n' g", None, "g", UNQUOTED, False),
        ("m1lookup --data ~/x.toml 2>/dev/null mon", ["m1lookup", "--data", "~/x.toml"],
         "mon", UNQUOTED, False),
        ("m1lookup colour > out", ["m1lookup", "colour"], "out", UNQUOTED, True),
        ("m1lookup colour 'Monte C", ["m1lookup", "colour"], "Monte C", SINGLE, False),
        ('m1lookup colour x"y \\$z', ["m1lookup", "colour"], "xy $z", DOUBLE, False),
        ("m1lookup colour $'a\\'b", ["m1lookup", "colour"], "a'b", ANSI_C, False),
        ("m1lookup colour mon\\", ["m1lookup", "colour"], "mon", PENDING, False),
        ("m1lookup colour li\\\nne", ["m1lookup", "colour"], "line", UNQUOTED, False),
    ],
)  # fmt: skip
def test_split_bash_line(
    line: str, words: list[str] | None, current: str, quote: str, redirect: bool
) -> None:
    parsed = split_bash_line(line)
    assert (parsed.current, parsed.quote, parsed.redirect) == (current, quote, redirect)
    if words is None:
        words = ["m1lookup", "a bc de f", "Aß\n"]
    assert parsed.words == words


# --- fish: complete -C, fish's own non-interactive completion ---------------------------------


def fish_complete(place: dict[str, Path], line: str) -> list[str]:
    script = place["home"] / "m1lookup.fish"
    script.write_text(completion_script("fish", None), encoding="utf-8")
    result = subprocess.run(
        ["fish", "--no-config", "-c", f"source {script}; complete -C {line!r}"],
        env=shells.environment(place["home"], place["programs"]),
        cwd=place["cwd"],
        capture_output=True,
        check=False,
        timeout=20,
    )
    assert result.stderr == b""
    return [row.split("\t")[0] for row in result.stdout.decode("utf-8").splitlines()]


@pytest.mark.skipif(not shells.available("fish"), reason="fish is not installed")
def test_fish_complete_command(place: dict[str, Path]) -> None:
    assert fish_complete(place, "m1lookup colour mon") == ["monte Carlo Blue"]
    assert fish_complete(place, "m1lookup colour valencia o") == ["orange"]
    assert fish_complete(place, "m1lookup colour no") == []  # not notes.txt
    assert fish_complete(place, "m1lookup colour --data no") == ["notes.txt"]
    assert fish_complete(place, "m1lookup colour --data hostile.toml Tab") == []  # tab: see below


# --- real shells, as a user types ------------------------------------------------------------


def session(
    shell: str, place: dict[str, Path], compinit_first: bool = True, program: Path | None = None
) -> shells.Session:
    if not shells.available(shell):
        pytest.skip(f"{shell} is not installed (.ci/run installs it)")
    shells.install(shell, place["home"], place["programs"], compinit_first, program)
    return shells.Session(shell, place["home"], place["programs"], place["cwd"])


@pytest.mark.parametrize("shell", shells.SHELLS)
def test_real_shell_completes_colour_names_on_the_first_tab(
    shell: str, place: dict[str, Path]
) -> None:
    typing = session(shell, place)
    try:
        assert typing.complete("m1lookup colour mon") == "m1lookup colour monte\\ Carlo\\ Blue "
        assert typing.run() == ["colour", "monte Carlo Blue"]
        assert typing.complete("m1lookup colour 'Monte") == "m1lookup colour 'Monte Carlo Blue' "
        assert typing.run() == ["colour", "Monte Carlo Blue"]
        # No colour starts with "no": nothing, not the file notes.txt.
        assert typing.complete("m1lookup colour no") == "m1lookup colour no"
        typing.clear()
        # A word of a name continues as that word; the typed text is never replaced.
        assert typing.complete("m1lookup colour valencia o") == "m1lookup colour valencia orange "
        assert typing.run() == ["colour", "valencia", "orange"]
        assert typing.complete("m1lookup colour --data no") == "m1lookup colour --data notes.txt "
        typing.clear()
    finally:
        typing.close()


def test_zsh_first_tab_works_when_compinit_autoloads_the_file(place: dict[str, Path]) -> None:
    typing = session("zsh", place, compinit_first=False)
    try:
        assert typing.complete("m1lookup colour mon") == "m1lookup colour monte\\ Carlo\\ Blue "
    finally:
        typing.close()


@pytest.mark.parametrize("shell", shells.SHELLS)
def test_real_shell_with_a_fifo_dataset_does_not_hang(shell: str, place: dict[str, Path]) -> None:
    os.mkfifo(place["cwd"] / "data.fifo")
    typing = session(shell, place)
    try:  # the line comes back (within shells.WAIT) unchanged
        assert typing.complete("m1lookup colour --data data.fifo mon") == (
            "m1lookup colour --data data.fifo mon"
        )
    finally:
        typing.close()


def test_fish_suggests_no_file_name_where_a_colour_goes(place: dict[str, Path]) -> None:
    """fish's autosuggestion runs no completion condition: before, ``m1lookup colour a`` showed
    ``apt.log`` in grey, and the right arrow took it. ``cat a`` shows the suggestion works."""
    (place["cwd"] / "apt.log").write_text("", encoding="utf-8")
    typing = session("fish", place)
    try:
        assert typing.accept_suggestion("cat a", shown="pt.log") == "cat apt.log "
        typing.clear()
        assert typing.accept_suggestion("m1lookup colour a") == "m1lookup colour a"
        typing.clear()
        assert typing.accept_suggestion("m1lookup colour --data no") == (
            "m1lookup colour --data no"  # a suggestion is one guess: none, but TAB completes
        )
        assert typing.complete("") == "m1lookup colour --data notes.txt "
        typing.clear()
    finally:
        typing.close()


@pytest.mark.parametrize("shell", shells.SHELLS)
def test_real_shell_never_inserts_an_invisible_character_raw(
    shell: str, place: dict[str, Path]
) -> None:
    """A colour named ``Rlo<U+202E>evil``: bash inserts the character as ``$'\\xe2\\x80\\xae'``;
    zsh and fish, which would insert it raw, are offered nothing."""
    with_colours(place["cwd"], ["Rlo\u202eevil"], "rlo.toml")
    typing = session(shell, place)
    prefix = "m1lookup colour --data rlo.toml "
    try:
        line = typing.complete(prefix + "Rlo")
        assert "\u202e" not in line
        if shell == "bash":
            assert line == prefix + "Rlo$'\\xe2\\x80\\xae'evil "
            assert typing.run() == ["colour", "--data", "rlo.toml", "Rlo\u202eevil"]
        else:
            assert line == prefix + "Rlo"
            typing.clear()
    finally:
        typing.close()


@pytest.mark.parametrize("shell", shells.SHELLS)
def test_real_shell_never_runs_a_strangers_m1lookup(shell: str, place: dict[str, Path]) -> None:
    """``./m1lookup col<TAB>`` in a folder holding someone else's m1lookup: before, bash, zsh and
    fish ran it. Now a TAB completes only for the m1lookup on PATH (also typed as its path) or
    the one completion was installed by."""
    stranger = place["cwd"] / "m1lookup"
    stranger.write_text(f"#!/bin/sh\ntouch '{place['mark']}'\n", encoding="utf-8")
    stranger.chmod(0o755)
    # Not on PATH; its path, written into the script, must stay one word that runs nothing.
    elsewhere = shells.python_program(place["home"].parent / f"it's $(touch {place['mark']})")
    typing = session(shell, place, program=elsewhere)
    try:
        assert typing.complete("./m1lookup col") == "./m1lookup col"
        typing.clear()
        assert typing.complete(f"{place['cwd']}/m1lookup col") == f"{place['cwd']}/m1lookup col"
        typing.clear()
        assert not place["mark"].exists()
        assert typing.complete("m1lookup col") == "m1lookup colour "
        typing.clear()
        on_path = place["programs"] / "m1lookup"
        assert typing.complete(f"{on_path} col") == f"{on_path} colour "
        typing.clear()
        # Bash finds no completion for a quoted command word: backslashes, as all three read.
        typed = re.sub(r"([^\w/.-])", r"\\\1", str(elsewhere))
        assert typing.complete(f"{typed} col") == f"{typed} colour "
        typing.clear()
        assert not place["mark"].exists()
    finally:
        typing.close()


@pytest.mark.parametrize("shell", shells.SHELLS)
def test_real_shell_hostile_dataset_runs_nothing(shell: str, place: dict[str, Path]) -> None:
    """Each hostile name completes to exactly itself, and nothing runs: not on TAB, not when the
    line runs. Fish cannot offer a value with a tab (it reads a tab as the start of a help text)."""
    names = hostile_names(place["mark"])
    typed_cases = [*HOSTILE_TYPED, *([("$'Newline", 5)] if shell != "fish" else [])]
    typing = session(shell, place)
    prefix = "m1lookup colour --data hostile.toml "
    try:
        for typed, number in typed_cases:
            line = typing.complete(prefix + typed)
            assert not place["mark"].exists(), typed
            if shell == "fish" and "\t" in names[number]:
                assert line == prefix + typed
                typing.clear()
                continue
            assert line != prefix + typed, typed
            assert typing.run() == ["colour", "--data", "hostile.toml", names[number]], typed
            assert not place["mark"].exists(), typed
        # Every name at once, as Typer's zsh script evaluated them.
        assert typing.complete(prefix).startswith(prefix)
        typing.clear()
        assert not place["mark"].exists()
    finally:
        typing.close()


# --- --show-completion and --install-completion ----------------------------------------------


def m1lookup(
    *args: str,
    home: Path | str | None,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    run_as: tuple[str, ...] = (),
) -> subprocess.CompletedProcess[str]:
    """Run m1lookup with HOME set to ``home`` (unset if None), by ``run_as`` (such as setpriv)."""
    environment = {k: v for k, v in os.environ.items() if k not in COMPLETION_VARIABLES}
    for name in ("HOME", "ZDOTDIR", "XDG_CONFIG_HOME", "M1LOOKUP_DATA"):
        environment.pop(name, None)
    if home is not None:
        environment["HOME"] = str(home)
    environment.update({"PYTHONUTF8": "1", **(env or {})})
    return subprocess.run(
        [*run_as, sys.executable, "-m", "m1lookup", *args],
        env=environment,
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=60,
    )


@pytest.mark.parametrize("shell", shells.SHELLS)
def test_show_completion_prints_the_installed_script(shell: str, tmp_path: Path) -> None:
    result = m1lookup("--show-completion", shell, home=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        completion_script(shell, None),
        "",
    )
    assert list(tmp_path.iterdir()) == []  # showing writes nothing


BASH_LINE = "source '{home}/.bash_completions/m1lookup.sh'  # m1lookup completion\n"
ZSH_LINE = (
    "fpath+=('{home}/.zfunc'); (( $+functions[compdef] )) && autoload -Uz _m1lookup && "
    "compdef _m1lookup m1lookup  # m1lookup completion\n"
)


@pytest.mark.parametrize(
    ("shell", "script", "startup", "line"),
    [
        ("bash", ".bash_completions/m1lookup.sh", ".bashrc", BASH_LINE),
        ("zsh", ".zfunc/_m1lookup", ".zshrc", ZSH_LINE),
        ("fish", ".config/fish/completions/m1lookup.fish", None, None),
    ],
)
def test_install_writes_the_script_and_one_line_once(
    shell: str, script: str, startup: str | None, line: str | None, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    if startup is not None:
        (home / startup).write_text("# mine, without a final newline", encoding="utf-8")
    for _ in range(2):  # the second time adds nothing
        # From bash, whatever shell is named: the argument decides.
        result = m1lookup("--install-completion", shell, home=home, env={"SHELL": "/bin/bash"})
        assert result.returncode == 0, result.stderr
        assert result.stdout == ""
    assert (home / script).read_text(encoding="utf-8") == completion_script(shell, None)
    written = sorted(str(path.relative_to(home)) for path in home.rglob("*") if path.is_file())
    assert written == sorted([script, *([startup] if startup else [])])
    if startup is not None and line is not None:
        expected = "# mine, without a final newline\n" + line.format(home=home)
        assert (home / startup).read_text(encoding="utf-8") == expected
    assert f"wrote {home / script}" in result.stderr


def test_install_zsh_adds_no_global_settings(tmp_path: Path) -> None:
    assert m1lookup("--install-completion", "zsh", home=tmp_path).returncode == 0
    zshrc = (tmp_path / ".zshrc").read_text(encoding="utf-8")
    assert zshrc == ZSH_LINE.format(home=tmp_path)
    assert "zstyle" not in zshrc
    assert "compinit" not in zshrc


def test_install_honours_zdotdir_and_xdg_config_home(tmp_path: Path) -> None:
    zdotdir, config = tmp_path / "zdot", tmp_path / "config"
    env = {"ZDOTDIR": str(zdotdir), "XDG_CONFIG_HOME": str(config)}
    assert m1lookup("--install-completion", "zsh", home=tmp_path, env=env).returncode == 0
    assert m1lookup("--install-completion", "fish", home=tmp_path, env=env).returncode == 0
    assert (zdotdir / ".zshrc").exists()
    assert not (tmp_path / ".zshrc").exists()
    assert (config / "fish" / "completions" / "m1lookup.fish").exists()


def test_install_keeps_a_symlinked_startup_file(tmp_path: Path) -> None:
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    (dotfiles / "bashrc").write_text("alias ll='ls -l'\n", encoding="utf-8")
    (tmp_path / ".bashrc").symlink_to(dotfiles / "bashrc")
    assert m1lookup("--install-completion", "bash", home=tmp_path).returncode == 0
    assert (tmp_path / ".bashrc").is_symlink()
    assert (dotfiles / "bashrc").read_text(encoding="utf-8") == (
        "alias ll='ls -l'\n" + BASH_LINE.format(home=tmp_path)
    )


@pytest.mark.parametrize(
    ("home", "zdotdir", "error"),
    [
        ("", None, "HOME is empty; {fix}"),
        ("relative/home", None, "HOME is not a full path ('relative/home'); {fix}"),
        ("{tmp}", "zdot", "ZDOTDIR is not a full path ('zdot'); {fix}"),
    ],
)
def test_install_with_an_empty_or_relative_home_is_refused(
    home: str, zdotdir: str | None, error: str, tmp_path: Path
) -> None:
    """Before: an empty HOME wrote /.bashrc; a relative one wrote into the current folder."""
    env = {"ZDOTDIR": zdotdir} if zdotdir else {}
    for shell in ("bash", "zsh", "fish"):
        if zdotdir and shell != "zsh":
            continue
        result = m1lookup(
            "--install-completion", shell, home=home.format(tmp=tmp_path), env=env, cwd=tmp_path
        )
        assert (result.returncode, result.stdout) == (2, "")
        problem = error.format(fix="set it to the full path of a folder")
        assert result.stderr == f"m1lookup: error: cannot install {shell} completion: {problem}\n"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(
    os.geteuid() != 0 or not shells.available("setpriv"), reason="needs root and setpriv"
)
def test_install_with_no_home_at_all_is_one_line_exit_2(tmp_path: Path) -> None:
    """A user id with no passwd entry and no HOME, as under ``docker run --user 54321``.
    Before: a RuntimeError traceback."""
    import pwd

    uid = 54321
    with pytest.raises(KeyError):
        pwd.getpwuid(uid)
    tmp_path.chmod(0o777)
    run_as = ("setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups")
    result = m1lookup("--install-completion", "bash", home=None, cwd=tmp_path, run_as=run_as)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "m1lookup: error: cannot install bash completion: HOME is not set and user id 54321 has "
        "no entry in the password database; set HOME to your home folder\n"
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("shell", ["bash", "zsh"])
def test_install_with_a_fifo_startup_file_is_refused_at_once(shell: str, tmp_path: Path) -> None:
    """Before: a ~/.bashrc that is a FIFO hung the install (m1lookup's timeout here is 60 s)."""
    startup = tmp_path / f".{shell}rc"
    os.mkfifo(startup)
    result = m1lookup("--install-completion", shell, home=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        f"m1lookup: error: cannot install {shell} completion: {startup}: not a regular file\n"
    )
    assert [path.name for path in tmp_path.iterdir()] == [startup.name]  # nothing written


def test_install_writes_through_a_symlinked_script_and_keeps_the_link(tmp_path: Path) -> None:
    """A script that links into a dotfiles folder: before, the link was replaced by a plain
    file. Now the file it points to is replaced whole (io.files.write_atomically)."""
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    kept = dotfiles / "m1lookup.fish"
    kept.write_text("# an old script\n", encoding="utf-8")
    link = tmp_path / ".config" / "fish" / "completions" / "m1lookup.fish"
    link.parent.mkdir(parents=True)
    link.symlink_to(kept)
    result = m1lookup("--install-completion", "fish", home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert link.is_symlink()
    assert os.readlink(link) == str(kept)
    assert kept.read_text(encoding="utf-8") == completion_script("fish", None)
    assert sorted(path.name for path in dotfiles.iterdir()) == ["m1lookup.fish"]  # no temp file


@pytest.mark.skipif(not shells.available("zsh"), reason="zsh is not installed")
@pytest.mark.parametrize("compinit", [False, True])
def test_install_zsh_says_when_compinit_does_not_run(compinit: bool, tmp_path: Path) -> None:
    """Before: "works in new sessions" also where zsh's completion system is off, as in a
    .zshrc without compinit. m1lookup asks the user's own zsh (zsh -i) whether compinit ran."""
    # Ubuntu's /etc/zsh/zshrc runs compinit unless this is set: the case must not depend on it.
    (tmp_path / ".zshenv").write_text("skip_global_compinit=1\n", encoding="utf-8")
    zshrc = tmp_path / ".zshrc"
    zshrc.write_text(shells.ZSH_COMPINIT + "\n" if compinit else "# no compinit\n", "utf-8")
    result = m1lookup("--install-completion", "zsh", home=tmp_path)
    assert result.returncode == 0, result.stderr
    last = result.stderr.splitlines()[-1]
    if compinit:
        assert last == "m1lookup: zsh completion works in zsh sessions started from now on"
    else:
        assert last == (
            "m1lookup: zsh's completion system is off: compinit did not run in 'zsh -i', so TAB "
            f"offers nothing; add this line to the end of {zshrc}: autoload -Uz compinit && "
            "compinit"
        )
        # The line it names is the one that makes TAB work.
        with zshrc.open("a", encoding="utf-8") as file:
            file.write(last.rsplit(": ", 1)[1] + "\n")
        result = m1lookup("--install-completion", "zsh", home=tmp_path)
        assert result.stderr.splitlines()[-1].endswith("works in zsh sessions started from now on")


def test_install_into_an_unwritable_home_is_one_line_exit_2(tmp_path: Path) -> None:
    home = tmp_path / "not-a-folder"
    home.write_text("", encoding="utf-8")
    result = m1lookup("--install-completion", "fish", home=home)
    assert result.returncode == 2
    assert result.stderr.startswith("m1lookup: error: cannot install fish completion: ")
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize("option", ["--install-completion", "--show-completion"])
def test_a_shell_must_be_named(option: str, tmp_path: Path) -> None:
    for args in ([option], [option, "powershell"]):
        result = m1lookup(*args, home=tmp_path)
        assert result.returncode == 2
        assert option in result.stderr
    assert list(tmp_path.iterdir()) == []


# --- colour names: completion agrees with lookup -----------------------------------------------


def test_every_offered_value_starts_as_typed_and_resolves_to_the_colour(dataset: Dataset) -> None:
    """For every start of every spelling, as written and in lower case: each value starts with
    the typed text and lookup finds it exactly; the spelling's colour is among them; and when
    lookup resolves the typed text itself, every value names that same colour."""
    index = ColourIndex(dataset.colours)
    for colour in dataset.colours:
        for spelling, _ in spellings(colour):
            if spelling == colour.id:
                continue
            for written in (spelling, spelling.lower()):
                for end in range(1, len(written) + 1):
                    typed = written[:end]
                    offered = colour_completions(dataset.colours, typed)
                    outcomes = [index.lookup(value) for value in offered]
                    assert all(value.startswith(typed) for value in offered), typed
                    assert all(
                        isinstance(o, Found) and o.matched_by == "exact" for o in outcomes
                    ), typed
                    named = [o.colour.id for o in outcomes if isinstance(o, Found)]
                    assert colour.id in named, typed
                    assert len(named) == len(set(named)), typed  # each colour once
                    resolved = index.lookup(typed)
                    if isinstance(resolved, Found):
                        assert set(named) == {resolved.colour.id}, typed


def test_a_word_inside_a_name_completes_as_that_word(dataset: Dataset) -> None:
    """No name starts with "carl", but lookup finds a name by its words: so does completion,
    with the word, which lookup resolves to the same colour."""
    index = ColourIndex(dataset.colours)
    for typed, offered in [("carl", ["carlo"]), ("carlo bl", ["carlo blue"]), ("MAM", ["MAMba"])]:
        assert colour_completions(dataset.colours, typed) == offered
    outcome = index.lookup("carlo")
    assert isinstance(outcome, Found)
    assert outcome.colour.id == "monte-carlo-blue"
