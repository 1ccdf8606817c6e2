"""What each path imports: start-up time is mostly imports (bench/startup.py measures it).

These tests look at module names, never at timings. ``python -X importtime`` lists on stderr
every module a process imports, so the real entry point runs unchanged.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import imports_of, loaded

# Imported by nothing on the --json and completion paths: Rich draws for people only, the
# version is read from the metadata only for --version, the records are m1lookup.model.records
# classes, not dataclasses (defining them cost 6 ms at every start), and the bundled dataset
# comes parsed (m1lookup.load.bundled), so the TOML parser is for --data files and validate, as
# the dataset checks are; VINs are tally's.
NOT_ON_THE_MACHINE_PATH = (
    "rich",
    "importlib.metadata",
    "dataclasses",
    "tomllib",
    "m1lookup.load.checks",
    "m1lookup.lookup.vin",
)


def test_the_check_sees_rich_when_a_panel_is_drawn() -> None:
    code, modules = imports_of("colour", "Monte Carlo Blue")
    assert code == 0
    assert loaded(modules, "rich")
    assert loaded(modules, "m1lookup.render.console")


@pytest.mark.parametrize(
    ("args", "stdin", "exit_code"),
    [
        (("colour", "Monte Carlo Blue", "--json"), "", 0),
        (("colour", "Monte Carlo Bleu", "--json"), "", 1),
        (("colour", "-", "--json"), "Alpinweiss\nMonte Carlo Blue\nnonsense\n", 1),
    ],
    ids=["found", "miss", "stdin"],
)
def test_json_output_imports_no_rich(args: tuple[str, ...], stdin: str, exit_code: int) -> None:
    code, modules = imports_of(*args, stdin=stdin)
    assert code == exit_code
    assert loaded(modules, "m1lookup.render.json")
    for package in NOT_ON_THE_MACHINE_PATH:
        assert not loaded(modules, package), package


def test_shell_completion_imports_no_rich() -> None:
    # As the bash script asks: readline's word, then the line up to the cursor.
    code, modules = imports_of("mon", "m1lookup colour mon", env={"_M1LOOKUP_COMPLETE": "bash"})
    assert code == 0
    assert loaded(modules, "m1lookup.lookup.query")  # the colour names were looked at
    for package in NOT_ON_THE_MACHINE_PATH:
        assert not loaded(modules, package), package


LOOKUP = """
import sys
from m1lookup.load.dataset import load
from m1lookup.lookup.query import ColourIndex, Found

outcome = ColourIndex(load().colours).lookup(sys.argv[1])
print(isinstance(outcome, Found), "difflib" in sys.modules)
"""


@pytest.mark.parametrize(
    ("query", "found", "difflib_imported"),
    [("Monte Carlo Blue", True, False), ("Monte Carlo Bleu", False, True)],
)
def test_the_engine_imports_difflib_for_suggestions_only(
    query: str, found: bool, difflib_imported: bool
) -> None:
    # Typer itself imports difflib, so only the engine alone can show this.
    result = subprocess.run(
        [sys.executable, "-c", LOOKUP, query],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert result.stdout.split() == [str(found), str(difflib_imported)]
