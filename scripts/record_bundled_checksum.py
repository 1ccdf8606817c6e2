"""Record the bundled dataset, parsed, once it is valid: src/m1lookup/load/bundled.py.

    .venv/bin/python scripts/record_bundled_checksum.py          # rewrite it
    .venv/bin/python scripts/record_bundled_checksum.py --check  # exit 1 when it is stale (CI)

While data/colours.toml is the file recorded there (its CRC-32), the loader neither parses nor
checks it again: it takes the parsed document from the module, whose bytecode Python caches
(tomllib took most of a command's own time). Run this after editing data/colours.toml: it
refuses a file that ``m1lookup validate`` would refuse. tests/test_dataset.py fails while the
module is stale.
"""

from __future__ import annotations

import argparse
import pprint
import sys
from pathlib import Path

from m1lookup.io.files import write_atomically
from m1lookup.load.dataset import bundled_checksum, bundled_path, read_toml
from m1lookup.load.validation import find_problems

ROOT = Path(__file__).resolve().parent.parent
MODULE = ROOT / "src" / "m1lookup" / "load" / "bundled.py"
HEADER = '''"""The bundled dataset (data/colours.toml), parsed: written by
scripts/record_bundled_checksum.py once the file is valid. Do not edit; edit the data file.

The loader uses DATA while the data file's CRC-32 is CRC32, instead of parsing it again.
"""

from typing import Any

'''


def module_text() -> str | None:
    """The module for the bundled file as it is now; None (and a message) when it is invalid."""
    path = bundled_path()
    raw, text = read_toml(path)
    problems = find_problems(raw, text)
    if problems:
        print(f"{path}: {len(problems)} problem(s); run 'm1lookup validate'", file=sys.stderr)
        return None
    checksum = bundled_checksum(Path(path).read_bytes())
    document = pprint.pformat(raw, width=100, sort_dicts=False, underscore_numbers=False)
    return f"{HEADER}CRC32 = 0x{checksum:08X}\nDATA: dict[str, Any] = {document}\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when the module is stale")
    check = parser.parse_args().check
    text = module_text()
    if text is None:
        return 1
    current = MODULE.read_text(encoding="utf-8") if MODULE.exists() else ""
    if check:
        if current != text:
            print(f"{MODULE} is stale: run scripts/record_bundled_checksum.py", file=sys.stderr)
            return 1
        return 0
    if current != text:
        write_atomically(str(MODULE), text.encode("utf-8"), None)
    print(text.split("\n")[text.split("\n").index("from typing import Any") + 2])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
