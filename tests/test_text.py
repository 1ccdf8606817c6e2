"""The one list of unsafe characters: each is escaped wherever m1lookup prints or writes text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from m1lookup.io.text import UNSAFE_RANGES, is_safe, json_escaped, safe, safe_cell
from tests.conftest import RunCli, broken, line_of, problems

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


def test_every_unsafe_character_is_escaped_alone_and_inside_text() -> None:
    points = [point for first, last in UNSAFE_RANGES for point in range(first, last + 1)]
    assert len(points) > 6_000
    for point in points:
        char = chr(point)
        assert safe(char).startswith("\\"), hex(point)
        assert char not in safe(f"bmw.com{char}/"), hex(point)
        assert char not in safe(f"Alpinweiß{char}"), hex(point)
        assert not is_safe(f"a{char}"), hex(point)


def test_every_unsafe_character_is_escaped_in_json_and_csv_inside_text_beyond_ascii() -> None:
    # Text beyond ASCII is looked at character by character before any pattern runs.
    points = [point for first, last in UNSAFE_RANGES for point in range(first, last + 1)]
    for point in points:
        char = chr(point)
        encoded = json_escaped(json.dumps(f"Alpinweiß “{char}”", ensure_ascii=False))
        assert char not in encoded, hex(point)
        assert json.loads(encoded) == f"Alpinweiß “{char}”", hex(point)
        if char not in "\t\n":
            assert char not in safe_cell(f"Alpinweiß “{char}”"), hex(point)


UNSAFE_POINTS = {point for first, last in UNSAFE_RANGES for point in range(first, last + 1)}
# Each range's ends and their neighbours, variation selectors, and anything else.
NEAR_THE_EDGES = st.sampled_from(
    sorted(
        {
            chr(point)
            for first, last in UNSAFE_RANGES
            for point in (first - 1, first, last, last + 1)
            if 0 <= point <= 0x10FFFF
        }
        | {"\ufe00", "\ufe0f", "🏎", "ß", "“", "a", " "}
    )
)


def shown(text: str, keep: str = "") -> str:
    """What issue 10 asks: each unsafe character but ``keep`` as Python writes it, and a
    variation selector too unless it follows a character outside ASCII; written out here."""
    out = []
    for index, char in enumerate(text):
        point = ord(char)
        stray = 0xFE00 <= point <= 0xFE0F and (index == 0 or text[index - 1].isascii())
        if char in keep or not (point in UNSAFE_POINTS or stray):
            out.append(char)
        elif point < 0x100:
            out.append(f"\\x{point:02x}")
        else:
            out.append(f"\\u{point:04x}" if point < 0x10000 else f"\\U{point:08x}")
    return "".join(out)


@settings(max_examples=500, deadline=None)
@given(text=st.text(alphabet=st.one_of(NEAR_THE_EDGES, st.characters(codec=None)), max_size=12))
def test_any_text_is_escaped_as_the_list_says(text: str) -> None:
    assert safe(text) == shown(text)
    assert safe_cell(text) == shown(text, keep="\t\n")
    assert is_safe(text) is (shown(text) == text)
    encoded = json_escaped(json.dumps(text, ensure_ascii=False))
    assert json.loads(encoded) == text
    assert shown(encoded, keep="\n") == encoded  # json escapes the other C0 controls itself


# Found by a hostile run (issue 19): each drew nothing, so "https://www.bmw.com\u2064/" looked
# like bmw.com. Some are printable to str.isprintable (the Hangul fillers, the variation selectors).
INVISIBLE_BEFORE = [
    0x00AD, 0x180E, 0x2061, 0x2062, 0x2063, 0x2064, 0x206A, 0x206F, 0x3164, 0x115F, 0x1160,
    0xFFA0, 0xFFF9, 0xFFFA, 0xFFFB, 0xE0100, 0xE01EF, 0xFE0F,
]  # fmt: skip


@pytest.mark.parametrize("point", INVISIBLE_BEFORE, ids=[f"U+{p:04X}" for p in INVISIBLE_BEFORE])
def test_invisible_characters_of_the_third_hostile_run_are_escaped(point: int) -> None:
    url = f"https://www.bmw.com{chr(point)}/"
    escaped = {0xAD: "\\xad"}.get(
        point, f"\\u{point:04x}" if point < 0x10000 else f"\\U{point:08x}"
    )
    assert safe(url) == f"https://www.bmw.com{escaped}/"
    assert chr(point) not in json_escaped(json.dumps(url, ensure_ascii=False))
    assert json.loads(json_escaped(json.dumps(url, ensure_ascii=False))) == url


@pytest.mark.parametrize("kept", ["a", "ß", "é", "\u0301", "👨", " ", "\U0001f3ce", "“Weiß”"])
def test_printable_text_is_left_as_it_is(kept: str) -> None:
    assert safe(kept) == kept
    assert is_safe(kept)


def test_a_variation_selector_stays_after_an_emoji_only() -> None:
    assert safe("Java Green 🏎\ufe0f") == "Java Green 🏎\ufe0f"
    assert safe("\ufe0fJava\ufe0e Green") == "\\ufe0fJava\\ufe0e Green"


def test_json_escapes_a_raw_delete() -> None:
    assert json_escaped('"a\x7fb"') == '"a\\u007fb"'


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
