"""Bounded work on any input (hostile round three): a small file or a long argument never costs
minutes or gigabytes. Each case was found slow or fatal before; the datasets are made here, not
committed. Each runs as a process with a time and memory limit, so that a regression fails
instead of only running slowly."""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

import pytest

from m1lookup.load.checks import MAX_STRING_CHARS
from m1lookup.load.dataset import MAX_KEY_PARTS
from tests.conftest import BASE, COMMAND, broken, environment, line_of

LIMIT_SECONDS = 20  # each case took 20 s to minutes before; now well under a second
LIMIT_BYTES = 1 << 30  # each case took gigabytes before


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT_BYTES, LIMIT_BYTES))


def bounded(
    *args: str, input: str | None = None, **variables: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*COMMAND, *args],
        input=input,
        stdin=subprocess.DEVNULL if input is None else None,
        capture_output=True,
        text=True,
        env=environment(COLUMNS="200", **variables),
        preexec_fn=_limit_memory,
        timeout=LIMIT_SECONDS,
        check=False,
    )


def _dotted_key_dataset(tmp_path: Path, parts: int) -> Path:
    """base.toml with one dotted key of ``parts`` parts at its end (126 KB for 40,000 parts)."""
    path = tmp_path / "dotted.toml"
    key = ".".join(["x"] * parts)
    path.write_text(BASE.read_text(encoding="utf-8") + f"\n{key} = 1\n", encoding="utf-8")
    return path


def test_a_key_of_40000_dotted_parts_is_a_problem_found_before_parsing(tmp_path: Path) -> None:
    path = _dotted_key_dataset(tmp_path, 40_000)
    line = len(BASE.read_text(encoding="utf-8").split("\n")) + 1
    result = bounded("validate", str(path))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{path}: 1 problem",
        f"  - TOML syntax (line {line}): a key of more than {MAX_KEY_PARTS} dotted parts"
        f" (at line {line}, column 1)",
    ]


@pytest.mark.parametrize("args", [("colour", "Java Green"), ("stats",), ("list", "--json")])
def test_a_key_of_40000_dotted_parts_is_refused_by_every_command(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    path = _dotted_key_dataset(tmp_path, 40_000)
    line = len(BASE.read_text(encoding="utf-8").split("\n")) + 1
    result = bounded(*args, "--data", str(path))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines()[0] == (
        f"m1lookup: error: {path}: TOML syntax error: a key of more than {MAX_KEY_PARTS}"
        f" dotted parts (at line {line}, column 1); run 'm1lookup validate {path}'"
    )


def test_a_dotted_key_tab_gives_nothing_at_once(tmp_path: Path) -> None:
    path = _dotted_key_dataset(tmp_path, 40_000)
    result = bounded("colour", "--data", str(path), "Ja", _M1LOOKUP_COMPLETE="complete_zsh")
    assert result.returncode == 0
    assert result.stdout == ""


def test_a_key_of_as_many_parts_as_allowed_is_read(tmp_path: Path) -> None:
    """The limit refuses only what no dataset needs: a key of MAX_KEY_PARTS parts still parses
    (and is then an unknown key to validate)."""
    path = _dotted_key_dataset(tmp_path, MAX_KEY_PARTS)
    result = bounded("validate", str(path))
    assert "dotted parts" not in result.stdout + result.stderr
    assert result.returncode == 1
    assert "unknown key" in result.stdout


def test_an_alias_of_metallic_20000_times_is_refused_quickly(tmp_path: Path) -> None:
    alias = "Java Green" + " metallic" * 20_000
    path = broken(tmp_path, ('aliases = ["Green Mamba"]', f'aliases = ["Green Mamba", "{alias}"]'))
    result = bounded("validate", str(path))
    assert result.returncode == 1
    line = line_of(path, "Green Mamba")
    assert (
        f"  - colours[java-green].aliases (line {line}): a string of {len(alias):,} characters;"
        f" at most {MAX_STRING_CHARS:,} are read"
    ) in result.stdout.splitlines()
    result = bounded("colour", "Java Green", "--data", str(path))
    assert result.returncode == 2
    assert "run 'm1lookup validate" in result.stderr


def test_folding_metallic_20000_times_takes_linear_time() -> None:
    """The fold stripped a trailing "metallic" with a pattern that backtracks quadratically
    (20 s for validate, 42 s for colour, before strings and queries were bounded too)."""
    script = (
        "from m1lookup.io.text import fold\n"
        "assert fold('Java Green' + ' Metallic' * 200_000) == 'java green'\n"
        "assert fold(' metallic' * 200_000 + 'x') == 'metallicx'\n"  # each word 'metallic' goes
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=LIMIT_SECONDS
    )
    assert result.returncode == 0, result.stderr


def test_a_one_megabyte_note_is_a_problem_not_a_picture(tmp_path: Path) -> None:
    note = "x" * 1_000_000
    path = broken(tmp_path, ('notes = "Seen at a meet [@forum-b]."', f'notes = "{note}"'))
    result = bounded("validate", str(path))
    assert result.returncode == 1
    line = line_of(path, "x" * 100)
    assert (
        f"  - colours[java-green].notes (line {line}): a string of 1,000,000 characters;"
        f" at most {MAX_STRING_CHARS:,} are read"
    ) in result.stdout.splitlines()
    result = bounded("colour", "Java Green", "--data", str(path), "--png", str(tmp_path / "x.png"))
    assert result.returncode == 2
    assert not (tmp_path / "x.png").exists()


def test_a_string_of_the_longest_length_is_read(tmp_path: Path) -> None:
    note = "x" * (MAX_STRING_CHARS - len(" [@forum-b]")) + " [@forum-b]"
    path = broken(tmp_path, ('notes = "Seen at a meet [@forum-b]."', f'notes = "{note}"'))
    result = bounded("validate", str(path))
    assert result.returncode == 0, result.stdout
