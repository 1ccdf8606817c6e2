"""Evidence a reader can follow, and the answer a buyer needs (issue 9, "Done when").

One citation system (sources by number on screen, by id in JSON, no research-sheet codes), whole
URLs, confidence beside the figure it belongs to, a North America count for Valencia Orange, and
"no 1M is known in this colour" for the 1 Series catalogue colours and misnamings.
"""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from m1lookup.model.schema import Dataset
from tests.conftest import DATA_FILE, RunCli, parse_json, run_cli

# A research-sheet row code: "(C6)", "(K13)", "(P6, K1)", "(M1b)", "(see K4)".
ROW_CODE = re.compile(r"\((?:see )?[A-Z]\d{1,2}[a-z]?[,;)–-]")
COLOUR_IDS = [
    "valencia-orange",
    "alpine-white",
    "black-sapphire",
    "monte-carlo-blue",
    "java-green",
    "atacama-yellow",
    "sepang-bronze",
]
WIDE = {"COLUMNS": "300"}  # every row of a panel on one line
CAME_IN = [
    "Valencia Orange",
    "Alpine White",
    "Black Sapphire",
    "Monte Carlo Blue",
    "Java Green",
    "Atacama Yellow",
]


def test_the_colours_are_the_bundled_ones(run: RunCli) -> None:
    """The tests below go through every colour: they must not pass on fewer."""
    listed = [c["id"] for c in run("list", "--json").json()["colours"]]
    assert sorted(listed) == sorted(COLOUR_IDS)


# --- one citation system ----------------------------------------------------------------------

EVERY_OUTPUT = [
    *(["colour", colour_id, *form] for colour_id in COLOUR_IDS for form in ([], ["--json"])),
    *(["colour", name] for name in ("Le Mans Blue", "381", "Jet Black")),
    *(
        [command, *form]
        for command in ("stats", "list", "sources", "markets")
        for form in ([], ["--json"], ["--csv"])
    ),
    ["colour", "-", "--jsonl"],
    ["tally", "-"],
    ["tally", "-", "--json"],
]
NAMES = "\n".join([*COLOUR_IDS, "Le Mans Blue", "Jet Black"]) + "\n"
TALLY = "colour\n" + NAMES


@pytest.mark.parametrize("args", EVERY_OUTPUT, ids=" ".join)
def test_no_output_holds_a_research_sheet_code(run: RunCli, args: list[str]) -> None:
    result = run(*args, input=TALLY if args[0] == "tally" else NAMES, env=WIDE)
    assert result.stdout or result.stderr
    assert ROW_CODE.findall(result.stdout) == []
    assert ROW_CODE.findall(result.stderr) == []


def test_the_data_file_holds_no_research_sheet_code() -> None:
    """Not in a note, not in a comment: the file is what a register keeper copies."""
    assert ROW_CODE.findall(DATA_FILE.read_text(encoding="utf-8")) == []


def test_on_screen_a_citation_is_the_sources_number(run: RunCli) -> None:
    result = run("colour", "Alpine White", env=WIDE)
    assert "[@" not in result.stdout
    assert "Second in US popularity [27]." in result.stdout
    sources = {s["number"]: s["id"] for s in run("sources", "--json").json()["sources"]}
    assert sources[27] == "bmwblog-2012-01-10-us-740"
    colour = run("colour", "Alpine White", "--json").json()["results"][0]["colour"]
    assert "Second in US popularity [@bmwblog-2012-01-10-us-740]." in colour["notes"]


def test_a_panel_lists_every_source_it_cites_by_number(run: RunCli) -> None:
    """Valencia Orange's code rests on source 46, cited only by the paint code; the panel lists
    it with every source of its notes, figures and market count, smallest number first."""
    out = run("colour", "valencia", env=WIDE).stdout
    assert "│ Paint code   WB44  (confidence low; [46]) " in out
    assert "│ Sources      [1] [2] [11] [17] [25] [27] [35] [37] [46] [56] [59], below " in out
    listed = re.findall(r"^\[(\d+)\] ", out, re.M)
    assert listed == ["1", "2", "11", "17", "25", "27", "35", "37", "46", "56", "59"]
    document = run("colour", "valencia", "--json").json()["results"][0]["colour"]
    numbers = [s["number"] for s in document["sources"]]
    assert numbers == [1, 2, 11, 17, 25, 27, 35, 37, 46, 56, 59]


# --- links that work -------------------------------------------------------------------------


def _panels(output: str, names: list[str]) -> dict[str, str]:
    """Each colour's panel with the sources listed below it, by colour name."""
    starts = [output.index(f"╭─ {name} ") for name in names]
    ends = [*starts[1:], len(output)]
    return {name: output[start:end] for name, start, end in zip(names, starts, ends, strict=True)}


@pytest.mark.parametrize("width", ["40", "80"])
def test_every_url_is_whole_on_a_line_of_its_own_when_piped(width: str) -> None:
    sources = parse_json(run_cli("sources", "--json").stdout)["sources"]
    assert len(sources) == 64
    listed = run_cli("sources", env={"COLUMNS": width})
    assert listed.exit_code == 0
    lines = listed.stdout.splitlines()
    for source in sources:
        assert f"    {source['url']}" in lines, source["id"]
    shown = run_cli("colour", *COLOUR_IDS, env={"COLUMNS": width})
    assert shown.exit_code == 0
    colours = parse_json(run_cli("colour", *COLOUR_IDS, "--json").stdout)["results"]
    cited = {s["url"] for entry in colours for s in entry["colour"]["sources"]}
    assert len(cited) == 26
    # Several colours share one list, below the last panel: every address once.
    out = shown.stdout
    listed = out[out.rindex("╰") :].splitlines()
    addresses = [line.removeprefix("    ") for line in listed if line.startswith("    ")]
    assert sorted(addresses) == sorted(cited)


# --- confidence belongs to a figure ------------------------------------------------------------


@pytest.mark.parametrize("colour_id", COLOUR_IDS)
def test_confidence_is_never_printed_beside_unknown(run: RunCli, colour_id: str) -> None:
    out = run("colour", colour_id, env=WIDE).stdout
    rows = re.findall(r"^│ ([A-Z][\w ]*?)\s{2,}(\S.*?)\s*│$", out, re.M)
    assert len(rows) >= 9
    for label, value in rows:
        if value.startswith(("unknown", "none published")):
            # What is known instead of an unknown count comes after "Known:", with its own.
            assert "confidence" not in value.split(" Known: ")[0], label
        elif label in ("Paint code", "Programme", "Finish", "Count", "German name"):
            assert re.search(r"  \(confidence (high|medium|low); (\[\d+\] ?)+\)", value), label


def test_each_figure_shows_its_own_confidence(run: RunCli) -> None:
    out = run("colour", "Monte Carlo Blue", env=WIDE).stdout
    assert "│ Programme    BMW Individual  (confidence medium; [38] [39] [40]) " in out
    assert "│ Count        2 cars: each is 1 of 2  (confidence low; [39] [40]) " in out
    assert "│ Paint code   unknown: no reliable source " in out
    assert "│ Finish       unknown " in out
    white = run("colour", "Alpine White", env=WIDE).stdout
    assert "│ German name  Alpinweiß  (confidence high; [37] [44]) " in white
    assert "│ Finish       solid  (confidence medium; [7] [48]) " in white
    assert (
        "│ Count        unknown: nobody has published how many were built worldwide, so share,"
        " 1 in N and rarity are unknown too. Known: the second most popular colour in the United"
        " States [27]. "
    ) in white


def test_list_marks_low_confidence_codes_and_says_so(run: RunCli) -> None:
    out = run("list").stdout
    rows = {line.split()[1]: line for line in out.splitlines() if re.match(r"\s+[–\d]\s", line)}
    assert "  300?  " in rows["Alpine"]
    assert "  475?  " in rows["Black"]
    assert "  WB44?  " in rows["Valencia"]
    assert "  unknown  " in rows["Java"]
    assert "1 (medium)" in rows["Java"]
    assert "1 (low)" in rows["Atacama"]
    assert "unknown (" not in out  # no confidence beside an unknown count
    assert out.rstrip().endswith(
        "? low confidence: a weak source, not tied to the 1M by name; 'm1lookup colour NAME'"
        " shows it."
    )


def test_list_csv_and_json_carry_each_figures_confidence(run: RunCli) -> None:
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(run("list", "--csv").stdout))}
    assert (rows["alpine-white"]["paint_code"], rows["alpine-white"]["paint_code_confidence"]) == (
        "300",
        "low",
    )
    assert (rows["alpine-white"]["count"], rows["alpine-white"]["count_confidence"]) == ("", "")
    assert (rows["java-green"]["count"], rows["java-green"]["count_confidence"]) == ("1", "medium")
    assert rows["valencia-orange"]["finish_confidence"] == "high"
    colours = {c["id"]: c for c in run("list", "--json").json()["colours"]}
    assert colours["black-sapphire"]["finish_confidence"] == "medium"  # two reports on the 1M
    assert [s["id"] for s in colours["black-sapphire"]["finish_sources"]] == [
        "automobili10-2011-produzione-fine-2011",
        "automotiverhythms-small-wonder",
        "grokipedia-bmw-paint-code",
    ]
    assert colours["sepang-bronze"]["programme_confidence"] == "low"


# --- counts per market ---------------------------------------------------------------------------


def test_valencia_orange_has_a_north_america_count_not_a_worldwide_one(
    run: RunCli, validate_json
) -> None:
    result = run("colour", "valencia", "--json")
    assert result.exit_code == 0
    document = result.json()
    validate_json(document)
    colour = document["results"][0]["colour"]
    assert (colour["count"], colour["count_confidence"], colour["count_sources"]) == (
        None,
        None,
        [],
    )
    assert (colour["share"], colour["one_in"], colour["rank"], colour["rarity"]) == (
        None,
        None,
        None,
        "unknown",
    )
    (count,) = colour["market_counts"]
    assert {key: count[key] for key in ("market", "kind", "value", "confidence")} == {
        "market": "north-america",
        "kind": "sold",
        "value": 435,
        "confidence": "low",
    }
    assert [s["id"] for s in count["sources"]] == ["automobilismo-2021-04-23-1m-coupe"]
    assert "[@bmwblog-2012-01-10-us-740]" in count["note"]


def test_valencia_orange_panel_opens_with_what_is_known_instead_of_the_unknown_count(
    run: RunCli,
) -> None:
    out = run("colour", "valencia", env=WIDE).stdout.splitlines()
    assert out[1].rstrip(" │") == (
        "│ Count        unknown: nobody has published how many were built worldwide, so share,"
        " 1 in N and rarity are unknown too. Known: 435 sold in North America (US and Canada),"
        " one market only (confidence low; [35]); the most popular colour in the United States"
        " [27]."
    )
    assert not any(line.startswith(("│ Share", "│ 1 in N", "│ Rarity")) for line in out)


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("valencia", ("435", "unknown", "confidence low")),
        ("Monte Carlo Blue", ("2 cars", "3,155", "0.0317%", "handful")),
        ("Java Green", ("the only one", "6,309", "one-off")),
        ("Sepang Bronze", ("unknown", "Probably a repaint or a wrap")),
    ],
)
def test_the_verdict_is_on_the_first_screen(name: str, words: tuple[str, ...]) -> None:
    """Piped at 80 columns, the answer is in the first 12 lines, before the evidence."""
    shown = run_cli("colour", name, env={"COLUMNS": "80"})
    assert shown.exit_code == 0
    first = shown.stdout.splitlines()[:12]
    for word in words:
        assert any(word in line for line in first), word
    evidence = next(n for n, line in enumerate(first) if line.startswith("│ Programme "))
    assert not any(line.startswith("│ Paint code") for line in first[:evidence])


def test_sepang_bronzes_verdict_is_a_data_field_shown_with_the_count(
    run: RunCli, validate_json
) -> None:
    out = run("colour", "Sepang Bronze", env=WIDE).stdout.splitlines()
    assert out[2].rstrip(" │") == (
        "│ Verdict      Probably a repaint or a wrap, not a factory colour (an inference): the"
        " four factory BMW Individual cars reported [37] [39] are in other colours."
    )
    notes = next(line for line in out if line.startswith("│ Notes "))
    assert "repaint or a wrap" not in notes
    document = run("colour", "Sepang Bronze", "--json").json()
    validate_json(document)
    colour = document["results"][0]["colour"]
    assert colour["verdict"].startswith("Probably a repaint or a wrap, not a factory colour")
    assert "[@bimmertoday-2023-09-06-nuerburgring]" in colour["verdict"]
    assert run("colour", "Java Green", "--json").json()["results"][0]["colour"]["verdict"] is None


def test_markets_show_colour_counts(run: RunCli) -> None:
    out = run("markets", env=WIDE).stdout
    assert "│ Colour count  Valencia Orange: 435 sold  (confidence low; [35])" in out
    markets = {m["id"]: m for m in run("markets", "--json").json()["markets"]}
    (count,) = markets["north-america"]["colour_counts"]
    assert (count["colour"], count["name"], count["value"]) == (
        "valencia-orange",
        "Valencia Orange",
        435,
    )
    assert all(m["colour_counts"] == [] for key, m in markets.items() if key != "north-america")


# --- no 1M is known in this colour -----------------------------------------------------------

LE_MANS_BLUE = (
    "is a BMW 1 Series colour (381, Le Mans Blau; M package and Sport Design only [64]),"
    " but no 1M is known in it. The 1M's factory colours: Valencia Orange, Alpine White,"
    " Black Sapphire. BMW Individual painted a few cars to order; those known:"
    " Monte Carlo Blue (2 cars), Java Green (1 car), Atacama Yellow (1 car)."
)
DEEP_SEA_BLUE = LE_MANS_BLUE.replace(
    "381, Le Mans Blau; M package and Sport Design only", "A76, Tiefseeblau"
)


@pytest.mark.parametrize(
    ("name", "code", "said"),
    [
        ("Le Mans Blue", "381", LE_MANS_BLUE),
        ("381", "381", LE_MANS_BLUE),
        ("Tiefseeblau", "A76", DEEP_SEA_BLUE),
        ("Deep Sea Blue", "A76", DEEP_SEA_BLUE),
    ],
)
def test_a_catalogue_colour_is_no_1m_colour(
    run: RunCli, validate_json, name: str, code: str, said: str
) -> None:
    result = run("colour", name)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"m1lookup: “{name}” {said}\n"
    document = run("colour", name, "--json")
    assert document.exit_code == 1
    validate_json(document.json())
    (miss,) = document.json()["not_found"]
    assert miss["reason"] == "not a 1M colour"
    assert miss["message"] == f"“{name}” {said}"
    assert miss["suggestions"] == CAME_IN
    assert miss["catalogue"]["code"] == code
    assert [s["id"] for s in miss["catalogue"]["sources"]] == ["lebezout-bmw-e8x-faq-teintes"]
    assert "misnaming" not in miss
    assert "never" not in miss["message"]  # BMW Individual cars were made to order


def test_le_mans_blue_json_carries_the_catalogue_entry(run: RunCli) -> None:
    (miss,) = run("colour", "Le Mans Blue", "--json").json()["not_found"]
    catalogue = {key: value for key, value in miss["catalogue"].items() if key != "sources"}
    assert catalogue == {
        "code": "381",
        "name": "Le Mans Blue",
        "name_de": "Le Mans Blau",
        "aliases": ["LeMans Blue"],
        "remark": "M package and Sport Design only",
    }


def test_jet_black_is_black_sapphire(run: RunCli, validate_json) -> None:
    result = run("colour", "Jet Black")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "m1lookup: “Jet Black” is not a 1M colour's name. A dealer's hearsay before launch used"
        " this name [3], and pre-launch reports repeated it [4] [5] [49]. In 2016 bmwblog used it"
        " for Chris Harris's car [32], and a Singapore blog copied that [33]. The 1M's black is"
        " Black Sapphire, in German Saphirschwarz [27] [37].\n"
    )
    document = run("colour", "Jet Black", "--json").json()
    validate_json(document)
    (miss,) = document["not_found"]
    assert (miss["reason"], miss["suggestions"]) == ("misnamed", ["Black Sapphire"])
    assert (miss["misnaming"]["name"], miss["misnaming"]["colour"]) == (
        "Jet Black",
        "black-sapphire",
    )


@pytest.mark.parametrize(
    ("german", "english"),
    [("schwarz", "black"), ("weiss", "white"), ("weiß", "white"), ("blau", "blue")],
)
def test_german_colour_words_find_what_english_ones_find(
    run: RunCli, german: str, english: str
) -> None:
    found = run("colour", german, "--json")
    expected = run("colour", english, "--json")
    assert (found.exit_code, expected.exit_code) == (0, 0)
    assert found.json()["results"][0]["colour"] == expected.json()["results"][0]["colour"]


def test_german_colour_words_name_the_expected_colours(run: RunCli) -> None:
    document = run("colour", "schwarz", "weiß", "blau", "--json").json()
    assert [r["colour"]["id"] for r in document["results"]] == [
        "black-sapphire",
        "alpine-white",
        "monte-carlo-blue",
    ]


def test_a_catalogue_remark_cites_by_number(run: RunCli, tmp_path) -> None:
    text = DATA_FILE.read_text(encoding="utf-8").replace(
        'remark = "M package and Sport Design only"',
        'remark = "M package and Sport Design only [@bmwblog-2011-02-12-colours]"',
    )
    data = tmp_path / "colours.toml"
    data.write_text(text, encoding="utf-8")
    result = run("colour", "Le Mans Blue", "--data", str(data))
    assert result.exit_code == 1
    assert "(381, Le Mans Blau; M package and Sport Design only [11] [64])" in result.stderr


# --- sources N|ID ------------------------------------------------------------------------------

SOURCE_33 = [
    "Sources (1)",
    "",
    "[33] Chris Harris of Top Gear buys BMW 1M — bmw-sg.com, 2016-09-16 (weak)",
    "    https://bmw-sg.com/bmw-models/chris-harris-top-gear-buys-bmw-1m/2016/09/16",
]


@pytest.mark.parametrize("wanted", ["33", "[33]", "bmw-sg-2016-09-16-chris-harris"])
def test_sources_shows_the_source_asked_for(run: RunCli, validate_json, wanted: str) -> None:
    result = run("sources", wanted)
    assert result.exit_code == 0
    assert result.stderr == ""
    assert [line.rstrip() for line in result.stdout.splitlines()] == SOURCE_33
    document = run("sources", wanted, "--json").json()
    validate_json(document)
    assert [(s["number"], s["id"]) for s in document["sources"]] == [
        (33, "bmw-sg-2016-09-16-chris-harris")
    ]


def test_sources_in_the_order_asked_once_each(run: RunCli) -> None:
    document = run("sources", "33", "1", "bmw-sg-2016-09-16-chris-harris", "--json").json()
    assert [s["number"] for s in document["sources"]] == [33, 1]
    rows = list(csv.DictReader(io.StringIO(run("sources", "64", "--csv").stdout)))
    assert [(r["number"], r["id"]) for r in rows] == [("64", "lebezout-bmw-e8x-faq-teintes")]


def test_an_unknown_source_is_exit_1_with_one_line(run: RunCli) -> None:
    result = run("sources", "999")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "m1lookup: no source “999”: give a number from 1 to 64 or an id.\n"
    typo = run("sources", "33", "bmwblog-2012-01-10-us-74")
    assert typo.exit_code == 1
    assert [line.rstrip() for line in typo.stdout.splitlines()] == SOURCE_33
    assert typo.stderr == (
        "m1lookup: no source “bmwblog-2012-01-10-us-74”: give a number from 1 to 64 or an id."
        " Did you mean: bmwblog-2012-01-10-us-740, bmwblog-2023-09-06-80-coupes,"
        " bmwblog-2016-09-15-chris-harris?\n"
    )


def test_an_unknown_source_under_json_is_a_not_found_document(
    run: RunCli, dataset: Dataset
) -> None:
    """As ``colour zzz --json``: the document is written, the miss in ``not_found``."""
    message = f"no source “99”: give a number from 1 to {len(dataset.sources)} or an id."
    result = run("sources", "99", "--json")
    assert result.exit_code == 1
    assert result.json() == {
        "schema_version": 2,
        "sources": [],
        "not_found": [
            {
                "query": "99",
                "reason": "no match",
                "message": message,
                "suggestions": [],
            }
        ],
    }
    assert result.stderr == f"m1lookup: {message}\n"
    mixed = run("sources", "19", "bmwblog-2012-01-10-us-74", "--json").json()
    assert [source["number"] for source in mixed["sources"]] == [19]
    assert mixed["not_found"][0]["suggestions"][0] == "bmwblog-2012-01-10-us-740"
    assert run("sources", "--json").json()["not_found"] == []


# --- stats --csv -----------------------------------------------------------------------------


def test_stats_csv_is_the_production_figures_and_every_claim(run: RunCli) -> None:
    result = run("stats", "--csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["kind"], r["topic"], r["value"], r["used"], r["confidence"]) for r in rows] == [
        ("production", "start", "2011-03-01", "true", "high"),
        ("production", "end", "2012-06", "true", "medium"),
        ("production", "built", "6342", "true", "high"),
        ("production", "customer_cars", "6309", "true", "medium"),
        ("production", "internal_cars", "33", "true", "medium"),
        ("production", "planned_cap", "2500", "true", "medium"),
        ("production", "individual_cars", "4", "true", "medium"),
        ("claim", "built", "6342", "true", "high"),
        ("claim", "built", "6331", "false", "low"),
        ("claim", "built", "6339", "false", "low"),
        ("claim", "built", "1000", "false", "low"),
        ("claim", "built", "2000", "false", "low"),
        ("claim", "customer_cars", "6309", "true", "medium"),
        ("claim", "planned_cap", "2500", "true", "medium"),
        ("claim", "planned_cap", "2700", "false", "low"),
        ("claim", "planned_cap", "2452", "false", "low"),
        ("claim", "planned_cap", "4000", "false", "medium"),
        ("claim", "planned_cap", "5000", "false", "low"),
        ("claim", "individual_cars", "4", "true", "medium"),
        ("claim", "individual_cars", "3", "false", "low"),
        ("claim", "end", "2012-06", "true", "medium"),
        ("claim", "end", "2011-12", "false", "low"),
        ("claim", "end", "2012-12", "false", "low"),
        ("claim", "sold", "1054", "false", "low"),
    ]
    built = rows[2]
    # Cited one way in a row: the sources cell by number, as the note cites them.
    assert built["sources"] == "[43] [47] [58]"  # Sports Car Market printed 6,342 earlier
    assert (
        "reported by press: '6,342 examples completed in 2011 and 2012' [43] [47]."
        in (built["note"])
    )
    assert rows[-1]["sources"] == "[52]"
    sold = "[52]. Unclear whether worldwide or in one market; not used without confirmation."
    assert rows[-1]["note"].endswith(sold)
    assert all("[@" not in r["note"] for r in rows)


# --- words -------------------------------------------------------------------------------------

ONE_PLURAL = re.compile(r"(?<![\d,.])1 (cars|problems|rows|sources)\b")


@pytest.mark.parametrize(
    "args", [["colour", *COLOUR_IDS], ["stats"], ["list"], ["markets"]], ids=" ".join
)
def test_one_car_never_one_cars(run: RunCli, args: list[str]) -> None:
    out = run(*args, env=WIDE).stdout
    assert ONE_PLURAL.findall(out) == []


def test_one_car_one_row_one_problem(run: RunCli, tmp_path) -> None:
    assert (
        "│ Count        1 car: the only one  (confidence medium;"
        in run("colour", "java", env=WIDE).stdout
    )
    assert (
        "│ Rarity       one-off: 1 car (rank 1, rarest first) "
        in run("colour", "java", env=WIDE).stdout
    )
    tallied = run("tally", "-", input="colour\nJava Green\nzebra\n", env=WIDE)
    assert "1 row with no known colour is listed on standard error" in tallied.stdout
    data = tmp_path / "colours.toml"
    data.write_text(
        DATA_FILE.read_text(encoding="utf-8").replace('kind = "weak"', 'kind = "blog"', 1)
    )
    checked = run("validate", str(data), env=WIDE)
    assert checked.exit_code == 1
    assert checked.stdout.splitlines()[0] == f"{data}: 1 problem"


# --- citations that the same output resolves ---------------------------------------------------


def _unresolved(node: object, known: frozenset[str] = frozenset()) -> list[str]:
    """Every ``[@id]`` in ``node`` that no ``sources`` of an object holding it lists."""
    if isinstance(node, dict):
        here = set(known)
        for key, value in node.items():
            if (key == "sources" or key.endswith("_sources")) and isinstance(value, list):
                here |= {source["id"] for source in value if isinstance(source, dict)}
        return [bad for value in node.values() for bad in _unresolved(value, frozenset(here))]
    if isinstance(node, list):
        return [bad for value in node for bad in _unresolved(value, known)]
    if isinstance(node, str):
        return [cited for cited in re.findall(r"\[@([^\]\s]+)\]", node) if cited not in known]
    return []


@pytest.mark.parametrize(
    "args",
    [
        ["colour", *COLOUR_IDS, "Jet Black", "Le Mans Blue"],
        ["stats"],
        ["markets"],
        ["list"],
        ["tally", "-"],
    ],
    ids=" ".join,
)
def test_every_citation_in_json_is_in_the_same_documents_sources(
    run: RunCli, validate_json, args: list[str]
) -> None:
    document = run(*args, "--json", input=TALLY).json()
    validate_json(document)
    assert "[@" in json.dumps(document)
    assert _unresolved(document) == []


def test_stats_and_markets_documents_list_every_source_they_cite(run: RunCli) -> None:
    stats = run("stats", "--json").json()
    numbers = [source["number"] for source in stats["sources"]]
    assert numbers == sorted(numbers)
    assert 27 in numbers  # cited only in the note on the end of production
    markets = run("markets", "--json").json()
    assert {"bmwblog-2011-02-17-canada-pricing", "tienhieptruyenky-1m"} <= {
        source["id"] for source in markets["sources"]
    }
    miss = run("colour", "Jet Black", "--json").json()["not_found"][0]
    assert "bmwblog-2012-01-10-us-740" in {source["id"] for source in miss["sources"]}


@pytest.mark.parametrize("command", ["stats", "markets"])
def test_stats_and_markets_end_with_their_sources_whole(run: RunCli, command: str) -> None:
    out = run(command, env={"COLUMNS": "40"}).stdout
    every = {s["number"]: s["url"] for s in run("sources", "--json").json()["sources"]}
    tail = out[out.rindex("\nSources\n") :].splitlines()[2:]
    numbers = [int(n) for n in re.findall(r"^\[(\d+)\] ", "\n".join(tail), re.M)]
    assert numbers == sorted(set(numbers))
    addresses = [line.removeprefix("    ") for line in tail if line.startswith("    ")]
    assert addresses == [every[n] for n in numbers]
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", out[: out.rindex("\nSources\n")])}
    assert cited == set(numbers)  # every number on screen, and no other


def test_markets_csv_cites_one_way(run: RunCli) -> None:
    rows = list(csv.DictReader(io.StringIO(run("markets", "--csv").stdout)))
    japan = next(row for row in rows if row["market_id"] == "japan")
    assert japan["sources"] == "[8] [21] [30]"
    assert japan["note"].endswith("Studie AG [8] [21] [30]. Count unknown.")
    for row in rows:
        assert re.fullmatch(r"(\[\d+\] ?)*", row["sources"]), row


# --- what a match rests on, described titles, adverts' words ---------------------------------


def test_a_match_on_a_search_spelling_says_what_it_rests_on(run: RunCli, validate_json) -> None:
    out = run("colour", "Valencia Orange Metallic (B44)", env=WIDE).stdout
    found_by = next(line for line in out.splitlines() if line.startswith("│ Found by"))
    assert found_by.rstrip(" │") == (  # after the verdict, before the evidence
        "│ Found by     “B44”: An inference, not a source: the only page that gives a code writes"
        " 'WB44' [46], and 'B44' is that code without its W. No source gives 'B44' for this paint."
    )
    document = run("colour", "Valencia Orange Metallic (B44)", "--json").json()
    validate_json(document)
    (found,) = document["results"]
    assert (found["matched_by"], found["colour"]["id"]) == ("words", "valencia-orange")
    assert found["search_spellings"] == [
        {
            "spelling": "B44",
            "note": "An inference, not a source: the only page that gives a code writes 'WB44'"
            " [@fwdtrek-2025-11-iconic-colours], and 'B44' is that code without its W. No source"
            " gives 'B44' for this paint.",
        }
    ]
    line = run("colour", "mcb", "--jsonl").stdout
    assert '"search_spellings":[{"spelling":"MCB","note":"An abbreviation the tool accepts;' in line
    plain = run("colour", "Valencia Orange", "--json").json()["results"][0]
    assert plain["search_spellings"] == []
    assert "Found by" not in run("colour", "Valencia Orange", env=WIDE).stdout


def test_alpine_white_iii_resolves_saying_it_is_the_catalogue_name(run: RunCli) -> None:
    result = run("colour", "Alpine White III", env=WIDE)
    assert result.exit_code == 0
    found_by = next(line for line in result.stdout.splitlines() if line.startswith("│ Found by"))
    assert found_by.rstrip(" │") == (
        "│ Found by     “Alpine White III”: BMW's name for paint 300 in the 1 Series catalogue,"
        " 'AlpinWeiss III' [64]. No source calls the 1M's white that: that the 1M's Alpine White"
        " is paint 300 is an inference."
    )


def test_unquoted_words_of_one_name_get_a_hint(run: RunCli) -> None:
    result = run("colour", "jet", "black")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        'm1lookup: hint: “jet” and “black” may be one name; quote them: m1lookup colour "jet black"'
    )
    assert "hint" not in run("colour", "valencia", "orange").stderr
    le_mans = run("colour", "Le Mans")
    assert le_mans.exit_code == 1
    assert le_mans.stderr.startswith("m1lookup: “Le Mans” (Le Mans Blue) is a BMW 1 Series colour")


DESCRIBED = {
    "abc-sevilla-2011-05-12-launch",
    "clicccar-2011-08-26-parallel-import",
    "carview-uk-used-1m",
    "autoblog-2010-09-13-limited-2700",
    "bmwblog-2024-08-26-92-cars",
}


def test_a_title_that_describes_the_page_says_so(run: RunCli, validate_json) -> None:
    document = run("sources", "--json").json()
    validate_json(document)
    assert {s["id"] for s in document["sources"] if s["title_is_description"]} == DESCRIBED
    titles = {s["id"]: s["title"] for s in document["sources"]}
    assert titles["dh-ontour-1m-report"] == "BMW 1er M-Coupé 1(6)"
    assert titles["tienhieptruyenky-1m"] == "Bmw 1m for sale"
    shown = run("sources", "17", env=WIDE).stdout.splitlines()
    assert shown[2] == (
        "[17] BMW 1 Series M Coupé: Spanish launch, colours and price (a description: the page's"
        " title is not known) — ABC Sevilla, 2011-05-12 (press)"
    )
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(run("sources", "--csv").stdout))}
    assert rows["abc-sevilla-2011-05-12-launch"]["title_is_description"] == "true"
    assert rows["dh-ontour-1m-report"]["title_is_description"] == "false"
    refs = run("colour", "Alpine White", "--json").json()["results"][0]["colour"]["sources"]
    assert {r["id"]: r["title_is_description"] for r in refs}["abc-sevilla-2011-05-12-launch"]
