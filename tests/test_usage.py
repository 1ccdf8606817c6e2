"""Usage errors in the tool's one-line style, and the examples at the end of every help page.

A usage error is two lines on stderr (the error, then where the help is), nothing on stdout,
exit 2. Every example a help page shows is run, and exits as the page says.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer.main import get_command
from typer.testing import CliRunner

from m1lookup.cli.app import app
from tests.conftest import COMMAND, RunCli, environment, run_cli

# --- usage errors -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "error", "help_command"),
    [
        (["colur"], "no command 'colur'. Did you mean 'colour'?", "m1lookup"),
        (["st"], "no command 'st'. Did you mean 'stats'?", "m1lookup"),
        (["colr"], "no command 'colr'. Did you mean 'colour'?", "m1lookup"),  # not hidden 'color'
        (["frobnicate"], "no command 'frobnicate'", "m1lookup"),
        (["--bogus"], "no option '--bogus'", "m1lookup"),
        (["list", "--jsno"], "no option '--jsno'. Did you mean '--json'?", "m1lookup list"),
        (
            ["stats", "--colour", "never"],
            "no option '--colour'. Did you mean '--color'?",
            "m1lookup stats",
        ),
        (["colour"], "missing argument 'NAME...'", "m1lookup colour"),
        (["color"], "missing argument 'NAME...'", "m1lookup color"),
        (["tally"], "missing argument 'FILE...'", "m1lookup tally"),
        (
            ["list", "--sort", "size"],
            "invalid value for '--sort': 'size' is not one of 'rarity', 'name'",
            "m1lookup list",
        ),
        (
            ["stats", "--color", "purple"],
            "invalid value for '--color': 'purple' is not one of 'auto', 'always', 'never'",
            "m1lookup stats",
        ),
        (["tally", "-", "--column"], "option '--column' requires an argument", "m1lookup tally"),
        (["list", "--json=yes"], "option '--json' does not take a value", "m1lookup list"),
        (["markets", "extra"], "got unexpected extra argument(s) (extra)", "m1lookup markets"),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else None,
)
def test_usage_error_is_one_line_and_a_hint(
    run: RunCli, args: list[str], error: str, help_command: str
) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (f"m1lookup: error: {error}\nm1lookup: try '{help_command} --help'\n")


def test_usage_error_from_the_installed_command() -> None:
    """The console script, not only the in-process runner: exact bytes, exit 2."""
    result = subprocess.run(
        [*COMMAND, "colur"], capture_output=True, env=environment(), check=False, timeout=60
    )
    assert result.returncode == 2
    assert result.stdout == b""
    assert result.stderr == (
        b"m1lookup: error: no command 'colur'. Did you mean 'colour'?\n"
        b"m1lookup: try 'm1lookup --help'\n"
    )


def test_the_hint_names_help_that_exists(run: RunCli) -> None:
    """``m1lookup list --help``, as the hint says, is the help of the command that failed."""
    hint = run("list", "--jsno").stderr.splitlines()[1]
    command = re.fullmatch(r"m1lookup: try 'm1lookup (.*)'", hint)
    assert command is not None
    shown = run(*command.group(1).split())
    assert shown.exit_code == 0
    assert "Usage: m1lookup list [OPTIONS]" in shown.stdout


def test_bare_command_shows_the_help(run: RunCli) -> None:
    result = run()
    assert result.exit_code == 2
    assert "Usage: m1lookup [OPTIONS] COMMAND [ARGS]..." in result.stdout
    assert result.stderr == ""


# --- each command built when it is asked for --------------------------------------------------


def built_commands(monkeypatch: pytest.MonkeyPatch, args: list[str]) -> list[str]:
    """The commands Typer builds while ``m1lookup ARGS`` runs, in order."""
    built: list[str] = []
    real = typer.main.get_command

    def recording(typer_app: typer.Typer) -> Any:
        command = real(typer_app)
        built.append(command.name or "")
        return command

    monkeypatch.setattr(typer.main, "get_command", recording)
    CliRunner().invoke(app, args, env={"COLUMNS": "80", "NO_COLOR": "1"})
    return built


def test_a_run_builds_only_the_command_it_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    assert built_commands(monkeypatch, ["colour", "Monte Carlo Blue", "--json"]) == ["colour"]


def test_help_lists_every_command_in_the_declared_order(monkeypatch: pytest.MonkeyPatch) -> None:
    built = built_commands(monkeypatch, ["--help"])
    assert built == [
        "colour",
        "color",
        "stats",
        "list",
        "sources",
        "markets",
        "tally",
        "check",
        "validate",
    ]


# --- examples at the end of every help page ---------------------------------------------------

EXIT_NOTE = re.compile(r"#\s*exit (\d+)\b")


def visible_commands() -> list[list[str]]:
    group = get_command(app)
    names = [name for name, command in group.commands.items() if not command.hidden]  # type: ignore[attr-defined]
    return [[], *([name] for name in names)]


def help_page(command: list[str]) -> str:
    result = CliRunner().invoke(
        app, [*command, "--help"], env={"COLUMNS": "80", "NO_COLOR": "1", "TERM": None}
    )
    assert result.exit_code == 0, result.output
    return result.stdout


def examples(page: str) -> list[str]:
    """The lines of the page's "Examples:" section, as typed at a prompt."""
    _, heading, section = page.partition("\n Examples:")
    assert heading, "no Examples section"
    return [line.strip() for line in section.splitlines() if line.strip()]


HELP_PAGES = {" ".join(command) or "m1lookup": help_page(command) for command in visible_commands()}
EXAMPLES = [(page, example) for page, text in HELP_PAGES.items() for example in examples(text)]


@pytest.mark.parametrize("page", HELP_PAGES)
def test_help_ends_with_two_or_three_examples(page: str) -> None:
    text = HELP_PAGES[page]
    shown = examples(text)
    assert 2 <= len(shown) <= 3
    command = "" if page == "m1lookup" else f"{page} "
    assert any(f"m1lookup {command}" in example for example in shown)
    # Last on the page, after the options panel; each example whole on its line at 80 columns
    # (a wrapped one would go on at the page's 1-space margin, not the examples' 5 spaces).
    assert text.rindex("╰") < text.index(" Examples:")
    section = text.partition("\n Examples:")[2]
    assert all(line.startswith("     ") for line in section.splitlines() if line.strip())


def test_examples_keep_their_line_breaks_and_indentation() -> None:
    lines = HELP_PAGES["colour"].rstrip().splitlines()
    assert [line.rstrip() for line in lines[-5:]] == [
        " Examples:",
        "",
        '     m1lookup colour "Monte Carlo Blue"',
        "     m1lookup colour 475 alpinweiss --json",
        '     m1lookup colour "Monte Carlo Bleu"    # exit 1: not found, suggestions',
    ]


@pytest.mark.skipif(sys.platform == "win32", reason="the examples are POSIX shell lines")
@pytest.mark.parametrize(("page", "example"), EXAMPLES)
def test_help_example_runs_as_documented(page: str, example: str, tmp_path: Path) -> None:
    """Run in bash with pipefail, ``m1lookup`` being this interpreter's m1lookup, in an empty
    directory (examples may write files); exit 0, or the ``# exit N`` the example notes."""
    for program in re.findall(r"\|\s*(\S+)", example):
        if program != "m1lookup" and shutil.which(program) is None:
            pytest.skip(f"{program} is not installed")
    expected = int(note.group(1)) if (note := EXIT_NOTE.search(example)) else 0
    script = f'm1lookup() {{ "{sys.executable}" -m m1lookup "$@"; }}\nset -o pipefail\n{example}\n'
    result = subprocess.run(
        ["bash", "-c", script],
        cwd=tmp_path,
        capture_output=True,
        env=environment(),
        check=False,
        timeout=60,
        text=True,
    )
    assert result.returncode == expected, result.stderr
    assert result.stdout or result.stderr or list(tmp_path.iterdir())  # it said or saved something
    if expected == 0:
        assert "error" not in result.stderr
    assert "Traceback" not in result.stderr


def test_every_page_has_examples_and_every_example_is_collected() -> None:
    """The test above cannot pass by finding nothing: all 9 pages, 2 to 3 examples each."""
    assert set(HELP_PAGES) == {
        "m1lookup",
        "colour",
        "stats",
        "list",
        "sources",
        "markets",
        "tally",
        "check",
        "validate",
    }
    assert 18 <= len(EXAMPLES) <= 27


@pytest.mark.parametrize(
    "name", ["colour", "stats", "list", "sources", "markets", "tally", "check", "validate"]
)
def test_every_help_text_is_shown_whole(name: str) -> None:
    """Typer reads help as Rich markup: a bracket such as 'm1lookup[png]' would vanish unless
    escaped. Each option's and argument's help is in its command's --help, word for word."""
    import typer.main

    command = typer.main.get_command(app).commands[name]  # type: ignore[attr-defined]
    shown = " ".join(run_help(name).replace("│", " ").split())
    for param in command.params:
        text = getattr(param, "help", None)
        if text:
            assert " ".join(text.replace("\\[", "[").split()) in shown, (name, text)


def run_help(name: str) -> str:
    result = run_cli(name, "--help", env={"COLUMNS": "1000"})
    assert result.exit_code == 0
    return result.stdout


@pytest.mark.parametrize(
    ("args", "answer"),
    [
        (["colour", "MCB", "--csv"], "'colour': its output formats are --json and --jsonl"),
        (["stats", "--jsonl"], "'stats': its output formats are --json and --csv"),
        (["validate", "--csv"], "'validate': its output format is --json"),
    ],
)
def test_a_format_only_other_commands_write_is_answered_with_this_ones(
    run: RunCli, args: list[str], answer: str
) -> None:
    """Not a near spelling (``--csv``: "Did you mean '--svg'?"), but what this command offers."""
    result = run(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"m1lookup: error: no option '{args[-1]}' for {answer}\n"
        f"m1lookup: try 'm1lookup {args[0]} --help'\n"
    )


def test_an_option_only_other_commands_take_names_them(run: RunCli) -> None:
    result = run("colour", "MCB", "--programme", "individual")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        "m1lookup: error: no option '--programme' for 'colour'; 'list' takes it"
    )
    typo = run("colour", "MCB", "--jsn")  # no command takes it: the near spelling, as before
    assert (
        typo.stderr.splitlines()[0] == "m1lookup: error: no option '--jsn'. Did you mean '--json'?"
    )
