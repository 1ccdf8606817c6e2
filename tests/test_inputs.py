"""Reading stdin and files (``colour -``, ``tally``): bounded, any encoding, any blocking mode.

``tally`` has no row limit (it streams, in memory bounded per car); MAX_LINE_CHARS
(m1lookup.io.limits) bounds a line of ``tally`` and of ``colour -``. The subprocess tests run the
console script under an
address-space limit, so that code that reads without bound fails with MemoryError in a second
instead of filling the machine.
"""

from __future__ import annotations

import io
import itertools
import json
import os
import re
import subprocess
import time
from pathlib import Path

import pytest

from m1lookup.io.inputs import InputError, iter_lines
from m1lookup.io.limits import MAX_INPUT_BYTES, MAX_INPUT_SIZE, MAX_LINE_CHARS
from m1lookup.lookup.tally import MAX_COLUMNS_SHOWN
from tests.conftest import COMMAND, POSIX, RunCli, environment

ADDRESS_SPACE = 256 * 2**20  # m1lookup needs about 100 MB of address space for a tally
FAST = 10.0  # seconds; refusing takes about 0.1 s

LONG_LINE = f"is over {MAX_LINE_CHARS:,} characters long"


def bounded(
    args: list[str], stdin: object = subprocess.DEVNULL, data: bytes | None = None
) -> tuple[subprocess.CompletedProcess[bytes], float]:
    """Run the console script with at most ADDRESS_SPACE of memory: result, seconds taken."""

    def limit_memory() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))

    started = time.monotonic()
    result = subprocess.run(
        [*COMMAND, *args],
        stdin=None if data is not None else stdin,
        input=data,
        capture_output=True,
        env=environment(),
        preexec_fn=limit_memory,
        check=False,
        timeout=120,
    )
    return result, time.monotonic() - started


# --- limits -------------------------------------------------------------------------------------


@POSIX
def test_tally_dev_zero_is_refused_fast() -> None:
    result, seconds = bounded(["tally", "/dev/zero"])
    assert result.stderr.decode() == f"m1lookup: error: line 1 of /dev/zero {LONG_LINE}\n"
    assert (result.returncode, result.stdout) == (2, b"")
    assert seconds < FAST


@POSIX
def test_tally_stdin_from_dev_zero_is_refused_fast() -> None:
    with open("/dev/zero", "rb") as zeros:
        result, seconds = bounded(["tally", "-"], stdin=zeros)
    assert result.stderr.decode() == f"m1lookup: error: line 1 of standard input {LONG_LINE}\n"
    assert (result.returncode, result.stdout) == (2, b"")
    assert seconds < FAST


@POSIX
def test_colour_stdin_from_dev_zero_is_refused_fast() -> None:
    with open("/dev/zero", "rb") as zeros:
        result, seconds = bounded(["colour", "-", "--json"], stdin=zeros)
    assert result.stderr.decode() == f"m1lookup: error: line 1 of standard input {LONG_LINE}\n"
    assert (result.returncode, result.stdout) == (2, b"")
    assert seconds < FAST


@POSIX
def test_two_gigabyte_file_of_zeros_ends_at_its_first_line(tmp_path: Path) -> None:
    huge = tmp_path / "huge.csv"
    with open(huge, "wb") as handle:  # sparse: no disk space, no time
        handle.truncate(2 * 2**30)
    result, seconds = bounded(["tally", str(huge)])
    assert result.stderr.decode() == f"m1lookup: error: line 1 of {huge} {LONG_LINE}\n"
    assert (result.returncode, result.stdout) == (2, b"")
    assert seconds < FAST


@POSIX
def test_binary_file_ends_at_once_with_one_line(tmp_path: Path) -> None:
    binary = tmp_path / "program"
    binary.write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4000)
    result, seconds = bounded(["tally", str(binary)])
    assert result.returncode == 2
    assert result.stderr.decode().startswith("m1lookup: error: no column named “colour” or")
    assert result.stderr.count(b"\n") == 1
    assert seconds < FAST


@POSIX
def test_a_sixteen_megabyte_header_gives_a_short_error(tmp_path: Path) -> None:
    """The "no such column" error lists a few columns, each cut short: it once repeated the
    whole header, 67 MB for a 16 MB one, and ran out of memory under 256 MB."""
    wide = tmp_path / "wide.csv"
    wide.write_bytes((b"x" * 4000 + b",") * 4000 + b"\n")
    result, seconds = bounded(["tally", str(wide)])
    assert result.returncode == 2
    message = result.stderr.decode()
    assert message.count("\n") == 1
    assert len(message) < 2_000
    assert message.count("… (4,000 characters)") == MAX_COLUMNS_SHOWN
    # 4,001 columns: the trailing comma ends an empty one
    shown = f" and {4001 - MAX_COLUMNS_SHOWN:,} more. Choose one with --column NAME\n"
    assert message.endswith(shown)
    assert seconds < FAST * 3


@POSIX
def test_more_than_a_hundred_thousand_rows_are_counted_in_bounded_memory(tmp_path: Path) -> None:
    """No row limit: 150,000 rows with VINs (6 MB), tallied under the 256 MB address space."""
    from tests.vins import vin

    path = tmp_path / "list.csv"
    with open(path, "w", encoding="utf-8") as out:
        out.write("VIN,colour\n")
        for number in range(150_000):
            out.write(f"{vin('1C2'[number % 3], f'{number:06d}')},VO\n")
    result, _ = bounded(["tally", str(path), "--json"])
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert (document["rows"], document["cars"]) == (150_000, 150_000)
    assert document["markets"] == {
        "north america": 50_000,
        "left-hand drive": 50_000,
        "right-hand drive": 50_000,
    }


def test_tally_help_says_several_files_merge(run: RunCli) -> None:
    shown = " ".join(re.sub("[│╭╮╰╯─]", " ", run("tally", "--help").stdout).split())
    assert "Several files are merged by VIN." in shown
    assert "100,000" not in shown


# --- encodings ----------------------------------------------------------------------------------

# A line that does not resolve (line 4) checks the line numbers; "Alpinweiß" checks the decoding.
LISTING = "no{d}colour\r\n1{d}Alpinweiß\r\n2{d}Java Green\r\n3{d}Jawa Grün\r\n"
ENCODINGS = {
    "utf-8": ("utf-8", b""),
    "utf-8 with BOM": ("utf-8", b"\xef\xbb\xbf"),
    "utf-16 LE with BOM": ("utf-16-le", b"\xff\xfe"),
    "utf-16 BE with BOM": ("utf-16-be", b"\xfe\xff"),
}


def encoded(text: str, name: str) -> bytes:
    codec, bom = ENCODINGS[name]
    return bom + text.encode(codec)


@pytest.mark.parametrize("name", ENCODINGS)
@pytest.mark.parametrize("delimiter", [",", "\t"], ids=["comma", "tab"])
def test_tally_detects_the_encoding(run: RunCli, tmp_path: Path, name: str, delimiter: str) -> None:
    raw = encoded(LISTING.format(d=delimiter), name)
    path = tmp_path / "list.csv"
    path.write_bytes(raw)
    for result in (run("tally", str(path), "--json"), run("tally", "-", "--json", input=raw)):
        assert result.exit_code == 1, result.stderr
        document = result.json()
        assert document["column"] == "colour"  # no BOM left in front of the first header
        assert [(c["id"], c["cars_in_list"]) for c in document["colours"]] == [
            ("alpine-white", 1),
            ("java-green", 1),
        ]
        assert [(u["line"], u["value"]) for u in document["unresolved"]] == [(4, "Jawa Grün")]


def test_excel_unicode_text_is_read(run: RunCli, tmp_path: Path) -> None:
    """Excel's "Unicode text": UTF-16 LE with a BOM, tab-separated, CRLF, quotes doubled."""
    text = 'VIN\tColour\tNotes\r\nWBS1\tAlpinweiß\t"Segler\'s car, ""the white one"""\r\n'
    path = tmp_path / "register.txt"
    path.write_bytes(text.encode("utf-16"))  # Python writes the BOM in this machine's order
    document = run("tally", str(path), "--json").json()
    assert (document["column"], document["rows"], document["resolved"]) == ("Colour", 1, 1)


@pytest.mark.parametrize("name", ENCODINGS)
def test_colour_stdin_detects_the_encoding(run: RunCli, name: str) -> None:
    result = run("colour", "-", "--json", input=encoded("Alpinweiß\r\nJava Green\n", name))
    assert result.exit_code == 0, result.stderr
    answers = [(r["query"], r["colour"]["id"]) for r in result.json()["results"]]
    assert answers == [("Alpinweiß", "alpine-white"), ("Java Green", "java-green")]


# --- non-blocking stdin -------------------------------------------------------------------------


def slow_nonblocking_pipe(
    args: list[str], chunks: list[bytes]
) -> subprocess.CompletedProcess[bytes]:
    """Run with stdin a pipe in non-blocking mode (as a shell or another reader may leave it),
    written a chunk at a time with pauses, so that reads find it empty more than once."""
    import fcntl

    read_end, write_end = os.pipe()
    flags = fcntl.fcntl(read_end, fcntl.F_GETFL)
    fcntl.fcntl(read_end, fcntl.F_SETFL, flags | os.O_NONBLOCK)
    process = subprocess.Popen(
        [*COMMAND, *args],
        stdin=read_end,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment(),
    )
    os.close(read_end)
    try:
        for chunk in chunks:
            time.sleep(0.02)
            os.write(write_end, chunk)
    except BrokenPipeError:  # the reader gave up early: the assertions below say how
        pass
    finally:
        os.close(write_end)
    stdout, stderr = process.communicate(timeout=60)
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def in_pieces(raw: bytes) -> list[bytes]:
    """The BOM byte by byte, pieces that cut lines and characters in two, then the rest."""
    small = [raw[i : i + 7] for i in range(3, 45, 7)]
    return [
        raw[:1],
        raw[1:2],
        raw[2:3],
        *small,
        *(raw[i : i + 256] for i in range(45, len(raw), 256)),
    ]


@POSIX
def test_tally_reads_a_nonblocking_stdin_to_its_end() -> None:
    rows = "".join(f"{n},{name}\n" for n, name in enumerate(["Alpinweiß", "VO", "mcb"] * 30))
    result = slow_nonblocking_pipe(
        ["tally", "-", "--csv"], in_pieces(encoded(f"no,colour\n{rows}", "utf-8 with BOM"))
    )
    assert result.stderr == b""
    assert result.returncode == 0
    counts = [line.split(",")[:3] for line in result.stdout.decode().splitlines()[1:]]
    assert counts == [
        ["alpine-white", "Alpine White", "30"],
        ["monte-carlo-blue", "Monte Carlo Blue", "30"],
        ["valencia-orange", "Valencia Orange", "30"],
    ]


@POSIX
def test_colour_reads_a_nonblocking_stdin_to_its_end() -> None:
    names = ["Alpinweiß", "VO", "mcb"] * 30
    raw = encoded("".join(f"{name}\n" for name in names), "utf-16 LE with BOM")
    result = slow_nonblocking_pipe(["colour", "-", "--json"], in_pieces(raw))
    assert result.stderr == b""
    assert result.returncode == 0
    import json

    assert [r["query"] for r in json.loads(result.stdout)["results"]] == names


# --- iter_lines, the reader the commands share ----------------------------------------------------


class _Endless(io.RawIOBase):
    """A stream that never ends: only a lazy reader gets anything out of it."""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:
        chunk = b"VO\n" * (len(buffer) // 3)
        buffer[: len(chunk)] = chunk
        return len(chunk)


def test_iter_lines_reads_lazily() -> None:
    assert list(itertools.islice(iter_lines(_Endless()), 3)) == ["VO", "VO", "VO"]


def test_iter_lines_splits_where_csv_does() -> None:
    raw = "a\nb\r\nc\rd\x0ce\u2028f".encode()
    assert list(iter_lines(io.BytesIO(raw))) == ["a", "b", "c", "d\x0ce\u2028f"]
    assert list(iter_lines(io.BytesIO(raw), keepends=True)) == [
        "a\n",
        "b\r\n",
        "c\r",
        "d\x0ce\u2028f",
    ]


def test_iter_lines_reads_a_text_stream_and_replaces_bad_bytes() -> None:
    assert list(iter_lines(io.StringIO("x\ny\n"))) == ["x", "y"]
    wrapped = io.TextIOWrapper(io.BytesIO(b"Gr\xfcn\n"), encoding="ascii")
    assert list(iter_lines(wrapped)) == ["Gr\ufffdn"]  # the bytes are decoded, not the wrapper


def test_iter_lines_refuses_a_long_line_and_too_many_bytes() -> None:
    with pytest.raises(InputError, match=r"^line 2 of list\.csv is over 10 characters long$"):
        list(iter_lines(io.BytesIO(b"short\n" + b"x" * 11), name="list.csv", max_line_chars=10))
    assert list(iter_lines(io.BytesIO(b"x" * 10 + b"\n"), max_line_chars=10)) == ["x" * 10]
    with pytest.raises(InputError, match=r"^standard input is larger than 4 bytes, more than"):
        list(iter_lines(io.BytesIO(b"12345"), max_bytes=4))
    assert list(iter_lines(io.BytesIO(b"1234"), max_bytes=4)) == ["1234"]


def test_limits_are_documented() -> None:
    robustness = (Path(__file__).resolve().parent.parent / "docs" / "robustness.md").read_text(
        encoding="utf-8"
    )
    assert f"{MAX_LINE_CHARS:,} characters" in robustness
    assert "100,000 rows" not in robustness


def test_the_size_limit_is_worded_as_it_is_defined() -> None:
    """MAX_INPUT_SIZE is how messages write MAX_INPUT_BYTES: the two agree."""
    assert f"{MAX_INPUT_BYTES // 2**20} MB" == MAX_INPUT_SIZE == "16 MB"
