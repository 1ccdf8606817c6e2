"""Text helpers shared by the engine and the renderers; this module imports nothing of ours.

Folding: the key a spelling is matched by. Escaping: untrusted text made safe to show in a
terminal, and to open in a spreadsheet.

Queries, stdin lines and every string of a user's data file may hold escape sequences, other
control characters or bidi overrides. They are shown as visible escapes, never sent raw. A CSV
cell that a spreadsheet would run as a formula is written as text.
"""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, lone surrogates (from undecodable input) and the bidi controls.
# Compiled by re.sub at its first use, which most runs never reach (0.4 ms at start-up).
_UNSAFE = "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
_UNSAFE_IN_CELL = _UNSAFE.replace("\x00-\x1f", "\x00-\x08\x0b-\x1f")
_UNSAFE_IN_JSON = _UNSAFE.replace("\x00-\x1f", "")  # json escapes these itself, in strings
PREVIEW_LENGTH = 60

_SEPARATORS = re.compile(r"[\W_]+")
# German umlauts may be typed as a plain vowel or as the vowel plus "e" (ü = ue = u): fold both.
_UMLAUT_SPELLING = re.compile(r"([aou])e+")
_TRAILING_METALLIC = re.compile(r"(?:\s*\bmetallic)+$")


def fold(text: str) -> str:
    """Reduce a spelling to the key it is matched by.

    Folds case, diacritics (ß = ss, ü = ue = u), runs of white space, hyphens, underscores and
    punctuation, and a trailing "metallic". Folding a folded key changes nothing.
    """
    folded = text.casefold()
    if not folded.isascii():
        folded = _strip_diacritics(folded)
    folded = _SEPARATORS.sub(" ", folded).strip()
    folded = _UMLAUT_SPELLING.sub(r"\1", folded)
    return _TRAILING_METALLIC.sub("", folded).strip()


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


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe(text: str) -> str:
    """``text`` with every unsafe character replaced by a visible escape such as ``\\x1b``."""
    if text.isprintable():  # every unsafe character is unprintable: most text needs no regex
        return text
    return re.sub(_UNSAFE, _escape, text)


def safe_cell(text: str) -> str:
    """:func:`safe` for a CSV cell: tab and newline stay, as the CSV writer quotes them."""
    if text.isprintable():
        return text
    return re.sub(_UNSAFE_IN_CELL, _escape, text)


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

    A JSON parser reads the same string; a terminal showing the JSON gets no raw control or bidi
    character (the json module escapes only C0 controls when ``ensure_ascii`` is off).
    """
    if encoded.isprintable():
        return encoded
    return re.sub(_UNSAFE_IN_JSON, _json_escape, encoded)


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def preview(text: str, limit: int = PREVIEW_LENGTH) -> str:
    """A safe, bounded quotation of user input for a one-line message."""
    shown = safe(text[: limit + 1])
    if len(text) > limit:
        return f"{shown[:limit]}… ({len(text):,} characters)"
    return shown


def cars(count: int) -> str:
    """``1 car``, ``2 cars``: a count of cars in words."""
    return f"{count:,} car" if count == 1 else f"{count:,} cars"
