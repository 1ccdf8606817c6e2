"""Text helpers shared by the engine and the renderers; this module imports nothing of ours.

Folding: the key a spelling is matched by. Escaping: untrusted text made safe to show in a
terminal, and to open in a spreadsheet.

Queries, stdin lines and every string of a user's data file may hold escape sequences, other
control characters, bidi overrides or invisible characters. They are shown as visible escapes,
never sent raw. A CSV cell that a spreadsheet would run as a formula is written as text.
"""

from __future__ import annotations

import re

# The one list of unsafe characters; every pattern below (and validation's URL check) derives
# from it: controls, bidi controls, noncharacters, and every code point that draws nothing
# (Unicode's Default_Ignorable_Code_Point, plus the interlinear annotation controls), so that no
# text shown in a terminal can hide a character or look like another ("bmw.com\u2064/").
UNSAFE_RANGES: tuple[tuple[int, int], ...] = (
    (0x00, 0x1F),  # C0 controls
    (0x7F, 0x9F),  # DEL and the C1 controls, such as the 8-bit CSI \x9b
    (0xAD, 0xAD),  # soft hyphen (invisible unless a line breaks there)
    (0x034F, 0x034F),  # combining grapheme joiner
    (0x061C, 0x061C),  # Arabic letter mark (bidi)
    (0x115F, 0x1160),  # Hangul choseong and jungseong fillers
    (0x17B4, 0x17B5),  # Khmer inherent vowels
    (0x180B, 0x180F),  # Mongolian variation selectors and vowel separator
    (0x200B, 0x200F),  # zero-width space, non-joiner and joiner; LRM, RLM (bidi)
    (0x2028, 0x202E),  # line and paragraph separators; bidi embeddings and overrides
    (0x2060, 0x206F),  # word joiner, invisible operators, bidi isolates, deprecated formats
    (0x3164, 0x3164),  # Hangul filler
    (0xD800, 0xDFFF),  # lone surrogates, from undecodable input
    (0xFDD0, 0xFDEF),  # noncharacters
    (0xFEFF, 0xFEFF),  # zero-width no-break space (a byte order mark inside text)
    (0xFFA0, 0xFFA0),  # halfwidth Hangul filler
    (0xFFF0, 0xFFFB),  # unassigned ignorables; interlinear annotation controls
    # The noncharacters U+nFFFE and U+nFFFF of every plane (XML forbids U+FFFE and U+FFFF).
    *((plane | 0xFFFE, plane | 0xFFFF) for plane in range(0, 0x110000, 0x10000)),
    (0x1BCA0, 0x1BCA3),  # shorthand format controls
    (0x1D173, 0x1D17A),  # musical symbol format controls
    (0xE0000, 0xE0FFF),  # tag characters, variation selectors supplement, unassigned ignorables
)
# The variation selectors U+FE00 to U+FE0F pick how the character before them is drawn (U+FE0F:
# "🏎️" as an emoji), so they stay after a character outside ASCII; anywhere else they draw
# nothing at all ("bmw.com\ufe0f/") and are escaped with the rest.
_STRAY_VARIATION_SELECTOR = r"(?<![^\x00-\x7f])[\ufe00-\ufe0f]"
PREVIEW_LENGTH = 60

_SEPARATORS = re.compile(r"[\W_]+")
# German umlauts may be typed as a plain vowel or as the vowel plus "e" (ü = ue = u): fold both.
_UMLAUT_SPELLING = re.compile(r"([aou])e+")
# "Valencia Orange Metallic (B44)": the word "metallic" says nothing about which colour is meant.
_FINISH_WORD = "metallic"


def fold(text: str) -> str:
    """Reduce a spelling to the key it is matched by.

    Folds case, diacritics (ß = ss, ü = ue = u), runs of white space, hyphens, underscores and
    punctuation, and the word "metallic" wherever it stands. Folding a folded key changes
    nothing. Linear in the length of ``text``: no pattern here can backtrack.
    """
    folded = text.casefold()
    if not folded.isascii():
        folded = _strip_diacritics(folded)
    folded = _SEPARATORS.sub(" ", folded).strip()
    folded = _UMLAUT_SPELLING.sub(r"\1", folded)
    if _FINISH_WORD in folded:
        folded = " ".join(word for word in folded.split(" ") if word != _FINISH_WORD)
    return folded


# The umlauts of the dataset's own names, stripped without importing unicodedata at every start.
_UMLAUTS = str.maketrans("äöü", "aou")


def _strip_diacritics(text: str) -> str:
    text = text.translate(_UMLAUTS)
    if text.isascii():
        return text
    import unicodedata  # only for other non-ASCII input: keeps the common path's start-up small

    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    # NFKD can produce new upper-case letters or ß-like forms; casefold once more.
    return stripped.casefold()


def _code(point: int) -> str:
    """The visible escape of one code point, as Python writes it: ``\\x1b``, ``\\ufffe``."""
    if point < 0x100:
        return f"\\x{point:02x}"
    if point < 0x10000:
        return f"\\u{point:04x}"
    return f"\\U{point:08x}"


def character_class(keep: str = "") -> str:
    """The unsafe characters as the inside of a regular expression's ``[...]``, except ``keep``."""
    parts = []
    for first, last in UNSAFE_RANGES:
        start = first
        for point in sorted(ord(c) for c in keep if first <= ord(c) <= last):
            if start < point:
                parts.append(f"{_code(start)}-{_code(point - 1)}")
            start = point + 1
        if start <= last:
            parts.append(_code(start) if start == last else f"{_code(start)}-{_code(last)}")
    return "".join(parts)


_KEPT_IN_CELL = "\t\n"  # the CSV writer quotes these
_KEPT_IN_JSON = "".join(map(chr, range(0x20)))  # json escapes the C0 controls itself
_PATTERNS: dict[str, str] = {}


def _unsafe(keep: str = "") -> str:
    """The pattern of the unsafe characters but ``keep``; built, and compiled by re.sub, at its
    first use: a run that shows only ASCII text never builds it."""
    pattern = _PATTERNS.get(keep)
    if pattern is None:
        pattern = f"[{character_class(keep)}]|{_STRAY_VARIATION_SELECTOR}"
        _PATTERNS[keep] = pattern
    return pattern


def _escape(match: re.Match[str]) -> str:
    return _code(ord(match.group()))


def _plain(text: str) -> bool:
    """True for printable ASCII, which holds no unsafe character: most text needs no regex.

    (Some unsafe characters outside ASCII are printable to ``str.isprintable``: the Hangul
    fillers, the variation selectors.)
    """
    return text.isascii() and text.isprintable()


def safe(text: str) -> str:
    """``text`` with every unsafe character replaced by a visible escape such as ``\\x1b``."""
    if _plain(text):
        return text
    return re.sub(_unsafe(), _escape, text)


def is_safe(text: str) -> bool:
    """True when ``text`` holds no unsafe character, so that :func:`safe` leaves it as it is."""
    return _plain(text) or re.search(_unsafe(), text) is None


def safe_cell(text: str) -> str:
    """:func:`safe` for a CSV cell: tab and newline stay, as the CSV writer quotes them."""
    if _plain(text):
        return text
    return re.sub(_unsafe(_KEPT_IN_CELL), _escape, text)


# A spreadsheet opening a CSV file reads a cell that starts with one of these as a formula
# (OWASP, "CSV Injection"), and a formula can fetch URLs or, in old Excel, run programs.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: str) -> str:
    """``cell`` with a ``'`` in front when a spreadsheet would run it as a formula.

    OWASP's advice for CSV files: a leading single quote makes Excel, LibreOffice and Google
    Sheets show the cell as text. Only text cells get here; numbers m1lookup writes are never
    negative, so ``-1`` never loses its meaning.
    """
    return f"'{cell}" if cell.startswith(_FORMULA_STARTS) else cell


def json_escaped(encoded: str) -> str:
    """JSON text with every unsafe character in its strings written as a ``\\u`` escape.

    A JSON parser reads the same string; a terminal showing the JSON gets no raw control, bidi or
    invisible character (the json module escapes only C0 controls when ``ensure_ascii`` is off).
    """
    if encoded.isascii() and "\x7f" not in encoded:  # json escapes every other ASCII control
        return encoded
    return re.sub(_unsafe(_KEPT_IN_JSON), _json_escape, encoded)


def _json_escape(match: re.Match[str]) -> str:
    point = ord(match.group())
    if point < 0x10000:
        return f"\\u{point:04x}"
    point -= 0x10000  # JSON writes a character beyond U+FFFF as a UTF-16 surrogate pair
    return f"\\u{0xD800 | point >> 10:04x}\\u{0xDC00 | point & 0x3FF:04x}"


def preview(text: str, limit: int = PREVIEW_LENGTH) -> str:
    """A safe, bounded quotation of user input for a one-line message."""
    shown = safe(text[: limit + 1])
    if len(text) > limit:
        return f"{shown[:limit]}… ({len(text):,} characters)"
    return shown


def cars(count: int) -> str:
    """``1 car``, ``2 cars``: a count of cars in words."""
    return f"{count:,} car" if count == 1 else f"{count:,} cars"


# The end of a line that is spaces and escape codes (styles, link ends): Rich pads tables and
# wrapped lines to the width, which a pipe, a diff or an editor shows as trailing spaces.
_CODE = re.compile(r"\x1b\[[0-9;]*m|\x1b\]8;[^\x1b\n]*\x1b\\")


def without_trailing_spaces(text: str) -> str:
    """``text`` with no space at the end of a line; the escape codes there are kept."""
    lines = text.split("\n")
    if "\x1b" not in text:
        return "\n".join(line.rstrip(" ") for line in lines)
    return "\n".join(_line_without_trailing_spaces(line) for line in lines)


def _line_without_trailing_spaces(line: str) -> str:
    end = len(line)
    codes: list[str] = []
    while end:
        if line[end - 1] == " ":
            end -= 1
            continue
        opener = "\x1b]" if line[end - 1] == "\\" else "\x1b["  # a link's end, or a style
        start = line.rfind(opener, 0, end)
        if start < 0 or not _CODE.fullmatch(line, start, end):
            break
        codes.append(line[start:end])
        end = start
    if end == len(line) or " " not in line[end:]:
        return line
    return line[:end] + "".join(reversed(codes))
