"""Shared fixtures and helpers: the one module test modules import helpers from.

``run``: the CLI in-process with Typer's CliRunner, stdout and stderr apart. ``on_fake_terminal``:
the same on a made-up terminal (a :class:`Terminal` handed in, as httpie's MockEnvironment), for
colour, width and paging. ``run_process`` / ``in_terminal``: the one way the tests start m1lookup
as a process of its own (signals, broken pipes, closed descriptors, locales, a real
pseudo-terminal, the installed console script).
``validate_json`` / ``validate_jsonl``: every document and line against the JSON Schema.
"""

from __future__ import annotations

import functools
import json
import os
import re
import signal
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from m1lookup.cli.app import app
from m1lookup.load.dataset import load
from m1lookup.model.schema import Dataset
from m1lookup.render import picture
from m1lookup.render.presentation import Terminal

ROOT = Path(__file__).resolve().parent.parent
DATA_FILE = ROOT / "data" / "colours.toml"
SCHEMA_FILE = ROOT / "schema" / "m1lookup.schema.json"


@dataclass(frozen=True)
class Run:
    exit_code: int
    stdout: str
    stderr: str

    def json(self, validate: bool = True) -> Any:
        """stdout parsed, and checked against the JSON Schema: every document a test reads is."""
        return parse_json(self.stdout) if validate else json.loads(self.stdout)


RunCli = Callable[..., Run]

POSIX = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals and sh are POSIX")
SGR = re.compile(rb"\x1b\[([0-9;]*)m")


def colour_parameters(output: bytes) -> set[int]:
    """The SGR parameters that set a colour (30-49, 90-107, and 38/48 extended colours)."""
    numbers = {int(p) for match in SGR.findall(output) for p in match.split(b";") if p}
    return {n for n in numbers if 30 <= n <= 49 or 90 <= n <= 107}


def run_cli(
    *args: str,
    input: str | bytes | None = None,
    env: dict[str, str | None] | None = None,
    terminal: Terminal | None = None,
) -> Run:
    """The CLI in-process; ``env`` over a clean environment 100 columns wide; ``terminal``: the
    terminal stdout is to be (by default CliRunner's stdout, which is none)."""
    environment: dict[str, str | None] = {
        "M1LOOKUP_DATA": None,
        "COLUMNS": "100",
        "NO_COLOR": None,
        "FORCE_COLOR": None,
        "TERM": None,
    }
    environment.update(env or {})
    result = CliRunner().invoke(app, list(args), input=input, env=environment, obj=terminal)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Run(result.exit_code, result.stdout, result.stderr)


@pytest.fixture
def run() -> RunCli:
    """``run("colour", "Monte Carlo Blue", input=..., env=...)`` → exit code, stdout, stderr."""
    return run_cli


def on_fake_terminal(
    *args: str, rows: int | None = None, input: str | None = None, **variables: str
) -> tuple[int, bytes, bytes]:
    """In-process twin of :func:`in_terminal`: exit code, what the screen got, stderr, with
    stdout a made-up terminal in the environment :func:`environment` gives. With ``rows``, the
    terminal is ``rows`` x 100 and says so itself (no COLUMNS)."""
    env = environment(**variables)
    columns = None
    if rows is not None and "COLUMNS" not in variables:
        del env["COLUMNS"]
        columns = 100
    cleared: dict[str, str | None] = dict.fromkeys(_STEERING)
    terminal = Terminal(is_tty=True, columns=columns, rows=rows or 0, environ=env)
    result = run_cli(*args, input=input, env={**cleared, **env}, terminal=terminal)
    return result.exit_code, result.stdout.encode(), result.stderr.encode()


# --- m1lookup as a process of its own ------------------------------------------------------------

_SCRIPT = Path(sys.executable).with_name("m1lookup")
# The installed console script, as a user runs it; ``python -m m1lookup`` where there is none.
COMMAND = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "m1lookup"]
MODULE = [sys.executable, "-m", "m1lookup"]

# Variables of the caller's environment that would steer m1lookup, Rich or Typer's completion:
# a test sets the ones it means to.
_STEERING = (
    "NO_COLOR",
    "FORCE_COLOR",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
    "CLICOLOR_FORCE",
    "COLUMNS",
    "LINES",
    "TERM",
    "M1LOOKUP_DATA",
    "PYTHONIOENCODING",
    "PYTHONPATH",
    "LC_ALL",
    "COMP_WORDS",
    "COMP_CWORD",
    "M1LOOKUP_PAGER",
    "PAGER",
)
_STEERING_PREFIXES = ("_M1LOOKUP_", "_TYPER_COMPLETE")


def environment(**variables: str) -> dict[str, str]:
    """The caller's environment without what would steer the run, 100 columns wide, and
    ``variables``."""
    kept = {
        name: value
        for name, value in os.environ.items()
        if name not in _STEERING and not name.startswith(_STEERING_PREFIXES)
    }
    return {**kept, "COLUMNS": "100", **variables}


def run_process(
    *args: str,
    input: str | bytes | None = None,
    env: dict[str, str] | None = None,
    command: Sequence[str] = COMMAND,
    cwd: Path | None = None,
    stdout: int = subprocess.PIPE,
    timeout: float = 60,
) -> subprocess.CompletedProcess[bytes]:
    """Run ``command ARGS`` (the console script by default) in :func:`environment` plus ``env``;
    stdin is ``input``, or empty. Output is bytes, as a pipe carries it; ``stdout`` may be a file
    descriptor of the test's own."""
    return subprocess.run(
        [*command, *args],
        input=input.encode("utf-8") if isinstance(input, str) else input,
        stdin=subprocess.DEVNULL if input is None else None,
        stdout=stdout,
        stderr=subprocess.PIPE,
        env=environment(**(env or {})),
        cwd=cwd,
        check=False,
        timeout=timeout,
    )


def imports_of(
    *args: str, stdin: str = "", env: dict[str, str] | None = None
) -> tuple[int, set[str]]:
    """Exit code and imported modules of ``python -m m1lookup ARGS``."""
    importtime = [sys.executable, "-X", "importtime", "-m", "m1lookup"]
    result = run_process(*args, command=importtime, input=stdin, env=env)
    stderr = result.stderr.decode("utf-8")
    assert "Traceback" not in stderr
    modules = {
        line.rsplit("|", 1)[1].strip()
        for line in stderr.splitlines()
        if line.startswith("import time:") and not line.endswith("imported package")
    }
    return result.returncode, modules


def loaded(modules: set[str], package: str) -> bool:
    return any(name == package or name.startswith(f"{package}.") for name in modules)


def in_terminal(*args: str, rows: int | None = None, **variables: str) -> tuple[int, bytes, bytes]:
    """Run the console script with stdout on a pseudo-terminal in raw mode (no CR added): exit
    code, what the screen got, stderr. With ``rows``, the terminal is ``rows`` x 100 and says so
    itself (no COLUMNS), as a real one does."""
    import fcntl
    import pty
    import struct
    import termios
    import tty

    leader, follower = pty.openpty()
    env = environment(**variables)
    if rows is not None:
        fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", rows, 100, 0, 0))
        if "COLUMNS" not in variables:
            del env["COLUMNS"]
    tty.setraw(follower)
    process = subprocess.Popen(
        [*COMMAND, *args],
        stdin=subprocess.DEVNULL,
        stdout=follower,
        stderr=subprocess.PIPE,
        env=env,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: every process has closed its end
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert process.stderr is not None
    stderr = process.stderr.read()
    process.stderr.close()
    return process.wait(timeout=60), b"".join(chunks), stderr


# --- what the code under test does to files -----------------------------------------------------

# Audit events that open, move or remove a file (sys.addaudithook, PEP 578).
_FILE_EVENTS = (
    "open",
    "os.rename",
    "os.remove",
    "os.rmdir",
    "os.truncate",
    "os.link",
    "os.symlink",
)
_WRITING = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
_recorder: list[tuple[str, str, bool]] | None = None
_hooked = False


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if _recorder is None or event not in _FILE_EVENTS or isinstance(args[0], int):
        return
    path = os.path.abspath(os.fsdecode(args[0]))
    if event == "open":
        mode, flags = args[1], args[2]
        writes = any(c in mode for c in "wax+") if isinstance(mode, str) else bool(flags & _WRITING)
        _recorder.append((event, path, writes))
    else:  # renames and links name a second path, which changes too
        _recorder.append((event, path, True))
        if len(args) > 1 and isinstance(args[1], str | bytes | os.PathLike):
            _recorder.append((event, os.path.abspath(os.fsdecode(args[1])), True))


@dataclass
class FileEvents:
    """Every file the code opened, moved or removed while the test ran (in this process)."""

    events: list[tuple[str, str, bool]]

    def reads(self, path: Path) -> int:
        return sum(1 for e in self.events if e == ("open", str(path.resolve()), False))

    def changes(self, folder: Path) -> list[tuple[str, str]]:
        """What was written, created, moved or removed in ``folder``."""
        inside = str(folder.resolve()) + os.sep
        return [
            (event, path)
            for event, path, writes in self.events
            if writes and path.startswith(inside)
        ]


@pytest.fixture
def file_events() -> Any:
    """``file_events.reads(path)`` and ``file_events.changes(folder)`` for in-process runs."""
    global _recorder, _hooked
    if not _hooked:  # once: a hook cannot be removed, so it records only while a test asks
        sys.addaudithook(_audit)
        _hooked = True
    recorded: list[tuple[str, str, bool]] = []
    _recorder = recorded
    try:
        yield FileEvents(recorded)
    finally:
        _recorder = None


# --- datasets with one thing broken (tests/fixtures/broken/base.toml) --------------------------

BASE = ROOT / "tests" / "fixtures" / "broken" / "base.toml"
WIDE = {"COLUMNS": "1000"}  # one problem per line, whatever its length
# Characters that, raw in the output, could drive a terminal or hide text.
FORBIDDEN = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060\u2066-\u2069"
    "\ud800-\udfff\ufdd0-\ufdef\ufeff\ufffe\uffff\U0001fffe\U0001ffff\U0010fffe\U0010ffff"
    "\U000e0000-\U000e007f]"
)


def broken(tmp_path: Path, *edits: tuple[str, str], name: str = "colours.toml") -> Path:
    """A copy of base.toml with each ``old`` text (found exactly once) replaced by ``new``."""
    text = BASE.read_text(encoding="utf-8")
    for old, new in edits:
        assert text.count(old) == 1, f"{old!r} must occur once in base.toml"
        text = text.replace(old, new)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    """The number of the only line of ``path`` that contains ``needle``."""
    numbers = [
        number
        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1)
        if needle in line
    ]
    assert len(numbers) == 1, f"{needle!r} is on lines {numbers}"
    return numbers[0]


def problems(run: RunCli, path: Path) -> list[str]:
    """The problems validate lists for ``path``; it must exit 1 and say how many it found."""
    result = run("validate", str(path), env=WIDE)
    assert result.exit_code == 1, result.stdout + result.stderr
    assert result.stderr == ""
    heading, *lines = [line.rstrip() for line in result.stdout.splitlines()]
    counted = "1 problem" if len(lines) == 1 else f"{len(lines)} problems"
    assert heading == f"{path}: {counted}"
    assert all(line.startswith("  - ") for line in lines)
    return [line.removeprefix("  - ") for line in lines]


# --- pictures: the text an SVG draws, cell by cell --------------------------------------------

SVG = "{http://www.w3.org/2000/svg}"
CELL = 20 * picture.FONT_ASPECT  # Rich draws 20 px type, 24.4 px lines
LINE = 20 * 1.22
BAR_INSET = picture.BAR_INSET


def drawn_lines(root: ET.Element) -> list[str]:
    """The picture's text as lines, each piece put at the cell its x names (not where the text
    around it would push it), so a misplaced word shows as a difference."""
    lines: dict[int, dict[int, str]] = {}
    for text in root.iter(f"{SVG}text"):
        if text.get("class", "").endswith("-title"):
            continue
        cells = lines.setdefault(round((float(text.get("y", "0")) - 20) / LINE), {})
        for span in text.iter(f"{SVG}tspan"):
            column = round(float(span.get("x", "0")) / CELL)
            for character in span.text or "":
                cells[column] = character
                column += cell_len(character)
    for block in blocks(root):  # drawn as the full blocks they stand for
        cells = lines.setdefault(round((float(block.get("y", "0")) - 1.5 - BAR_INSET) / LINE), {})
        column = round(float(block.get("x", "0")) / CELL)
        for offset in range(round(float(block.get("width", "0")) / CELL)):
            cells[column + offset] = "█"
    drawn = ["" for _ in range(max(lines, default=-1) + 1)]
    for number, cells in lines.items():
        width = max(cells, default=-1) + 1
        drawn[number] = "".join(cells.get(column, " ") for column in range(width))
    return [line.rstrip() for line in drawn]


def blocks(root: ET.Element) -> list[ET.Element]:
    """The rectangles that stand for runs of full blocks (swatches, bars): Rich's own rectangles
    (background, clips) have no class."""
    return [rect for rect in root.iter(f"{SVG}rect") if rect.get("class")]


def svg_text_of(document: str) -> str:
    return "\n".join(drawn_lines(ET.fromstring(document)))


# Colour (SGR) and link (OSC 8) sequences, which a picture draws rather than holds.
ESCAPES = re.compile(r"\x1b\[[0-9;]*m|\x1b\]8;[^\x1b\x07]*(?:\x1b\\|\x07)")


# --- the data and the JSON Schema ----------------------------------------------------------------


@functools.cache
def _document_validator() -> Any:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))


def parse_json(text: str | bytes) -> Any:
    """A ``--json`` document, parsed and validated against the JSON Schema."""
    document = json.loads(text)
    _document_validator().validate(document)
    return document


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    return load(str(DATA_FILE))


@pytest.fixture(scope="session")
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


@pytest.fixture
def validate_json(schema: dict[str, Any]) -> Callable[[Any], None]:
    """Validate one ``--json`` document against the schema."""
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(schema)

    def check(document: Any) -> None:
        validator.validate(document)

    return check


@pytest.fixture
def validate_jsonl(schema: dict[str, Any]) -> Callable[[str, str], list[Any]]:
    """``validate_jsonl(text, "colour")``: every line of ``--jsonl`` output, one compact JSON
    object each, valid as the schema's ``colour_line`` (or ``tally_line``); the objects."""
    from jsonschema import Draft202012Validator

    def check(text: str, command: str) -> list[Any]:
        line_schema = {**schema, "anyOf": [{"$ref": f"#/$defs/{command}_line"}]}
        validator = Draft202012Validator(line_schema)
        assert text.endswith("\n")
        objects = []
        for line in text.splitlines():
            obj = json.loads(line)
            validator.validate(obj)
            objects.append(obj)
        return objects

    return check


os.environ.pop("M1LOOKUP_DATA", None)
# Importing m1lookup.cli.app lets Ctrl-C end the process at once (for the console script's
# start-up):
# give pytest its KeyboardInterrupt back, so that an interrupted run still reports.
if signal.getsignal(signal.SIGINT) == signal.SIG_DFL:
    signal.signal(signal.SIGINT, signal.default_int_handler)
