"""Pictures of what the tool draws: an SVG (always) and a PNG (with the ``png`` extra).

The SVG is Rich's recorded console, made to draw the same in every renderer (Chromium, Firefox,
librsvg as in rsvg-convert and ImageMagick, resvg), with no network:

- It names only generic families (``monospace``, ``sans-serif``) and loads no font: Rich's
  ``@font-face`` rules fetch Fira Code from a CDN, which an image shown on a web page or opened
  offline never gets, and which reports every view to a third party.
- No ``textLength``: Chromium stretches or squeezes the glyphs of whatever font it has to that
  length, spacing the letters of a word apart ("M onteC arloB lue"). Instead every word is a
  ``tspan`` at its own cell's ``x``, so a font a little wider or narrower than the cell only
  changes where a word ends, never where it starts. No piece starts or ends with a space
  (librsvg strips the no-break spaces Rich writes for spaces), and the root says
  ``xml:space="preserve"``.
- A run of full blocks (a swatch, a bar of the ``stats`` chart) is a rectangle, not glyphs, so it
  is the same size in every font, and a bar is shorter than its line: a gap between bars.
- The cell is 0.6 em wide, the advance of nearly every monospace font (Rich assumes 0.61).
- A swatch or bar darker than the background gets an outline (WCAG asks 3:1 for graphics).
- Characters XML forbids or discourages (C0 and C1 controls, surrogates, noncharacters such as
  U+FFFE) are replaced by U+FFFD before the text is parsed, so the file is always well-formed.
- A picture is at most :data:`MAX_SIDE` pixels each way and :data:`MAX_PIXELS` in all, checked
  from the drawn lines before the SVG is written or the PNG library allocates
  (:class:`PictureTooLarge`).

The PNG is that SVG rasterised by resvg (``resvg-py``, a self-contained wheel) with IBM Plex Mono
from ``fontpkg-ibm-plex-mono``, so it looks the same on a machine without fonts.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING, NamedTuple

from m1lookup.io.errors import M1Error

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from rich.console import RenderableType
    from rich.terminal_theme import TerminalTheme

PNG_EXTRA = "png"
PNG_FONT_PACKAGE = "fontpkg_ibm_plex_mono"
PNG_FONT = "IBM Plex Mono"

WIDTH = 100  # cells a picture's view is laid out in
FONT_SIZE = 20  # px: what Rich draws (export_svg's char_height)
FONT_ASPECT = 0.6
CELL = FONT_SIZE * FONT_ASPECT
LINE = FONT_SIZE * 1.22  # Rich's line height
FRAME = (18, 50)  # px Rich adds around the cells: padding and margins; the title bar too
# The largest picture: 16,384 px each way (the largest texture or canvas side many viewers and
# GPUs take) and 20 million pixels, 669 lines of the usual 100 columns. Drawing that PNG takes
# about 6 s and 350 MB; the pixels alone of the 1 MB note's picture would take 1.5 GB.
MAX_SIDE = 16_384
MAX_PIXELS = 20_000_000
BAR_INSET = 4.0  # px left above and below a block's rectangle: the gap between bars
MIN_CONTRAST = 3.0  # WCAG 2.1, 1.4.11 Non-text Contrast
REPLACEMENT = "\ufffd"
MONOSPACE = "monospace"
SANS = "sans-serif"

_SVG_NS = "http://www.w3.org/2000/svg"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# Not an XML 1.0 character, or one it discourages: C0 controls but tab, LF and CR; DEL and C1;
# surrogates; the noncharacters U+FDD0..U+FDEF and U+xFFFE/U+xFFFF in every plane.
_NOT_XML = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(17))
    + "]"
)
_FILL_RULE = re.compile(r"\.([\w-]+)\s*\{\s*fill:\s*(#[0-9a-fA-F]{6})")
# What Rich's style sheet says about fonts: @font-face rules that fetch Fira Code from a CDN,
# and font-family declarations (the inline styles set below name the families instead).
_FONT_RULES = re.compile(r"@font-face\s*\{[^}]*\}|font-family:[^;}]*;?")
_BLANK = " \xa0\n"
_BLOCK = "\u2588"  # FULL BLOCK: swatches and bars


class PictureUnavailable(M1Error):
    """The PNG extra is not installed; the message says how to install it."""


class PictureTooLarge(M1Error):
    """The picture would exceed :data:`MAX_SIDE`; the message says by how much."""


class Extent(NamedTuple):
    """The cells a picture spans: as wide as its widest line, as tall as its lines."""

    columns: int
    lines: int

    @property
    def pixels(self) -> tuple[float, float]:
        return self.columns * CELL + FRAME[0], self.lines * LINE + FRAME[1]


def extent(renderable: RenderableType, width: int = WIDTH) -> Extent:
    """The picture's cells, drawn ``width`` cells wide (a source's address is never wrapped or
    cut, so a line may be wider); :class:`PictureTooLarge` past the limits. Costs one
    drawing of the view, as on a terminal, and none of the picture's own work."""
    from rich.cells import cell_len
    from rich.console import Console

    console = Console(file=io.StringIO(), width=width, emoji=False, highlight=False)
    with console.capture() as drawn:
        console.print(renderable, crop=False)
    lines = drawn.get().splitlines()
    size = Extent(max(width, max((cell_len(line) for line in lines), default=0)), len(lines))
    wide, tall = size.pixels
    if max(wide, tall) > MAX_SIDE or wide * tall > MAX_PIXELS:
        raise PictureTooLarge(
            f"the picture would be {size.lines:,} lines of {size.columns:,} columns "
            f"({wide:,.0f} x {tall:,.0f} px); a picture is at most {MAX_SIDE:,} px each way "
            f"and {MAX_PIXELS:,} px in all"
        )
    return size


def svg(
    renderable: RenderableType, title: str, width: int = WIDTH, size: Extent | None = None
) -> str:
    """The renderable as a standalone SVG image, drawn ``width`` cells wide. ``size``: its
    :func:`extent`, if already known."""
    size = size or extent(renderable, width)
    return _svg(renderable, title, width, size.columns, MONOSPACE, SANS)


def png(
    renderable: RenderableType, title: str, width: int = WIDTH, size: Extent | None = None
) -> bytes:
    """The renderable as a PNG image. Raises :class:`PictureUnavailable` without the extra."""
    rasterise, font_dir = _png_tools()
    size = size or extent(renderable, width)
    picture = _svg(renderable, title, width, size.columns, f'"{PNG_FONT}"', f'"{PNG_FONT}"')
    # System fonts stay loaded only as a fallback for characters IBM Plex Mono lacks (CJK, say):
    # every family the picture names is the bundled one.
    return rasterise(
        svg_string=picture,
        font_dirs=[font_dir],
        font_family=PNG_FONT,
        monospace_family=PNG_FONT,
        sans_serif_family=PNG_FONT,
    )


def check_png() -> None:
    """Raise :class:`PictureUnavailable` now if :func:`png` would."""
    _png_tools()


def _png_tools() -> tuple[Callable[..., bytes], str]:
    from importlib import resources

    try:
        from resvg_py import svg_to_bytes

        font_dir = resources.files(PNG_FONT_PACKAGE)
    except ImportError:
        raise PictureUnavailable(
            f"PNG pictures need the {PNG_EXTRA} extra: {install_command(PNG_EXTRA)}"
        ) from None
    return svg_to_bytes, str(font_dir)


def install_command(extra: str) -> str:
    """The command that adds ``extra`` to m1lookup where and as it was installed."""
    return f"{installer()} {requirement(extra)}"


def installer() -> str:
    """``pipx install --force`` under pipx; the pip of m1lookup's own environment, by its path
    where that environment is not the active one (``.venv/bin/m1lookup`` run as is); else pip."""
    import os
    import shlex
    import sys
    from pathlib import Path

    if (Path(sys.prefix) / "pipx_metadata.json").exists():
        return "pipx install --force"
    if sys.prefix == sys.base_prefix or os.environ.get("VIRTUAL_ENV") == sys.prefix:
        return "pip install"
    pip = Path(sys.executable).with_name("pip")
    if not pip.exists():
        return f"{shlex.quote(_shown(Path(sys.executable)))} -m pip install"
    return f"{shlex.quote(_shown(pip))} install"


def requirement(extra: str) -> str:
    """What to install for ``extra``, as m1lookup was installed (PEP 610's direct_url.json):
    from an index by name, from a clone or a wheel by its path (``.`` for the current folder),
    editable again if it was editable, from a repository by its address."""
    import json
    import shlex
    from importlib import metadata
    from pathlib import Path
    from urllib.parse import unquote, urlparse

    try:
        recorded = metadata.distribution("m1lookup").read_text("direct_url.json")
        origin = json.loads(recorded) if recorded else None
    except (metadata.PackageNotFoundError, ValueError):
        origin = None
    if not isinstance(origin, dict) or not isinstance(origin.get("url"), str):
        return f"'m1lookup[{extra}]'"
    url: str = origin["url"]
    vcs = origin.get("vcs_info")
    if isinstance(vcs, dict):
        url = f"{vcs.get('vcs', 'git')}+{url}"
    parsed = urlparse(url)
    if parsed.scheme != "file":
        return shlex.quote(f"m1lookup[{extra}] @ {url}")
    where = Path(unquote(parsed.path))
    directory = origin.get("dir_info")
    editable = isinstance(directory, dict) and directory.get("editable") is True
    return f"{'-e ' if editable else ''}{shlex.quote(f'{_shown(where)}[{extra}]')}"


def _shown(path: Path) -> str:
    """``path`` as typed from the current folder: ``.``, ``.venv/bin/pip``, or whole."""
    from pathlib import Path

    try:
        relative = path.relative_to(Path.cwd())
    except ValueError:
        return str(path)
    return str(relative)


# --- the SVG -----------------------------------------------------------------------------------


def _svg(
    renderable: RenderableType, title: str, width: int, canvas: int, mono: str, sans: str
) -> str:
    from rich.terminal_theme import SVG_EXPORT_THEME

    raw = _rich_svg(renderable, title, width, canvas, SVG_EXPORT_THEME)
    ET.register_namespace("", _SVG_NS)
    root = ET.fromstring(xml_safe(raw))
    root.set(_XML_SPACE, "preserve")
    for style in root.iter(f"{{{_SVG_NS}}}style"):
        style.text = _FONT_RULES.sub("", style.text or "")
    fills = _fills(root)
    dark = _dark_classes(fills, SVG_EXPORT_THEME)
    for parent in list(root.iter()):
        if _has_class(parent, "-matrix"):
            _add_style(parent, f"font-family: {mono}")
        for text in list(parent):
            if text.tag != f"{{{_SVG_NS}}}text":
                continue
            if _has_class(text, "-title"):
                _add_style(text, f"font-family: {sans}")
            elif text.get("textLength") is not None:  # a run of terminal cells
                outline = SVG_EXPORT_THEME if text.get("class") in dark else None
                _place_words(parent, text, fills.get(text.get("class", "")), outline)
    return ET.tostring(root, encoding="unicode")


def _rich_svg(
    renderable: RenderableType, title: str, width: int, canvas: int, theme: TerminalTheme
) -> str:
    from rich.console import Console

    # Laid out ``width`` cells wide on a canvas as wide as the widest line.
    # Colour is kept whatever NO_COLOR says: a picture asked for by name is not terminal output.
    console = Console(
        file=io.StringIO(),
        record=True,
        width=canvas,
        force_terminal=True,
        color_system="truecolor",
        no_color=False,
        emoji=False,
        highlight=False,
        soft_wrap=False,
        legacy_windows=False,
    )
    console.print(renderable, width=width, crop=False)
    return console.export_svg(title=title, theme=theme, font_aspect_ratio=FONT_ASPECT)


def xml_safe(text: str) -> str:
    """``text`` with every character XML forbids or discourages replaced by U+FFFD."""
    return _NOT_XML.sub(REPLACEMENT, text)


def _has_class(element: ET.Element, suffix: str) -> bool:
    return any(name.endswith(suffix) for name in element.get("class", "").split())


def _add_style(element: ET.Element, declaration: str) -> None:
    """An inline declaration, which outranks Rich's class rules."""
    style = element.get("style")
    element.set("style", f"{style.rstrip('; ')}; {declaration}" if style else declaration)


def _place_words(
    parent: ET.Element, element: ET.Element, fill: str | None, outline: TerminalTheme | None
) -> None:
    """Replace the run's text by one ``tspan`` per word, each at the ``x`` of its first cell (its
    position no longer depends on the font or on how a renderer treats spaces), and each run of
    full blocks by a rectangle of its cells, put before the text in ``parent``."""
    content = element.text or ""
    x = float(element.get("x", "0"))
    top = float(element.get("y", "0")) - FONT_SIZE + 1.5  # Rich's line box
    # Rich sets textLength to the cell width times the number of characters.
    cell = float(element.attrib.pop("textLength", "0")) / max(len(content), 1)
    element.text = None
    at = list(parent).index(element)
    for column, piece in _pieces(content):
        left = x + column * cell
        if piece[0] == _BLOCK:
            bar = ET.Element(f"{{{_SVG_NS}}}rect", {"class": element.get("class", "")})
            bar.set("x", _number(left))
            bar.set("y", _number(top + BAR_INSET))
            bar.set("width", _number(len(piece) * cell))
            bar.set("height", _number(LINE - 2 * BAR_INSET))
            if fill:
                bar.set("fill", fill)
            if outline:
                _outline(bar, outline)
            parent.insert(at, bar)
            at += 1
        else:
            span = ET.SubElement(element, f"{{{_SVG_NS}}}tspan")
            span.set("x", _number(left))
            span.text = piece
    if len(element) == 0:
        parent.remove(element)
    elif outline:
        _outline(element, outline)


def _pieces(content: str) -> list[tuple[int, str]]:
    """(first cell, text) of each run of non-blank characters, a run of full blocks apart."""
    from rich.cells import get_character_cell_size

    pieces: list[tuple[int, str]] = []
    start, piece, column = 0, "", 0
    for character in content:
        if piece and (character in _BLANK or (piece[-1] == _BLOCK) != (character == _BLOCK)):
            pieces.append((start, piece))
            piece = ""
        if character not in _BLANK:
            if not piece:
                start = column
            piece += character
        column += get_character_cell_size(character)
    if piece:
        pieces.append((start, piece))
    return pieces


def _number(value: float) -> str:
    return f"{round(value, 2):g}"


# --- swatches darker than the background -------------------------------------------------------


def _fills(root: ET.Element) -> dict[str, str]:
    """Each class's fill colour, from Rich's style sheet."""
    rules = "".join(node.text or "" for node in root.iter(f"{{{_SVG_NS}}}style"))
    return dict(_FILL_RULE.findall(rules))


def _dark_classes(fills: dict[str, str], theme: TerminalTheme) -> set[str]:
    """The classes whose fill has too little contrast against the background to be seen."""
    background = theme.background_color
    return {
        name
        for name, fill in fills.items()
        if _contrast(_rgb(fill), (background.red, background.green, background.blue)) < MIN_CONTRAST
    }


def _outline(element: ET.Element, theme: TerminalTheme) -> None:
    # Stroke painted under the fill: the outer half of the stroke shows.
    _add_style(
        element, f"stroke: {theme.foreground_color.hex}; stroke-width: 2px; paint-order: stroke"
    )


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    value = int(hex_colour[1:], 16)
    return value >> 16, (value >> 8) & 0xFF, value & 0xFF


def _luminance(rgb: tuple[int, int, int]) -> float:
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(channel) for channel in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def _contrast(first: tuple[int, int, int], second: tuple[int, int, int]) -> float:
    """WCAG contrast ratio, 1 (none) to 21 (black on white)."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
