"""Shared fixtures: run the CLI in-process with Typer's CliRunner, stdout and stderr apart."""

from __future__ import annotations

import json
import os
import signal
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from m1lookup.cli import app
from m1lookup.dataset import Dataset, load

ROOT = Path(__file__).resolve().parent.parent
DATA_FILE = ROOT / "data" / "colours.toml"
SCHEMA_FILE = ROOT / "schema" / "m1lookup.schema.json"


@dataclass(frozen=True)
class Run:
    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


RunCli = Callable[..., Run]


@pytest.fixture
def run() -> RunCli:
    """``run("colour", "Monte Carlo Blue", input=..., env=...)`` → exit code, stdout, stderr."""

    def invoke(
        *args: str, input: str | bytes | None = None, env: dict[str, str] | None = None
    ) -> Run:
        environment = {
            "M1LOOKUP_DATA": None,
            "COLUMNS": "100",
            "NO_COLOR": None,
            "FORCE_COLOR": None,
            "TERM": None,
        }
        environment.update(env or {})
        result = CliRunner().invoke(app, list(args), input=input, env=environment)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        return Run(result.exit_code, result.stdout, result.stderr)

    return invoke


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    return load(str(DATA_FILE))


@pytest.fixture(scope="session")
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


@pytest.fixture
def validate_json(schema: dict[str, Any]) -> Callable[[Any], None]:
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(schema)

    def check(document: Any) -> None:
        validator.validate(document)

    return check


os.environ.pop("M1LOOKUP_DATA", None)
# Importing m1lookup.cli lets Ctrl-C end the process at once (for the console script's start-up):
# give pytest its KeyboardInterrupt back, so that an interrupted run still reports.
if signal.getsignal(signal.SIGINT) == signal.SIG_DFL:
    signal.signal(signal.SIGINT, signal.default_int_handler)
