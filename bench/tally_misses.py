"""Unknown-colour benchmark: ``tally`` with 2,000 different unknown names on 20,000 colours.

    .venv/bin/python bench/tally_misses.py
    .venv/bin/python bench/tally_misses.py --colours 60000 --misses 10000

Issue 19 measured 80 ms per distinct unknown name on a 20,000-colour dataset (2,000 misses:
165 s): every miss was compared with every spelling, for prefixes, words and suggestions.
Prefixes and words are now found by bisection, and suggestions are looked for only for the
first 20 distinct unknown values. Prints one row: wall and CPU time, and the child's peak RSS.
Exit status: 0 when it works, 2 when it does not. Not a timed test: CI does not run it.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from large_dataset import dataset_text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--colours", type=int, default=20_000)
    parser.add_argument("--misses", type=int, default=2_000)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        data = os.path.join(folder, "large.toml")
        with open(data, "w", encoding="utf-8") as handle:
            handle.write(dataset_text(options.colours))
        listing = os.path.join(folder, "misses.csv")
        with open(listing, "w", encoding="utf-8") as handle:
            handle.write("colour\n" + "".join(f"Zorblax {n:05d}\n" for n in range(options.misses)))
        command = [sys.executable, "-m", "m1lookup", "tally", listing, "--data", data, "--json"]
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, check=False)
        elapsed = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 1:
        sys.stderr.write(done.stderr.decode(errors="replace")[-2000:])
        return 2
    print(
        f"tally --json, {options.misses:,} unknown names, {options.colours:,} colours"
        f"    {elapsed:6.2f} s wall, {usage.ru_utime + usage.ru_stime:6.2f} s CPU"
        f"    peak {usage.ru_maxrss / 1024:5.0f} MB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
