"""Run every example in README.md and docs/*.md, and write its real output into the document.

Run from anywhere with the interpreter of the environment m1lookup is installed in:

    .venv/bin/python scripts/update_doc_examples.py           # rewrite the examples' output
    .venv/bin/python scripts/update_doc_examples.py --check   # only report what is out of date

An example is a ```console block with at least one command line (``$ ...``) that runs
m1lookup. Every command of such a block runs with ``sh -c`` from the project's root, as a
non-terminal with COLUMNS=80 and NO_COLOR set, stdout and stderr together as a terminal shows
them; the lines after a command, up to the next command or the end of the block, are its output.
``$ echo $?`` shows the exit code of the command before it (each command runs in a fresh shell,
so nothing else carries over from one command to the next). Blocks that pipe into jq are left
alone when jq is not installed. Trailing white space is not compared (Rich pads table rows).

tests/test_doc_examples.py runs the same examples and compares their output with the documents,
in full. When an output changes on purpose, run this script and review the diff.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
FENCE = "```"
OPENING = "```console"
PROMPT = "$ "
WIDTH = "80"
RUNS_M1LOOKUP = re.compile(r"(?:^|[\s|;&(/])m1lookup(?:\s|$)")
PIPES_INTO_JQ = re.compile(r"\|\s*jq\b")


class Step(NamedTuple):
    command: str
    output: tuple[str, ...]


class Example(NamedTuple):
    path: Path
    first: int  # index of the first line inside the fence
    end: int  # index of the closing fence
    steps: tuple[Step, ...]

    @property
    def name(self) -> str:
        shown = self.path.relative_to(ROOT) if self.path.is_relative_to(ROOT) else self.path
        return f"{shown}:{self.first}"  # the fence's line number

    @property
    def needs_jq(self) -> bool:
        return any(PIPES_INTO_JQ.search(step.command) for step in self.steps)


def documents() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def examples(path: Path) -> list[Example]:
    lines = path.read_text(encoding="utf-8").splitlines()
    found: list[Example] = []
    index = 0
    while index < len(lines):
        if lines[index].strip() != OPENING:
            index += 1
            continue
        first = index + 1
        end = first
        while end < len(lines) and lines[end].strip() != FENCE:
            end += 1
        if end == len(lines):
            raise ValueError(f"{path}:{index + 1}: a ```console block is never closed")
        steps = _steps(lines[first:end])
        if any(RUNS_M1LOOKUP.search(step.command) for step in steps):
            found.append(Example(path, first, end, steps))
        index = end + 1
    return found


def _steps(body: list[str]) -> tuple[Step, ...]:
    steps: list[Step] = []
    for line in body:
        if line.startswith(PROMPT):
            steps.append(Step(line[len(PROMPT) :], ()))
        elif steps:
            command, output = steps[-1]
            steps[-1] = Step(command, (*output, line))
    return tuple(_trimmed(step) for step in steps)


def _trimmed(step: Step) -> Step:
    output = [line.rstrip() for line in step.output]
    while output and not output[-1]:
        output.pop()
    return Step(step.command, tuple(output))


def environment(bin_dir: Path) -> dict[str, str]:
    """A fixed environment, whatever the caller's: only what the examples need."""
    path = os.pathsep.join([str(bin_dir), os.environ.get("PATH", os.defpath)])
    env = {"PATH": path, "COLUMNS": WIDTH, "NO_COLOR": "1", "PYTHONUTF8": "1"}
    if "HOME" in os.environ:
        env["HOME"] = os.environ["HOME"]
    return env


@contextmanager
def m1lookup_on_path() -> Iterator[Path]:
    """The folder of the m1lookup beside this interpreter, or of a stand-in that runs it."""
    beside = Path(sys.executable).parent
    if (beside / "m1lookup").is_file():
        yield beside
        return
    with tempfile.TemporaryDirectory() as folder:
        shim = Path(folder) / "m1lookup"
        shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m m1lookup "$@"\n', encoding="utf-8")
        shim.chmod(0o755)
        yield Path(folder)


def jq_available(bin_dir: Path) -> bool:
    return shutil.which("jq", path=environment(bin_dir)["PATH"]) is not None


def run(example: Example, bin_dir: Path) -> tuple[Step, ...]:
    """The example's commands with the output they print now."""
    env = environment(bin_dir)
    status = 0
    steps: list[Step] = []
    for step in example.steps:
        # `(exit N)` sets $? for the command, so that `echo $?` shows the previous command's code.
        result = subprocess.run(
            ["sh", "-c", f"(exit {status}); {step.command}"],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            check=False,
            timeout=120,
        )
        status = result.returncode
        text = result.stdout.decode("utf-8")
        steps.append(_trimmed(Step(step.command, tuple(text.splitlines()))))
    return tuple(steps)


def block(steps: tuple[Step, ...]) -> list[str]:
    """The lines inside the fence for these steps."""
    lines: list[str] = []
    for step in steps:
        for line in step.output:
            if line.startswith(PROMPT) or line.strip().startswith(FENCE):
                raise ValueError(f"output of `{step.command}` cannot be shown in a block: {line!r}")
        lines += [f"{PROMPT}{step.command}", *step.output]
    return lines


def difference(example: Example, actual: tuple[Step, ...]) -> str:
    """A unified diff from what the document shows to what the commands print; "" if equal."""
    return "".join(
        difflib.unified_diff(
            [f"{line}\n" for line in block(example.steps)],
            [f"{line}\n" for line in block(actual)],
            f"{example.name} (document)",
            f"{example.name} (output)",
        )
    )


def update(path: Path, bin_dir: Path, check: bool) -> list[str]:
    """Bring the document's examples up to date (unless ``check``); the names of stale ones."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    stale: list[str] = []
    for example in reversed(examples(path)):  # from the end, so earlier indexes stay valid
        if example.needs_jq and not jq_available(bin_dir):
            print(f"{example.name}: left as it is, jq is not installed", file=sys.stderr)
            continue
        actual = run(example, bin_dir)
        diff = difference(example, actual)
        if diff:
            stale.append(example.name)
            sys.stdout.write(diff)
            lines[example.first : example.end] = [f"{line}\n" for line in block(actual)]
    if stale and not check:
        _replace(path, "".join(lines))
    return stale


def _replace(path: Path, text: str) -> None:
    """The document whole with its new text, or untouched: m1lookup's one atomic writer."""
    from m1lookup.io.files import write_atomically

    write_atomically(str(path), text.encode("utf-8"), None)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if stale")
    arguments = parser.parse_args(argv)
    stale: list[str] = []
    with m1lookup_on_path() as bin_dir:
        for path in documents():
            stale += update(path, bin_dir, arguments.check)
    verb = "out of date" if arguments.check else "updated"
    for name in sorted(stale):
        print(f"{name}: {verb}", file=sys.stderr)
    return 1 if stale and arguments.check else 0


if __name__ == "__main__":
    raise SystemExit(main())
