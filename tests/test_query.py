"""The engine on its own: folding, lookup, suggestions and rarity, straight from the data."""

from __future__ import annotations

import time

import pytest

from m1lookup.io.text import cars, fold
from m1lookup.lookup.answers import filtered_colours
from m1lookup.lookup.query import ColourIndex, Found, Miss, NotFound, joined_hint
from m1lookup.lookup.rarity import rarity_by_id, rarity_table, stats, tier_for, tier_meaning
from m1lookup.model.schema import Dataset


@pytest.fixture(scope="module")
def index(dataset: Dataset) -> ColourIndex:
    return ColourIndex.of(dataset)


@pytest.mark.parametrize(
    ("spelling", "folded"),
    [
        ("Monte Carlo Blue", "monte carlo blu"),
        ("  MONTE-carlo_blue  ", "monte carlo blu"),
        ("Alpinweiß", "alpinweiss"),
        ("Java Grün", "java grun"),
        ("Java Gruen", "java grun"),
        ("Valencia Orange Metallic", "valencia orange"),
        ("metallic", ""),
    ],
)
def test_fold(spelling: str, folded: str) -> None:
    assert fold(spelling) == folded


@pytest.mark.parametrize(
    ("query", "colour_id", "matched_by"),
    [
        ("Monte Carlo Blue", "monte-carlo-blue", "exact"),
        ("monte-carlo-blue", "monte-carlo-blue", "exact"),
        ("MCB", "monte-carlo-blue", "exact"),
        ("Monte Carlo Blau metallic", "monte-carlo-blue", "exact"),
        ("alpinweiss", "alpine-white", "exact"),
        ("ALPINWEIß", "alpine-white", "exact"),
        ("300", "alpine-white", "exact"),
        ("475", "black-sapphire", "exact"),
        ("Saphirschwarz", "black-sapphire", "exact"),
        ("b44", "valencia-orange", "exact"),
        ("WB44", "valencia-orange", "exact"),
        ("VO", "valencia-orange", "exact"),
        ("java grün", "java-green", "exact"),
        ("Java Gruen", "java-green", "exact"),
        ("Green Mamba", "java-green", "exact"),
        ("valencia", "valencia-orange", "prefix"),
        ("Monte", "monte-carlo-blue", "prefix"),
        ("sapphire", "black-sapphire", "words"),
        ("blue", "monte-carlo-blue", "words"),
        ("carlo blue", "monte-carlo-blue", "words"),
    ],
)
def test_lookup_resolves(index: ColourIndex, query: str, colour_id: str, matched_by: str) -> None:
    outcome = index.lookup(query)
    assert isinstance(outcome, Found)
    assert outcome.colour.id == colour_id
    assert outcome.matched_by == matched_by


def test_a_misspelt_word_is_a_miss_never_a_guess(index: ColourIndex) -> None:
    outcome = index.lookup("Monte Carlo Bleu")
    assert isinstance(outcome, NotFound)
    assert outcome.reason == "no match"
    assert [c.name for c in outcome.suggestions] == ["Monte Carlo Blue"]


def test_several_matches_are_candidates(index: ColourIndex) -> None:
    outcome = index.lookup("a")
    assert isinstance(outcome, NotFound)
    assert outcome.reason == "ambiguous"
    assert {c.id for c in outcome.suggestions} == {"alpine-white", "atacama-yellow"}


def test_jet_black_is_a_misnaming_of_black_sapphire(index: ColourIndex) -> None:
    # Pre-launch press said "Jet Black"; the data records it as a misnaming, not an alias.
    outcome = index.lookup("jet-black")
    assert isinstance(outcome, NotFound)
    assert outcome.reason is Miss.MISNAMED
    assert [c.id for c in outcome.suggestions] == ["black-sapphire"]
    assert outcome.misnaming is not None
    assert outcome.misnaming.colour == "black-sapphire"
    assert outcome.catalogue is None
    assert outcome.message == (
        "“jet-black” is not a 1M colour's name. A dealer's hearsay before launch used this name"
        " [3], and pre-launch reports repeated it [4] [5] [49]. In 2016 bmwblog used it for Chris"
        " Harris's car [32], and a Singapore blog copied that [33]. The 1M's black is Black"
        " Sapphire, in German Saphirschwarz [27] [37]."
    )


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("Le Mans Blue", "381"),
        ("LeMans Blue", "381"),
        ("le mans blau", "381"),
        ("381", "381"),
        ("Tiefseeblau", "A76"),
        ("Deep Sea Blue", "A76"),
        ("deep-sea blue metallic", "A76"),
        ("Space Gray", "A52"),
    ],
)
def test_a_catalogue_colour_is_not_a_1m_colour(index: ColourIndex, query: str, code: str) -> None:
    outcome = index.lookup(query)
    assert isinstance(outcome, NotFound)
    assert outcome.reason is Miss.NOT_A_1M_COLOUR
    assert outcome.catalogue is not None
    assert outcome.catalogue.code == code
    assert [c.id for c in outcome.suggestions] == [  # the factory colours, then Individual
        "valencia-orange",
        "alpine-white",
        "black-sapphire",
        "monte-carlo-blue",
        "java-green",
        "atacama-yellow",
    ]


def test_without_the_dataset_a_catalogue_colour_is_a_plain_miss(dataset: Dataset) -> None:
    outcome = ColourIndex(dataset.colours).lookup("Le Mans Blue")
    assert isinstance(outcome, NotFound)
    assert outcome.reason is Miss.NO_MATCH


@pytest.mark.parametrize(
    ("german", "english"),
    [("schwarz", "black"), ("weiss", "white"), ("weiß", "white"), ("blau", "blue")],
)
def test_german_colour_words_find_what_english_ones_find(
    index: ColourIndex, german: str, english: str
) -> None:
    found, expected = index.lookup(german), index.lookup(english)
    assert isinstance(found, Found)
    assert isinstance(expected, Found)
    assert found.colour == expected.colour


def test_no_suggestions_for_nonsense(index: ColourIndex) -> None:
    outcome = index.lookup("zzzzzz")
    assert isinstance(outcome, NotFound)
    assert outcome.suggestions == ()


def test_empty_and_over_long_queries(index: ColourIndex) -> None:
    assert index.lookup("---") == NotFound("---", Miss.EMPTY, ())
    long_query = "x" * 201
    assert index.lookup(long_query) == NotFound(long_query, Miss.TOO_LONG, ())


def test_rarity_rarest_first_with_shared_ranks(dataset: Dataset) -> None:
    table = rarity_table(dataset)
    assert [(r.colour.id, r.count, r.rank, r.tier) for r in table] == [
        ("atacama-yellow", 1, 1, "one-off"),
        ("java-green", 1, 1, "one-off"),
        ("monte-carlo-blue", 2, 3, "handful"),
        ("alpine-white", None, None, "unknown"),
        ("black-sapphire", None, None, "unknown"),
        ("valencia-orange", None, None, "unknown"),
        ("sepang-bronze", None, None, "unknown"),
    ]


def test_share_and_one_in_use_the_customer_cars(dataset: Dataset) -> None:
    rarities = rarity_by_id(dataset)
    assert rarities["monte-carlo-blue"].share == 2 / 6309
    assert rarities["monte-carlo-blue"].one_in == 3155
    assert rarities["java-green"].one_in == 6309
    assert rarities["alpine-white"].share is None
    assert rarities["alpine-white"].one_in is None


@pytest.mark.parametrize(
    ("count", "tier"),
    [
        (None, "unknown"),
        (1, "one-off"),
        (2, "handful"),
        (10, "handful"),
        (11, "very rare"),
        (500, "rare"),
        (2000, "uncommon"),
        (2001, "common"),
    ],
)
def test_tiers(count: int | None, tier: str) -> None:
    assert tier_for(count) == tier


@pytest.mark.parametrize(
    ("tier", "meaning"),
    [
        ("one-off", "1 car"),
        ("handful", "2 to 10 cars"),
        ("very rare", "11 to 100 cars"),
        ("rare", "101 to 500 cars"),
        ("uncommon", "501 to 2,000 cars"),
        ("common", "more than 2,000 cars"),
        ("unknown", "count unknown"),
    ],
)
def test_tier_names_say_what_they_mean_for_the_count(tier: str, meaning: str) -> None:
    assert tier_meaning(tier) == meaning


@pytest.mark.parametrize(("count", "words"), [(1, "1 car"), (2, "2 cars"), (6309, "6,309 cars")])
def test_cars_in_words(count: int, words: str) -> None:
    assert cars(count) == words


def test_filter_and_sort(dataset: Dataset) -> None:
    factory = filtered_colours(dataset, "factory", "name")
    assert [r.colour.name for r in factory.rows] == [
        "Alpine White",
        "Black Sapphire",
        "Valencia Orange",
    ]
    individual = filtered_colours(dataset, "individual")
    assert [r.colour.id for r in individual.rows] == [
        "atacama-yellow",
        "java-green",
        "monte-carlo-blue",
    ]


def test_stats_known_and_unknown(dataset: Dataset) -> None:
    result = stats(dataset)
    assert result.denominator == 6309
    assert result.known_total == 4
    assert [c.id for c in result.unknown_colours] == [
        "alpine-white",
        "black-sapphire",
        "valencia-orange",
        "sepang-bronze",
    ]


# --- adverts' spellings --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "colour_id", "matched_by", "rests_on"),
    [
        ("Valencia Orange Metallic (B44)", "valencia-orange", "words", ["B44"]),
        ("valenciaorange", "valencia-orange", "exact", []),
        ("Montecarlo blue", "monte-carlo-blue", "exact", []),
        ("BMW Individual Monte Carlo Blue", "monte-carlo-blue", "words", []),
        ("BMW Alpine White", "alpine-white", "exact", []),
        ("Alpine White III", "alpine-white", "exact", ["Alpine White III"]),
        ("alpinweiss iii", "alpine-white", "exact", ["Alpinweiß III"]),
        ("B44", "valencia-orange", "exact", ["B44"]),
        ("b 44", "valencia-orange", "exact", ["B44"]),
        ("VO", "valencia-orange", "exact", ["VO"]),
        ("MCB", "monte-carlo-blue", "exact", ["MCB"]),
        ("MC blue", "monte-carlo-blue", "exact", []),  # the forum's spelling: an alias
        ("WB44", "valencia-orange", "exact", []),  # the code as its only source writes it
        ("Monte Carlo Blau", "monte-carlo-blue", "exact", []),  # blau is blue
    ],
)
def test_adverts_spellings_resolve_and_say_what_they_rest_on(
    index: ColourIndex, query: str, colour_id: str, matched_by: str, rests_on: list[str]
) -> None:
    outcome = index.lookup(query)
    assert isinstance(outcome, Found)
    assert (outcome.colour.id, outcome.matched_by) == (colour_id, matched_by)
    assert [search.spelling for search in outcome.search_spellings] == rests_on


def test_b44_is_never_given_as_if_a_source_gave_it(index: ColourIndex, dataset: Dataset) -> None:
    valencia = dataset.colour("valencia-orange")
    assert valencia.aliases == ("Valencia Naranja",)
    assert valencia.paint_code == "WB44"
    outcome = index.lookup("B44")
    assert isinstance(outcome, Found)
    assert [(s.spelling, dataset.cited(s.note)) for s in outcome.search_spellings] == [
        (
            "B44",
            "An inference, not a source: the only page that gives a code writes 'WB44' [46],"
            " and 'B44' is that code without its W. No source gives 'B44' for this paint.",
        )
    ]


def test_individual_is_a_word_of_the_individual_colours_only(index: ColourIndex) -> None:
    outcome = index.lookup("BMW Individual")
    assert isinstance(outcome, NotFound)
    assert outcome.reason is Miss.AMBIGUOUS
    assert [c.id for c in outcome.suggestions] == [
        "monte-carlo-blue",
        "java-green",
        "atacama-yellow",
    ]
    wrong = index.lookup("BMW Individual Valencia Orange")  # a factory colour
    assert isinstance(wrong, NotFound)
    assert wrong.reason is Miss.NO_MATCH
    assert [c.id for c in wrong.suggestions] == ["valencia-orange"]


def test_le_mans_answers_as_the_catalogue_colour(index: ColourIndex) -> None:
    outcome = index.lookup("Le Mans")
    assert isinstance(outcome, NotFound)
    assert outcome.reason is Miss.NOT_A_1M_COLOUR
    assert outcome.catalogue is not None
    assert outcome.catalogue.code == "381"
    assert outcome.message.startswith(
        "“Le Mans” (Le Mans Blue) is a BMW 1 Series colour (381, Le Mans Blau;"
        " M package and Sport Design only [64]), but no 1M is known in it."
    )
    jet = index.lookup("jet")
    assert isinstance(jet, NotFound)
    assert jet.reason is Miss.MISNAMED
    assert jet.message.startswith("“jet” (Jet Black) is not a 1M colour's name.")


@pytest.mark.parametrize(
    ("names", "hint"),
    [
        (["jet", "black"], "“jet” and “black” may be one name; quote them:"
         " m1lookup colour \"jet black\""),
        (["le", "mans"], "“le” and “mans” may be one name; quote them:"
         " m1lookup colour \"le mans\""),
        (["deep", "sea", "blue"], "“deep” and “sea” and “blue” may be one name; quote them:"
         " m1lookup colour \"deep sea blue\""),
        (["valencia", "orange"], None),  # each word is found: nothing to hint
        (["valencia", "zzz"], None),  # together they name nothing
        (["jet black"], None),
    ],
)  # fmt: skip
def test_words_that_name_one_colour_together_get_a_hint(
    index: ColourIndex, names: list[str], hint: str | None
) -> None:
    outcomes = [index.lookup(name) for name in names]
    assert joined_hint(index, names, outcomes) == hint


def test_fold_is_linear_in_the_length_of_its_input() -> None:
    """A backtracking pattern for "metallic" took 18 s on 16,000 words; this takes milliseconds."""
    text = "metallic " * 20_000 + "x"
    started = time.perf_counter()
    assert fold(text) == "x"
    assert time.perf_counter() - started < 0.5
    assert fold("Valencia Orange Metallic (B44)") == "valencia orange b44"
