"""Read standard input and files: lazily, bounded, whatever their encoding and blocking mode.

``colour -`` reads names and ``tally`` reads a car list through here. Text is decoded as the
first bytes say: a UTF-8 BOM, a UTF-16 or UTF-32 BOM (Excel's "Unicode text" is UTF-16 LE with a
BOM, tab-separated), otherwise UTF-8; bytes that do not decode become U+FFFD, never an error.
Lines are split where ``csv`` splits them (``\\n``, ``\\r\\n`` or a lone ``\\r``). A pipe that a
shell or another program left in non-blocking mode is waited on with ``select`` rather than
read short. Nothing here imports Typer or Rich.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import itertools
import os
import stat
import sys
import time
from typing import IO, TYPE_CHECKING, cast

from m1lookup.io.errors import M1Error
from m1lookup.io.limits import MAX_LINE_CHARS, too_large

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from _typeshed import WriteableBuffer

STDIN_MARK = "-"
STDIN_NAME = "standard input"
_CHUNK_BYTES = 64 * 1024
_BOMS = (  # the longest first: a UTF-32 LE BOM starts with the UTF-16 LE one
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_LONGEST_BOM = 4


class InputError(M1Error):
    """The input cannot be read on (exit 2)."""


def stdin(hint: str) -> IO[str]:
    """``sys.stdin``, or InputError ``standard input is closed; <hint>`` when there is none."""
    if sys.stdin is None or sys.stdin.closed:
        raise InputError(f"{STDIN_NAME} is closed; {hint}")
    return sys.stdin


def stdin_names(hint: str) -> Iterator[str]:
    """Every non-blank line of stdin, stripped, read as it is needed (``colour -``).

    Raises InputError at once when stdin is closed, and while iterating when it cannot be read or
    a line is longer than MAX_LINE_CHARS. A line is also split at the other line boundaries of
    ``str.splitlines`` (form feed, U+2028, ...), as ``colour -`` always has.
    """
    lines = iter_lines(stdin(hint))
    return (name for line in lines for part in line.splitlines() if (name := part.strip()))


NO_NAMES = "no colour names on standard input (one name per line)"
EMPTY_NAME = "a colour name is empty; give a name such as 'Monte Carlo Blue'"


def query_names(names: Iterable[str]) -> Iterator[str]:
    """The names ``colour`` is asked for, in order: each argument, and for ``-`` every line of
    stdin, read as it is needed. InputError for an empty argument, for stdin as
    :func:`stdin_names` says, and at the end when no name was given at all."""
    asked = False
    for name in names:
        if name == STDIN_MARK:
            for line in stdin_names(hint="give names as arguments or pipe them in"):
                asked = True
                yield line
        elif not name.strip():
            raise InputError(EMPTY_NAME)
        else:
            asked = True
            yield name
    if not asked:
        raise InputError(NO_NAMES)


def numbered_names(names: Iterable[str]) -> Iterator[tuple[int | None, str]]:
    """``colour - --jsonl``'s input, one pair per input line: ``(line, name)``, the line number on
    stdin (None for an argument) and the stripped line, empty for a blank one. A line is one name
    here, not split further, so that each input line has exactly one answer. InputError as
    :func:`query_names` raises it."""
    asked = False
    for name in names:
        if name == STDIN_MARK:
            hint = "give names as arguments or pipe them in"
            for number, line in enumerate(iter_lines(stdin(hint)), start=1):
                name_on_line = line.strip()
                asked = asked or bool(name_on_line)
                yield number, name_on_line
        elif not name.strip():
            raise InputError(EMPTY_NAME)
        else:
            asked = True
            yield None, name
    if not asked:
        raise InputError(NO_NAMES)


class Decoding:
    """How a car list is decoded: ``encoding`` when the user named one, else by its BOM, else
    UTF-8 with every byte that is not UTF-8 read as cp1252 (a German Excel CSV), which sets
    ``used_cp1252``. Bytes cp1252 leaves undefined read as Latin-1, so nothing is an error."""

    _names = itertools.count()

    def __init__(self, encoding: str | None = None) -> None:
        self.encoding = encoding
        self.used_cp1252 = False
        self.detected = "utf-8-sig"  # what the BOM called for
        self.handler = f"m1lookup-cp1252-{next(self._names)}"
        codecs.register_error(self.handler, self._as_cp1252)

    def _as_cp1252(self, error: UnicodeError) -> tuple[str, int]:
        if not isinstance(error, UnicodeDecodeError):
            raise error
        self.used_cp1252 = True
        bad = error.object[error.start : error.end]
        return "".join(_cp1252(byte) for byte in bad), error.end


def _cp1252(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return bytes([byte]).decode("latin-1")


def check_encoding(name: str) -> None:
    """InputError unless ``name`` is a text encoding Python knows."""
    try:
        info = codecs.lookup(name)
    except LookupError:
        info = None
    if info is None or not getattr(info, "_is_text_encoding", True):
        raise InputError(f"unknown text encoding “{name}”; try utf-8, utf-16, cp1252 or latin-1")


@contextlib.contextmanager
def open_lines(
    path: str,
    *,
    max_bytes: int | None = None,
    closed_hint: str = "",
    decoding: Decoding | None = None,
) -> Iterator[Iterator[str]]:
    """The lines of ``path`` (``-`` is stdin) with their line endings, closed on the way out.

    InputError when the file cannot be opened or read, when stdin is closed, or when the input is
    larger than ``max_bytes``: a regular file is refused by its size before anything is read,
    anything else (a pipe, /dev/zero) as soon as one byte more than ``max_bytes`` has arrived.
    """
    if path == STDIN_MARK:
        yield iter_lines(stdin(closed_hint), keepends=True, max_bytes=max_bytes, decoding=decoding)
        return
    try:
        handle = open(path, "rb", buffering=0)  # noqa: SIM115 - closed by the with below
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror or error}") from None
    with handle:
        if max_bytes is not None:
            _refuse_large_file(handle, path, max_bytes)
        yield iter_lines(handle, name=path, keepends=True, max_bytes=max_bytes, decoding=decoding)


def iter_lines(
    stream: IO[str] | IO[bytes],
    *,
    name: str = STDIN_NAME,
    keepends: bool = False,
    max_bytes: int | None = None,
    max_line_chars: int = MAX_LINE_CHARS,
    decoding: Decoding | None = None,
) -> Iterator[str]:
    """The decoded lines of ``stream``, one at a time, in memory bounded by the longest line.

    ``stream`` is a binary stream or a text stream with a binary ``buffer`` (``sys.stdin``);
    a text stream without one (a ``StringIO``) is read as it is. ``name`` names the stream in
    errors. Line endings are dropped unless ``keepends``. InputError when the stream cannot be
    read, holds more than ``max_bytes`` bytes (counted on binary streams only), or has a line
    longer than ``max_line_chars``. ``decoding`` reads as :class:`Decoding` says, where
    otherwise bytes that are not UTF-8 become U+FFFD.
    Nothing is read before the first line is asked for.
    """
    binary = _binary(stream)
    if binary is None:  # a text stream with no bytes underneath: already decoded
        text = cast("IO[str]", stream)
    else:
        reader = _PatientReader(binary, name, max_bytes)
        encoding = _encoding(reader.head(_LONGEST_BOM))
        errors = "replace"
        if decoding is not None:
            decoding.detected = encoding
        if decoding is not None and decoding.encoding is not None:
            encoding = decoding.encoding
        elif decoding is not None and encoding == "utf-8-sig":
            errors = decoding.handler
        text = io.TextIOWrapper(
            io.BufferedReader(reader, _CHUNK_BYTES),
            encoding=encoding,
            errors=errors,
            newline="",  # no translation: csv needs "\r\n" inside quoted fields as written
        )
    number = 0
    while line := text.readline(max_line_chars + 1):
        number += 1
        if len(line) > max_line_chars and line[-1] not in "\r\n":
            raise InputError(f"line {number} of {name} is over {max_line_chars:,} characters long")
        yield line if keepends else _without_ending(line)


def _binary(stream: IO[str] | IO[bytes]) -> IO[bytes] | None:
    if isinstance(stream, io.TextIOBase):
        return getattr(stream, "buffer", None)
    return cast("IO[bytes]", stream)


def _without_ending(line: str) -> str:
    if line.endswith("\r\n"):
        return line[:-2]
    return line[:-1] if line.endswith(("\n", "\r")) else line


def _encoding(head: bytes) -> str:
    """The codec the first bytes call for; ``utf-8-sig`` also reads UTF-8 without a BOM."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding  # "utf-16" and "utf-32" read the byte order from the BOM and drop it
    return "utf-8-sig"


def _refuse_large_file(handle: IO[bytes], path: str, max_bytes: int) -> None:
    try:
        status = os.fstat(handle.fileno())
    except OSError:  # cannot tell: the byte count while reading still holds the limit
        return
    if stat.S_ISREG(status.st_mode) and status.st_size > max_bytes:
        raise InputError(too_large(path, max_bytes))


class _PatientReader(io.RawIOBase):
    """The bytes of a stream, waiting out a non-blocking pipe, refusing more than ``max_bytes``.

    A readable file descriptor is read directly with ``os.read``: on a non-blocking pipe with
    nothing in it yet, ``read`` on the buffered stream returns None or a short result, so rows
    would be lost. ``select`` waits instead. (Nothing reads stdin before this does, so its
    buffer holds nothing to miss.)
    """

    def __init__(self, stream: IO[bytes], name: str, max_bytes: int | None) -> None:
        super().__init__()
        self._stream = stream
        self._fd = _fileno(stream)
        self._name = name
        self._max_bytes = max_bytes
        self._total = 0
        self._pending = b""  # what head() read ahead

    def readable(self) -> bool:
        return True

    def head(self, size: int) -> bytes:
        """The first ``size`` bytes (fewer at the end of the input), left to be read again."""
        while len(self._pending) < size and (chunk := self._read(size - len(self._pending))):
            self._pending += chunk
        return self._pending[:size]

    def readinto(self, buffer: WriteableBuffer) -> int:
        view = memoryview(buffer)
        chunk = self._pending or self._read(len(view))
        size = min(len(view), len(chunk))
        view[:size] = chunk[:size]
        self._pending = chunk[size:]
        return size

    def _read(self, size: int) -> bytes:
        try:
            chunk = self._read_blocking(size)
        except OSError as error:
            raise InputError(f"cannot read {self._name}: {error.strerror or error}") from None
        self._total += len(chunk)
        if self._max_bytes is not None and self._total > self._max_bytes:
            raise InputError(too_large(self._name, self._max_bytes))
        return chunk

    def _read_blocking(self, size: int) -> bytes:
        while True:
            try:
                chunk = os.read(self._fd, size) if self._fd is not None else self._stream.read(size)
            except BlockingIOError:
                chunk = None
            if chunk is not None:
                return chunk
            self._wait()

    def _wait(self) -> None:
        if self._fd is None:
            time.sleep(0.01)  # a non-blocking stream with no descriptor to wait on
        else:
            import select  # only a non-blocking pipe gets here

            select.select([self._fd], [], [])


def _fileno(stream: IO[bytes]) -> int | None:
    try:
        return stream.fileno()
    except (AttributeError, OSError, ValueError):  # io.UnsupportedOperation is both of the last
        return None
