"""The one list of unsafe characters: each is escaped wherever m1lookup prints or writes text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from m1lookup.io.text import UNSAFE_RANGES, is_safe, json_escaped, safe, safe_cell
from tests.conftest import RunCli
from tests.test_validate import broken, line_of, problems

# The characters issue 10 names, with how each must be shown: written out here, not derived.
INVISIBLE = {
    "U+FFFE noncharacter": ("\ufffe", "\\ufffe"),
    "U+FFFF noncharacter": ("\uffff", "\\uffff"),
    "U+FDD0 noncharacter": ("\ufdd0", "\\ufdd0"),
    "U+1FFFE noncharacter": ("\U0001fffe", "\\U0001fffe"),
    "U+10FFFF noncharacter": ("\U0010ffff", "\\U0010ffff"),
    "zero-width space": ("\u200b", "\\u200b"),
    "zero-width non-joiner": ("\u200c", "\\u200c"),
    "zero-width joiner": ("\u200d", "\\u200d"),
    "word joiner": ("\u2060", "\\u2060"),
    "zero-width no-break space": ("\ufeff", "\\ufeff"),
    "line separator": ("\u2028", "\\u2028"),
    "paragraph separator": ("\u2029", "\\u2029"),
    "tag U+E0000": ("\U000e0000", "\\U000e0000"),
    "tag latin capital A": ("\U000e0041", "\\U000e0041"),
    "cancel tag": ("\U000e007f", "\\U000e007f"),
    "Arabic letter mark": ("\u061c", "\\u061c"),
}


@pytest.mark.parametrize(("raw", "shown"), INVISIBLE.values(), ids=INVISIBLE.keys())
def test_invisible_characters_are_escaped(raw: str, shown: str) -> None:
    assert safe(f"a{raw}b") == f"a{shown}b"
    assert safe_cell(f"a{raw}b") == f"a{shown}b"
    assert not is_safe(f"a{raw}b")


@pytest.mark.parametrize(("raw", "shown"), INVISIBLE.values(), ids=INVISIBLE.keys())
def test_invisible_characters_are_json_escapes_that_read_back(raw: str, shown: str) -> None:
    encoded = json_escaped(json.dumps({"q": f"a{raw}b"}, ensure_ascii=False))
    assert raw not in encoded
    assert json.loads(encoded) == {"q": f"a{raw}b"}


def test_a_character_beyond_the_basic_plane_is_a_surrogate_pair_in_json() -> None:
    assert json_escaped('"\U000e0041"') == '"\\udb40\\udc41"'


def test_every_unsafe_character_is_unprintable_and_escaped() -> None:
    """safe() skips text that str.isprintable() accepts: every unsafe character must fail it."""
    points = [point for first, last in UNSAFE_RANGES for point in range(first, last + 1)]
    assert len(points) > 2_000
    for point in points:
        assert not chr(point).isprintable(), hex(point)
        assert safe(chr(point)).startswith("\\"), hex(point)


@pytest.mark.parametrize("kept", ["a", "ß", "é", "\u0301", "👨", "\ufe0f", " ", "\U0001f3ce"])
def test_printable_text_is_left_as_it_is(kept: str) -> None:
    assert safe(kept) == kept
    assert is_safe(kept)


def test_a_csv_cell_keeps_tab_and_newline_only() -> None:
    assert safe_cell("a\tb\nc\rd\u2028e") == "a\tb\nc\\x0dd\\u2028e"


@pytest.mark.parametrize(
    ("toml_text", "url"),
    [
        ("https://press.example/\\u061Ctxt", "https://press.example/\u061ctxt"),
        ("https://press.example/\\u200Breport", "https://press.example/\u200breport"),
        ("https://press.example/\\uFFFE", "https://press.example/\ufffe"),
        ("https://press.example/\\U000E0041", "https://press.example/\U000e0041"),
    ],
    ids=["U+061C", "U+200B", "U+FFFE", "tag"],
)
def test_a_url_with_an_unsafe_character_is_a_problem(
    run: RunCli, tmp_path: Path, toml_text: str, url: str
) -> None:
    """validate uses the same list as the screen: U+061C used to pass here and be escaped there."""
    path = broken(tmp_path, ('url = "https://press.example/report"', f'url = "{toml_text}"'))
    line = line_of(path, toml_text)
    assert problems(run, path) == [
        f"sources[press-a].url (line {line}): must be an http:// or https:// address, got {url!r}"
    ]
