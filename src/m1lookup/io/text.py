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
# from it. Each is unprintable (str.isprintable is False), which safe() relies on.
UNSAFE_RANGES: tuple[tuple[int, int], ...] = (
    (0x00, 0x1F),  # C0 controls
    (0x7F, 0x9F),  # DEL and the C1 controls, such as the 8-bit CSI \x9b
    (0x061C, 0x061C),  # Arabic letter mark (bidi)
    (0x200B, 0x200F),  # zero-width space, non-joiner and joiner; LRM, RLM (bidi)
    (0x2028, 0x202E),  # line and paragraph separators; bidi embeddings and overrides
    (0x2060, 0x2060),  # word joiner (zero-width)
    (0x2066, 0x2069),  # bidi isolates
    (0xD800, 0xDFFF),  # lone surrogates, from undecodable input
    (0xFDD0, 0xFDEF),  # noncharacters
    (0xFEFF, 0xFEFF),  # zero-width no-break space (a byte order mark inside text)
    # The noncharacters U+nFFFE and U+nFFFF of every plane (XML forbids U+FFFE and U+FFFF).
    *((plane | 0xFFFE, plane | 0xFFFF) for plane in range(0, 0x110000, 0x10000)),
    (0xE0000, 0xE007F),  # tag characters (invisible)
)
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
    first use, which most runs never reach (0.5 ms at start-up)."""
    pattern = _PATTERNS.get(keep)
    if pattern is None:
        pattern = _PATTERNS[keep] = f"[{character_class(keep)}]"
    return pattern


def _escape(match: re.Match[str]) -> str:
    return _code(ord(match.group()))


def safe(text: str) -> str:
    """``text`` with every unsafe character replaced by a visible escape such as ``\\x1b``."""
    if text.isprintable():  # every unsafe character is unprintable: most text needs no regex
        return text
    return re.sub(_unsafe(), _escape, text)


def is_safe(text: str) -> bool:
    """True when ``text`` holds no unsafe character, so that :func:`safe` leaves it as it is."""
    return text.isprintable() or re.search(_unsafe(), text) is None


def safe_cell(text: str) -> str:
    """:func:`safe` for a CSV cell: tab and newline stay, as the CSV writer quotes them."""
    if text.isprintable():
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
    if encoded.isprintable():
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
