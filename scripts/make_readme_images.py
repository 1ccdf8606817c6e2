"""Regenerate the README's pictures from the bundled dataset, so they never go stale.

Run from the project's root with the project installed:

    python scripts/make_readme_images.py

It runs the real commands (`m1lookup colour "Monte Carlo Blue" --svg …`, `m1lookup stats --svg …`)
and writes docs/images/*.svg. tests/test_svg.py checks that the committed images match.
"""

from __future__ import annotations

import sys
from pathlib import Path

from typer.testing import CliRunner

from m1lookup.cli.app import app

IMAGES = Path(__file__).resolve().parent.parent / "docs" / "images"
PICTURES = {
    "colour-monte-carlo-blue.svg": ["colour", "Monte Carlo Blue"],
    "stats.svg": ["stats"],
}


def main() -> int:
    IMAGES.mkdir(parents=True, exist_ok=True)
    for name, args in PICTURES.items():
        target = IMAGES / name
        result = CliRunner().invoke(app, [*args, "--svg", str(target)], env={"M1LOOKUP_DATA": None})
        if result.exit_code != 0:
            sys.stderr.write(f"{name}: exit {result.exit_code}\n{result.stderr}")
            return 1
        print(target.relative_to(IMAGES.parent.parent))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
