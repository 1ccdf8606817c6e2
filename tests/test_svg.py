"""--svg pictures are well-formed SVG carrying the name, the count, the caveats and the sources."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import ROOT, FileEvents, RunCli

SVG = "{http://www.w3.org/2000/svg}"


def svg_text(path: Path) -> str:
    """All text drawn in the picture, with Rich's non-breaking spaces read as spaces."""
    root = ET.parse(path).getroot()
    assert root.tag == f"{SVG}svg"
    return "".join(node.text or "" for node in root.iter(f"{SVG}text")).replace("\xa0", " ")


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
    assert "[31] The rarest BMW 1M: Monte Carlo Blue, first look" in drawn
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
