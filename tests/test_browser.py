"""The SVG as a browser draws it: headless Chromium renders `colour "Monte Carlo Blue" --svg`,
offline, and tesseract reads the screenshot back. Every word must be whole (Chromium spaced the
letters of a word apart, "M onteC arloB lue", when textLength met a font it did not have) and
start at its own cell, as on the terminal.

One browser run and one OCR run: a few seconds. `.ci/run` installs both programs; where they are
missing the test says so and skips.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from m1lookup.render import picture
from tests.conftest import ESCAPES, RunCli

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
TESSERACT = shutil.which("tesseract")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None or TESSERACT is None,
    reason="needs chromium and tesseract on PATH (.ci/run installs them: "
    "apt-get install chromium tesseract-ocr)",
)

ORIGIN = (9, 41)  # px: where Rich puts the first cell (padding, margin and title bar)
TOLERANCE = 6  # px, half a cell: a word read where its cell is
CONFIDENT = 90  # tesseract's confidence (0-100) in a word worth placing


def screenshot(svg: Path, folder: Path) -> Path:
    """The SVG as Chromium draws it, at its own size, with every network request failing."""
    found = re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg.read_text(encoding="utf-8"))
    assert found is not None
    width, height = (round(float(number)) for number in found.groups())
    shot = folder / "shot.png"
    assert CHROMIUM is not None
    subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",  # as root in a container; harmless otherwise
            "--disable-gpu",
            "--hide-scrollbars",
            "--force-device-scale-factor=1",
            "--proxy-server=127.0.0.1:9",  # nothing is fetched: a remote font would not load
            f"--user-data-dir={folder / 'profile'}",
            f"--window-size={width},{height}",
            f"--screenshot={shot}",
            svg.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return shot


def read_words(image: Path) -> list[dict[str, str]]:
    """tesseract's words, each with its box and confidence (TSV output)."""
    assert TESSERACT is not None
    # One thread: tesseract's own threads make it many times slower on a busy machine.
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    result = subprocess.run(
        [TESSERACT, str(image), "-", "tsv"],
        check=True,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    rows = csv.DictReader(io.StringIO(result.stdout), delimiter="\t", quoting=csv.QUOTE_NONE)
    return [row for row in rows if row["level"] == "5" and row["text"].strip()]


def ocr_lines(words: list[dict[str, str]]) -> list[str]:
    lines: dict[tuple[str, str, str], list[str]] = {}
    for word in words:
        key = (word["block_num"], word["par_num"], word["line_num"])
        lines.setdefault(key, []).append(word["text"])
    return [" ".join(line) for line in lines.values()]


def test_chromium_draws_whole_words_at_their_cells(run: RunCli, tmp_path: Path) -> None:
    svg = tmp_path / "mcb.svg"
    # In colour, as the picture is: without colour the swatch is described, not drawn.
    result = run("colour", "Monte Carlo Blue", "--svg", str(svg), "--color", "always")
    assert result.exit_code == 0
    words = read_words(screenshot(svg, tmp_path))
    text = "\n".join(ocr_lines(words))
    for phrase in (
        "Monte Carlo Blue",
        "German name none published",
        "Aliases MC blue (search spellings, not official names)",
        "Programme BMW Individual (confidence medium; [38] [39] [40])",
        "Rarity handful: 2 to 10 cars (rank 3, rarest first)",
        "[39] The rarest BMW 1M: Monte Carlo Blue, first look",
    ):
        assert phrase in text, f"{phrase!r} not read in:\n{text}"
    assert "M onte" not in text

    # Each word confidently read starts at the cell where the terminal shows it.
    shown = ESCAPES.sub("", result.stdout).splitlines()
    placed = 0
    for word in words:
        if float(word["conf"]) < CONFIDENT or not re.fullmatch(r"[A-Za-z]{3,}", word["text"]):
            continue
        middle = int(word["top"]) + int(word["height"]) / 2
        line = int((middle - ORIGIN[1]) // picture.LINE)
        if not 0 <= line < len(shown):
            continue
        columns = [found.start() for found in re.finditer(rf"\b{word['text']}\b", shown[line])]
        if not columns:
            continue  # read as a word the terminal does not show there: OCR's slip, not ours
        column = min(columns, key=lambda at: abs(ORIGIN[0] + at * picture.CELL - int(word["left"])))
        offset = int(word["left"]) - (ORIGIN[0] + column * picture.CELL)
        assert abs(offset) <= TOLERANCE, f"{word['text']!r} on line {line} is {offset} px off"
        placed += 1
    assert placed >= 100, "too few words read to judge where they are drawn"
