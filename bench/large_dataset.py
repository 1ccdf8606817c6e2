"""Large-dataset benchmark: does the cost of ``list --json`` grow in a straight line?

    .venv/bin/python bench/large_dataset.py               # 60,000 colours, 60,000 sources, 3 runs
    .venv/bin/python bench/large_dataset.py --size 6000   # a tenth of that, for comparison
    .venv/bin/python bench/large_dataset.py --keep DIR    # also write the dataset to DIR

It writes a valid dataset with ``--size`` colours and as many sources (about 12 MB for 60,000,
under the loader's 16 MB limit) to a temporary folder, checks that ``m1lookup validate`` accepts
it, then times ``m1lookup list --json --data IT`` and prints one row: the median wall time of the
runs. Issue 10 measured 90 s for this dataset when sources and colours were found by scanning
a tuple; with lookups by id it takes seconds.

Exit status: 0 when the command works, 2 when it does not. Not a timed test: CI does not run it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

HEAD = """schema_version = 2

[production]
plant = "Leipzig"

[production.start]
date = "2011-03-01"
confidence = "high"
sources = ["s0"]

[production.end]
date = "2012-06"
confidence = "high"
sources = ["s0"]

[production.built]
value = {built}
confidence = "high"
sources = ["s0"]

[production.customer_cars]
value = {customers}
confidence = "high"
sources = ["s0"]

[production.internal_cars]
value = 10
confidence = "high"
sources = ["s0"]

[production.planned_cap]
value = {customers}
confidence = "low"
sources = ["s0"]

[production.individual_cars]
value = 1
confidence = "low"
sources = ["s0"]
"""
# Every colour cites its own source and the first one, so that every lookup by id is exercised.
# Short names and no counts keep the dataset under the 16 MB that m1lookup reads.
COLOUR = """
[[colours]]
id = "c{n}"
name = "C{n}"
programme = "factory"
programme_confidence = "high"
programme_sources = ["s{n}", "s0"]
"""
SOURCE = """
[[sources]]
id = "s{n}"
title = "S{n}"
publisher = "P"
url = "https://e.org/{n}"
kind = "press"
"""


def dataset_text(size: int) -> str:
    customers = size + 1
    parts = [HEAD.format(built=customers + 10, customers=customers)]
    parts += [COLOUR.format(n=n) for n in range(size)]
    parts += [SOURCE.format(n=n) for n in range(size)]
    return "".join(parts)


def run(argv: list[str]) -> tuple[float, subprocess.CompletedProcess[bytes]]:
    env = {k: v for k, v in os.environ.items() if k != "M1LOOKUP_DATA"}
    start = time.perf_counter()
    result = subprocess.run(argv, capture_output=True, env=env, check=False)
    return time.perf_counter() - start, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=60_000, help="colours and sources (60,000)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs (3)")
    parser.add_argument("--keep", metavar="DIR", help="write the dataset to DIR/large.toml too")
    options = parser.parse_args()
    script = os.path.join(os.path.dirname(sys.executable), "m1lookup")
    if not os.path.isfile(script):
        print(f"large_dataset.py: no m1lookup script next to {sys.executable}", file=sys.stderr)
        return 2
    text = dataset_text(options.size)
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(options.keep or folder, "large.toml")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
        _, checked = run([script, "validate", path])
        if checked.returncode != 0:
            output = (checked.stdout + checked.stderr).decode("utf-8", "replace")
            print(f"large_dataset.py: validate refuses {path}: {output[:500]}", file=sys.stderr)
            return 2
        times = []
        for _ in range(options.runs):
            elapsed, result = run([script, "list", "--json", "--data", path])
            if result.returncode != 0 or f'"c{options.size - 1}"'.encode() not in result.stdout:
                stderr = result.stderr.decode("utf-8", "replace")
                print(f"large_dataset.py: list --json failed: {stderr[-500:]}", file=sys.stderr)
                return 2
            times.append(elapsed)
    megabytes = len(text.encode("utf-8")) / 2**20
    label = f"list --json, {options.size:,} colours x {options.size:,} sources ({megabytes:.1f} MB)"
    print(f"{label:<62} median {statistics.median(times):7.2f} s over {options.runs} run(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
