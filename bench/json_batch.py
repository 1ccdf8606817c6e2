"""Batch benchmark: 100,000 names with ``colour - --json`` (and ``--jsonl`` beside it).

    .venv/bin/python bench/json_batch.py               # 100,000 names, 3 runs of each format
    .venv/bin/python bench/json_batch.py --names 40000 --runs 5

The names are the same every time (a fixed seed): spellings of ten colours, misses among them, as
a register's car list repeats a handful of spellings. Each format runs as the ``m1lookup``
console script next to ``sys.executable``, the names on stdin and stdout to /dev/null, and one
row gives its median wall time and the largest peak memory (resident set) of its runs, with the
budget from issue 18: 5 s and 300 MB for ``--json``. Before the JSON was streamed, 40,000 names
took 11.8 s and 1.06 GB, 100,000 names 28.5 s.

Exit status: 0 when both budgets are met, 1 when one is missed, 2 when a command does not work.
CI does not run this: timings on shared machines are too noisy to gate on.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile

SPELLINGS = (
    "Java Green",
    "Monte Carlo Blue",
    "alpinweiss",
    "MCB",
    "Valencia Orange",
    "Jet Black",
    "Le Mans Blue",  # not a 1M colour
    "Monte Carlo Bleu",  # a miss with a suggestion
    "Alpine White",
    "475",
)
BUDGET_SECONDS = 5.0
BUDGET_MB = 300
COMMAND = os.path.join(os.path.dirname(sys.executable), "m1lookup")


def names(count: int) -> bytes:
    chooser = random.Random(18)
    return "".join(f"{chooser.choice(SPELLINGS)}\n" for _ in range(count)).encode("utf-8")


def run_once(fmt: str, stdin_path: str) -> tuple[float, float, int]:
    """Wall seconds, peak resident MB and exit code of one run, in a process of its own."""
    # A child's peak is read by a wrapper process of its own: RUSAGE_CHILDREN keeps the
    # largest peak of every child a process has waited for.
    probe = (
        "import resource, subprocess, sys, time\n"
        "start = time.perf_counter()\n"
        "with open(sys.argv[2], 'rb') as names, open(os.devnull, 'wb') as out:\n"
        "    code = subprocess.run([sys.argv[1], 'colour', '-', sys.argv[3]], stdin=names,"
        " stdout=out, stderr=subprocess.DEVNULL).returncode\n"
        "seconds = time.perf_counter() - start\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "print(seconds, peak, code)\n"
    )
    output = subprocess.run(
        [sys.executable, "-c", "import os\n" + probe, COMMAND, stdin_path, f"--{fmt}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    seconds, peak_kb, code = float(output[0]), int(output[1]), int(output[2])
    return seconds, peak_kb / 1024, code


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "names.txt")
        with open(path, "wb") as handle:
            handle.write(names(options.names))
        met = True
        print(f"{options.names:,} names, {options.runs} runs each, {sys.platform}")
        for fmt in ("json", "jsonl"):
            runs = [run_once(fmt, path) for _ in range(options.runs)]
            if any(code not in (0, 1) for _, _, code in runs):
                print(f"colour - --{fmt}: exit {runs[0][2]}", file=sys.stderr)
                return 2
            seconds = statistics.median(wall for wall, _, _ in runs)
            peak = max(mb for _, mb, _ in runs)
            budget = ""
            if fmt == "json":
                ok = seconds < BUDGET_SECONDS and peak < BUDGET_MB
                met = met and ok
                verdict = "met" if ok else "MISSED"
                budget = f"  budget {BUDGET_SECONDS:.0f} s, {BUDGET_MB} MB: {verdict}"
            print(f"colour - --{fmt:<5}  {seconds:6.2f} s  {peak:6.0f} MB peak{budget}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
