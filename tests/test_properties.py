"""Property tests: whatever the text, the lookup answers cleanly and consistently.

Example counts stay modest so that the suite stays fast; hypothesis keeps a failing example in
its database and tries it first next time.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from m1lookup.io.text import fold
from m1lookup.load.dataset import load
from m1lookup.lookup.query import ColourIndex, Found, Miss, NotFound, other_spellings, spellings
from m1lookup.model.schema import Dataset
from tests.conftest import DATA_FILE, FORBIDDEN, RunCli  # FORBIDDEN: raw, could drive a terminal

# The `run` and `validate_json` fixtures hold no state between examples.
CLI = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
FAST = settings(max_examples=500, deadline=None)


BUNDLED: Dataset = load(str(DATA_FILE))
INDEX = ColourIndex.of(BUNDLED)
# (colour id, spelling) for every name, German name, alias, id and paint code.
SPELLINGS = [
    (colour.id, spelling) for colour in BUNDLED.colours for spelling, _ in spellings(colour)
]
# (reason, spelling) for every code, name, German name and alias of the catalogue colours no 1M
# is known in, and every misnaming.
OTHERS = [
    (Miss.NOT_A_1M_COLOUR if other in BUNDLED.catalogue else Miss.MISNAMED, spelling)
    for other in (*BUNDLED.catalogue, *BUNDLED.misnamings)
    for spelling in other_spellings(other)
]

# Anything a user might type or paste, weighted towards what the lookup has to deal with.
queries = st.one_of(
    st.text(max_size=60),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=300),
    st.sampled_from([spelling for _, spelling in SPELLINGS]).flatmap(
        lambda spelling: st.text(max_size=8).map(lambda noise: spelling + noise)
    ),
    st.text(alphabet="äöüßÄÖÜ aeiouMmetalic-_. \x1b[]/\u202e\u0301", max_size=40),
)


@CLI
@given(query=queries)
def test_colour_exits_0_1_or_2_without_a_traceback(run: RunCli, query: str) -> None:
    # `run` re-raises any exception the command lets escape, so a traceback fails here.
    result = run("colour", "--", query)
    assert result.exit_code in (0, 1, 2)
    assert FORBIDDEN.search(result.stdout) is None
    assert FORBIDDEN.search(result.stderr) is None
    if result.exit_code == 0:
        assert result.stderr == ""
    else:
        assert result.stderr.startswith("m1lookup: ")


@CLI
@given(query=queries)
def test_json_always_parses_and_matches_the_schema(run: RunCli, validate_json, query: str) -> None:
    result = run("colour", "--json", "--", query)
    assert result.exit_code in (0, 1, 2)
    if result.exit_code == 2:  # an empty name, or nothing on stdin for "-": no document
        assert result.stdout == ""
        assert result.stderr.startswith("m1lookup: error: ")
        return
    document = result.json()
    validate_json(document)
    answered = [entry["query"] for entry in document["results"] + document["not_found"]]
    assert answered == [query]
    assert FORBIDDEN.search(result.stdout) is None


def _respelt(spelling: str, data: st.DataObject) -> str:
    """``spelling`` as someone might type it: any case, other separators, stray spaces."""
    flips = data.draw(st.lists(st.booleans(), min_size=len(spelling), max_size=len(spelling)))
    typed = "".join(c.swapcase() if flip else c for c, flip in zip(spelling, flips, strict=True))
    separator = data.draw(st.sampled_from([" ", "  ", "-", "_", " - ", ". "]))
    typed = re.sub(r"[\s-]+", separator, typed)
    before = data.draw(st.sampled_from(["", " ", "\t"]))
    return before + typed + data.draw(st.sampled_from(["", " "]))


@FAST
@given(pair=st.sampled_from(SPELLINGS), data=st.data())
def test_every_spelling_resolves_to_its_own_colour(pair: tuple[str, str], data) -> None:
    colour_id, spelling = pair
    typed = _respelt(spelling, data)
    outcome = INDEX.lookup(typed)
    assert isinstance(outcome, Found), (typed, outcome)
    assert outcome.colour.id == colour_id
    assert outcome.matched_by == "exact"


@FAST
@given(pair=st.sampled_from(OTHERS), data=st.data())
def test_every_other_spelling_says_it_is_no_1m_colour(pair: tuple[Miss, str], data) -> None:
    reason, spelling = pair
    typed = _respelt(spelling, data)
    outcome = INDEX.lookup(typed)
    assert isinstance(outcome, NotFound), (typed, outcome)
    assert outcome.reason is reason


def test_every_spelling_resolves_through_the_command(run: RunCli) -> None:
    """All of them at once, as a script would: names, German names, aliases, ids and codes."""
    names = [spelling for _, spelling in SPELLINGS]
    result = run("colour", "--json", "-", input="\n".join(names) + "\n")
    assert result.exit_code == 0
    answers = result.json()["results"]
    assert [(entry["colour"]["id"], entry["query"]) for entry in answers] == SPELLINGS


@FAST
@given(text=st.text())
def test_fold_is_idempotent(text: str) -> None:
    once = fold(text)
    assert fold(once) == once


@FAST
@given(text=st.text(alphabet="äöüßÄÖÜẞaeouAEOU Mmetalic-_.\u0301\u0308", max_size=30))
def test_fold_is_idempotent_on_umlauts_and_metallic(text: str) -> None:
    once = fold(text)
    assert fold(once) == once
