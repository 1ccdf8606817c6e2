"""--png pictures: a real PNG of the expected size, drawn (not blank), with the bundled font;
without the png extra, one line saying how to install it and exit 2."""

from __future__ import annotations

import functools
import math
import operator
import struct
import sys
import zlib
from pathlib import Path

import pytest

from m1lookup.render import picture
from tests.conftest import DATA_FILE, RunCli

SIGNATURE = b"\x89PNG\r\n\x1a\n"
CELL = 20 * picture.FONT_ASPECT  # Rich draws 20 px type
LINE = 20 * 1.22
MONTE_CARLO_BLUE = (0x1F, 0x4E, 0x8C, 0xFF)  # its swatch in data/colours.toml


def decode(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and the RGBA rows of an 8-bit, non-interlaced RGBA PNG (what resvg writes)."""
    assert data.startswith(SIGNATURE)
    position, chunks, header = len(SIGNATURE), [], b""
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            chunks.append(body)
        position += 12 + length
    width, height, depth, colour_type, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert (depth, colour_type, interlace) == (8, 6, 0)
    raw = zlib.decompress(b"".join(chunks))
    stride = width * 4
    rows: list[bytes] = []
    previous = bytes(stride)
    for y in range(height):
        start = y * (stride + 1)
        row = _unfilter(raw[start], bytearray(raw[start + 1 : start + 1 + stride]), previous)
        rows.append(row)
        previous = row
    return width, height, rows


def _unfilter(kind: int, row: bytearray, above: bytes) -> bytes:
    if kind == 1:
        for i in range(4, len(row)):
            row[i] = (row[i] + row[i - 4]) & 0xFF
    elif kind == 2:
        row = bytearray((a + b) & 0xFF for a, b in zip(row, above, strict=True))
    elif kind == 3:
        for i in range(len(row)):
            left = row[i - 4] if i >= 4 else 0
            row[i] = (row[i] + (left + above[i]) // 2) & 0xFF
    elif kind == 4:
        for i in range(len(row)):
            left = row[i - 4] if i >= 4 else 0
            corner = above[i - 4] if i >= 4 else 0
            row[i] = (row[i] + _paeth(left, above[i], corner)) & 0xFF
    return bytes(row)


def _paeth(left: int, up: int, corner: int) -> int:
    estimate = left + up - corner
    a, b, c = abs(estimate - left), abs(estimate - up), abs(estimate - corner)
    if a <= b and a <= c:
        return left
    return up if b <= c else corner


def channel_variance(rows: list[bytes]) -> float:
    """Variance of the red channel over all pixels."""
    values = b"".join(row[0::4] for row in rows)
    mean = sum(values) / len(values)
    return sum(map(operator.mul, values, values)) / len(values) - mean * mean


def has_pixel(row: bytes, rgba: bytes) -> bool:
    start = row.find(rgba)
    while start != -1 and start % 4:
        start = row.find(rgba, start + 1)
    return start != -1


def size(data: bytes) -> tuple[int, int]:
    assert data.startswith(SIGNATURE)
    width, height = struct.unpack(">II", data[16:24])  # IHDR comes first
    return width, height


def test_colour_png(run: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "mcb.png"
    result = run("colour", "Monte Carlo Blue", "--png", str(target))
    assert result.exit_code == 0
    assert "Monte Carlo Blue" in result.stdout
    assert result.stderr == f"m1lookup: saved {target}\n"
    width, height, rows = decode(target.read_bytes())
    # The size of what the terminal shows: 100 cells of 12 px, 8 px padding each side and a 1 px
    # margin; a 24.4 px line each, 40 px title bar, 8 px padding below, 1 px margins.
    assert width == 1218
    assert math.isclose(height, len(result.stdout.splitlines()) * LINE + 48 + 2, abs_tol=1)
    assert (width, height) == (1218, 855)  # 33 lines with today's dataset
    assert channel_variance(rows) > 100, "the picture is (nearly) one colour"
    swatch = bytes(MONTE_CARLO_BLUE)
    assert any(has_pixel(row, swatch) for row in rows), "the swatch is drawn in its own colour"


def test_stats_png(run: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "stats.png"
    result = run("stats", "--png", str(target))
    assert result.exit_code == 0
    assert "Production" in result.stdout
    assert result.stderr == f"m1lookup: saved {target}\n"
    lines = len(result.stdout.splitlines())
    assert size(target.read_bytes()) == (1218, math.ceil(lines * LINE + 50))


def test_the_bundled_font_draws_every_character_the_tool_shows(
    run: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No glyph falls back to a font of the machine, so the PNG is the same on a bare one."""
    import resvg_py
    from rich.text import Text

    from m1lookup.load.dataset import load

    shown = DATA_FILE.read_text(encoding="utf-8") + run("stats").stdout + run("list").stdout
    shown += run("colour", *(colour.name for colour in load(None).colours)).stdout
    characters = sorted({c for c in shown if c.isprintable() and not c.isspace()})
    assert "✓" in characters
    sample = Text(" ".join(characters))
    with_machine_fonts = picture.png(sample, "m1lookup")
    bare = functools.partial(resvg_py.svg_to_bytes, skip_system_fonts=True)
    monkeypatch.setattr(resvg_py, "svg_to_bytes", bare)
    assert picture.png(sample, "m1lookup") == with_machine_fonts


@pytest.mark.parametrize("missing", ["resvg_py", picture.PNG_FONT_PACKAGE])
@pytest.mark.parametrize(
    "args", [["colour", "Monte Carlo Blue"], ["stats"], ["colour", "Java Green", "--json"]]
)
def test_without_the_extra_one_line_says_how_to_install_it(
    run: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, missing: str, args: list[str]
) -> None:
    monkeypatch.setitem(sys.modules, missing, None)  # import fails as if not installed
    target, other = tmp_path / "x.png", tmp_path / "x.svg"
    result = run(*args, "--png", str(target), "--svg", str(other))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "m1lookup: error: PNG pictures need the png extra: pip install 'm1lookup[png]'\n"
    )
    assert not target.exists()
    assert not other.exists()


def test_unwritable_png_path_is_a_usage_error(run: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "no-such-dir" / "x.png"
    result = run("colour", "Java Green", "--png", str(target))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"m1lookup: error: cannot write {target}")


def test_pictures_cost_nothing_unless_asked_for(tmp_path: Path) -> None:
    from tests.test_imports import imports_of, loaded

    picture_modules = ("m1lookup.render.picture", "resvg_py", "xml.etree")
    code, modules = imports_of("colour", "Monte Carlo Blue")
    assert code == 0
    assert not any(loaded(modules, name) for name in picture_modules)
    code, modules = imports_of("colour", "Monte Carlo Blue", "--png", str(tmp_path / "p.png"))
    assert code == 0
    assert all(loaded(modules, name) for name in picture_modules)
