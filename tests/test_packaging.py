"""Ready to publish: the sdist and wheel build and pass twine's checks, the description is one
written for the package index, the version is declared once, and the dataset loads from a built
wheel, from the editable install, and from any directory."""

from __future__ import annotations

import email
import email.policy
import os
import re
import subprocess
import sys
import tarfile
import venv
import zipfile
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

import m1lookup
from tests.conftest import ROOT, imports_of, loaded, parse_json, run_process

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

PYPROJECT: dict[str, Any] = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
VERSION: str = PYPROJECT["project"]["version"]

SCRIPT = Path(sys.executable).with_name("m1lookup")


def test_console_script_runs_from_another_directory(tmp_path: Path) -> None:
    result = run_process(
        "colour", "Monte Carlo Blue", "--json", command=[str(SCRIPT)], cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert parse_json(result.stdout)["results"][0]["colour"]["count"] == 2


def test_editable_install_reads_the_top_level_data_file() -> None:
    package_dir = Path(m1lookup.__file__).resolve().parent
    if package_dir != ROOT / "src" / "m1lookup":
        pytest.skip("m1lookup is not installed in editable mode from this checkout")
    assert m1lookup.load.dataset.bundled_path() == str(ROOT / "data" / "colours.toml")


# --- building and publishing ---------------------------------------------------------------


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sdist, and the wheel built from it, as `python -m build` makes them for a release.

    Without build isolation, so that nothing is downloaded: the backend comes from the test
    extras (test_the_build_backend_is_a_test_requirement).
    """
    out = tmp_path_factory.mktemp("dist")
    built = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    return out


@pytest.fixture(scope="module")
def wheel(dist: Path) -> Path:
    (built,) = dist.glob("m1lookup-*.whl")
    return built


@pytest.fixture(scope="module")
def sdist(dist: Path) -> Path:
    (built,) = dist.glob("m1lookup-*.tar.gz")
    return built


def wheel_metadata(wheel: Path) -> tuple[EmailMessage, str]:
    """The wheel's core metadata fields, and its description (the body after the fields)."""
    with zipfile.ZipFile(wheel) as archive:
        text = archive.read(f"m1lookup-{VERSION}.dist-info/METADATA").decode("utf-8")
    fields, description = text.split("\n\n", 1)
    message = email.message_from_string(fields, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message, description


def test_the_build_backend_is_a_test_requirement() -> None:
    test_extras = PYPROJECT["project"]["optional-dependencies"]["test"]
    for requirement in PYPROJECT["build-system"]["requires"]:
        assert requirement in test_extras


def test_sdist_and_wheel_pass_twine_check(dist: Path) -> None:
    files = sorted(str(path) for path in dist.iterdir())
    assert [Path(name).name for name in files] == [
        f"m1lookup-{VERSION}-py3-none-any.whl",
        f"m1lookup-{VERSION}.tar.gz",
    ]
    checked = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", *files],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.count("PASSED") == 2, checked.stdout


# A Markdown link or image whose target is not an absolute web address, or an HTML image.
RELATIVE = re.compile(r"\]\((?!https://|http://)[^)]*\)|<img\b|!\[")


def test_the_package_description_has_no_relative_links_or_images(wheel: Path) -> None:
    fields, description = wheel_metadata(wheel)
    assert fields["Description-Content-Type"] == "text/markdown"
    assert description.strip() == (ROOT / "docs" / "pypi.md").read_text(encoding="utf-8").strip()
    assert RELATIVE.findall(description) == []
    # The check itself: README.md, with its relative links and images, would not pass.
    assert RELATIVE.findall((ROOT / "README.md").read_text(encoding="utf-8"))


def test_one_version_everywhere(wheel: Path, sdist: Path) -> None:
    assert wheel_metadata(wheel)[0]["Version"] == VERSION
    assert sdist.name == f"m1lookup-{VERSION}.tar.gz"
    # The editable install's metadata (pip install -e . again after changing the version).
    assert m1lookup.version() == VERSION
    shown = run_process("--version", command=[str(SCRIPT)])
    assert shown.stdout == f"m1lookup {VERSION}\n".encode()
    # The version is declared nowhere else in the code.
    for path in (ROOT / "src").rglob("*.py"):
        assert VERSION not in path.read_text(encoding="utf-8"), path


@pytest.mark.parametrize(
    ("args", "reads_metadata"),
    [(("--version",), True), (("stats",), False), (("--help",), False), (("list", "--csv"), False)],
    ids=lambda value: " ".join(value) if isinstance(value, tuple) else str(value),
)
def test_only_version_pays_for_the_package_metadata(
    args: tuple[str, ...], reads_metadata: bool
) -> None:
    code, modules = imports_of(*args)
    assert code == 0
    assert loaded(modules, "importlib.metadata") is reads_metadata


def test_the_changelog_has_the_version_and_an_unreleased_section() -> None:
    headings = re.findall(r"^## (.+)$", (ROOT / "CHANGELOG.md").read_text(encoding="utf-8"), re.M)
    assert headings[0] == "[Unreleased]"
    assert any(
        re.fullmatch(rf"\[{re.escape(VERSION)}\] - \d{{4}}-\d{{2}}-\d{{2}}", h) for h in headings
    )


def test_sdist_has_what_its_tests_need(sdist: Path) -> None:
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    for needed in (
        "pyproject.toml",
        "README.md",
        "CHANGELOG.md",
        "LICENSE",
        "docs/pypi.md",
        "data/colours.toml",
        "schema/m1lookup.schema.json",
        "src/m1lookup/cli/app.py",
        "tests/conftest.py",
        "scripts/update_doc_examples.py",
    ):
        assert needed in names


def test_the_workflow_tests_every_supported_python() -> None:
    workflow = (ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8")
    (matrix,) = re.findall(r"python-version: \[([^\]]*)\]", workflow)
    tested = [version.strip().strip("\"'") for version in matrix.split(",")]
    classified = [
        c.rsplit(" ", 1)[1]
        for c in PYPROJECT["project"]["classifiers"]
        if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c)
    ]
    assert tested == classified
    assert PYPROJECT["project"]["requires-python"] == f">={tested[0]}"
    assert "bash .ci/run" in workflow
    assert "python -m build" in workflow


def test_the_license_file_is_the_declared_license(wheel: Path) -> None:
    """pyproject.toml says MIT; the LICENSE file is the MIT text, and ships in the wheel."""
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert PYPROJECT["project"]["license"] == "MIT"
    assert text.startswith("MIT License\n")
    assert re.search(r"^Copyright \(c\) \d{4} m1lookup contributors$", text, re.M)
    fields, _ = wheel_metadata(wheel)
    assert fields["License-Expression"] == "MIT"
    with zipfile.ZipFile(wheel) as archive:
        (packaged,) = [name for name in archive.namelist() if name.endswith("licenses/LICENSE")]
        assert archive.read(packaged).decode("utf-8") == text


def test_wheel_carries_the_dataset(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        packaged = archive.read("m1lookup/data/colours.toml")
    assert "m1lookup/cli/app.py" in names
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
    installed = [str(bin_dir / "m1lookup")]
    result = run_process("colour", "Monte Carlo Blue", "--json", command=installed, cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    colour = parse_json(result.stdout)["results"][0]["colour"]
    assert colour["count"] == 2
    assert colour["name"] == "Monte Carlo Blue"
    where = "import m1lookup.load.dataset as d; print(d.bundled_path())"
    located = run_process(command=[str(bin_dir / "python"), "-c", where], cwd=elsewhere)
    assert located.returncode == 0
    assert str(environment) in located.stdout.decode()
    assert (
        located.stdout.decode().strip().endswith(os.path.join("m1lookup", "data", "colours.toml"))
    )
