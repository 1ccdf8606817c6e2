"""Shell completion of colour names, through Typer's completion environment variables.

Each test runs ``python -m m1lookup`` with the variables that the script printed by
``m1lookup --show-completion SHELL`` sets, and checks the exact values the shell receives.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from m1lookup.dataset import Dataset
from m1lookup.query import ColourIndex, Found, spellings
from tests.conftest import MODULE, run_process


def run_m1lookup(
    *args: str, env: dict[str, str], home: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -m m1lookup ARGS`` with only the completion variables in ``env`` set (the
    caller's are dropped), output as text."""
    variables = {**env, "PYTHONUTF8": "1", **({"HOME": str(home)} if home else {})}
    result = run_process(*args, command=MODULE, env=variables)
    return subprocess.CompletedProcess(
        result.args, result.returncode, result.stdout.decode(), result.stderr.decode()
    )


def bash(*words: str, env: dict[str, str] | None = None) -> list[str]:
    """What bash puts in COMPREPLY on TAB after ``m1lookup colour WORDS`` (the last word typed
    so far). Typer's bash script passes the words as typed, one per line, and splits the answer
    at newlines only."""
    line = ["m1lookup", "colour", *words]
    result = run_m1lookup(
        env={
            "_M1LOOKUP_COMPLETE": "complete_bash",
            "COMP_WORDS": "\n".join(line),
            "COMP_CWORD": str(len(line) - 1),
            **(env or {}),
        }
    )
    assert result.returncode == 0
    assert result.stderr == ""
    return [value for value in result.stdout.split("\n") if value]


def zsh(typed: str) -> str:
    """The code Typer's zsh function evaluates on TAB after ``m1lookup colour TYPED``."""
    result = run_m1lookup(
        env={
            "_M1LOOKUP_COMPLETE": "complete_zsh",
            "_TYPER_COMPLETE_ARGS": f"m1lookup colour {typed}",
        }
    )
    assert result.returncode == 0
    assert result.stderr == ""
    return result.stdout.strip()


def fish(typed: str, action: str = "get-args") -> subprocess.CompletedProcess[str]:
    return run_m1lookup(
        env={
            "_M1LOOKUP_COMPLETE": "complete_fish",
            "_TYPER_COMPLETE_FISH_ACTION": action,
            "_TYPER_COMPLETE_ARGS": f"m1lookup colour {typed}",
        }
    )


def every_spelling(dataset: Dataset) -> list[str]:
    """Names, German names, aliases and paint codes, in the order of the data file."""
    return [
        spelling
        for colour in dataset.colours
        for spelling in (colour.name, colour.name_de, *colour.aliases, colour.paint_code)
        if spelling
    ]


# --- bash: inserts a value verbatim, so spaces come escaped ------------------------------------


@pytest.mark.parametrize(
    ("typed", "offered"),
    [
        ("mon", ["monte\\ Carlo\\ Blue", "monte\\ Carlo\\ Blau"]),
        ("MON", ["MONte\\ Carlo\\ Blue", "MONte\\ Carlo\\ Blau"]),
        ("alpinw", ["alpinweiß", "alpinweiß\\ III"]),
        ("saph", ["saphirschwarz"]),
        ("30", ["300"]),
        ("zzz", []),
    ],
)
def test_bash_offers_names_that_start_with_what_was_typed(typed: str, offered: list[str]) -> None:
    assert bash(typed) == offered


def test_bash_offers_every_spelling_for_an_empty_word(dataset: Dataset) -> None:
    assert bash("") == [spelling.replace(" ", "\\ ") for spelling in every_spelling(dataset)]


def test_bash_continues_a_word_with_escaped_spaces() -> None:
    # Bash inserted "monte\ Carlo\ Bl" for "mon"; the user typed "u" and pressed TAB again.
    assert bash("monte\\ Carlo\\ Blu") == ["monte\\ Carlo\\ Blue"]


def test_bash_inside_an_open_quote_offers_unescaped_values() -> None:
    assert bash('"Monte Car') == ["Monte Carlo Blue", "Monte Carlo Blau"]
    assert bash("'alpine w") == ["alpine white", "alpine white III"]


def test_bash_completes_the_second_name_and_the_hidden_color_spelling() -> None:
    assert bash("Java\\ Green", "saph") == ["saphirschwarz"]
    line = ["m1lookup", "color", "saph"]
    result = run_m1lookup(
        env={
            "_M1LOOKUP_COMPLETE": "complete_bash",
            "COMP_WORDS": "\n".join(line),
            "COMP_CWORD": "2",
        }
    )
    assert result.stdout.split() == ["saphirschwarz"]


def test_unreadable_or_invalid_data_offers_nothing_and_prints_nothing(tmp_path: Path) -> None:
    assert bash("--data", str(tmp_path / "missing.toml"), "mon") == []
    broken = tmp_path / "broken.toml"
    broken.write_text("schema_version = [", encoding="utf-8")
    assert bash("mon", env={"M1LOOKUP_DATA": str(broken)}) == []


# --- zsh and fish: they quote what they insert, and keep only values that start as typed -------


@pytest.mark.parametrize(
    ("typed", "offered"),
    [
        ("MON", ['"MONte Carlo Blue"', '"MONte Carlo Blau"']),
        ("alpinw", ['"alpinweiß"', '"alpinweiß III"']),
        ("saph", ['"saphirschwarz"']),
        ("30", ['"300"']),
    ],
)
def test_zsh_offers_unescaped_values(typed: str, offered: list[str]) -> None:
    assert zsh(typed) == "_arguments '*: :((" + "\n".join(offered) + "))'"


def test_zsh_mon_and_zzz() -> None:
    assert zsh("mon") == """_arguments '*: :(("monte Carlo Blue"\n"monte Carlo Blau"))'"""
    assert zsh("zzz") == "_files"  # Typer's answer when there is nothing to offer


def test_zsh_empty_word_offers_every_spelling(dataset: Dataset) -> None:
    offered = "\n".join(f'"{spelling}"' for spelling in every_spelling(dataset))
    assert zsh("") == f"_arguments '*: :(({offered}))'"


@pytest.mark.parametrize(
    ("typed", "offered"),
    [
        ("mon", ["monte Carlo Blue", "monte Carlo Blau"]),
        ("MON", ["MONte Carlo Blue", "MONte Carlo Blau"]),
        ("alpinw", ["alpinweiß", "alpinweiß III"]),
        ("saph", ["saphirschwarz"]),
        ("30", ["300"]),
    ],
)
def test_fish_offers_unescaped_values(typed: str, offered: list[str]) -> None:
    result = fish(typed)
    assert result.returncode == 0
    assert result.stdout.splitlines() == offered
    assert fish(typed, "is-args").returncode == 0  # colour names, not files


def test_fish_zzz_and_empty_word(dataset: Dataset) -> None:
    assert fish("zzz").stdout.strip() == ""
    assert fish("zzz", "is-args").returncode == 1
    assert fish("").stdout.splitlines() == every_spelling(dataset)


# --- Typer's --show-completion and --install-completion ----------------------------------------

SCRIPT_MARKS = {
    "bash": ["_M1LOOKUP_COMPLETE=complete_bash", "complete -o default -F _m1lookup_completion"],
    "zsh": ["_M1LOOKUP_COMPLETE=complete_zsh", "compdef _m1lookup_completion m1lookup"],
    "fish": ["_M1LOOKUP_COMPLETE=complete_fish", "complete --command m1lookup"],
}
INSTALLED_AT = {
    "bash": ".bash_completions/m1lookup.sh",
    "zsh": ".zfunc/_m1lookup",
    "fish": ".config/fish/completions/m1lookup.fish",
}
# Lets Typer take the shell as the option's value instead of detecting the running shell.
NAMED_SHELL = {"_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_show_completion_prints_the_script(shell: str) -> None:
    result = run_m1lookup("--show-completion", shell, env=NAMED_SHELL)
    assert result.returncode == 0
    for mark in SCRIPT_MARKS[shell]:
        assert mark in result.stdout


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_install_completion_writes_the_script(shell: str, tmp_path: Path) -> None:
    result = run_m1lookup("--install-completion", shell, env=NAMED_SHELL, home=tmp_path)
    assert result.returncode == 0
    assert f"{shell} completion installed in" in result.stdout
    script = (tmp_path / INSTALLED_AT[shell]).read_text(encoding="utf-8")
    for mark in SCRIPT_MARKS[shell]:
        assert mark in script


# --- the engine: completion agrees with lookup --------------------------------------------------


def test_every_offered_value_resolves_like_the_word_typed(dataset: Dataset) -> None:
    """For every start of every spelling, as written and in lower case: each offered value
    starts with the typed text and resolves exactly; the spelling's colour is among them; and
    when lookup resolves the typed text itself, every value names that same colour."""
    index = ColourIndex(dataset.colours)
    for colour in dataset.colours:
        for spelling, _ in spellings(colour):
            if spelling == colour.id:
                continue
            for written in (spelling, spelling.lower()):
                for end in range(1, len(written) + 1):
                    typed = written[:end]
                    offered = index.completions(typed)
                    outcomes = [index.lookup(value) for value in offered]
                    assert all(value.startswith(typed) for value in offered), typed
                    assert all(
                        isinstance(o, Found) and o.matched_by == "exact" for o in outcomes
                    ), typed
                    named = {o.colour.id for o in outcomes if isinstance(o, Found)}
                    assert colour.id in named, typed
                    resolved = index.lookup(typed)
                    if isinstance(resolved, Found):
                        assert named == {resolved.colour.id}, typed


def test_a_word_inside_a_name_offers_the_name(dataset: Dataset) -> None:
    """No name starts with "carlo", but lookup resolves it by its words: so does completion."""
    index = ColourIndex(dataset.colours)
    resolved = index.lookup("carlo")
    assert isinstance(resolved, Found)
    assert resolved.colour.id == "monte-carlo-blue"
    assert index.completions("carlo") == ["Monte Carlo Blue", "Monte Carlo Blau"]
