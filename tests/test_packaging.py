"""The dataset loads from a built wheel, from the editable install, and from any directory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

import m1lookup
from tests.conftest import ROOT

SCRIPT = Path(sys.executable).with_name("m1lookup")


def _clean_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("M1LOOKUP_DATA", None)
    env.pop("PYTHONPATH", None)
    return env


def test_console_script_runs_from_another_directory(tmp_path: Path) -> None:
    result = subprocess.run(
        [str(SCRIPT), "colour", "Monte Carlo Blue", "--json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=_clean_env(),
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["results"][0]["colour"]["count"] == 2


def test_editable_install_reads_the_top_level_data_file() -> None:
    package_dir = Path(m1lookup.__file__).resolve().parent
    if package_dir != ROOT / "src" / "m1lookup":
        pytest.skip("m1lookup is not installed in editable mode from this checkout")
    assert m1lookup.dataset.bundled_path() == str(ROOT / "data" / "colours.toml")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("m1lookup-*.whl")
    return built


def test_wheel_carries_the_dataset(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        packaged = archive.read("m1lookup/data/colours.toml")
    assert "m1lookup/cli.py" in names
    assert packaged == (ROOT / "data" / "colours.toml").read_bytes()


def test_installed_wheel_runs_from_another_directory(wheel: Path, tmp_path: Path) -> None:
    environment = tmp_path / "venv"
    venv.create(environment, with_pip=True)
    bin_dir = environment / ("Scripts" if os.name == "nt" else "bin")
    subprocess.run(
        [str(bin_dir / "python"), "-m", "pip", "install", "--quiet", str(wheel)],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = subprocess.run(
        [str(bin_dir / "m1lookup"), "colour", "Monte Carlo Blue", "--json"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        env=_clean_env(),
        check=False,
    )
    assert result.returncode == 0, result.stderr
    colour = json.loads(result.stdout)["results"][0]["colour"]
    assert colour["count"] == 2
    assert colour["name"] == "Monte Carlo Blue"
    located = subprocess.run(
        [str(bin_dir / "python"), "-c", "import m1lookup.dataset as d; print(d.bundled_path())"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        env=_clean_env(),
        check=True,
    )
    assert str(environment) in located.stdout
    assert located.stdout.strip().endswith(os.path.join("m1lookup", "data", "colours.toml"))
