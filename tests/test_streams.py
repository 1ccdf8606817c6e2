"""Output is complete or the exit code says it is not; signals end a run without a traceback.

Most of these run the installed console script with standard output or standard error closed,
full or short, and with signals sent at chosen moments.
"""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from m1lookup.io import streams
from tests.conftest import COMMAND, POSIX, environment, run_cli, run_process

STDOUT_FULL = b"m1lookup: error: cannot write standard output: No space left on device\n"
STDOUT_CLOSED = b"m1lookup: error: cannot write standard output: it is closed\n"


def run_with(
    args: list[str], *, close: tuple[int, ...] = (), stdout: Any = subprocess.PIPE, **kw: Any
) -> subprocess.CompletedProcess[bytes]:
    """Run m1lookup with the given descriptors closed, as ``>&-`` and ``2>&-`` leave them."""

    def close_descriptors() -> None:
        for descriptor in close:
            os.close(descriptor)

    return subprocess.run(
        [*COMMAND, *args],
        stdin=subprocess.DEVNULL,
        stdout=stdout,
        stderr=subprocess.PIPE,
        env=kw.pop("env", environment()),
        preexec_fn=close_descriptors,
        check=False,
        timeout=60,
        **kw,
    )


# --- short writes -------------------------------------------------------------------------------


class _ShortBuffer(io.RawIOBase):
    """A buffer that takes at most ``most`` bytes per write, sometimes none for now (None)."""

    def __init__(self, most: int) -> None:
        self.most = most
        self.taken = bytearray()
        self.calls = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int | None:
        self.calls += 1
        if self.calls % 3 == 0:
            return None  # a non-blocking stream that is full for the moment
        chunk = bytes(data[: self.most])
        self.taken += chunk
        return len(chunk)


class _Stdout:
    def __init__(self, buffer: _ShortBuffer) -> None:
        self.buffer = buffer

    def flush(self) -> None:
        pass


def test_short_writes_are_continued_until_every_byte_is_written(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    buffer = _ShortBuffer(most=1000)
    monkeypatch.setattr(sys, "stdout", _Stdout(buffer))
    data = bytes(range(256)) * 400  # 102,400 bytes
    streams.write_out(data)
    assert bytes(buffer.taken) == data
    streams.write_out("Alpinweiß\n")
    assert bytes(buffer.taken) == data + "Alpinweiß\n".encode()


def test_a_write_that_takes_nothing_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    buffer = _ShortBuffer(most=0)
    monkeypatch.setattr(sys, "stdout", _Stdout(buffer))
    with pytest.raises(streams.StdoutError, match="cannot write standard output"):
        streams.write_out(b"{}")


# A non-blocking pipe takes what fits and says EAGAIN: an unbuffered stdout (PYTHONUNBUFFERED=1,
# common in containers) then makes short writes, which were ignored: the JSON was cut, exit 0.
@POSIX
@pytest.mark.skipif(not hasattr(os, "set_blocking"), reason="needs os.set_blocking")
@pytest.mark.parametrize("unbuffered", [True, False], ids=["PYTHONUNBUFFERED", "buffered"])
@pytest.mark.parametrize("args", [["colour", "-", "--json"], ["stats"]], ids=" ".join)
def test_a_non_blocking_stdout_gets_every_byte(unbuffered: bool, args: list[str]) -> None:
    import fcntl
    import time

    reading, writing = os.pipe()
    if hasattr(fcntl, "F_SETPIPE_SZ"):
        fcntl.fcntl(writing, fcntl.F_SETPIPE_SZ, 4096)  # so that even a table fills it
    os.set_blocking(writing, False)
    names = b"Java Green\nAlpine White\n" * 1_000
    variables = {"PYTHONUNBUFFERED": "1"} if unbuffered else {}
    process = subprocess.Popen(
        [*COMMAND, *args],
        stdin=subprocess.PIPE,
        stdout=writing,
        stderr=subprocess.PIPE,
        env=environment(**variables),
    )
    os.close(writing)
    assert process.stdin is not None
    process.stdin.write(names)
    process.stdin.close()
    time.sleep(0.5)  # let the writer meet a full pipe
    received = bytearray()
    with os.fdopen(reading, "rb") as pipe:
        while chunk := pipe.read(65536):
            received += chunk
    assert process.wait(timeout=60) == 0
    assert process.stderr is not None
    assert process.stderr.read() == b""
    expected = subprocess.run(
        [*COMMAND, *args], input=names, capture_output=True, env=environment(), check=True
    ).stdout
    assert bytes(received) == expected


# --- full and closed standard output -------------------------------------------------------------

EVERY_WRITER = [
    ["list"],
    ["list", "--json"],
    ["stats", "--csv"],
    ["colour", "Java Green"],
    ["colour", "Java Green", "--json"],
    ["colour", "Java Green", "--svg", "-"],
    ["--version"],
    ["--help"],
]


@POSIX
@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args", EVERY_WRITER, ids=" ".join)
def test_full_stdout_is_one_line_and_exit_2(args: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        result = run_with(args, stdout=full)
    assert result.stderr == STDOUT_FULL
    assert result.returncode == 2


@POSIX
@pytest.mark.parametrize("args", EVERY_WRITER, ids=" ".join)
def test_closed_stdout_is_one_line_and_exit_2(args: list[str]) -> None:
    result = run_with(args, close=(1,), stdout=subprocess.DEVNULL)
    assert result.stderr == STDOUT_CLOSED
    assert result.returncode == 2


@POSIX
def test_closed_stdout_with_nothing_to_write_keeps_the_exit_code() -> None:
    result = run_with(["colour", "nosuchcolour"], close=(1,), stdout=subprocess.DEVNULL)
    assert result.returncode == 1
    assert result.stderr.startswith(b"m1lookup: no colour matches")


# --- closed standard error ----------------------------------------------------------------------


@POSIX
@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["list"], 0),
        (["colour", "Java Green", "--json"], 0),
        (["colour", "nosuchcolour"], 1),
        (["validate", str(Path(__file__).parent / "fixtures" / "broken" / "ten-problems.toml")], 1),
        (["colour"], 2),  # a usage error, which Typer draws on stderr
        (["list", "--data", "/nonexistent/colours.toml"], 2),
        (["colour", "Java Green", "--svg", "picture.txt"], 2),
    ],
    ids=["list", "json", "miss", "validate problems", "usage", "missing data", "svg name"],
)
def test_closed_stderr_keeps_the_exit_code(args: list[str], code: int, tmp_path: Path) -> None:
    result = run_with(args, close=(2,), cwd=tmp_path)
    assert result.returncode == code
    assert b"Traceback" not in result.stdout


@POSIX
@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize(("args", "code"), [(["list"], 0), (["colour", "x"], 1), (["colour"], 2)])
def test_full_stderr_keeps_the_exit_code(args: list[str], code: int) -> None:
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [*COMMAND, *args],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=full,
            env=environment(),
            check=False,
            timeout=60,
        )
    assert result.returncode == code


# --- signals ------------------------------------------------------------------------------------

# Runs the console script's entry point, sending the signal to itself when a module is imported.
_SIGNAL_AT_IMPORT = textwrap.dedent(
    """
    import builtins, os, signal, sys
    module, signum = sys.argv[1], int(sys.argv[2])
    sys.argv = ["m1lookup", *sys.argv[3:]]
    real_import = builtins.__import__
    def hooked(name, *args, **kwargs):
        if name == module:
            builtins.__import__ = real_import
            os.kill(os.getpid(), signum)
        return real_import(name, *args, **kwargs)
    builtins.__import__ = hooked
    from m1lookup.cli.app import main
    main()
    """
)


@POSIX
@pytest.mark.parametrize(
    ("module", "args"),
    [
        ("typer", ["list"]),  # while the command line's own modules load
        ("rich.console", ["list"]),  # while drawing starts, inside the command
        ("m1lookup.render.json", ["stats", "--json"]),
        ("m1lookup.io.files", ["stats", "--svg", "stats.svg"]),  # checking the --svg target
    ],
    ids=["start-up", "drawing", "json", "svg"],
)
def test_ctrl_c_at_any_moment_ends_by_sigint_without_a_traceback(
    module: str, args: list[str], tmp_path: Path
) -> None:
    """Ended by SIGINT itself, which a shell reports as 130 (and a script's loop stops on)."""
    result = subprocess.run(
        [sys.executable, "-c", _SIGNAL_AT_IMPORT, module, str(int(signal.SIGINT)), *args],
        capture_output=True,
        env=environment(),
        cwd=tmp_path,
        check=False,
        timeout=60,
    )
    assert b"Traceback" not in result.stderr
    assert result.stderr == b""
    assert result.returncode == -signal.SIGINT
    assert list(tmp_path.iterdir()) == []  # no picture, no temporary file


@POSIX
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP], ids=str)
def test_signal_while_waiting_for_stdin_ends_by_that_signal(signum: int) -> None:
    process = subprocess.Popen(
        [*COMMAND, "colour", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment(),
    )
    assert process.stdin is not None
    process.stdin.write(b"Java Green\n")
    process.stdin.flush()
    # The process is blocked reading stdin once it has the first line but no end of input.
    _wait_until_reading(process.pid)
    process.send_signal(signum)
    _, errors = process.communicate(timeout=60)
    assert b"Traceback" not in errors
    assert errors == b""
    assert process.returncode == -signum


def _wait_until_reading(pid: int) -> None:
    """Until the process has slept for a while (blocked reading stdin), at most ten seconds.

    Sent earlier, the signal still ends the run by itself (start-up lets it); this only makes
    sure the usual case, a command waiting for its input, is the one tried.
    """
    import time

    deadline, asleep = time.monotonic() + 10, 0
    while time.monotonic() < deadline and asleep < 5:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):  # no /proc: give start-up a generous second
            time.sleep(1)
            return
        asleep = asleep + 1 if state == "S" else 0
        time.sleep(0.02)


@POSIX
def test_an_inherited_ignore_of_sigint_stays() -> None:
    """A background job of a non-interactive shell ignores SIGINT; m1lookup must not undo that."""
    script = _SIGNAL_AT_IMPORT.replace(
        "from m1lookup.cli.app",
        "signal.signal(signal.SIGINT, signal.SIG_IGN)\nfrom m1lookup.cli.app",
    )
    result = subprocess.run(
        [sys.executable, "-c", script, "typer", str(int(signal.SIGINT)), "colour", "Java Green"],
        capture_output=True,
        env=environment(),
        check=False,
        timeout=60,
    )
    assert result.returncode == 0
    assert b"Java Green" in result.stdout


# --- terminal size ------------------------------------------------------------------------------


COLUMNS_CASES = [
    (["stats"], 0),
    (["colour", "Java Green"], 0),
    (["list"], 0),
    (["--help"], 0),
    (["colour"], 2),  # Typer's usage error box, drawn on stderr
]


@pytest.mark.parametrize("columns", ["99999999999", "\u00b2", "abc", "0", "-3"])
@pytest.mark.parametrize(
    ("args", "code"), COLUMNS_CASES, ids=["stats", "colour", "list", "help", "usage error"]
)
def test_columns_is_held_to_a_sane_range(columns: str, args: list[str], code: int) -> None:
    """COLUMNS=99999999999 made Rich pad lines until memory ran out; ² (a digit to isdigit,
    not to int) was a traceback. Now at most 1,000 and at least 20 columns, else Rich's own.

    In-process, with the environment held as the console script's start-up holds it; the test
    below runs the console script itself."""
    environ = {"COLUMNS": columns, "TERMINAL_WIDTH": columns}
    streams.sane_terminal_size(environ)
    result = run_cli(*args, env={"COLUMNS": None, "TERMINAL_WIDTH": None, **environ})
    assert result.exit_code == code
    assert "Traceback" not in result.stderr
    drawn = result.stdout if code == 0 else result.stderr
    widest = max(len(line) for line in drawn.splitlines())
    assert 20 <= widest <= 1000


@POSIX
@pytest.mark.parametrize(
    ("columns", "args", "code"), [("99999999999", ["stats"], 0), ("\u00b2", ["colour"], 2)]
)
def test_columns_is_held_to_a_sane_range_at_start(columns: str, args: list[str], code: int) -> None:
    result = run_with(args, env=environment(COLUMNS=columns, TERMINAL_WIDTH=columns))
    assert result.returncode == code
    assert b"Traceback" not in result.stderr
    drawn = (result.stdout if code == 0 else result.stderr).decode()
    widest = max(len(line) for line in drawn.splitlines())
    assert 20 <= widest <= 1000


@pytest.mark.parametrize(
    ("value", "held"),
    [("99999999999", "1000"), ("5", "20"), ("0", "20"), ("120", "120"), (" 90 ", "90")],
)
def test_sane_terminal_size_clamps(value: str, held: str) -> None:
    environ = {"COLUMNS": value, "TERMINAL_WIDTH": value, "LINES": "99999999999"}
    streams.sane_terminal_size(environ)
    assert environ == {"COLUMNS": held, "TERMINAL_WIDTH": held, "LINES": "10000"}


@pytest.mark.parametrize("value", ["\u00b2", "\u0661\u0662", "abc", "-3", "", "1e3"])
def test_sane_terminal_size_drops_what_is_not_a_number(value: str) -> None:
    environ = {"COLUMNS": value, "LINES": value}
    streams.sane_terminal_size(environ)
    assert environ == {}


@pytest.mark.parametrize("encoding", ["idna", "punycode"])
def test_an_encoding_that_is_no_character_set_falls_back_to_utf8(encoding: str) -> None:
    """PYTHONIOENCODING=idna made every command end with exit 1 and no output at all."""
    result = run_process("colour", "Monte Carlo Blue", env={"PYTHONIOENCODING": encoding})
    assert result.returncode == 0
    assert result.stderr == (
        f"m1lookup: note: the encoding '{encoding}' cannot carry text; writing UTF-8\n".encode()
    )
    assert "Monte Carlo Blue" in result.stdout.decode("utf-8")
    result = run_process("colour", "zzz", "--json", env={"PYTHONIOENCODING": encoding})
    assert result.returncode == 1
    assert json.loads(result.stdout)["not_found"][0]["query"] == "zzz"


@pytest.mark.parametrize("encoding", ["ascii", "latin-1", "utf-8", "utf-16"])
def test_a_character_set_is_kept(encoding: str) -> None:
    result = run_process("colour", "Alpine White", env={"PYTHONIOENCODING": encoding})
    assert result.returncode == 0
    assert result.stderr == b""
    assert "Alpine White" in result.stdout.decode(encoding)
