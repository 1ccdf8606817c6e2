"""A file m1lookup writes is whole or untouched, and the dataset in use is never one of them."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
from pathlib import Path
from typing import Any

import pytest

from m1lookup.io import files, streams
from m1lookup.io.files import FileWriteError, write_atomically
from tests.conftest import COMMAND, DATA_FILE, POSIX, ROOT, RunCli, environment, svg_text_of

OLD = b"<svg>the old picture</svg>\n"


def listing(path: Path) -> tuple[int, int, int, bytes]:
    """What ``ls -l`` shows of a file (mode, size, mtime) and its bytes."""
    status = path.stat()
    return status.st_mode, status.st_size, status.st_mtime_ns, path.read_bytes()


def leftovers(directory: Path, *expected: str) -> list[str]:
    return sorted(name for name in os.listdir(directory) if name not in expected)


def svg_text(data: bytes) -> str:
    """All text drawn in the picture, line by line (it must parse as XML)."""
    return svg_text_of(data.decode("utf-8"))


# --- the function -------------------------------------------------------------------------------


def test_a_new_file_is_written_whole(tmp_path: Path) -> None:
    target = tmp_path / "new.svg"
    write_atomically(str(target), b"<svg/>", None, suffix=".svg")
    assert target.read_bytes() == b"<svg/>"
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask
    assert leftovers(tmp_path, "new.svg") == []


def test_an_existing_file_is_replaced_and_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "old.svg"
    target.write_bytes(OLD)
    target.chmod(0o640)
    write_atomically(str(target), b"<svg>new</svg>", None, suffix=".svg")
    assert target.read_bytes() == b"<svg>new</svg>"
    assert target.stat().st_mode & 0o777 == 0o640
    assert leftovers(tmp_path, "old.svg") == []


def test_a_symbolic_link_is_followed_and_stays(tmp_path: Path) -> None:
    real = tmp_path / "real.svg"
    real.write_bytes(OLD)
    link = tmp_path / "link.svg"
    link.symlink_to(real.name)
    write_atomically(str(link), b"<svg>new</svg>", None, suffix=".svg")
    assert link.is_symlink()
    assert real.read_bytes() == b"<svg>new</svg>"


def test_short_writes_are_continued(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_write = os.write
    monkeypatch.setattr(os, "write", lambda fd, data: real_write(fd, bytes(data[:7])))
    target = tmp_path / "short.svg"
    data = b"<svg>" + b"x" * 10_000 + b"</svg>"
    write_atomically(str(target), data, None)
    assert target.read_bytes() == data


@pytest.mark.parametrize(
    ("failure", "message"),
    [
        (OSError(28, "No space left on device"), "No space left on device"),
        (OSError(27, "File too large"), "File too large"),
        (OSError(5, "Input/output error"), "Input/output error"),
    ],
    ids=["ENOSPC", "EFBIG", "EIO"],
)
def test_an_error_keeps_the_old_bytes_and_removes_the_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: OSError, message: str
) -> None:
    target = tmp_path / "old.svg"
    target.write_bytes(OLD)

    def fail(*_: Any) -> None:
        raise failure

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(FileWriteError) as raised:
        write_atomically(str(target), b"<svg>new</svg>", None)
    assert str(raised.value) == f"cannot write {target}: {message}"
    assert target.read_bytes() == OLD
    assert leftovers(tmp_path, "old.svg") == []


def test_a_write_that_takes_nothing_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "old.svg"
    target.write_bytes(OLD)
    monkeypatch.setattr(os, "write", lambda fd, data: 0)
    with pytest.raises(FileWriteError, match="took no bytes"):
        write_atomically(str(target), b"<svg>new</svg>", None)
    assert target.read_bytes() == OLD
    assert leftovers(tmp_path, "old.svg") == []


def test_ctrl_c_during_the_write_keeps_the_old_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "old.svg"
    target.write_bytes(OLD)

    def interrupted(*_: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomically(str(target), b"<svg>new</svg>", None)
    assert target.read_bytes() == OLD
    assert leftovers(tmp_path, "old.svg") == []


@POSIX
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP], ids=str)
def test_a_signal_during_the_write_keeps_the_old_bytes(tmp_path: Path, signum: int) -> None:
    """As m1lookup runs: signals raise (streams.run), the write cleans up, the signal ends it."""
    target = tmp_path / "old.svg"
    target.write_bytes(OLD)
    script = textwrap.dedent(
        """
        import os, sys
        from m1lookup.io import streams
        from m1lookup.io.files import write_atomically
        target, signum = sys.argv[1], int(sys.argv[2])
        real_fsync = os.fsync
        def fsync(descriptor):
            os.kill(os.getpid(), signum)  # arrives between writing and renaming
            real_fsync(descriptor)
        os.fsync = fsync
        def command():
            write_atomically(target, b"<svg>" + b"new" * 100_000 + b"</svg>", None)
            return 0
        streams.run(command)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(target), str(int(signum))],
        capture_output=True,
        check=False,
        timeout=60,
    )
    assert result.stderr == b""
    assert result.returncode == -signum
    assert target.read_bytes() == OLD
    assert leftovers(tmp_path, "old.svg") == []


_WRITER = textwrap.dedent(
    """
    import sys
    from m1lookup.io.files import write_atomically
    target, fill, times = sys.argv[1], sys.argv[2].encode(), int(sys.argv[3])
    for _ in range(times):
        write_atomically(target, fill * 2_000_000, None)
    """
)


def test_concurrent_writers_never_mix_their_files(tmp_path: Path) -> None:
    """Two runs writing one path, 2 MB each, 40 times, while it is read: never a mixed file."""
    target = tmp_path / "shared.svg"
    target.write_bytes(b"a" * 2_000_000)
    writers = [
        subprocess.Popen([sys.executable, "-c", _WRITER, str(target), fill, "40"])
        for fill in ("a", "b")
    ]
    while any(writer.poll() is None for writer in writers):
        data = target.read_bytes()
        assert len(data) == 2_000_000
        assert data in (b"a" * 2_000_000, b"b" * 2_000_000)
    assert [writer.wait(timeout=60) for writer in writers] == [0, 0]
    assert target.read_bytes() in (b"a" * 2_000_000, b"b" * 2_000_000)
    assert leftovers(tmp_path, "shared.svg") == []


def test_dash_is_standard_output(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    written: list[bytes] = []
    monkeypatch.setattr(files, "write_out", written.append)
    monkeypatch.chdir(tmp_path)
    write_atomically("-", b"<svg/>", str(DATA_FILE), suffix=".svg")
    assert written == [b"<svg/>"]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["picture.txt", "picture", ".svg", "picture.svg.bak", "dir.svg/"])
def test_a_name_without_the_suffix_is_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(FileWriteError, match=r"the file name must end in \.svg$"):
        write_atomically(f"{tmp_path}/{name}", b"<svg/>", None, suffix=".svg")
    assert list(tmp_path.iterdir()) == []


def test_the_suffix_is_matched_in_any_case(tmp_path: Path) -> None:
    write_atomically(str(tmp_path / "PICTURE.SVG"), b"<svg/>", None, suffix=".svg")
    assert (tmp_path / "PICTURE.SVG").read_bytes() == b"<svg/>"


def test_what_is_not_a_regular_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "folder.svg").mkdir()
    with pytest.raises(FileWriteError, match="not a regular file"):
        write_atomically(str(tmp_path / "folder.svg"), b"<svg/>", None, suffix=".svg")
    with pytest.raises(FileWriteError, match="not a regular file"):
        files.check_target(str(tmp_path / "folder.svg"), None, suffix=".svg")


def test_check_target_opens_nothing(tmp_path: Path) -> None:
    files.check_target(str(tmp_path / "new.svg"), None, suffix=".svg")
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(FileWriteError, match="no such directory"):
        files.check_target(str(tmp_path / "missing" / "new.svg"), None, suffix=".svg")


# --- the dataset is never a target --------------------------------------------------------------


def dataset_names(tmp_path: Path) -> dict[str, str]:
    """The dataset ``mine.toml`` under other names: every one is the same file."""
    dataset = tmp_path / "mine.toml"
    shutil.copyfile(DATA_FILE, dataset)
    (tmp_path / "sub").mkdir()
    (tmp_path / "link.svg").symlink_to("mine.toml")
    os.link(dataset, tmp_path / "hard.svg")
    return {
        "same path": str(dataset),
        "relative path": os.path.relpath(dataset),
        "dot-dot path": str(tmp_path / "sub" / ".." / "mine.toml"),
        "symbolic link": str(tmp_path / "link.svg"),
        "hard link": str(tmp_path / "hard.svg"),
    }


@POSIX
@pytest.mark.parametrize(
    "how", ["same path", "relative path", "dot-dot path", "symbolic link", "hard link"]
)
@pytest.mark.parametrize("command", [["colour", "Java Green"], ["stats"]], ids=" ".join)
def test_the_dataset_in_use_is_never_written(
    run: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str, command: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    names = dataset_names(tmp_path)
    dataset = tmp_path / "mine.toml"
    before = listing(dataset)
    result = run(*command, "--data", str(dataset), "--svg", names[how])
    assert result.exit_code == 2
    assert result.stderr == (
        f"m1lookup: error: cannot write {names[how]}: it is the dataset in use ({dataset}); "
        "m1lookup never writes its dataset\n"
    )
    assert result.stdout == ""
    assert listing(dataset) == before
    assert leftovers(tmp_path, "mine.toml", "sub", "link.svg", "hard.svg") == []


def test_the_dataset_is_protected_also_from_the_environment(
    run: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    names = dataset_names(tmp_path)
    before = listing(tmp_path / "mine.toml")
    result = run("colour", "Java Green", "--svg", "link.svg", env={"M1LOOKUP_DATA": "mine.toml"})
    assert result.exit_code == 2
    assert "it is the dataset in use (mine.toml)" in result.stderr
    assert listing(tmp_path / "mine.toml") == before
    assert names  # the other names exist but were not given


# --- --svg on the command line ------------------------------------------------------------------


def test_a_miss_leaves_an_existing_svg_untouched(run: RunCli, tmp_path: Path) -> None:
    """``ls -l`` of the target is the same before and after: no byte, size or time changed."""
    target = tmp_path / "existing.svg"
    target.write_bytes(OLD)
    before = listing(target)
    result = run("colour", "nosuchcolour", "--svg", str(target))
    assert result.exit_code == 1
    assert listing(target) == before
    assert leftovers(tmp_path, "existing.svg") == []


def test_a_name_without_svg_is_refused_before_any_output(run: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "picture.txt"
    result = run("colour", "Java Green", "--svg", str(target))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"m1lookup: error: cannot write {target}: the file name must end in .svg\n"
    )
    assert not target.exists()


def test_svg_replaces_an_existing_picture_whole(run: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "existing.svg"
    target.write_bytes(OLD)
    result = run("colour", "Java Green", "--svg", str(target))
    assert result.exit_code == 0
    assert result.stderr == f"m1lookup: saved {target}\n"
    assert "Java Green" in svg_text(target.read_bytes())
    assert leftovers(tmp_path, "existing.svg") == []


@pytest.mark.parametrize(
    ("args", "drawn"),
    [(["colour", "Java Green"], "Java Green"), (["stats"], "6,309")],
    ids=["colour", "stats"],
)
def test_svg_dash_writes_the_picture_to_stdout(
    run: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], drawn: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(*args, "--svg", "-")
    assert result.exit_code == 0
    assert result.stderr == ""
    assert drawn in svg_text(result.stdout.encode())  # only the picture: it parses as XML
    assert list(tmp_path.iterdir()) == []  # no file named "-"


@pytest.mark.parametrize(
    ("args", "flag"),
    [(["colour", "Java Green", "--json"], "--json"), (["stats", "--csv"], "--csv")],
    ids=["json", "csv"],
)
def test_svg_dash_and_another_format_on_stdout_is_a_usage_error(
    run: RunCli, args: list[str], flag: str
) -> None:
    result = run(*args, "--svg", "-")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"m1lookup: error: {flag} and --svg - cannot be used together;"
        " each writes to standard output\n"
        f"m1lookup: try 'm1lookup {args[0]} --help'\n"
    )


def test_a_query_with_noncharacters_still_makes_valid_svg(run: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "java.svg"
    result = run("colour", "Java Green\ufffe\uffff\U000e0041", "--svg", str(target))
    assert result.exit_code == 0
    drawn = svg_text(target.read_bytes())  # U+FFFE and U+FFFF raw would not parse
    assert "(from “Java Green\\ufffe\\uffff\\U000e0041”)" in drawn


@POSIX
@pytest.mark.parametrize("ignore_sigxfsz", [True, False], ids=["SIGXFSZ ignored", "default"])
def test_file_size_limit_keeps_the_old_svg(tmp_path: Path, ignore_sigxfsz: bool) -> None:
    resource = pytest.importorskip("resource")
    target = tmp_path / "big.svg"
    target.write_bytes(OLD)
    before = listing(target)

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))  # the picture is about 50 kB
        if ignore_sigxfsz:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)

    result = subprocess.run(
        [*COMMAND, "stats", "--svg", str(target)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=environment(),
        preexec_fn=limit,
        check=False,
        timeout=60,
    )
    assert result.stderr == f"m1lookup: error: cannot write {target}: File too large\n".encode()
    assert result.returncode == 2
    assert listing(target) == before
    assert leftovers(tmp_path, "big.svg") == []


def test_signals_held_defers_a_signal_until_the_block_ends() -> None:
    if not hasattr(signal, "pthread_sigmask"):
        pytest.skip("no signal masks here")
    received: list[int] = []
    previous = signal.signal(signal.SIGHUP, lambda signum, _: received.append(signum))
    try:
        with streams.signals_held():
            # To this thread: a process-wide kill may land on a thread of pytest-xdist's that
            # has no mask, and Python then runs the handler at once.
            signal.pthread_kill(threading.get_ident(), signal.SIGHUP)
            assert received == []
        assert received == [signal.SIGHUP]
    finally:
        signal.signal(signal.SIGHUP, previous)


def test_one_atomic_writer(tmp_path: Path) -> None:
    """Pictures, completion scripts and the project's scripts write through io.files alone."""
    sources = [*(ROOT / "src").rglob("*.py"), *(ROOT / "scripts").glob("*.py")]
    writers = [
        path.relative_to(ROOT).as_posix()
        for path in sources
        if re.search(
            r"os\.replace\(|\.replace\(MODULE|mkstemp|NamedTemporaryFile", path.read_text()
        )
    ]
    assert writers == ["src/m1lookup/io/files.py"]
    target = tmp_path / "script.sh"
    write_atomically(str(target), b"complete\n", None, mode=0o644)
    assert (target.read_bytes(), target.stat().st_mode & 0o777) == (b"complete\n", 0o644)


def test_a_deleted_working_folder_is_named_not_standard_output(tmp_path: Path) -> None:
    """From a deleted working directory, --svg x.svg blamed standard output."""
    gone = tmp_path / "gone"
    gone.mkdir()
    script = f"import os, sys; os.chdir({str(gone)!r}); os.rmdir({str(gone)!r}); " + (
        "os.execv(sys.argv[1], sys.argv[1:])"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, *COMMAND, "stats", "--svg", "x.svg"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        env=environment(),
        check=False,
        timeout=60,
    )
    assert result.returncode == 2
    assert (
        result.stderr
        == b"m1lookup: error: cannot write x.svg: the current folder no longer exists\n"
    )
    assert result.stdout == b""
