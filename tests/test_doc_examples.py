"""Every example in README.md and docs/*.md runs, and prints exactly what the document shows.

The examples are the ```console blocks that run m1lookup; scripts/update_doc_examples.py finds,
runs and (when asked) rewrites them, and this test uses the same code, so what it checks is what
the script writes. When an output changes on purpose: run the script, review the diff, commit.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the examples are sh command lines")


def _load_script() -> ModuleType:
    path = ROOT / "scripts" / "update_doc_examples.py"
    spec = importlib.util.spec_from_file_location("update_doc_examples", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # NamedTuple classes look their module up by name
    spec.loader.exec_module(module)
    return module


script = _load_script()
EXAMPLES = [example for path in script.documents() for example in script.examples(path)]


@pytest.fixture(scope="module")
def bin_dir() -> Iterator[Path]:
    with script.m1lookup_on_path() as folder:
        yield folder


def test_the_documents_have_examples() -> None:
    """The parametrised test below must not pass on nothing."""
    readme = [example for example in EXAMPLES if example.path.name == "README.md"]
    assert len(readme) >= 4
    assert sum(len(example.steps) for example in EXAMPLES) >= 8
    assert any(not example.needs_jq for example in readme)


def test_an_example_is_read_as_commands_and_their_output(tmp_path: Path) -> None:
    document = tmp_path / "example.md"
    document.write_text(
        "```sh\n$ m1lookup stats\n```\n"  # not a console block
        "```console\n$ ls\nREADME.md\n```\n"  # runs no m1lookup
        "Text\n\n```console\n"
        "$ m1lookup colour x   \n"
        "m1lookup: no colour matches\n\n"
        "$ echo $?\n1\n\n"
        "```\n",
        encoding="utf-8",
    )
    (example,) = script.examples(document)
    assert example.first == 10  # the line number of the opening fence
    assert example.steps == (
        script.Step("m1lookup colour x   ", ("m1lookup: no colour matches",)),
        script.Step("echo $?", ("1",)),
    )


def test_a_wrong_output_and_a_wrong_exit_code_are_found(tmp_path: Path, bin_dir: Path) -> None:
    document = tmp_path / "example.md"
    document.write_text(
        "```console\n"
        "$ m1lookup --version\nm1lookup 0.0.0\n"
        '$ m1lookup colour "Monte Carlo Bleu"\n'
        "m1lookup: no colour matches “Monte Carlo Bleu”. Did you mean: Monte Carlo Blue?\n"
        "$ echo $?\n0\n"
        "```\n",
        encoding="utf-8",
    )
    (example,) = script.examples(document)
    actual = script.run(example, bin_dir)
    assert [step.output for step in actual[1:]] == [example.steps[1].output, ("1",)]
    diff = script.difference(example, actual)
    assert "-m1lookup 0.0.0\n+m1lookup " in diff
    assert "\n-0\n+1\n" in diff


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda example: example.name)
def test_example_prints_what_the_document_shows(example: Any, bin_dir: Path) -> None:
    if example.needs_jq and not script.jq_available(bin_dir):
        pytest.skip("this example pipes into jq, which is not installed")
    actual = script.run(example, bin_dir)
    diff = script.difference(example, actual)
    assert not diff, (
        f"{diff}\nIf the new output is right, run: python scripts/update_doc_examples.py"
    )
