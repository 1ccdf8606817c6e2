"""Register benchmark: ``tally`` on 1,000,000 rows with VINs, time and peak memory.

    .venv/bin/python bench/tally_million.py               # 1,000,000 rows
    .venv/bin/python bench/tally_million.py --rows 100000

It writes a CSV of synthetic VINs (they pass the check digit; none is a real car's) with a
factory colour each, a few duplicates and short chassis numbers among them, then runs
``m1lookup tally FILE --json`` once and prints one row: wall and CPU time and the child's peak
RSS (on a busy machine the CPU time is the fairer figure).
Issue 16 asks for under 20 s and under 300 MB. Exit status: 0 within both, 1 over, 2 when the
command fails. Not a timed test: CI does not run it.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time

from m1lookup.lookup.vin import check_digit

COLOURS = ("Alpine White", "Black Sapphire", "Valencia Orange", "Alpinweiß", "VO")
LIMIT_SECONDS = 20.0
LIMIT_MB = 300.0


def vin(number: int) -> str:
    market = "1C2"[number % 3]
    serial = f"{number % 1_000_000:06d}"
    draft = f"WBSUR9{market}{'5' if market == 'C' else '0'}0BV{serial}"
    return draft[:8] + check_digit(draft) + draft[9:]


def write_list(path: str, rows: int) -> None:
    with open(path, "w", encoding="utf-8") as out:
        out.write("VIN,Colour,Owner\n")
        for number in range(rows):
            car = number if number % 50 else number // 2  # every 50th row repeats a car
            shown = vin(car)[-7:] if number % 97 == 0 else vin(car)
            out.write(f"{shown},{COLOURS[car % len(COLOURS)]},owner {number}\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "register.csv")
        write_list(path, options.rows)
        size = os.path.getsize(path) / 2**20
        command = [sys.executable, "-m", "m1lookup", "tally", path, "--json"]
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, check=False)
        elapsed = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak = usage.ru_maxrss / 1024
    cpu = usage.ru_utime + usage.ru_stime
    if done.returncode not in (0, 1):
        sys.stderr.write(done.stderr.decode(errors="replace"))
        return 2
    print(
        f"tally --json, {options.rows:,} rows with VINs ({size:.0f} MB)"
        f"    {elapsed:6.2f} s wall, {cpu:6.2f} s CPU    peak {peak:5.0f} MB"
    )
    return 0 if elapsed < LIMIT_SECONDS and peak < LIMIT_MB else 1


if __name__ == "__main__":
    sys.exit(main())
