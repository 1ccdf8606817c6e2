"""The process boundary: one ExitCode, one error base, one reporter, one place that catches."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil

import pytest
import typer

import m1lookup
from m1lookup.cli import app as cli_app
from m1lookup.io.errors import ExitCode, M1Error
from m1lookup.io.streams import Interrupted
from m1lookup.load.dataset import DataError
from tests.conftest import ROOT, RunCli

SRC = ROOT / "src" / "m1lookup"


def every_module() -> list[str]:
    names = [info.name for info in pkgutil.walk_packages(m1lookup.__path__, "m1lookup.")]
    return [name for name in names if not name.endswith("__main__")]


def test_every_error_the_tool_raises_derives_from_one_base() -> None:
    """Each exception class of the tool is an M1Error, with one line and its exit code;
    Interrupted is a signal on its way to ending the process, not an error to report."""
    classes = []
    for name in every_module():
        if name.endswith("picture"):
            pytest.importorskip("rich")
        module = importlib.import_module(name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == name and issubclass(cls, BaseException):
                classes.append(cls)
    assert len(classes) >= 8
    for cls in classes:
        assert cls is Interrupted or issubclass(cls, M1Error), cls


def test_the_exit_codes_are_the_readmes() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Exit codes", 1)[1].split("\n\n", 2)[1]
    for code in {int(member) for member in ExitCode}:
        assert f"| {code} |" in table or f"| {code}," in table, code


def test_stderr_is_written_in_one_place() -> None:
    """Only io/streams.py writes sys.stderr, and the error prefix is typed there alone."""
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
        }
        writes = [
            node
            for node in ast.walk(tree)
            if (isinstance(node, ast.Attribute) and node.attr in ("stderr", "write_err"))
            or (isinstance(node, ast.Name) and node.id == "write_err")
        ]
        literals = [
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
            and (node.value.startswith("error: ") or "m1lookup: error" in node.value)
        ]
        if path.name != "streams.py":
            assert writes == [], path
            assert literals == [], path
    streams = (SRC / "io" / "streams.py").read_text(encoding="utf-8")
    assert streams.count('f"error: {message}"') == 1


def test_abort_is_not_a_miss(run: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    def abort(path: str | None) -> None:
        raise typer.Abort()

    monkeypatch.setattr(cli_app, "_dataset", abort)
    result = run("stats")
    assert (result.exit_code, result.stdout, result.stderr) == (
        130,
        "",
        "m1lookup: error: aborted\n",
    )


def test_an_error_from_any_layer_is_one_escaped_line(
    run: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(path: str | None) -> None:
        raise DataError("colours.toml:\x1b[31m red\nnext line")

    monkeypatch.setattr(cli_app, "_dataset", broken)
    result = run("list", "--json")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "m1lookup: error: colours.toml:\\x1b[31m red\\x0anext line\n"
    assert DataError("x").exit_code is ExitCode.USAGE
