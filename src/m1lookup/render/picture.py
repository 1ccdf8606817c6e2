"""Pictures of what the tool draws: an SVG (always) and a PNG (with the ``png`` extra).

The SVG is Rich's recorded console, made to survive renderers other than a browser:

- librsvg (rsvg-convert, ImageMagick) ignores ``textLength`` and per-character ``x`` lists, and
  strips leading and trailing no-break spaces (Rich writes every space as one) under the default
  ``xml:space``: a run such as "  high" started a cell too early and lost its gap ("6,342high").
  So every word is a ``tspan`` at its own cell's ``x`` (long runs are cut every few cells, so a
  font a little wider or narrower than the cell drifts by less than a pixel), no piece starts or
  ends with a space, and the root says ``xml:space="preserve"``.
- The cell is 0.6 em wide, the advance of nearly every monospace font (Rich assumes 0.61).
- A swatch darker than the background gets an outline (WCAG asks 3:1 for graphics).
- Characters XML forbids or discourages (C0 and C1 controls, surrogates, noncharacters such as
  U+FFFE) are replaced by U+FFFD before the text is parsed, so the file is always well-formed.

The PNG is that SVG rasterised by resvg (``resvg-py``, a self-contained wheel) with IBM Plex Mono
from ``fontpkg-ibm-plex-mono``, so it looks the same on a machine without fonts.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from m1lookup.io.errors import M1Error

if TYPE_CHECKING:
    from collections.abc import Callable

    from rich.console import RenderableType
    from rich.terminal_theme import TerminalTheme

PNG_INSTALL = "pip install 'm1lookup[png]'"
PNG_FONT_PACKAGE = "fontpkg_ibm_plex_mono"
PNG_FONT = "IBM Plex Mono"

FONT_ASPECT = 0.6
LONGEST_PIECE = 8  # cells drawn from one x
MIN_CONTRAST = 3.0  # WCAG 2.1, 1.4.11 Non-text Contrast
REPLACEMENT = "\ufffd"
MONOSPACE = (
    '"Fira Code", "IBM Plex Mono", "JetBrains Mono", "Source Code Pro", "DejaVu Sans Mono", '
    '"Liberation Mono", Menlo, Consolas, monospace'
)
SANS = "arial, Helvetica, sans-serif"

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
_BLANK = " \xa0"
_LINES = ("\u2500", "\u259f")  # Box Drawing and Block Elements


class PictureUnavailable(M1Error):
    """The PNG extra is not installed; the message says how to install it."""


def svg(renderable: RenderableType, title: str, width: int = 100) -> str:
    """The renderable as a standalone SVG image, drawn ``width`` cells wide."""
    return _svg(renderable, title, width, MONOSPACE, SANS)


def png(renderable: RenderableType, title: str, width: int = 100) -> bytes:
    """The renderable as a PNG image. Raises :class:`PictureUnavailable` without the extra."""
    rasterise, font_dir = _png_tools()
    picture = _svg(renderable, title, width, f'"{PNG_FONT}"', f'"{PNG_FONT}"')
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
        raise PictureUnavailable(f"PNG pictures need the png extra: {PNG_INSTALL}") from None
    return svg_to_bytes, str(font_dir)


# --- the SVG -----------------------------------------------------------------------------------


def _svg(renderable: RenderableType, title: str, width: int, mono: str, sans: str) -> str:
    from rich.terminal_theme import SVG_EXPORT_THEME

    raw = _rich_svg(renderable, title, width, SVG_EXPORT_THEME)
    ET.register_namespace("", _SVG_NS)
    root = ET.fromstring(xml_safe(raw))
    root.set(_XML_SPACE, "preserve")
    for group in root.iter(f"{{{_SVG_NS}}}g"):
        if _has_class(group, "-matrix"):
            _add_style(group, f"font-family: {mono}")
    dark = _dark_classes(root, SVG_EXPORT_THEME)
    for text in list(root.iter(f"{{{_SVG_NS}}}text")):
        if _has_class(text, "-title"):
            _add_style(text, f"font-family: {sans}")
        elif text.get("textLength") is not None:  # a run of terminal cells
            _place_words(text)
            if text.get("class") in dark:
                _outline(text, SVG_EXPORT_THEME)
    return ET.tostring(root, encoding="unicode")


def _rich_svg(renderable: RenderableType, title: str, width: int, theme: TerminalTheme) -> str:
    from rich.console import Console

    # Laid out ``width`` cells wide; the canvas is as wide as the widest line, as a source's
    # address is never wrapped or cut (render.pieces.source_block).
    canvas = max(width, _widest_line(renderable, width))
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


def _widest_line(renderable: RenderableType, width: int) -> int:
    from rich.cells import cell_len
    from rich.console import Console

    console = Console(file=io.StringIO(), width=width, emoji=False, highlight=False)
    with console.capture() as drawn:
        console.print(renderable, crop=False)
    return max((cell_len(line) for line in drawn.get().splitlines()), default=0)


def xml_safe(text: str) -> str:
    """``text`` with every character XML forbids or discourages replaced by U+FFFD."""
    return _NOT_XML.sub(REPLACEMENT, text)


def _has_class(element: ET.Element, suffix: str) -> bool:
    return any(name.endswith(suffix) for name in element.get("class", "").split())


def _add_style(element: ET.Element, declaration: str) -> None:
    """An inline declaration, which outranks Rich's class rules."""
    style = element.get("style")
    element.set("style", f"{style.rstrip('; ')}; {declaration}" if style else declaration)


def _place_words(element: ET.Element) -> None:
    """Replace the run's text by one ``tspan`` per word (or piece of a long word), each at the
    ``x`` of its first cell: its position no longer depends on the font or on how a renderer
    treats spaces."""
    from rich.cells import cell_len

    content = element.text or ""
    x = float(element.get("x", "0"))
    # Rich sets textLength to the cell width times the number of characters.
    cell = float(element.get("textLength", "0")) / max(len(content), 1)
    element.text = None
    for column, piece in _pieces(content):
        span = ET.SubElement(element, f"{{{_SVG_NS}}}tspan")
        span.set("x", _number(x + column * cell))
        span.set("textLength", _number(cell_len(piece) * cell))
        span.text = piece


def _pieces(content: str) -> list[tuple[int, str]]:
    """(first cell, text) of each run of non-blank characters, cut every LONGEST_PIECE cells but
    within a line of box-drawing or block characters (a cut there shows as a seam)."""
    from rich.cells import get_character_cell_size

    pieces: list[tuple[int, str]] = []
    start, piece, used, column = 0, "", 0, 0
    for character in content:
        size = get_character_cell_size(character)
        full = piece and used + size > LONGEST_PIECE and not _joins(piece[-1], character)
        if character in _BLANK or full:
            if piece:
                pieces.append((start, piece))
            piece, used = "", 0
        if character not in _BLANK:
            if not piece:
                start = column
            piece += character
            used += size
        column += size
    if piece:
        pieces.append((start, piece))
    return pieces


def _joins(left: str, right: str) -> bool:
    return _LINES[0] <= left <= _LINES[1] and _LINES[0] <= right <= _LINES[1]


def _number(value: float) -> str:
    return f"{round(value, 2):g}"


# --- swatches darker than the background -------------------------------------------------------


def _dark_classes(root: ET.Element, theme: TerminalTheme) -> set[str]:
    """The classes whose fill has too little contrast against the background to be seen."""
    background = theme.background_color
    rules = "".join(node.text or "" for node in root.iter(f"{{{_SVG_NS}}}style"))
    return {
        name
        for name, fill in _FILL_RULE.findall(rules)
        if _contrast(_rgb(fill), (background.red, background.green, background.blue)) < MIN_CONTRAST
    }


def _outline(element: ET.Element, theme: TerminalTheme) -> None:
    # Stroke painted under the fill: the outer half of the stroke shows, and the edge between two
    # block glyphs stays hidden, so "██" gets one frame.
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
