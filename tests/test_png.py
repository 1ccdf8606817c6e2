"""--png pictures: a real PNG of the expected size, drawn (not blank), with the bundled font;
without the png extra, one line saying how to install it and exit 2."""

from __future__ import annotations

import functools
import json
import math
import operator
import struct
import sys
import time
import zlib
from pathlib import Path

import pytest

from m1lookup.render import picture
from tests.conftest import (
    DATA_FILE,
    ROOT,
    RunCli,
    imports_of,
    loaded,
    on_fake_terminal,
    run_cli,
    run_process,
)

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
    lines = result.stdout.splitlines()
    # 100 cells wide, or wider for the longest address in the sources, which is never wrapped.
    widest = max(len(line) for line in lines)
    assert widest == 123
    assert size(target.read_bytes()) == (1494, math.ceil(len(lines) * LINE + 50))


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
    hint = picture.install_command("png")
    assert result.stderr == f"m1lookup: error: PNG pictures need the png extra: {hint}\n"
    assert not target.exists()
    assert not other.exists()


def test_unwritable_png_path_is_a_usage_error(run: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "no-such-dir" / "x.png"
    result = run("colour", "Java Green", "--png", str(target))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"m1lookup: error: cannot write {target}")


def test_pictures_cost_nothing_unless_asked_for(tmp_path: Path) -> None:

    picture_modules = ("m1lookup.render.picture", "resvg_py", "xml.etree")
    code, modules = imports_of("colour", "Monte Carlo Blue")
    assert code == 0
    assert not any(loaded(modules, name) for name in picture_modules)
    code, modules = imports_of("colour", "Monte Carlo Blue", "--png", str(tmp_path / "p.png"))
    assert code == 0
    assert all(loaded(modules, name) for name in picture_modules)


# --- the install hint: the extra for the way m1lookup was installed ---------------------------


class Installed:
    """Distribution metadata holding ``direct_url`` (PEP 610) as its direct_url.json, or none."""

    def __init__(self, direct_url: dict[str, object] | None) -> None:
        self.direct_url = direct_url

    def read_text(self, name: str) -> str | None:
        assert name == "direct_url.json"
        return None if self.direct_url is None else json.dumps(self.direct_url)


@pytest.mark.parametrize(
    ("direct_url", "hint"),
    [
        (None, "'m1lookup[png]'"),  # from an index: no direct_url.json
        ({"url": "file:///src/m1lookup", "dir_info": {}}, "'/src/m1lookup[png]'"),
        (
            {"url": "file:///home/me/m1%20lookup", "dir_info": {"editable": True}},
            "-e '/home/me/m1 lookup[png]'",
        ),
        (
            {"url": "file:///tmp/m1lookup-0.3.0-py3-none-any.whl", "archive_info": {}},
            "'/tmp/m1lookup-0.3.0-py3-none-any.whl[png]'",
        ),
        (
            {"url": "https://example.org/m1lookup.git", "vcs_info": {"vcs": "git"}},
            "'m1lookup[png] @ git+https://example.org/m1lookup.git'",
        ),
        ({"dir_info": {}}, "'m1lookup[png]'"),  # no url: nothing to go on
    ],
    ids=["index", "clone", "editable", "wheel", "git", "no-url"],
)
def test_install_hint_follows_the_way_it_was_installed(
    monkeypatch: pytest.MonkeyPatch, direct_url: dict[str, object] | None, hint: str
) -> None:
    from importlib import metadata

    monkeypatch.setattr(metadata, "distribution", lambda name: Installed(direct_url))
    assert picture.requirement("png") == hint


def test_install_hint_in_the_clone_it_was_installed_from_is_dot(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from importlib import metadata

    for editable, hint in ((False, "'.[png]'"), (True, "-e '.[png]'")):
        installed = Installed({"url": ROOT.as_uri(), "dir_info": {"editable": editable}})
        monkeypatch.setattr(metadata, "distribution", lambda name, installed=installed: installed)
        monkeypatch.chdir(ROOT)
        assert picture.requirement("png") == hint


def test_install_hint_names_the_pip_of_m1lookups_own_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`.venv/bin/m1lookup` run without activating the environment: a bare `pip` would install
    elsewhere (or be refused as externally managed), so the hint names that environment's pip."""
    environment = tmp_path / ".venv"
    (environment / "bin").mkdir(parents=True)
    (environment / "bin" / "pip").touch()
    monkeypatch.setattr(sys, "prefix", str(environment))
    monkeypatch.setattr(sys, "base_prefix", "/usr")
    monkeypatch.setattr(sys, "executable", str(environment / "bin" / "python"))
    monkeypatch.delenv("VIRTUAL_ENV", raising=False)
    monkeypatch.chdir(tmp_path)
    assert picture.installer() == ".venv/bin/pip install"
    monkeypatch.setenv("VIRTUAL_ENV", str(environment))  # activated: its pip comes first
    assert picture.installer() == "pip install"
    monkeypatch.delenv("VIRTUAL_ENV")
    (environment / "pipx_metadata.json").touch()
    assert picture.installer() == "pipx install --force"


def test_this_installation_is_not_told_to_use_an_index() -> None:
    """The test environment is installed from this clone (pip install -e '.[test]'), as the
    README says: the hint names the clone, which works, not 'm1lookup[png]', which fails."""
    hint = picture.install_command("png")
    assert "m1lookup[png]" not in hint
    assert hint.endswith(("'.[png]'", f"'{ROOT}[png]'"))


# --- pictures too large to draw (issue 19) ----------------------------------------------------

SECONDS = 20  # a generous bound on a slow CI machine: before the limit, 122 s and 6.2 GB
BASE = ROOT / "tests" / "fixtures" / "broken" / "base.toml"


def with_colours(folder: Path, count: int, notes: str = "") -> Path:
    """A small valid dataset with ``count`` more colours, named "Colour 0" and on."""
    data = folder / "many.toml"
    entry = (
        '\n[[colours]]\nid = "c{0}"\nname = "Colour {0}"\nprogramme = "individual"\n'
        'programme_confidence = "medium"\nprogramme_sources = ["press-a"]\n'
    )
    if notes:
        entry += f'notes = "{notes}"\n'
    text = BASE.read_text(encoding="utf-8")
    data.write_text(text + "".join(entry.format(i) for i in range(count)), "utf-8")
    return data


def test_a_picture_too_tall_is_refused_before_drawing(tmp_path: Path) -> None:
    """A 1 MB note (122 s and 6.2 GB for a picture 306,270 px tall) is now refused when the data
    is read (test_bounded.py); notes of the longest length a dataset may hold still add up:
    twenty of them are 1,300 lines."""
    data = with_colours(tmp_path, 20, notes="word " * 790)
    target = tmp_path / "tall.png"
    names = [f"Colour {i}" for i in range(20)]
    started = time.monotonic()
    result = run_cli("colour", "--data", str(data), *names, "--png", str(target))
    assert time.monotonic() - started < SECONDS
    assert result.exit_code == 2
    assert result.stdout == ""
    message = result.stderr
    assert message.startswith("m1lookup: error: the picture would be 1,")
    assert " lines of 100 columns (1,218 x " in message
    assert message.endswith("; a picture is at most 16,384 px each way and 20,000,000 px in all\n")
    assert message.count("\n") == 1
    assert not target.exists()


def test_a_picture_too_wide_is_refused_before_drawing(tmp_path: Path) -> None:
    """A 200,000-character URL aborted the PNG library (exit 134, a Rust backtrace); a URL of
    the longest length a dataset may hold, whole as always, is still 48,000 px wide."""
    url = "https://www.bmwblog.com/2023/09/07/the-rarest-bmw-1m-monte-carlo-blue-first-look/"
    data, target = tmp_path / "url.toml", tmp_path / "url.png"
    long_url = "https://example.com/" + "a" * 3_970
    data.write_text(DATA_FILE.read_text(encoding="utf-8").replace(url, long_url), "utf-8")
    result = run_cli("colour", "--data", str(data), "Monte Carlo Blue", "--png", str(target))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "m1lookup: error: the picture would be 33 lines of 3,994 columns "
        "(47,946 x 855 px); a picture is at most 16,384 px each way and 20,000,000 px in all\n"
    )
    assert not target.exists()


def test_stats_of_a_dataset_with_many_colours_is_refused_before_drawing(tmp_path: Path) -> None:
    """20,000 colours aborted the PNG library; 700 cross the same limit, and load in a moment."""
    data, target = with_colours(tmp_path, 700), tmp_path / "many.png"
    result = run_cli("stats", "--data", str(data), "--png", str(target), "--svg", "-")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("m1lookup: error: the picture would be 1,4")
    assert result.stderr.endswith(" 20,000,000 px in all\n")
    assert not target.exists()


def test_the_limits_are_the_pictures() -> None:
    """669 lines of 100 columns fit (a 1,218 x 16,374 px PNG: about 6 s and 350 MB to draw), one
    more does not; a wider picture holds fewer lines, within 20 million pixels."""
    from rich.console import Group
    from rich.text import Text

    def lines(count: int, columns: int = 100) -> Group:
        # The first line as a source's address is: never wrapped.
        first = Text("x" * columns, no_wrap=True, overflow="ignore")
        return Group(first, *(Text("y") for _ in range(count - 1)))

    assert picture.extent(lines(669)) == (100, 669)
    assert picture.extent(lines(669)).pixels == (1218, pytest.approx(669 * LINE + 50))
    assert picture.extent(lines(48, 1363)) == (1363, 48)
    for too_large in (lines(670), lines(49, 1363), lines(1, 1364)):
        with pytest.raises(picture.PictureTooLarge):
            picture.extent(too_large)


def test_png_to_a_terminal_is_refused() -> None:
    """Binary on a terminal (154 KB, five full terminal resets) is refused, as gzip refuses."""
    code, screen, stderr = on_fake_terminal("colour", "Monte Carlo Blue", "--png", "-")
    assert code == 2
    assert screen == b""
    assert stderr.decode() == (
        "m1lookup: error: --png - writes binary data; standard output is a terminal: "
        "redirect it to a file or a pipe (--png - > picture.png)\n"
    )


def test_png_to_a_pipe_is_written(tmp_path: Path) -> None:
    with (tmp_path / "out.png").open("wb") as out:
        result = run_process("colour", "Java Green", "--png", "-", stdout=out.fileno())
    assert result.returncode == 0
    assert result.stderr == b""
    assert size((tmp_path / "out.png").read_bytes())[0] >= 1218  # a PNG: size() checks
