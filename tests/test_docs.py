"""docs/robustness.md names, for every bad input, the test that holds it: each one must exist."""

from __future__ import annotations

import ast
import re

from tests.conftest import ROOT

ROBUSTNESS = (ROOT / "docs" / "robustness.md").read_text(encoding="utf-8")


def named_tests() -> list[tuple[str, str]]:
    """(file, test) for each test a row names: ``a.py::test_x``, ``test_y`` are both in a.py."""
    named = []
    for row in ROBUSTNESS.splitlines():
        cell = row.rstrip(" |").rsplit("|", 1)[-1] if row.startswith("|") else ""
        file = None
        for reference in re.findall(r"`([^`]+)`", cell):
            if "::" in reference:
                file, reference = reference.split("::")
            if file is not None and reference.startswith("test_"):
                named.append((file, reference))
    return named


def test_every_test_named_in_robustness_md_exists() -> None:
    named = named_tests()
    assert len(named) >= 70
    defined = {
        path.name: {
            node.name
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.FunctionDef)
        }
        for path in (ROOT / "tests").glob("test_*.py")
    }
    assert [(file, test) for file, test in named if test not in defined.get(file, set())] == []
