"""Files replaced that the user did not mean (hostile round three): another user's symbolic link
in a shared sticky folder, a write-protected file, a file of another owner, and what a killed
run leaves behind. Ownership cases run a second user (``nobody``, through ``setpriv``), so they
need root; CI runs as root."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import COMMAND, environment

NOBODY = 65534
as_root = pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("setpriv") is None,
    reason="needs root and setpriv, to act as a second user (CI runs as root)",
)


def m1lookup(
    *args: str, user: int | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    prefix = (
        [] if user is None else ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups"]
    )
    return subprocess.run(
        [*prefix, *COMMAND, *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=environment(HOME="/nonexistent"),
        cwd=cwd,
        timeout=60,
        check=False,
    )


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder such as /tmp: everybody may write in it, and the sticky bit is set."""
    folder = Path(tempfile.mkdtemp(prefix="m1lookup-shared-", dir="/tmp"))
    folder.chmod(0o1777)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@as_root
def test_another_users_link_in_a_sticky_folder_is_not_followed(
    shared_folder: Path, tmp_path: Path
) -> None:
    victim = tmp_path / ".bashrc"
    victim.write_text("# the victim's shell start-up\n")
    before = victim.read_bytes()
    planted = shared_folder / "report.svg"
    made = subprocess.run(
        ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups",
         "ln", "-s", str(victim), str(planted)],
        check=False,
    )  # fmt: skip
    assert made.returncode == 0
    assert planted.lstat().st_uid == NOBODY
    result = m1lookup("stats", "--svg", str(planted))
    assert result.returncode == 2
    assert result.stderr == (
        f"m1lookup: error: cannot write {planted}: a symbolic link that another user owns,"
        " in a shared folder; not followed\n"
    )
    assert victim.read_bytes() == before
    assert planted.is_symlink()


@as_root
def test_ones_own_link_in_a_sticky_folder_is_followed(shared_folder: Path, tmp_path: Path) -> None:
    target = tmp_path / "mine.svg"
    target.write_text("old")
    link = shared_folder / "report.svg"
    link.symlink_to(target)
    result = m1lookup("stats", "--svg", str(link))
    assert result.returncode == 0, result.stderr
    assert target.read_text().startswith("<svg")
    assert link.is_symlink()


def test_the_suffix_is_checked_on_the_file_a_link_replaces(tmp_path: Path) -> None:
    victim = tmp_path / "notes.txt"
    victim.write_text("keep me\n")
    link = tmp_path / "report.svg"
    link.symlink_to(victim)
    result = m1lookup("stats", "--svg", str(link))
    assert result.returncode == 2
    assert result.stderr == (
        f"m1lookup: error: cannot write {link}: the file it links to must end in .svg\n"
    )
    assert victim.read_text() == "keep me\n"


@as_root
def test_a_write_protected_file_is_refused_as_cp_refuses_it(shared_folder: Path) -> None:
    protected = shared_folder / "report.svg"
    protected.write_text("old")
    os.chown(protected, NOBODY, NOBODY)
    protected.chmod(0o444)
    result = m1lookup("stats", "--svg", str(protected), user=NOBODY)
    assert result.returncode == 2
    assert result.stderr == (
        f"m1lookup: error: cannot write {protected}: Permission denied (the file is read-only)\n"
    )
    assert protected.read_text() == "old"
    assert stat.S_IMODE(protected.stat().st_mode) == 0o444


@as_root
def test_root_writing_onto_a_users_file_keeps_its_owner(shared_folder: Path) -> None:
    picture = shared_folder / "report.svg"
    picture.write_text("old")
    os.chown(picture, NOBODY, NOBODY)
    picture.chmod(0o640)
    result = m1lookup("stats", "--svg", str(picture))
    assert result.returncode == 0, result.stderr
    status = picture.stat()
    assert (status.st_uid, status.st_gid, stat.S_IMODE(status.st_mode)) == (NOBODY, NOBODY, 0o640)
    assert picture.read_text().startswith("<svg")


@as_root
def test_another_users_file_that_cannot_be_taken_over_is_refused(shared_folder: Path) -> None:
    """Group-writable, another owner: replacing it would make it nobody's own file."""
    picture = shared_folder / "report.svg"
    picture.write_text("old")
    picture.chmod(0o666)  # root's, writable by all; nobody may write it but not chown it
    result = m1lookup("stats", "--svg", str(picture), user=NOBODY)
    assert result.returncode == 2
    assert result.stderr == (
        f"m1lookup: error: cannot write {picture}: the file belongs to another user,"
        " and replacing it would take it over\n"
    )
    assert picture.read_text() == "old"
    assert picture.stat().st_uid == 0


def test_a_temporary_file_left_by_a_killed_run_is_removed_by_the_next(tmp_path: Path) -> None:
    """kill -9 between writing and renaming cannot be caught: the temporary file carries the
    process id of its run, and the next write of the same file removes one whose run is gone."""
    dead = subprocess.Popen(["true"])
    dead.wait()
    stale = tmp_path / f".report.svg.m1lookup-{dead.pid}-0badc0de.tmp"
    stale.write_text("half a picture")
    live = tmp_path / f".report.svg.m1lookup-{os.getpid()}-0badc0de.tmp"
    live.write_text("another run, still writing")
    result = m1lookup("stats", "--svg", "report.svg", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert sorted(os.listdir(tmp_path)) == [live.name, "report.svg"]
