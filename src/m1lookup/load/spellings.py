"""Spellings: each must resolve to one thing, in one script, and not pass for another's; and the
entries that are spellings with their sources (1 Series catalogue colours, misnamings)."""

from __future__ import annotations

from typing import Any

from m1lookup.io.text import fold
from m1lookup.load.checks import Checker, Entry, declared_entries, entry_label
from m1lookup.model.schema import CatalogueColour, Misnaming

_FILE_KEYS = {"alias": "aliases", "search spelling": "spelling"}


class Spellings:
    """Every folded spelling and what owns it: a spelling must resolve to one thing only."""

    def __init__(self) -> None:
        self.owners: dict[str, tuple[str, str, str]] = {}  # folded → owner, key, spelling

    def claim(self, entry: Entry, owner: str, names: list[tuple[str, str | None]]) -> None:
        for key, spelling in names:
            if spelling is None:
                continue
            folded = fold(spelling)
            other = self.owners.get(folded)
            file_key = _FILE_KEYS.get(key, key)
            mixed = spelling_problem(spelling)
            if mixed is not None:
                entry.problem(file_key, mixed)
            if not folded:
                entry.problem(
                    file_key, f"{spelling!r} has no letters or digits, so no query can find it"
                )
            elif other is not None and other[0] != owner:
                other_owner, other_key, other_spelling = other
                entry.problem(
                    file_key,
                    f"{spelling!r} also names {other_owner} (its {other_key} "
                    f"{other_spelling!r}); a spelling must resolve to one colour",
                )
            else:
                self.owners.setdefault(folded, (owner, key, spelling))


# --- spellings that pass for others ------------------------------------------------------------

# Cyrillic and Greek letters that look like Latin ones (Unicode's confusables, the common ones).
_LOOKALIKE_PAIRS = (
    "АA ВB ЕE ЅS ІI ЈJ КK МM НH ОO РP СC ТT ХX ҮY аa еe іi јj ѕs оo рp сc уy хx һh ԁd ԛq ԝw ӏl "
    "ΑA ΒB ΕE ΖZ ΗH ΙI ΚK ΜM ΝN ΟO ΡP ΤT ΥY ΧX αa ιi κk νv οo ρp τt υu χx"
)
_LOOKALIKES = {ord(pair[0]): pair[1] for pair in _LOOKALIKE_PAIRS.split()}
_SPELLING_KEYS = ("name", "name_de", "paint_code", "aliases", "id")  # as _check_colours reads them


def spelling_problem(spelling: str) -> str | None:
    """Why ``spelling`` can pass for another: it mixes Latin, Cyrillic and Greek letters."""
    if spelling.isascii():
        return None
    letters = [(char, script) for char in spelling if (script := _script(char)) is not None]
    counts: dict[str, int] = {}
    for _, script in letters:
        counts[script] = counts.get(script, 0) + 1
    if len(counts) < 2:
        return None
    main = max(counts, key=lambda script: (counts[script], script == "Latin"))  # Latin wins ties
    others = " and ".join(script for script in counts if script != main)
    odd = next(char for char, script in letters if script != main)
    return (
        f"{spelling!r} mixes {main} and {others} letters ({_character_name(odd)});"
        " write a spelling in one script"
    )


def _script(char: str) -> str | None:
    """The script of a Latin, Cyrillic or Greek letter; None for any other character."""
    if not char.isalpha():
        return None
    code = ord(char)
    # The blocks first: unicodedata is imported only for letters outside them.
    if code < 0x250 or 0x1E00 <= code < 0x1F00:
        return "Latin"
    if 0x370 <= code < 0x400 or 0x1F00 <= code < 0x2000:
        return "Greek"
    if 0x400 <= code < 0x530:
        return "Cyrillic"
    import unicodedata

    words = unicodedata.name(char, "").split()
    return next(
        (script.title() for script in ("LATIN", "GREEK", "CYRILLIC") if script in words), None
    )


def _character_name(char: str) -> str:
    import unicodedata

    return f"U+{ord(char):04X} {unicodedata.name(char, '')}".rstrip()


def _colour_spellings(raw: dict[str, Any]) -> list[tuple[str, str]]:
    """(key, spelling) for every spelling of a colour entry that is a non-blank string."""
    found = []
    for key in _SPELLING_KEYS:
        value = raw.get(key)
        for spelling in value if key == "aliases" and isinstance(value, list) else [value]:
            if isinstance(spelling, str) and spelling.strip():
                found.append(("alias" if key == "aliases" else key, spelling))
    return found


def check_lookalike_spellings(check: Checker, value: Any) -> None:
    """A spelling that is another colour's once look-alike letters are read as Latin ones.

    The problem is reported at the spelling that holds the look-alike letters.
    """
    if not isinstance(value, list):
        return
    entries = [
        (index, raw, _colour_spellings(raw))
        for index, raw in enumerate(value)
        if isinstance(raw, dict)
    ]
    if not any(
        not spelling.isascii() and spelling.translate(_LOOKALIKES) != spelling
        for _, _, spellings in entries
        for _, spelling in spellings
    ):
        return  # nothing to mistake: every skeleton is the folded spelling, checked already

    seen: dict[str, tuple[Entry, str, str, str]] = {}  # skeleton → entry, key, spelling, folded
    for index, raw, spellings in entries:
        label = entry_label("colours", index, raw)
        entry = Entry(check, raw, label, "colours", index)
        for key, spelling in spellings:
            folded = fold(spelling)
            skeleton = fold(spelling.translate(_LOOKALIKES))
            other = seen.setdefault(skeleton, (entry, key, spelling, folded))
            if other[0].label == label or other[3] == folded:
                continue  # the same colour, or the same folded spelling (_check_colours says so)
            here, there = (entry, key, spelling), other[:3]
            if skeleton == folded:  # the other spelling holds the look-alikes: report it there
                here, there = there, here
                seen[skeleton] = (entry, key, spelling, folded)  # later ones are told of this one
            _lookalike_problem(*here, *there)


def _lookalike_problem(
    entry: Entry, key: str, spelling: str, other: Entry, other_key: str, other_spelling: str
) -> None:
    owner = other.entry.get("id") if isinstance(other.entry.get("id"), str) else other.label
    entry.problem(
        "aliases" if key == "alias" else key,
        f"{spelling!r} looks like colour {owner!r} (its {other_key} {other_spelling!r});"
        " a spelling must not pass for another colour's",
    )


# --- entries that are spellings: catalogue colours and misnamings -------------------------------


def check_catalogue(
    check: Checker, value: Any, source_ids: set[str], spellings: Spellings, required: bool
) -> None:
    for entry, values in declared_entries(
        check, value, "catalogue", CatalogueColour, source_ids, required
    ):
        names = [(key, values[key]) for key in ("code", "name", "name_de")]
        names += [("alias", alias) for alias in values["aliases"]]
        spellings.claim(entry, f"catalogue colour {values['code']!r}", names)


def check_misnamings(
    check: Checker,
    value: Any,
    source_ids: set[str],
    colour_ids: set[str],
    spellings: Spellings,
    required: bool,
) -> None:
    for entry, values in declared_entries(
        check, value, "misnamings", Misnaming, source_ids, required
    ):
        name = values["name"]
        spellings.claim(entry, f"misnaming {name!r}", [("name", name)])
        colour = values["colour"]
        if colour is not None and colour not in colour_ids:
            entry.problem("colour", f"names colour {colour!r}, which is not in [[colours]]")
