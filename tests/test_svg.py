"""--svg pictures are well-formed SVG carrying the name, the count, the caveats and the sources,
with every word at its cell (whatever the renderer does with spaces), dark swatches outlined,
and no character that XML forbids."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from rich.text import Text

from m1lookup.model.schema import Dataset
from m1lookup.render import picture
from tests.conftest import (
    BAR_INSET,
    ESCAPES,
    LINE,
    ROOT,
    SVG,
    FileEvents,
    RunCli,
    blocks,
    drawn_lines,
    svg_text_of,
)

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
BLANK = " \xa0"
# Forbidden in XML 1.0 (C0 but tab and newline, surrogates, U+FFFE, U+FFFF) or discouraged by it
# (DEL, C1, the other noncharacters); \ud800 is a lone surrogate, as undecodable input gives.
HOSTILE = "\x01\x1b\x7f\x85\ufdd0\ufffe\uffff\U0001fffe\U0010ffff"


def xml_allowed(character: str) -> bool:
    code = ord(character)
    if code < 0x20:
        return character in "\t\n\r"
    if 0x7F <= code <= 0x9F or 0xD800 <= code <= 0xDFFF or 0xFDD0 <= code <= 0xFDEF:
        return False
    return code & 0xFFFE != 0xFFFE


def svg_text(path: Path) -> str:
    """All text drawn in the picture, line by line."""
    root = ET.parse(path).getroot()
    assert root.tag == f"{SVG}svg"
    return "\n".join(drawn_lines(root))


def shown(stdout: str) -> list[str]:
    lines = [line.rstrip() for line in stdout.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def test_colour_svg(run: RunCli, tmp_path: Path) -> None:
    picture = tmp_path / "mcb.svg"
    result = run("colour", "Monte Carlo Blue", "--svg", str(picture))
    assert result.exit_code == 0
    assert "Monte Carlo Blue" in result.stdout
    assert result.stderr == f"m1lookup: saved {picture}\n"
    drawn = svg_text(picture)
    assert "Monte Carlo Blue" in drawn
    assert "2 cars: each is 1 of 2" in drawn
    assert "approximate" in drawn
    assert "[39] The rarest BMW 1M: Monte Carlo Blue, first look" in drawn
    url = "https://www.bmwblog.com/2023/09/07/the-rarest-bmw-1m-monte-carlo-blue-first-look/"
    assert url in drawn
    assert "[@" not in drawn


def test_colour_svg_with_json_keeps_stdout_json(run: RunCli, tmp_path: Path) -> None:
    picture = tmp_path / "j.svg"
    result = run("colour", "Java Green", "--json", "--svg", str(picture))
    assert result.exit_code == 0
    assert result.json()["results"][0]["colour"]["count"] == 1
    assert "Java Green" in svg_text(picture)


def test_stats_svg(run: RunCli, tmp_path: Path) -> None:
    picture = tmp_path / "stats.svg"
    assert run("stats", "--svg", str(picture)).exit_code == 0
    drawn = svg_text(picture)
    assert "6,342" in drawn
    assert "6,309" in drawn
    assert "Monte Carlo Blue" in drawn
    assert "What is not known" in drawn


def test_unwritable_svg_path_is_a_usage_error(run: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "no-such-dir" / "x.svg"
    result = run("stats", "--svg", str(target))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"m1lookup: error: cannot write {target}")


@pytest.mark.parametrize(
    ("image", "args"),
    [("colour-monte-carlo-blue.svg", ["colour", "Monte Carlo Blue"]), ("stats.svg", ["stats"])],
)
def test_readme_images_are_current(
    run: RunCli, tmp_path: Path, image: str, args: list[str]
) -> None:
    fresh = tmp_path / image
    assert run(*args, "--svg", str(fresh)).exit_code == 0
    committed = ROOT / "docs" / "images" / image
    assert svg_text(committed) == svg_text(fresh), "run: python scripts/make_readme_images.py"


@pytest.mark.parametrize(
    "args", [["colour", "Monte Carlo Blue", "Black Sapphire"], ["stats"]], ids=["colour", "stats"]
)
def test_every_word_is_drawn_at_its_cell(run: RunCli, tmp_path: Path, args: list[str]) -> None:
    """librsvg (rsvg-convert, ImageMagick) ignores textLength and strips no-break spaces at the
    ends of a text run: each word must carry its own x and no piece may start or end blank."""
    target = tmp_path / "p.svg"
    # In colour, as the picture is: without colour the swatch is described, not drawn.
    result = run(*args, "--svg", str(target), "--color", "always")
    assert result.exit_code == 0
    root = ET.parse(target).getroot()
    assert root.get(XML_SPACE) == "preserve"
    pieces = [span.text or "" for span in root.iter(f"{SVG}tspan")]
    assert pieces
    assert all(piece and piece.strip(BLANK) == piece for piece in pieces)
    assert drawn_lines(root) == shown(ESCAPES.sub("", result.stdout))


def test_stats_svg_keeps_the_gap_before_the_confidence(run: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "stats.svg"
    assert run("stats", "--svg", str(target)).exit_code == 0
    # was "6,342high" in rsvg-convert
    assert "✓ 6,342  (confidence high; [43] [47] [58])" in svg_text(target)


def swatch_styles(path: Path) -> list[str]:
    return [block.get("style", "") for block in blocks(ET.parse(path).getroot())]


def test_dark_swatch_has_an_outline(run: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "swatches.svg"
    assert run("colour", "Black Sapphire", "Java Green", "--svg", str(target)).exit_code == 0
    black_sapphire, java_green = swatch_styles(target)
    assert "stroke: #c5c8c6" in black_sapphire  # #0B0B0C on #292929: 1.3:1 before the outline
    assert "paint-order: stroke" in black_sapphire
    assert "stroke" not in java_green  # #3FA535: 4.6:1, seen as it is


def test_stats_bars_are_each_in_its_own_swatch_with_a_gap_between(
    run: RunCli, tmp_path: Path, dataset: Dataset
) -> None:
    target = tmp_path / "stats.svg"
    assert run("stats", "--svg", str(target)).exit_code == 0
    bars = blocks(ET.parse(target).getroot())
    swatches = {colour.name: colour.swatch for colour in dataset.colours}
    # Rarest first: Atacama Yellow 1, Java Green 1, Monte Carlo Blue 2 (twice as long).
    assert [bar.get("fill") for bar in bars] == [
        swatches["Atacama Yellow"].lower(),
        swatches["Java Green"].lower(),
        swatches["Monte Carlo Blue"].lower(),
    ]
    widths = [float(bar.get("width", "0")) for bar in bars]
    assert widths[2] == 2 * widths[0] == 2 * widths[1]
    tops = [float(bar.get("y", "0")) for bar in bars]
    height = float(bars[0].get("height", "0"))
    assert tops[1] - tops[0] == pytest.approx(LINE)
    assert tops[2] - tops[1] == pytest.approx(LINE)
    assert LINE - height == 2 * BAR_INSET > 0, "a gap between one bar and the next"
    outlined = ["stroke" in bar.get("style", "") for bar in bars]
    assert outlined == [False, False, True]  # Monte Carlo Blue #1F4E8C: 1.75:1 on #292929


def test_the_svg_loads_nothing_and_names_only_generic_fonts(run: RunCli, tmp_path: Path) -> None:
    """Rich's SVG fetched Fira Code from a CDN: offline, or in an <img> where nothing is fetched,
    the fallback font was stretched by textLength into "M onteC arloB lue"."""
    target = tmp_path / "mcb.svg"
    assert run("colour", "Monte Carlo Blue", "--svg", str(target)).exit_code == 0
    written = target.read_text(encoding="utf-8")
    root = ET.fromstring(written)
    assert "@font-face" not in written
    assert "@import" not in written
    assert re.findall(r"url\(([^)]*)\)", written) == [
        value for value in re.findall(r"url\(([^)]*)\)", written) if value.startswith("#")
    ]
    assert not [name for element in root.iter() for name in element.attrib if name.endswith("href")]
    families = re.findall(r"font-family:\s*([^;\"}]+)", written)
    assert sorted(set(families)) == ["monospace", "sans-serif"]
    assert not [element for element in root.iter() if element.get("textLength") is not None]


def test_hostile_query_keeps_the_svg_valid_xml(run: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "hostile.svg"
    result = run("colour", f"Monte Carlo Blue{HOSTILE}", "--svg", str(target))
    assert result.exit_code == 0
    written = target.read_text(encoding="utf-8")
    ET.fromstring(written)
    assert all(xml_allowed(character) for character in written)
    title = svg_text(target).splitlines()[0]
    # Escaped as on screen, controls and noncharacters alike (text.UNSAFE_RANGES); the title is
    # cut at the picture's width.
    shown = "\\x01\\x1b\\x7f\\x85\\ufdd0\\ufffe\\uffff\\U0001fffe"
    assert f"(from “Monte Carlo Blue{shown}" in title


def test_svg_replaces_what_xml_forbids_even_when_the_caller_did_not() -> None:
    drawn = picture.svg(Text(f"a{HOSTILE}\ud800\x00b"), "m1lookup")
    drawn.encode("utf-8")
    assert all(xml_allowed(character) for character in drawn)
    assert "a" in svg_text_of(drawn)


def test_picture_keeps_its_colours_under_no_color(run: RunCli, tmp_path: Path) -> None:
    """NO_COLOR is about the terminal; a picture asked for by name keeps the swatch's colour."""
    target = tmp_path / "mcb.svg"
    result = run("colour", "Monte Carlo Blue", "--svg", str(target), env={"NO_COLOR": "1"})
    assert result.exit_code == 0
    assert "fill: #1f4e8c" in target.read_text(encoding="utf-8")


def test_a_miss_leaves_an_existing_picture_untouched(
    run: RunCli, tmp_path: Path, file_events: FileEvents
) -> None:
    """Nothing found, nothing drawn: the picture file is not even opened."""
    picture = tmp_path / "old.svg"
    picture.write_text("<svg>an older picture</svg>", encoding="utf-8")
    file_events.events.clear()  # the test's own writing
    result = run("colour", "Monte Carlo Bleu", "--svg", str(picture))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "saved" not in result.stderr
    assert file_events.changes(tmp_path) == []
    assert picture.read_text(encoding="utf-8") == "<svg>an older picture</svg>"


def test_a_saved_picture_is_written_once(
    run: RunCli, tmp_path: Path, file_events: FileEvents
) -> None:
    """The check above sees a write when there is one."""
    picture = tmp_path / "mcb.svg"
    assert run("colour", "mcb", "--svg", str(picture)).exit_code == 0
    assert str(picture.resolve()) in [path for _, path in file_events.changes(tmp_path)]
    assert "Monte Carlo Blue" in svg_text(picture)
