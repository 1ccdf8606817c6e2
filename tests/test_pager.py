"""Long output on a terminal goes through a pager, as in git and gh; never a pipe's output.

The CLI runs in-process with stdout a made-up terminal of a set size (``on_fake_terminal``); the
pagers are shell scripts that record what they were given (their standard input, arguments and
``LESS``). Signals reach a process: those tests, and one smoke test, run the console script on a
real pseudo-terminal, as do a pager's failures, which the process boundary reports.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from m1lookup.io.text import preview
from m1lookup.render.terminal import pager_command
from tests.conftest import (
    colour_parameters,
    imports_of,
    in_terminal,
    on_fake_terminal,
    run_cli,
)

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
Runner = Callable[..., tuple[int, bytes, bytes]]

ROWS = 24  # stats and markets are taller; list is not
STATS_END = b"These counts are shown as unknown, never estimated."
RECORDER = """#!/bin/sh
printf '%s\\n' "$@" > "$0.args"
printf '%s' "${LESS-unset}" > "$0.less"
cat > "$0.input"
"""


def recorder(folder: Path, name: str = "pager") -> Path:
    script = folder / name
    script.write_text(RECORDER, encoding="utf-8")
    script.chmod(0o755)
    return script


def on_terminal(*args: str, rows: int = ROWS, **variables: str) -> tuple[int, bytes, bytes]:
    """In-process with stdout a rows x 100 terminal: exit code, what the screen got, stderr."""
    return on_fake_terminal(*args, rows=rows, TERM="xterm-256color", **variables)


def on_real_terminal(*args: str, rows: int = ROWS, **variables: str) -> tuple[int, bytes, bytes]:
    """The console script with stdout on a rows x 100 pseudo-terminal."""
    return in_terminal(*args, rows=rows, TERM="xterm-256color", **variables)


@pytest.mark.parametrize("run_on", [on_terminal, on_real_terminal], ids=["in-process", "real"])
def test_long_output_on_a_terminal_goes_through_the_pager(run_on: Runner, tmp_path: Path) -> None:
    pager = recorder(tmp_path)
    code, screen, stderr = run_on("stats", M1LOOKUP_PAGER=str(pager))
    assert (code, stderr) == (0, b"")
    paged = Path(f"{pager}.input").read_bytes()
    assert paged.count(b"\n") > ROWS
    assert STATS_END in paged
    assert colour_parameters(paged)  # drawn for the terminal: less -R shows the colours
    assert screen == b""  # all of it went to the pager


def test_pager_variables_in_order(tmp_path: Path) -> None:
    ours, theirs = recorder(tmp_path, "ours"), recorder(tmp_path, "theirs")
    on_terminal("markets", M1LOOKUP_PAGER=str(ours), PAGER=str(theirs))
    assert Path(f"{ours}.input").exists()
    assert not Path(f"{theirs}.input").exists()
    on_terminal("markets", M1LOOKUP_PAGER="", PAGER=f"{theirs} --flag 'two words'")
    assert Path(f"{theirs}.args").read_text(encoding="utf-8") == "--flag\ntwo words\n"


def test_default_pager_is_less_frx(tmp_path: Path) -> None:
    """No M1LOOKUP_PAGER, no PAGER: ``less -FRX``; LESS=FRX given to it when the user has none,
    and the user's LESS kept when there is one."""
    less = recorder(tmp_path, "less")
    path = f"{tmp_path}{os.pathsep}{os.environ['PATH']}"
    code, screen, _ = on_terminal("stats", PATH=path)
    assert (code, screen) == (0, b"")
    assert Path(f"{less}.args").read_text(encoding="utf-8") == "-FRX\n"
    assert Path(f"{less}.less").read_text(encoding="utf-8") == "FRX"
    on_terminal("stats", PATH=path, LESS="-i")
    assert Path(f"{less}.less").read_text(encoding="utf-8") == "-i"


def test_no_pager_prints_to_the_terminal(tmp_path: Path) -> None:
    pager = recorder(tmp_path)
    code, screen, _ = on_terminal("stats", "--no-pager", M1LOOKUP_PAGER=str(pager))
    assert code == 0
    assert not Path(f"{pager}.input").exists()
    assert STATS_END in screen


def test_output_that_fits_is_not_paged(tmp_path: Path) -> None:
    pager = recorder(tmp_path)
    code, screen, _ = on_terminal("list", M1LOOKUP_PAGER=str(pager))
    assert code == 0
    assert not Path(f"{pager}.input").exists()
    assert b"Sepang Bronze" in screen


def test_the_prompt_line_counts(tmp_path: Path) -> None:
    """Output exactly as tall as the screen would push its first line away: paged."""
    pager = recorder(tmp_path)
    lines = run_cli("colour", "Monte Carlo Blue").stdout.count("\n")
    on_terminal("colour", "Monte Carlo Blue", rows=lines + 1, M1LOOKUP_PAGER=str(pager))
    assert not Path(f"{pager}.input").exists()
    on_terminal("colour", "Monte Carlo Blue", rows=lines, M1LOOKUP_PAGER=str(pager))
    assert Path(f"{pager}.input").exists()


def test_piped_output_is_never_paged(tmp_path: Path) -> None:
    pager = recorder(tmp_path)
    result = run_cli("stats", "--color", "always", env={"M1LOOKUP_PAGER": str(pager), "LINES": "5"})
    assert result.exit_code == 0
    assert STATS_END.decode() in result.stdout
    assert not Path(f"{pager}.input").exists()


def test_json_on_a_terminal_is_never_paged(tmp_path: Path) -> None:
    pager = recorder(tmp_path)
    code, screen, _ = on_terminal("stats", "--json", M1LOOKUP_PAGER=str(pager))
    assert code == 0
    assert screen.startswith(b'{\n  "schema_version"')
    assert not Path(f"{pager}.input").exists()


@pytest.mark.parametrize(
    "pager",
    ["/nonexistent/pager", "'unbalanced", "/dev/null"],
    ids=["missing", "unparsable", "not executable"],
)
def test_a_pager_that_cannot_start_falls_back_to_printing(pager: str) -> None:
    code, screen, stderr = on_terminal("stats", M1LOOKUP_PAGER=pager)
    assert (code, stderr) == (0, b"")
    assert STATS_END in screen


def test_never_colour_is_paged_plain(tmp_path: Path) -> None:
    pager = recorder(tmp_path)
    on_terminal("stats", "--color", "never", M1LOOKUP_PAGER=str(pager))
    assert b"\x1b" not in Path(f"{pager}.input").read_bytes()


@pytest.mark.parametrize(
    ("environ", "command"),
    [
        ({}, "less -FRX"),
        ({"PAGER": "more"}, "more"),
        ({"PAGER": "more", "M1LOOKUP_PAGER": "most -s"}, "most -s"),
        ({"PAGER": "more", "M1LOOKUP_PAGER": " "}, "more"),
        ({"PAGER": ""}, "less -FRX"),
    ],
)
def test_pager_command(environ: dict[str, str], command: str) -> None:
    assert pager_command(environ) == command


def test_ctrl_c_in_the_pager_does_not_end_m1lookup(tmp_path: Path) -> None:
    """Ctrl-C reaches the whole foreground group; it is the pager's to handle, as in git."""
    pager = tmp_path / "pager"
    pager.write_text('#!/bin/sh\nkill -INT "$PPID"\nsleep 0.2\ncat > "$0.input"\n')
    pager.chmod(0o755)
    code, _, stderr = on_real_terminal("stats", M1LOOKUP_PAGER=str(pager))
    assert (code, stderr) == (0, b"")
    assert STATS_END in Path(f"{pager}.input").read_bytes()


def test_the_pager_is_imported_only_for_a_terminal() -> None:
    """Drawing for a pipe, and --json, import none of the pager's modules."""
    for args in (["stats"], ["stats", "--json"]):
        code, modules = imports_of(*args)
        assert code == 0
        assert "shlex" not in modules
    assert "m1lookup.render.terminal" not in imports_of("stats", "--json")[1]


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc")
def test_the_pager_itself_can_be_interrupted(tmp_path: Path) -> None:
    """m1lookup ignores Ctrl-C while the pager runs; the pager does not inherit that."""
    pager = tmp_path / "pager"
    pager.write_text('#!/bin/sh\ngrep SigIgn /proc/$$/status > "$0.ignored"\ncat > /dev/null\n')
    pager.chmod(0o755)
    assert on_real_terminal("stats", M1LOOKUP_PAGER=str(pager))[0] == 0
    ignored = int(Path(f"{pager}.ignored").read_text().split()[1], 16)
    assert not ignored & (1 << (2 - 1))  # SIGINT is signal 2


# --- a pager that fails (hostile round three) ---------------------------------------------------
# The failed write becomes exit 2 and its one line at the process boundary (io.streams.run):
# these run the console script.


def test_a_pager_that_fails_is_an_error_not_exit_0() -> None:
    """M1LOOKUP_PAGER=false showed nothing and the run still ended with 0."""
    code, screen, stderr = on_real_terminal("stats", M1LOOKUP_PAGER="false")
    assert code == 2
    assert stderr == (
        b"m1lookup: error: cannot write standard output: the pager (false) failed with exit"
        b" status 1\n"
    )
    assert screen == b""


def test_a_pager_that_is_killed_is_an_error(tmp_path: Path) -> None:
    pager = tmp_path / "pager"
    pager.write_text('#!/bin/sh\nkill -KILL "$$"\n')
    pager.chmod(0o755)
    code, _, stderr = on_real_terminal("stats", M1LOOKUP_PAGER=str(pager))
    assert code == 2
    shown = preview(str(pager))
    assert (
        stderr
        == (
            "m1lookup: error: cannot write standard output:"
            f" the pager ({shown}) was ended by SIGKILL\n"
        ).encode()
    )


def test_sigterm_while_paging_ends_the_pager_too(tmp_path: Path) -> None:
    """A pager left running after m1lookup ended went on reading the terminal: it ate the next
    keystroke typed at the shell."""
    pager = tmp_path / "pager"
    pager.write_text(
        '#!/bin/sh\necho $$ > "$0.pid"\nkill -TERM "$PPID"\nexec sleep 30 >/dev/null\n',
        encoding="utf-8",
    )
    pager.chmod(0o755)
    code, _, stderr = on_real_terminal("stats", M1LOOKUP_PAGER=str(pager))
    assert code == -15  # ended by SIGTERM, as a shell expects
    assert stderr == b""
    pid = int(Path(f"{pager}.pid").read_text())
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
