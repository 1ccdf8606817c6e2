"""Record the bundled dataset's checksum in src/m1lookup/load/dataset.py once it is valid.

    .venv/bin/python scripts/record_bundled_checksum.py

The loader skips checking the bundled file again while its CRC-32 is the recorded one
(``dataset.VALID_BUNDLED_CRC32``); tests/test_dataset.py fails when the two differ. Run this after
editing data/colours.toml: it refuses a file that ``m1lookup validate`` would refuse.
"""

from __future__ import annotations

import re
import sys
import zlib
from pathlib import Path

from m1lookup.load.dataset import bundled_path, read_toml
from m1lookup.load.validation import find_problems

ROOT = Path(__file__).resolve().parent.parent
MODULE = ROOT / "src" / "m1lookup" / "load" / "dataset.py"
LINE = re.compile(r"^VALID_BUNDLED_CRC32 = 0x[0-9A-F]{8}$", re.MULTILINE)


def main() -> int:
    path = bundled_path()
    raw, text = read_toml(path)
    problems = find_problems(raw, text)
    if problems:
        print(f"{path}: {len(problems)} problem(s); run 'm1lookup validate'", file=sys.stderr)
        return 1
    checksum = zlib.crc32(text.encode("utf-8"))
    source = MODULE.read_text(encoding="utf-8")
    updated, count = LINE.subn(f"VALID_BUNDLED_CRC32 = 0x{checksum:08X}", source)
    if count != 1:
        print(f"{MODULE}: no VALID_BUNDLED_CRC32 line to rewrite", file=sys.stderr)
        return 1
    if updated != source:
        temporary = MODULE.with_suffix(".py.tmp")
        temporary.write_text(updated, encoding="utf-8")
        temporary.replace(MODULE)
    print(f"VALID_BUNDLED_CRC32 = 0x{checksum:08X}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
