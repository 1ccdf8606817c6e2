"""Start-up benchmark: how close each m1lookup command comes to the bare interpreter.

Run it with the interpreter of the environment m1lookup is installed in, from anywhere:

    .venv/bin/python bench/startup.py              # 30 timed runs of each command, 3 warm-ups
    .venv/bin/python bench/startup.py --runs 60    # more runs on a noisy machine
    .venv/bin/python bench/startup.py --warmup 5

It runs the ``m1lookup`` console script next to ``sys.executable`` and the baseline
``python -c "import json, tomllib"`` (the least a tool that reads TOML and writes JSON can do)
round-robin, so that a burst of load on the machine slows every command alike. For each command
it prints the median wall time, the interquartile range, the ratio to the baseline's median
(the 10,000-name ``--jsonl`` batch is compared with the single ``--json`` query instead) and the
target from issue 5. Two commands also have a target against a floor (issue 18): ``colour
--json`` against ``python -c "import typer"``, and the panel against ``python -c "import typer,
rich.console"``.
Ratios are the figures that count: absolute times vary from machine to machine.

The commands: ``colour "Monte Carlo Blue" --json``; the same drawn by Rich (to a pipe, as in a
script); ``stats``; ``--help``; ``colour - --jsonl`` with 10,000 names on stdin; and bash
completion of ``m1lookup colour mon``, run the way m1lookup's bash script runs it
(``_M1LOOKUP_COMPLETE=bash``, readline's word and the line as arguments). Each command is run and
checked once before anything is timed. PYTHONDONTWRITEBYTECODE is dropped for the runs: an
installed package has its bytecode cached.

Exit status: 0 when every target is met, 1 when one is missed, 2 when a command does not work.
CI does not run this: timings on shared machines are too noisy to gate on.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field

BASELINE = "python -c 'import json, tomllib'"
# The floors: what Typer (and Rich, for a view drawn for people) cost before m1lookup does
# anything. Issue 18 holds a command's own work to a small share above them.
TYPER_FLOOR = "python -c 'import typer'"
TYPER_RICH_FLOOR = "python -c 'import typer, rich.console'"
REFERENCES = (BASELINE, TYPER_FLOOR, TYPER_RICH_FLOOR)
SINGLE_JSON = 'colour "Monte Carlo Blue" --json'
BATCH_NAMES = 10_000
# Every spelling resolves (exit 0): names, German names, aliases, ids and codes, in mixed case.
BATCH_SPELLINGS = (
    "Monte Carlo Blue",
    "alpinweiss",
    "Java Green",
    "BLACK SAPPHIRE",
    "475",
    "Valencia Orange",
    "Atacama Yellow",
    "sepang-bronze",
    "Saphirschwarz",
    "mcb",
)


@dataclass
class Command:
    label: str
    argv: list[str]
    target: float
    reference: str = BASELINE
    stdin: bytes | None = None
    env: dict[str, str] = field(default_factory=dict)
    expect_in_stdout: str = ""
    # Further targets against other references: (reference label, target ratio).
    also: tuple[tuple[str, float], ...] = ()
    times: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.times)


def commands(script: str) -> list[Command]:
    batch = "".join(f"{BATCH_SPELLINGS[i % len(BATCH_SPELLINGS)]}\n" for i in range(BATCH_NAMES))
    completion_env = {"_M1LOOKUP_COMPLETE": "bash"}  # as m1lookup's bash script asks
    return [
        Command(BASELINE, [sys.executable, "-c", "import json, tomllib"], target=1.0),
        Command(TYPER_FLOOR, [sys.executable, "-c", "import typer"], target=1.0),
        Command(TYPER_RICH_FLOOR, [sys.executable, "-c", "import typer, rich.console"], target=1.0),
        Command(
            SINGLE_JSON,
            [script, "colour", "Monte Carlo Blue", "--json"],
            target=2.6,
            expect_in_stdout='"monte-carlo-blue"',
            also=((TYPER_FLOOR, 1.10),),
        ),
        Command(
            'colour "Monte Carlo Blue" (Rich)',
            [script, "colour", "Monte Carlo Blue"],
            target=3.6,
            expect_in_stdout="Monte Carlo Blue",
            also=((TYPER_RICH_FLOOR, 1.12),),
        ),
        Command("stats", [script, "stats"], target=3.6, expect_in_stdout="6,309"),
        Command("--help", [script, "--help"], target=5.0, expect_in_stdout="colour"),
        Command(
            f"colour - --jsonl ({BATCH_NAMES:,} names)",
            [script, "colour", "-", "--jsonl"],
            target=2.0,
            reference=SINGLE_JSON,
            stdin=batch.encode("utf-8"),
            expect_in_stdout='"monte-carlo-blue"',
        ),
        Command(
            "bash completion of 'colour mon'",
            [script, "mon", "m1lookup colour mon"],  # readline's word, the line to the cursor
            target=3.0,
            env=completion_env,
            expect_in_stdout="monte\\ Carlo\\ Blue",
        ),
    ]


def environment(extra: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("_M1LOOKUP", "_TYPER"))}
    env.pop("M1LOOKUP_DATA", None)
    # An installed package has its bytecode cached; without it every run would compile m1lookup.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update({"COLUMNS": "100"}, **extra)
    return env


def run_once(command: Command, capture: bool = False) -> subprocess.CompletedProcess[bytes]:
    output = subprocess.PIPE if capture else subprocess.DEVNULL
    return subprocess.run(
        command.argv,
        input=command.stdin if command.stdin is not None else b"",
        stdout=output,
        stderr=output,
        env=environment(command.env),
        check=False,
    )


def check(command: Command) -> str | None:
    """Why ``command`` cannot be timed, or None when it works."""
    result = run_once(command, capture=True)
    stdout = result.stdout.decode("utf-8", "replace")
    if result.returncode != 0:
        stderr = result.stderr.decode("utf-8", "replace").strip()
        return f"exit {result.returncode}: {stderr[-500:]}"
    if command.expect_in_stdout not in stdout:
        return f"{command.expect_in_stdout!r} not in its output: {stdout[:200]!r}"
    return None


def measure(selected: list[Command], runs: int, warmup: int) -> None:
    for round_number in range(warmup + runs):
        # Rotate the order each round so that no command always follows the same one.
        shift = round_number % len(selected)
        for command in selected[shift:] + selected[:shift]:
            start = time.perf_counter()
            run_once(command)
            elapsed = time.perf_counter() - start
            if round_number >= warmup:
                command.times.append(elapsed)


def report(selected: list[Command], runs: int, warmup: int, script: str) -> bool:
    by_label = {command.label: command for command in selected}
    print(
        f"m1lookup start-up benchmark: {script}\n"
        f"Python {platform.python_version()} on {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} CPUs; typer {_version('typer')}; {runs} runs each after {warmup} "
        f"warm-up, round-robin{'' if runs >= 30 else ' (issue 5 asks for at least 30 runs)'}\n"
    )
    print(f"{'command':<40} {'median':>9} {'IQR':>8} {'ratio':>7} {'target':<46}  result")
    all_pass = True
    for command in selected:
        quartiles = statistics.quantiles(command.times, n=4)
        spread = quartiles[2] - quartiles[0]
        head = f"{command.label:<40} {command.median * 1000:7.1f}ms {spread * 1000:6.1f}ms "
        if command.label in REFERENCES:
            ratio = command.median / by_label[BASELINE].median
            print(f"{head}{ratio:6.2f}×")
            continue
        for number, (reference, wanted) in enumerate(
            ((command.reference, command.target), *command.also)
        ):
            ratio = command.median / by_label[reference].median
            passed = ratio <= wanted
            all_pass = all_pass and passed
            versus = {BASELINE: "baseline", SINGLE_JSON: "single --json"}.get(reference, reference)
            shown = head if number == 0 else f"{'':<40} {'':>9} {'':>8} "
            print(
                f"{shown}{ratio:6.2f}× ≤ {wanted:.2f}× {versus:<38}  {'PASS' if passed else 'FAIL'}"
            )
    print("\nall targets met" if all_pass else "\nsome targets missed")
    return all_pass


def _version(distribution: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(distribution)
    except PackageNotFoundError:
        return "not installed"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30, help="timed runs per command (30)")
    parser.add_argument("--warmup", type=int, default=3, help="untimed runs per command first (3)")
    options = parser.parse_args()
    if options.runs < 2 or options.warmup < 0:
        parser.error("--runs must be at least 2 and --warmup at least 0")
    script = os.path.join(os.path.dirname(sys.executable), "m1lookup")
    if not os.path.isfile(script):
        print(f"startup.py: no m1lookup script next to {sys.executable}", file=sys.stderr)
        return 2
    selected = commands(script)
    broken = [(command.label, check(command)) for command in selected]
    for label, problem in broken:
        if problem is not None:
            print(f"startup.py: {label!r} does not work: {problem}", file=sys.stderr)
    if any(problem is not None for _, problem in broken):
        return 2
    measure(selected, options.runs, options.warmup)
    return 0 if report(selected, options.runs, options.warmup, script) else 1


if __name__ == "__main__":
    sys.exit(main())
