"""`m1lookup validate` and `--data`: a register keeper's own dataset, checked rule by rule.

Every rule is tested on tests/fixtures/broken/base.toml (a small valid dataset) with exactly one
thing broken, and the test pins the exact problem line that validate must print.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from m1lookup.model.schema import Dataset
from tests.conftest import (
    BASE,
    DATA_FILE,
    ROOT,
    WIDE,
    FileEvents,
    RunCli,
    broken,
    line_of,
    problems,
)

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

FIXTURES = ROOT / "tests" / "fixtures" / "broken"


def entry_line(path: Path, colour_id: str, key: str) -> int:
    """The line of ``key = `` in the [[colours]] entry whose id is ``colour_id``."""
    lines = path.read_text(encoding="utf-8").split("\n")  # as TOML counts: U+2028 is no break
    start = lines.index(f'id = "{colour_id}"')
    return next(n for n in range(start, len(lines)) if lines[n].startswith(f"{key} =")) + 1


# --- the bundled dataset and the base -------------------------------------------------------


def test_bundled_dataset_is_valid(run: RunCli) -> None:
    result = run("validate", env=WIDE)
    assert result.exit_code == 0
    assert result.stdout.strip() == f"{DATA_FILE}: valid"
    assert result.stderr == ""


def test_base_fixture_is_valid(run: RunCli) -> None:
    result = run("validate", str(BASE), env=WIDE)
    assert result.exit_code == 0
    assert result.stdout.strip() == f"{BASE}: valid"


# --- one rule at a time ---------------------------------------------------------------------


def test_toml_syntax_error_names_the_line(run: RunCli, tmp_path: Path) -> None:
    path = broken(tmp_path, ('plant = "Leipzig"', 'plant = "Leipzig'))
    with pytest.raises(tomllib.TOMLDecodeError) as parser:
        tomllib.loads(path.read_text(encoding="utf-8"))
    line = line_of(path, 'plant = "Leipzig')
    assert f"at line {line}," in str(parser.value)
    assert problems(run, path) == [f"TOML syntax (line {line}): {parser.value}"]


def test_toml_nested_too_deeply_is_a_syntax_problem(run: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "deep.toml"
    path.write_text(
        'schema_version = 1\nname = "[{" # [[[\n\nx = ' + "[" * 5000 + "]" * 5000 + "\n",
        encoding="utf-8",
    )
    # tomllib gives no place for this: the place is that of the deepest bracket.
    detail = "arrays or inline tables nested too deeply (at line 4, column 5004)"
    assert problems(run, path) == [f"TOML syntax (line 4): {detail}"]
    result = run("list", "--data", str(path))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"m1lookup: error: {path}: TOML syntax error: {detail}; run 'm1lookup validate {path}'\n"
    )


def test_unknown_schema_version(run: RunCli, tmp_path: Path) -> None:
    path = broken(tmp_path, ("schema_version = 2", "schema_version = 1"))
    line = line_of(path, "schema_version = 1")
    assert problems(run, path) == [
        f"schema_version (line {line}): unknown schema_version 1; this m1lookup reads version 2"
    ]


def test_missing_schema_version(run: RunCli, tmp_path: Path) -> None:
    path = broken(tmp_path, ("schema_version = 2\n", ""))
    assert problems(run, path) == [
        "schema_version: required key is missing; this m1lookup reads version 2"
        " (schema_version = 2)"
    ]


def test_missing_required_key_points_at_its_entry(run: RunCli, tmp_path: Path) -> None:
    path = broken(tmp_path, ('programme = "individual"\n', ""))
    entry = line_of(path, 'id = "java-green"') - 1  # the [[colours]] header
    assert problems(run, path) == [
        f"colours[java-green].programme (line {entry}): required key is missing"
    ]


def test_missing_required_table(run: RunCli, tmp_path: Path) -> None:
    path = broken(
        tmp_path,
        (
            '[production.planned_cap]\nvalue = 120\nconfidence = "low"\nsources = ["press-a"]\n\n',
            "",
        ),
    )
    assert problems(run, path) == [
        f"production.planned_cap (line {line_of(path, '[production]')}): required table is missing"
    ]


@pytest.mark.parametrize(
    ("old", "new", "location", "message"),
    [
        (
            "count = 60",
            'count = "60"',
            "colours[alpine-white].count",
            "must be a whole number, not a string",
        ),
        (
            'name = "Java Green"',
            "name = 42",
            "colours[java-green].name",
            "must be a non-empty string, not an integer",
        ),
        (
            'name = "Java Green"',
            'name = "  "',
            "colours[java-green].name",
            "must be a non-empty string, not a string",
        ),
        (
            'aliases = ["AW"]',
            'aliases = "AW"',
            "colours[alpine-white].aliases",
            "must be an array of non-empty strings",
        ),
        (
            "value = 110\nused = true",
            'value = 110\nused = "yes"',
            "claims[0].used",
            "must be true or false, not a string",
        ),
        (
            "value = 50",
            "value = 50.0",
            "markets[uk].figures[0].value",
            "must be a whole number, not a float",
        ),
    ],
)
def test_wrong_type(
    run: RunCli, tmp_path: Path, old: str, new: str, location: str, message: str
) -> None:
    path = broken(tmp_path, (old, new))
    line = line_of(path, new.split("\n")[-1])
    assert problems(run, path) == [f"{location} (line {line}): {message}"]


def test_duplicate_colour_id(run: RunCli, tmp_path: Path) -> None:
    path = broken(tmp_path, ('id = "java-green"', 'id = "alpine-white"'))
    line = line_of(path, 'name = "Java Green"') - 1
    misnaming = line_of(path, 'colour = "java-green"')
    assert problems(run, path) == [
        f"colours[alpine-white].id (line {line}): duplicate colour id 'alpine-white'",
        f"misnamings[0].colour (line {misnaming}): names colour 'java-green',"
        " which is not in [[colours]]",
    ]


@pytest.mark.parametrize(
    ("old", "new", "key", "spelling", "theirs"),
    [
        (
            'name = "Java Green"',
            'name = "Alpine White"',
            "name",
            "Alpine White",
            "name 'Alpine White'",
        ),
        (
            'name = "Java Green"',
            'name = "Java Green"\nname_de = "ALPINWEISS"\nname_de_confidence = "low"\n'
            'name_de_sources = ["press-a"]',
            "name_de",
            "ALPINWEISS",
            "name_de 'Alpinweiß'",
        ),
        (
            'aliases = ["Green Mamba"]',
            'aliases = ["Green Mamba", "aW"]',
            "aliases",
            "aW",
            "alias 'AW'",
        ),
        (
            'programme = "individual"',
            'paint_code = "300"\npaint_code_confidence = "low"\n'
            'paint_code_sources = ["press-a"]\nprogramme = "individual"',
            "paint_code",
            "300",
            "paint_code '300'",
        ),
    ],
)
def test_spelling_that_names_two_colours(
    run: RunCli, tmp_path: Path, old: str, new: str, key: str, spelling: str, theirs: str
) -> None:
    path = broken(tmp_path, (old, new))
    line = entry_line(path, "java-green", key)
    assert problems(run, path) == [
        f"colours[java-green].{key} (line {line}): {spelling!r} also names colour 'alpine-white'"
        f" (its {theirs}); a spelling must resolve to one colour"
    ]


def test_spelling_with_nothing_to_look_up(run: RunCli, tmp_path: Path) -> None:
    path = broken(tmp_path, ('aliases = ["Green Mamba"]', 'aliases = ["Green Mamba", "--"]'))
    line = line_of(path, '"--"')
    assert problems(run, path) == [
        f"colours[java-green].aliases (line {line}): '--' has no letters or digits,"
        " so no query can find it"
    ]


@pytest.mark.parametrize(
    ("count", "message"),
    [
        ("-3", "must be at least 1, got -3; leave count out when it is unknown"),
        ("0", "must be at least 1, got 0; leave count out when it is unknown"),
        ("1.5", "must be a whole number, not a float"),
        ("true", "must be a whole number, not a boolean"),
    ],
)
def test_count_must_be_a_positive_whole_number(
    run: RunCli, tmp_path: Path, count: str, message: str
) -> None:
    path = broken(tmp_path, ("count = 1\n", f"count = {count}\n"))
    line = line_of(path, f"count = {count}")
    assert problems(run, path) == [f"colours[java-green].count (line {line}): {message}"]


def test_known_counts_cannot_exceed_the_customer_cars(run: RunCli, tmp_path: Path) -> None:
    path = broken(tmp_path, ("count = 60", "count = 100"))
    assert problems(run, path) == [
        "colours: known counts add up to 101, more than the 100 customer cars"
    ]


@pytest.mark.parametrize(
    ("old", "new", "location"),
    [
        (
            'count_sources = ["press-a", "forum-b"]',
            'count_sources = ["press-a", "forum-c"]',
            "colours[java-green].count_sources",
        ),
        (
            'name_de_sources = ["press-a"]',
            'name_de_sources = ["forum-c"]',
            "colours[alpine-white].name_de_sources",
        ),
        (
            'finish_sources = ["forum-b"]',
            'finish_sources = ["forum-c"]',
            "colours[java-green].finish_sources",
        ),
        (
            'value = 1\nconfidence = "low"\nsources = ["forum-b"]',
            'value = 1\nconfidence = "low"\nsources = ["forum-c"]',
            "colours[java-green].market_counts[0].sources",
        ),
        (
            'remark = "M package only"\nsources = ["press-a"]',
            'remark = "M package only"\nsources = ["forum-c"]',
            "catalogue[0].sources",
        ),
        (
            'Java Green [@forum-b]."\nsources = ["forum-b"]',
            'Java Green [@forum-b]."\nsources = ["forum-c"]',
            "misnamings[0].sources",
        ),
        (
            'paint_code_sources = ["press-a"]',
            'paint_code_sources = ["forum-c"]',
            "colours[alpine-white].paint_code_sources",
        ),
        (
            'value = 110\nconfidence = "high"\nsources = ["press-a"]',
            'value = 110\nconfidence = "high"\nsources = ["forum-c"]',
            "production.built.sources",
        ),
        (
            'value = 40\nconfidence = "low"\nsources = ["forum-b"]',
            'value = 40\nconfidence = "low"\nsources = ["forum-c"]',
            "markets[uk].figures[1].sources",
        ),
    ],
)
def test_cited_source_must_exist(
    run: RunCli, tmp_path: Path, old: str, new: str, location: str
) -> None:
    path = broken(tmp_path, (old, new))
    line = line_of(path, "forum-c")
    assert problems(run, path) == [
        f"{location} (line {line}): cites source 'forum-c', which is not in [[sources]]"
    ]


@pytest.mark.parametrize(
    ("old", "new", "location", "allowed"),
    [
        (
            'programme = "individual"',
            'programme = "Individual"',
            "colours[java-green].programme",
            "factory, individual, unconfirmed",
        ),
        (
            'count_confidence = "medium"',
            'count_confidence = "sure"',
            "colours[java-green].count_confidence",
            "high, medium, low",
        ),
        (
            'programme_confidence = "medium"',
            'programme_confidence = "likely"',
            "colours[java-green].programme_confidence",
            "high, medium, low",
        ),
        (
            'kind = "weak"',
            'kind = "blog"',
            "sources[forum-b].kind",
            "official, press, registry, weak",
        ),
        (
            'kind = "delivered"',
            'kind = "shipped"',
            "markets[uk].figures[1].kind",
            "built for, allocated, delivered, sold, tallied, promised, projected",
        ),
        (
            'kind = "sold"',
            'kind = "registered"',
            "colours[java-green].market_counts[0].kind",
            "built for, allocated, delivered, sold, tallied, promised, projected",
        ),
        (
            'topic = "built"',
            'topic = "colours"',
            "claims[0].topic",
            "built, customer_cars, planned_cap, individual_cars, end, sold",
        ),
    ],
)
def test_enum_must_hold_a_known_value(
    run: RunCli, tmp_path: Path, old: str, new: str, location: str, allowed: str
) -> None:
    path = broken(tmp_path, (old, new))
    value = new.split("\n")[0].split(" = ")[1].strip('"')
    line = line_of(path, new.split("\n")[0])
    assert problems(run, path) == [
        f"{location} (line {line}): unknown value {value!r}; expected one of: {allowed}"
    ]


@pytest.mark.parametrize(
    ("toml_url", "url"),
    [
        ("ftp://press.example/report", "ftp://press.example/report"),
        ("javascript:alert(1)", "javascript:alert(1)"),
        ("file:///etc/passwd", "file:///etc/passwd"),
        ("https:///etc/passwd", "https:///etc/passwd"),
        ("https://press.example/a report", "https://press.example/a report"),
        ("https://press.example/\\u001b[2J", "https://press.example/\x1b[2J"),
        ("https://press.example/\\u202Etxt.exe", "https://press.example/\u202etxt.exe"),
        ("press.example/report", "press.example/report"),
    ],
)
def test_url_must_be_http_or_https(run: RunCli, tmp_path: Path, toml_url: str, url: str) -> None:
    path = broken(tmp_path, ('url = "https://press.example/report"', f'url = "{toml_url}"'))
    line = line_of(path, toml_url)
    shown = repr(url)  # repr already escapes ESC and U+202E: nothing raw reaches the terminal
    assert problems(run, path) == [
        f"sources[press-a].url (line {line}): must be an http:// or https:// address, got {shown}"
    ]


@pytest.mark.parametrize("swatch", ["blue", "#1F4", "#GGGGGG", "1F4E8C", "#1F4E8C0"])
def test_swatch_must_be_rrggbb(run: RunCli, tmp_path: Path, swatch: str) -> None:
    path = broken(tmp_path, ('swatch = "#3FA535"', f'swatch = "{swatch}"'))
    line = line_of(path, f'swatch = "{swatch}"')
    assert problems(run, path) == [
        f"colours[java-green].swatch (line {line}): must be #RRGGBB, got {swatch!r}"
    ]


# --- version 2: figures with their own confidence, citations, catalogue, misnamings -----------


@pytest.mark.parametrize(
    ("old", "new", "location", "message"),
    [
        (
            'swatch = "#F4F4F2"',
            'swatch = "#F4F4F2"\nfinish_confidence = "high"',
            "colours[alpine-white].finish_confidence",
            "only goes with a known finish; leave it out with finish",
        ),
        (
            'count_sources = ["press-a", "forum-b"]',
            'count_sources = ["press-a", "forum-b"]\npaint_code_note = "WB44 [@forum-b]"',
            "colours[java-green].paint_code_note",
            "only goes with a known paint_code; leave it out with paint_code",
        ),
        (
            'count = 1\ncount_confidence = "medium"\ncount_sources = ["press-a", "forum-b"]',
            'count_note = "Nobody counted [@forum-b]."',
            "colours[java-green].count_note",
            "only goes with a known count; leave it out with count",
        ),
        (
            'programme_sources = ["press-a"]\nfinish',
            "programme_sources = []\nfinish",
            "colours[java-green].programme_sources",
            "must cite at least one source",
        ),
        (
            'market = "uk"',
            'market = "japan"',
            "colours[java-green].market_counts[0].market",
            "names market 'japan', which is not in [[markets]]",
        ),
        (
            'colour = "java-green"',
            'colour = "java-gren"',
            "misnamings[0].colour",
            "names colour 'java-gren', which is not in [[colours]]",
        ),
        (
            'name = "Le Mans Blue"',
            'name = "Green Mamba"',
            "catalogue[0].name",
            "'Green Mamba' also names colour 'java-green' (its alias 'Green Mamba');"
            " a spelling must resolve to one colour",
        ),
    ],
)
def test_version_2_rules(
    run: RunCli, tmp_path: Path, old: str, new: str, location: str, message: str
) -> None:
    path = broken(tmp_path, (old, new))
    key = location.rsplit(".", 1)[1]
    line = line_of(path, next(text for text in new.split("\n") if text.startswith(key)))
    assert problems(run, path) == [f"{location} (line {line}): {message}"]


def test_figure_confidence_and_sources_go_with_a_known_figure(run: RunCli, tmp_path: Path) -> None:
    path = broken(tmp_path, ("count = 60\n", ""), ('name_de_confidence = "high"\n', ""))
    entry = line_of(path, 'id = "alpine-white"') - 1  # a missing key: the entry's header
    confidence = line_of(path, 'count_confidence = "high"')
    sources = line_of(path, 'count_sources = ["press-a"]')
    assert problems(run, path) == [
        f"colours[alpine-white].name_de_confidence (line {entry}): required key is missing",
        f"colours[alpine-white].count_confidence (line {confidence}): only goes with a known"
        " count; leave it out with count",
        f"colours[alpine-white].count_sources (line {sources}): only goes with a known count;"
        " leave it out with count",
    ]


@pytest.mark.parametrize(
    ("note", "message"),
    [
        ("Seen at a meet [@forum-c].", "cites [@forum-c], which is not in [[sources]]"),
        ("Seen at a meet (C6).", "refers to (C6), a code no reader can look up"),
        ("Seen at a meet (see K4; K13).", "refers to (see K4), a code no reader can look up"),
        ("Seen at a meet (P6, K1).", "refers to (P6), a code no reader can look up"),
    ],
)
def test_citations_name_a_source_and_no_research_codes(
    run: RunCli, tmp_path: Path, note: str, message: str
) -> None:
    path = broken(tmp_path, ("Seen at a meet [@forum-b].", note))
    hint = "; cite a source as [@source-id]" if "code" in message else ""
    assert problems(run, path) == [f"colours[java-green].notes: {message}{hint}"]


def test_a_chassis_code_in_brackets_is_not_a_research_code(run: RunCli, tmp_path: Path) -> None:
    path = broken(tmp_path, ("Seen at a meet [@forum-b].", "Seen with an E87 (E82) [@forum-b]."))
    assert run("validate", str(path)).exit_code == 0


def test_unknown_top_level_key_and_misspelt_table(run: RunCli, tmp_path: Path) -> None:
    path = broken(
        tmp_path,
        ("schema_version = 2\n", "schema_version = 2\ncolour_count = 2\n"),
        ('[[markets]]\nid = "uk"', '[[colour]]\nid = "x"\n\n[[markets]]\nid = "uk"'),
    )
    expected = "unknown top-level key; expected keys: schema_version, production, claims, colours,"
    expected += " catalogue, misnamings, sources, markets"
    assert problems(run, path) == [
        f"colour_count (line {line_of(path, 'colour_count')}): {expected}",
        f"colour (line {line_of(path, '[[colour]]')}): {expected}",
    ]


# --- every problem, not only the first --------------------------------------------------------

TEN_PROBLEMS = FIXTURES / "ten-problems.toml"


def test_validate_lists_every_problem(run: RunCli) -> None:
    assert problems(run, TEN_PROBLEMS) == [
        "sources[forum-b].url (line 102): must be an http:// or https:// address,"
        " got 'ftp://forum.example/post?id=1'",
        "sources[forum-b].kind (line 103): unknown value 'blog';"
        " expected one of: official, press, registry, weak",
        "colours[alpine-white].swatch (line 63): must be #RRGGBB, got '#F4F4F'",
        "colours[alpine-white].count (line 64): must be at least 1, got 0;"
        " leave count out when it is unknown",
        "colours[java-green].aliases (line 71): 'aw' also names colour 'alpine-white'"
        " (its alias 'AW'); a spelling must resolve to one colour",
        "colours[java-green].programme (line 72): unknown value 'Individual';"
        " expected one of: factory, individual, unconfirmed",
        "colours[java-green].count_sources (line 78): cites source 'forum-c',"
        " which is not in [[sources]]",
        "colours[java-green].id (line 81): duplicate colour id 'java-green'",
        "colours: known counts add up to 151, more than the 100 customer cars",
        "markets[uk].figures[1].kind (line 117): unknown value 'shipped';"
        " expected one of: built for, allocated, delivered, sold, tallied, promised, projected",
    ]


def test_validate_json_lists_the_same_problems(run: RunCli, validate_json) -> None:
    result = run("validate", str(TEN_PROBLEMS), "--json")
    assert result.exit_code == 1
    document = result.json()
    validate_json(document)
    assert document["valid"] is False
    assert document["path"] == str(TEN_PROBLEMS)
    assert len(document["problems"]) == 10
    assert document["problems"][3] == {
        "location": "colours[alpine-white].count",
        "line": 64,
        "message": "must be at least 1, got 0; leave count out when it is unknown",
    }
    assert document["problems"][8]["line"] is None


# --- files that cannot be read ----------------------------------------------------------------


def test_validate_missing_file_is_exit_2_with_one_line(run: RunCli, tmp_path: Path) -> None:
    missing = tmp_path / "missing.toml"
    result = run("validate", str(missing))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"m1lookup: error: {missing}: cannot read the file (No such file or directory)\n"
    )


def test_directory_as_dataset_is_exit_2(run: RunCli, tmp_path: Path) -> None:
    for args in (["validate", str(tmp_path)], ["list", "--data", str(tmp_path)]):
        result = run(*args)
        assert result.exit_code == 2
        assert result.stderr == (
            f"m1lookup: error: {tmp_path}: cannot read the file (Is a directory)\n"
        )


def test_validate_non_utf8_file_is_exit_2(run: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    latin1 = b'schema_version = 2\nplant = "Alpinwei\xdf"\n'
    path.write_bytes(latin1)
    result = run("validate", str(path))
    assert result.exit_code == 2
    byte = latin1.index(b"\xdf")
    assert result.stderr == f"m1lookup: error: {path}: not UTF-8 text (byte {byte})\n"


def test_oversized_file_is_refused_without_reading_it_all(run: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "huge.toml"
    with path.open("wb") as handle:
        handle.truncate(16 * 2**20 + 1)  # sparse: 16 MB of NUL bytes, written in no time
    result = run("list", "--data", str(path))
    assert result.exit_code == 2
    assert result.stderr == (
        f"m1lookup: error: {path} is larger than 16 MB, more than m1lookup reads\n"
    )


# --- other commands given an invalid dataset --------------------------------------------------

COMMANDS = [
    ["colour", "Java Green"],
    ["colour", "Java Green", "--json"],
    ["stats"],
    ["stats", "--csv"],
    ["list"],
    ["list", "--json"],
    ["sources"],
    ["markets", "--json"],
    ["tally", str(ROOT / "tests" / "fixtures" / "register-20.csv")],
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda args: " ".join(args[:2]))
def test_invalid_dataset_is_one_line_exit_2(run: RunCli, args: list[str]) -> None:
    result = run(*args, "--data", str(TEN_PROBLEMS))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"m1lookup: error: {TEN_PROBLEMS}: sources[forum-b].url (line 102): must be an http://"
        " or https:// address, got 'ftp://forum.example/post?id=1' (and 9 more);"
        f" run 'm1lookup validate {TEN_PROBLEMS}' for every problem\n"
    )


def test_syntax_error_in_dataset_is_one_line_exit_2(run: RunCli, tmp_path: Path) -> None:
    path = broken(tmp_path, ('plant = "Leipzig"', 'plant = "Leipzig'))
    result = run("stats", "--data", str(path))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"m1lookup: error: {path}: TOML syntax error: ")
    assert f"(at line {line_of(path, 'plant = ')}, column" in result.stderr
    assert result.stderr.endswith(f"; run 'm1lookup validate {path}'\n")  # what says it all


@pytest.mark.parametrize("name", ["valid.toml", "ten-problems.toml"])
def test_the_dataset_is_read_once_and_never_written(
    run: RunCli, tmp_path: Path, file_events: FileEvents, name: str
) -> None:
    """Every command opens the dataset once, to read it, and changes nothing beside it."""
    path = tmp_path / name
    path.write_bytes((BASE if name == "valid.toml" else TEN_PROBLEMS).read_bytes())
    file_events.events.clear()  # the test's own writing
    codes = [run(*args, "--data", str(path)).exit_code for args in COMMANDS]
    codes.append(run("validate", str(path)).exit_code)
    if name == "valid.toml":
        assert codes == [0, 0, 0, 0, 0, 0, 0, 0, 1, 0]  # tally: register-20.csv has bad rows
    else:
        assert codes == [2] * len(COMMANDS) + [1]
    assert file_events.reads(path) == len(COMMANDS) + 1
    assert file_events.changes(tmp_path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


# --- --data and M1LOOKUP_DATA -----------------------------------------------------------------

BASE_TITLE = "BMW 1M colours (share of 100 customer cars)"


def test_data_option_reads_another_dataset(run: RunCli) -> None:
    result = run("list", "--data", str(BASE))
    assert result.exit_code == 0
    assert result.stdout.startswith(BASE_TITLE)


def test_environment_variable_reads_another_dataset(run: RunCli) -> None:
    result = run("list", env={"M1LOOKUP_DATA": str(BASE)})
    assert result.exit_code == 0
    assert result.stdout.startswith(BASE_TITLE)


def test_data_option_wins_over_the_environment_variable(run: RunCli, tmp_path: Path) -> None:
    result = run("list", "--data", str(BASE), env={"M1LOOKUP_DATA": str(TEN_PROBLEMS)})
    assert result.exit_code == 0
    assert result.stdout.startswith(BASE_TITLE)
    missing = tmp_path / "missing.toml"
    result = run("list", "--data", str(missing), env={"M1LOOKUP_DATA": str(BASE)})
    assert result.exit_code == 2
    assert result.stderr == (
        f"m1lookup: error: {missing}: cannot read the file (No such file or directory)\n"
    )


def test_missing_file_from_the_environment_is_one_line_exit_2(run: RunCli, tmp_path: Path) -> None:
    missing = tmp_path / "gone.toml"
    result = run("colour", "Java Green", env={"M1LOOKUP_DATA": str(missing)})
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"m1lookup: error: {missing}: cannot read the file (No such file or directory)\n"
    )


def test_validate_checks_the_data_option_and_environment_dataset(run: RunCli) -> None:
    assert run("validate", "--data", str(TEN_PROBLEMS)).exit_code == 1
    assert run("validate", env={"M1LOOKUP_DATA": str(TEN_PROBLEMS)}).exit_code == 1
    result = run("validate", str(BASE), env={**WIDE, "M1LOOKUP_DATA": str(TEN_PROBLEMS)})
    assert result.exit_code == 0  # the PATH argument wins
    assert result.stdout.strip() == f"{BASE}: valid"


def test_dates_must_be_year_month_day(run: RunCli, tmp_path: Path) -> None:
    text = DATA_FILE.read_text(encoding="utf-8")
    text = text.replace('date = "2011-03-01"', 'date = "March 2011"', 1)
    text = text.replace('date = "2010-08-30"', 'date = "2010/08/30"', 1)
    broken = tmp_path / "dates.toml"
    broken.write_text(text, encoding="utf-8")
    result = run("validate", str(broken), env=WIDE)
    assert result.exit_code == 1
    assert "production.start.date" in result.stdout
    assert "must be YYYY, YYYY-MM or YYYY-MM-DD, got 'March 2011'" in result.stdout
    assert "must be YYYY, YYYY-MM or YYYY-MM-DD, got '2010/08/30'" in result.stdout


# --- impossible values: parser limits, numbers, dates, look-alike spellings (issue 10) ------------

JSON_LIMIT = (
    "must be between -9007199254740991 and 9007199254740991 (2^53 - 1), the whole numbers"
    " JSON readers hold exactly; got"
)


@pytest.mark.parametrize(
    ("old", "new", "needle", "column"),
    [
        ("count = 60", "count = " + "7" * 5000, "count = 777", 9),
        ('aliases = ["AW"]', 'aliases = ["AW", ' + "1_" * 4999 + "1]", '"AW", 1_1', 18),
    ],
    ids=["value", "in an array, with underscores"],
)
def test_integer_too_long_for_the_parser_is_a_problem_with_its_line(
    run: RunCli, tmp_path: Path, old: str, new: str, needle: str, column: int
) -> None:
    # tomllib raises ValueError, not TOMLDecodeError, for more than 4,300 digits: no line given.
    path = broken(tmp_path, (old, new))
    line = line_of(path, needle)
    detail = f"Integer of 5000 digits, more than the 4300 the parser reads (at line {line}, column"
    detail += f" {column})"
    assert problems(run, path) == [f"TOML syntax (line {line}): {detail}"]
    for args in (["list"], ["colour", "Java Green", "--json"], ["stats", "--csv"]):
        result = run(*args, "--data", str(path))
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr == (
            f"m1lookup: error: {path}: TOML syntax error: {detail};"
            f" run 'm1lookup validate {path}'\n"
        )


@pytest.mark.parametrize(
    ("old", "new", "location", "value", "before"),
    [
        ("value = 50\n", "value = 9007199254740992\n", "markets[uk].figures[0].value", 2**53, ""),
        (
            "value = 110\nused",
            "value = 0x1_0000_0000_0000_0000\nused",
            "claims[0].value",
            2**64,
            "",
        ),
        (
            'name = "Java Green"',
            'name = "Java Green"\nx = [1, -9_007_199_254_740_992]',
            "colours[java-green].x",
            -(2**53),
            "unknown key; expected keys: id, name,",
        ),
        (
            "schema_version = 2\n",
            "schema_version = 2\ny = { z = 99999999999999999999 }\n",
            "y.z",
            99999999999999999999,
            "unknown top-level key;",
        ),
    ],
    ids=["2^53", "2^64 in hex, in a claim", "-2^53 in an array", "inline table"],
)
def test_integer_beyond_what_json_holds_is_a_problem(
    run: RunCli, tmp_path: Path, old: str, new: str, location: str, value: int, before: str
) -> None:
    path = broken(tmp_path, (old, new))
    line = line_of(path, [part for part in new.split("\n") if "=" in part][-1])
    found = problems(run, path)
    assert found[-1] == f"{location} (line {line}): {JSON_LIMIT} {value}"
    if before:  # the unknown key is a problem of its own, found first
        assert len(found) == 2
        assert found[0].split(": ", 1)[1].startswith(before)
    else:
        assert len(found) == 1


def test_largest_integer_json_holds_is_valid(run: RunCli, tmp_path: Path) -> None:
    path = broken(tmp_path, ("value = 50\n", "value = 9007199254740991\n"))
    assert run("validate", str(path)).exit_code == 0


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("2011-02-30", "is not a calendar date (2011-02 has 28 days), got '2011-02-30'"),
        ("2011-04-31", "is not a calendar date (2011-04 has 30 days), got '2011-04-31'"),
        ("1900-02-29", "is not a calendar date (1900-02 has 28 days), got '1900-02-29'"),
        ("2011-13", "is not a calendar date (there is no month 13), got '2011-13'"),
        ("2011-00-10", "is not a calendar date (there is no month 00), got '2011-00-10'"),
        ("2011-03-00", "is not a calendar date (2011-03 has 31 days), got '2011-03-00'"),
        ("0000", "is not a calendar date (there is no year 0), got '0000'"),
        ("٢٠١١-٠٣", "must be written with the digits 0-9, got '٢٠١١-٠٣'"),
        ("２０１１", "must be written with the digits 0-9, got '２０１１'"),
        ("2011-3", "must be YYYY, YYYY-MM or YYYY-MM-DD, got '2011-3'"),
    ],
)
def test_date_must_be_a_calendar_date_in_ascii_digits(
    run: RunCli, tmp_path: Path, date: str, message: str
) -> None:
    path = broken(tmp_path, ('date = "2011-03"', f'date = "{date}"'))
    line = line_of(path, f'date = "{date}"')
    assert problems(run, path) == [f"sources[press-a].date (line {line}): {message}"]


@pytest.mark.parametrize("date", ["2012-02-29", "2000-02-29", "2011-12-31", "2011-01", "2011"])
def test_real_dates_are_valid(run: RunCli, tmp_path: Path, date: str) -> None:
    path = broken(tmp_path, ('date = "2011-03"', f'date = "{date}"'))
    assert run("validate", str(path)).exit_code == 0


def test_production_date_must_be_a_calendar_date(run: RunCli, tmp_path: Path) -> None:
    path = broken(tmp_path, ('date = "2011-03-01"', 'date = "2011-02-29"'))
    line = line_of(path, "2011-02-29")
    assert problems(run, path) == [
        f"production.start.date (line {line}): is not a calendar date (2011-02 has 28 days),"
        " got '2011-02-29'"
    ]


@pytest.mark.parametrize(
    ("start", "end", "valid"),
    [
        ("2012-07-01", "2012-06", False),
        ("2013", "2012-06", False),
        ("2012-06-02", "2012-06-01", False),
        ("2012-06-30", "2012-06", True),  # in the end month: compared at the coarser of the two
        ("2012", "2012-06", True),
        ("2012-06-01", "2012-06-01", True),
    ],
)
def test_production_cannot_start_after_it_ended(
    run: RunCli, tmp_path: Path, start: str, end: str, valid: bool
) -> None:
    path = broken(
        tmp_path,
        ('date = "2011-03-01"', f'date = "{start}"'),
        ('date = "2012-06"', f'date = "{end}"'),
    )
    if valid:
        assert run("validate", str(path)).exit_code == 0
        return
    line = line_of(path, f'date = "{start}"')
    assert problems(run, path) == [
        f"production.start.date (line {line}): must not be after production.end.date {end!r},"
        f" got {start!r}"
    ]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-999_999", "must be at least 1, got -999999"),
        ("0", "must be at least 1, got 0"),
        ('"2011-02-30"', "is not a calendar date (2011-02 has 28 days), got '2011-02-30'"),
    ],
    ids=["used built claim of -999,999", "zero", "an end date that does not exist"],
)
def test_claim_value_must_be_possible(
    run: RunCli, tmp_path: Path, value: str, message: str
) -> None:
    topic = "end" if value.startswith('"') else "built"
    path = broken(tmp_path, ('topic = "built"\nvalue = 110', f'topic = "{topic}"\nvalue = {value}'))
    line = line_of(path, f"value = {value}")
    assert problems(run, path) == [f"claims[0].value (line {line}): {message}"]


def test_individual_cars_cannot_exceed_the_cars_built(run: RunCli, tmp_path: Path) -> None:
    path = broken(tmp_path, ("value = 2\n", "value = 99_999\n"))
    line = line_of(path, "value = 99_999")
    assert problems(run, path) == [
        f"production.individual_cars.value (line {line}): must not be more than built (110),"
        " got 99999"
    ]
    assert run("validate", str(broken(tmp_path, ("value = 2\n", "value = 110\n")))).exit_code == 0


def test_built_must_be_customer_plus_internal_cars(run: RunCli, tmp_path: Path) -> None:
    path = broken(tmp_path, ("value = 10\n", "value = 11\n"))
    assert problems(run, path) == [
        f"production (line {line_of(path, '[production]')}): customer_cars (100)"
        " + internal_cars (11) must equal built (110)"
    ]


MIXED = "mixes {} letters ({}); write a spelling in one script"
LOOKS_LIKE = "looks like colour {} (its {}); a spelling must not pass for another colour's"


@pytest.mark.parametrize(
    ("old", "new", "key", "expected"),
    [
        (  # the case: a Cyrillic А beside the real Alpine White
            'name = "Java Green"',
            'name = "Аlpine White"',
            "name",
            [
                MIXED.format("Latin and Cyrillic", "U+0410 CYRILLIC CAPITAL LETTER A"),
                LOOKS_LIKE.format("'alpine-white'", "name 'Alpine White'"),
            ],
        ),
        (  # one script throughout, but every letter a look-alike of another colour's alias
            'aliases = ["Green Mamba"]',
            'aliases = ["Green Mamba", "АW"]',
            "aliases",
            [
                MIXED.format("Latin and Cyrillic", "U+0410 CYRILLIC CAPITAL LETTER A"),
                LOOKS_LIKE.format("'alpine-white'", "alias 'AW'"),
            ],
        ),
        (
            'aliases = ["Green Mamba"]',
            'aliases = ["Green Μamba"]',
            "aliases",
            [MIXED.format("Latin and Greek", "U+039C GREEK CAPITAL LETTER MU")],
        ),
        (  # Greek letters only: not mixed, but they read as alpine-white's alias
            'aliases = ["Green Mamba"]',
            'aliases = ["ΑΡΕΧ"]',
            "aliases",
            [LOOKS_LIKE.format("'alpine-white'", "alias 'Apex'")],
        ),
        (
            'programme = "individual"',
            'paint_code = "З00"\npaint_code_confidence = "low"\n'
            'paint_code_sources = ["press-a"]\nprogramme = "individual"',
            "paint_code",
            [],  # З (Cyrillic Ze) is not mapped: only the common look-alikes are
        ),
    ],
    ids=["Cyrillic A in a name", "Cyrillic A in an alias", "Greek Mu", "Greek only", "not mapped"],
)
def test_spelling_that_mixes_scripts_or_passes_for_another(
    run: RunCli, tmp_path: Path, old: str, new: str, key: str, expected: list[str]
) -> None:
    path = broken(tmp_path, (old, new), ('aliases = ["AW"]', 'aliases = ["AW", "Apex"]'))
    if not expected:
        assert run("validate", str(path)).exit_code == 0
        return
    line = entry_line(path, "java-green", key)
    spelling = new.split('"')[-2] if key == "aliases" else new.split('"')[1]
    assert problems(run, path) == [
        f"colours[java-green].{key} (line {line}): {spelling!r} {message}" for message in expected
    ]


def test_look_alike_is_reported_where_it_is_also_when_it_comes_first(
    run: RunCli, tmp_path: Path
) -> None:
    path = broken(tmp_path, ('aliases = ["AW"]', 'aliases = ["AW", "Jаva Green"]'))  # Cyrillic а
    line = entry_line(path, "alpine-white", "aliases")
    assert problems(run, path) == [
        f"colours[alpine-white].aliases (line {line}): 'Jаva Green' "
        + MIXED.format("Latin and Cyrillic", "U+0430 CYRILLIC SMALL LETTER A"),
        f"colours[alpine-white].aliases (line {line}): 'Jаva Green' "
        + LOOKS_LIKE.format("'java-green'", "name 'Java Green'"),
    ]


@pytest.mark.parametrize("spelling", ["Ява Грин", "Αλπικό Λευκό", "Grün Ölweiß", "Ｊａｖａ"])
def test_spelling_in_one_script_is_valid(run: RunCli, tmp_path: Path, spelling: str) -> None:
    path = broken(
        tmp_path, ('aliases = ["Green Mamba"]', f'aliases = ["Green Mamba", "{spelling}"]')
    )
    assert run("validate", str(path)).exit_code == 0


def test_line_separator_in_a_string_does_not_shift_line_numbers(
    run: RunCli, tmp_path: Path
) -> None:
    # TOML allows U+2028 in a string and counts lines by \n alone; str.splitlines does not.
    path = broken(
        tmp_path,
        ('plant = "Leipzig"', 'plant = "Leip\u2028zig\u2029plant\x85"'),
        ("count = 1\n", "count = 0\n"),
    )
    line = entry_line(path, "java-green", "count")
    assert problems(run, path) == [
        f"colours[java-green].count (line {line}): must be at least 1, got 0;"
        " leave count out when it is unknown"
    ]


# --- how the dataset is named and saved -----------------------------------------------------------


def test_utf8_byte_order_mark_is_accepted(run: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + BASE.read_bytes())  # as Notepad saves "UTF-8 with BOM"
    result = run("validate", str(path), env=WIDE)
    assert (result.exit_code, result.stdout.strip()) == (0, f"{path}: valid")
    result = run("list", "--data", str(path))
    assert result.exit_code == 0
    assert result.stdout.startswith(BASE_TITLE)
    broken_path = tmp_path / "bom-broken.toml"  # lines are counted as without the mark
    broken_path.write_bytes(
        b"\xef\xbb\xbf" + BASE.read_bytes().replace(b"count = 1\n", b"count = 0\n")
    )
    line = entry_line(broken_path, "java-green", "count")
    assert problems(run, broken_path)[0].startswith(f"colours[java-green].count (line {line}):")


def test_non_utf8_byte_after_a_byte_order_mark_is_counted_from_the_file_start(
    run: RunCli, tmp_path: Path
) -> None:
    path = tmp_path / "bom-latin1.toml"
    raw = b'\xef\xbb\xbfschema_version = 1\nplant = "Alpinwei\xdf"\n'
    path.write_bytes(raw)
    result = run("validate", str(path))
    assert result.exit_code == 2
    byte = raw.index(b"\xdf")
    assert result.stderr == f"m1lookup: error: {path}: not UTF-8 text (byte {byte})\n"


EMPTY_PATH = (
    "m1lookup: error: the dataset path is empty; give a file, or no path for the bundled dataset\n"
)


@pytest.mark.parametrize(
    "args",
    [
        ["validate", ""],
        ["validate", "--data", ""],
        ["list", "--data", ""],
        ["colour", "Java Green", "--json", "--data", ""],
        ["list", "--data="],
    ],
    ids=" ".join,
)
def test_empty_dataset_path_is_refused(run: RunCli, args: list[str]) -> None:
    result = run(*args, env={"M1LOOKUP_DATA": str(BASE)})
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", EMPTY_PATH)


def test_empty_environment_variable_means_the_bundled_dataset(run: RunCli) -> None:
    result = run("validate", env={**WIDE, "M1LOOKUP_DATA": ""})
    assert (result.exit_code, result.stdout.strip()) == (0, f"{DATA_FILE}: valid")
    result = run("list", "--json", env={"M1LOOKUP_DATA": ""})
    assert result.exit_code == 0
    assert result.json()["denominator"] == {"customer_cars": 6309}


# --- cost: lookups by id ------------------------------------------------------------------------


class _CountedTuple(tuple[Any, ...]):
    """A tuple that counts how often it is walked through."""

    walks = 0

    def __iter__(self) -> Iterator[Any]:
        type(self).walks += 1
        return super().__iter__()


def test_lookups_by_id_do_not_scan_the_records(dataset: Dataset) -> None:
    copy = dataset.replace(
        sources=_CountedTuple(dataset.sources), colours=_CountedTuple(dataset.colours)
    )
    for _ in range(100):
        for source in dataset.sources:
            assert copy.source(source.id) is source
        for colour in dataset.colours:
            assert copy.colour(colour.id) is colour
    assert _CountedTuple.walks == 0  # the maps were built with the dataset: no lookup walks


# --- search spellings and described titles --------------------------------------------------------

SEARCH_SPELLING = '[[colours.search_spellings]]\nspelling = "JG"\nnote = "An abbreviation."\n\n'


def test_a_search_spelling_with_its_note_is_valid(run: RunCli, tmp_path: Path) -> None:
    path = broken(
        tmp_path, ("[[colours.market_counts]]", SEARCH_SPELLING + "[[colours.market_counts]]")
    )
    assert run("validate", str(path)).exit_code == 0
    found = run("colour", "jg", "--data", str(path), "--json").json()["results"][0]
    assert found["search_spellings"] == [{"spelling": "JG", "note": "An abbreviation."}]


@pytest.mark.parametrize(
    ("table", "key", "message"),
    [
        ('spelling = "JG"\n', "[[colours.search_spellings]]",
         "search_spellings[0].note (line {line}): required key is missing"),
        ('spelling = "AW"\nnote = "x"\n', 'spelling = "AW"', "search_spellings[0].spelling"
         " (line {line}): 'AW' also names colour 'alpine-white' (its alias 'AW'); a spelling"
         " must resolve to one colour"),
    ],
)  # fmt: skip
def test_a_search_spelling_needs_its_note_and_names_one_colour(
    run: RunCli, tmp_path: Path, table: str, key: str, message: str
) -> None:
    entry = f"[[colours.search_spellings]]\n{table}\n"
    path = broken(tmp_path, ("[[colours.market_counts]]", entry + "[[colours.market_counts]]"))
    line = line_of(path, key)
    assert problems(run, path) == ["colours[java-green]." + message.format(line=line)]


def test_title_is_description_must_be_a_boolean(run: RunCli, tmp_path: Path) -> None:
    path = broken(
        tmp_path, ('title = "A forum post"', 'title = "A forum post"\ntitle_is_description = "yes"')
    )
    line = line_of(path, "title_is_description")
    assert problems(run, path) == [
        f"sources[forum-b].title_is_description (line {line}): must be true or false, not a string"
    ]


@pytest.mark.parametrize(
    ("old", "table"),
    [
        ('topic = "built"\nvalue = 110\n', "claims[0]"),
        ('code = "381"\n', "catalogue[0]"),
    ],
    ids=["claim", "catalogue colour"],
)
def test_an_entry_without_an_id_field_is_named_by_its_place(
    run: RunCli, tmp_path: Path, old: str, table: str
) -> None:
    """A stray ``id`` key does not rename an entry whose record has no id: it is a problem."""
    path = broken(tmp_path, (old, f'id = "stray"\n{old}'))
    found = problems(run, path)
    assert len(found) == 1
    line = line_of(path, 'id = "stray"')
    assert found[0].startswith(f"{table}.id (line {line}): unknown key")
