"""Standard output, standard error, signals and the exit code of a command-line run.

Output is complete or the exit code says it is not:

- every byte handed to :func:`write_out` reaches standard output, whatever the size and however
  short the writes the system makes;
- standard output that cannot take the output (closed with ``>&-``, a full disk or ``/dev/full``,
  an I/O error) gives one line on standard error and exit 2, as grep does for a write error: the
  output is incomplete, so neither 0 nor 1 ("not found") may be reported;
- a reader that has gone (EPIPE: ``m1lookup list | head -1``) is not an error worth a message:
  nothing on standard error, exit 141 (128 + SIGPIPE), what a shell reports for grep or cat in
  the same place;
- standard error is best effort (:func:`write_err`): a closed or full standard error loses the
  message, never changes the exit code;
- Ctrl-C (SIGINT), SIGTERM and SIGHUP end the run by that same signal, after files being written
  have been cleaned up (they reach the code as :class:`Interrupted`), so a shell reports 130, 143
  or 129 and a shell script running m1lookup in a loop stops too. Never a traceback.

Nothing here imports Typer or Rich.
"""

from __future__ import annotations

import errno
import io
import os
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import IO, Any, NoReturn

from m1lookup.io.errors import PROG, ExitCode, M1Error

STDOUT_MARK = "-"  # a file name that means standard output
# Signals that end a run after clean-up; an inherited "ignore" (nohup, a background job) stays.
_ENDING_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)
_CHUNK = 1 << 26  # bytes per write call: far below the 2 GiB a single write can take
_COLUMNS_RANGE = (20, 1000)  # what Rich may be asked to draw: 99999999999 columns exhaust memory
_LINES_RANGE = (1, 10_000)
_failed = False  # an output failure was reported already: report it once
_stdout_identity: tuple[int, int] | None = None  # what descriptor 1 was when the run started


class StdoutError(M1Error):
    """Standard output could not take every byte: exit 2, or 141 without a word when the reader
    has gone."""

    def __init__(self, error: OSError) -> None:
        self.errno = error.errno
        if error.errno == errno.EBADF:
            reason = "it is closed"
        else:
            reason = error.strerror or str(error) or type(error).__name__
        code = ExitCode.READER_GONE if self.reader_gone else ExitCode.USAGE
        super().__init__(f"cannot write standard output: {reason}", code)

    @property
    def reader_gone(self) -> bool:
        return self.errno == errno.EPIPE


class Interrupted(BaseException):
    """A signal that ends the run. Not a KeyboardInterrupt: Typer turns those into an exit."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def write_out(data: str | bytes) -> None:
    """Write all of ``data`` to standard output (text as UTF-8) and flush; raise StdoutError.

    For machine output: JSON and CSV are UTF-8 whatever the locale. Text already written through
    ``sys.stdout`` is flushed first, so the order holds. A non-blocking stdout is waited for.
    """
    # backslashreplace: a lone surrogate (from undecodable input) inside a JSON string becomes
    # the JSON escape \udcxx, which reads back as the same string.
    payload = data.encode("utf-8", "backslashreplace") if isinstance(data, str) else data
    if not payload:  # nothing to write: a closed stdout loses nothing
        return
    with stdout_errors():
        stream = sys.stdout
        if stream is None:
            raise OSError(errno.EBADF, os.strerror(errno.EBADF))
        buffer = getattr(stream, "buffer", None)
        if buffer is None:  # a text-only stream (an IDE's console): it takes text
            stream.write(payload.decode("utf-8", errors="replace"))
            _flush(stream)
            return
        _flush(stream)
        _write_all(buffer, payload)
        _flush(buffer)


def write_text(text: str) -> None:
    """:func:`write_out` for text drawn for people: in the terminal's encoding, as print would."""
    stream = sys.stdout
    encoding = getattr(stream, "encoding", None) or "utf-8"
    errors = getattr(stream, "errors", None) or "strict"
    try:
        payload = text.encode(encoding, errors)
    except UnicodeEncodeError:  # a strict stream that cannot take ß: show it as \xdf
        payload = text.encode(encoding, "backslashreplace")
    except LookupError:
        payload = text.encode("utf-8")
    write_out(payload)


def _write_all(buffer: IO[bytes], payload: bytes) -> None:
    """Write every byte, looping on the count each write returns (a write may take fewer)."""
    view = memoryview(payload)
    while view:
        try:
            written = buffer.write(view[:_CHUNK])
        except BlockingIOError as error:  # a non-blocking stdout that is full for now
            written = error.characters_written
            _wait_until_writable(buffer)
        if written is None:  # a non-blocking raw stream took nothing
            _wait_until_writable(buffer)
            written = 0
        elif written == 0 and view:
            raise OSError(errno.EIO, "the stream took no bytes")
        view = view[written:]


def _flush(stream: IO[Any]) -> None:
    while True:
        try:
            stream.flush()
            return
        except BlockingIOError:
            _wait_until_writable(stream)


def _wait_until_writable(stream: IO[Any]) -> None:
    import select

    try:
        descriptor = stream.fileno()
    except (OSError, ValueError):
        return
    select.select([], [descriptor], [])


@contextmanager
def stdout_errors() -> Iterator[None]:
    """Turn an OSError raised while writing standard output (through Rich, say) into StdoutError."""
    try:
        yield
    except OSError as error:
        raise StdoutError(error) from None


def report(message: str) -> None:
    """The one way a diagnostic reaches stderr: ``m1lookup: <message>``, best effort."""
    write_err(f"{PROG}: {message}")


def report_error(message: str) -> None:
    """``m1lookup: error: <message>``: ``message`` is one line, already escaped."""
    report(f"error: {message}")


def fail(error: M1Error) -> ExitCode:
    """Report ``error`` on stderr and give its exit code. The reader having gone is not worth a
    word, and a lost standard output is reported once however often a write meets it."""
    global _failed
    if isinstance(error, StdoutError):
        if error.reader_gone:
            return error.exit_code
        if _failed:
            return error.exit_code
        _failed = True
    report_error(error.message)
    return error.exit_code


def write_err(line: str) -> None:
    """Write one line to standard error, best effort: a closed or full stderr loses it, silently."""
    stream = sys.stderr
    if stream is None:
        return
    with suppress(OSError, ValueError):
        stream.write(f"{line}\n")
        stream.flush()


def run(command: Callable[[], int]) -> NoReturn:
    """Run ``command`` (it returns the exit code) in a prepared process, then end the process.

    The command line reports its own errors (``m1lookup.cli.usage``); an M1Error or OSError that
    escapes it anyway (from the completion responder, say) is reported here by the same
    :func:`fail`. Interrupted ends the process by its signal. Nothing escapes as a traceback.
    """
    try:
        try:
            _prepare_process()
            code = command()
            if code == ExitCode.NOT_FOUND and _reader_gone_elsewhere():
                code = ExitCode.READER_GONE
        except M1Error as error:
            code = fail(error)
        except OSError as error:
            code = fail(StdoutError(error))
        _end_by_default_signals()  # from here a signal ends the run at once
    except Interrupted as interrupted:
        _die_by(interrupted.signum)
    _exit_now(code)


def _reader_gone_elsewhere() -> bool:
    """Whether Rich or Click met EPIPE and ended the run with exit 1, their convention.

    Rich points descriptor 1 at /dev/null first (Console.on_broken_pipe); Click wraps sys.stdout
    in its PacifyFlushWrapper. Exit 1 means "not found" here, so the reader-gone code replaces it.
    """
    if type(sys.stdout).__name__ == "PacifyFlushWrapper":
        return True
    return _stdout_identity is not None and _identity(1) != _stdout_identity


def _identity(descriptor: int) -> tuple[int, int] | None:
    try:
        status = os.fstat(descriptor)
    except OSError:
        return None
    return status.st_dev, status.st_ino


def _exit_now(code: int) -> NoReturn:
    """Flush standard output and end the process without tearing the interpreter down.

    Freeing every object of Typer, Click and Rich one by one at exit took about 10 ms, as long as
    answering the question (bench/startup.py); mypy ends its runs the same way. Nothing here
    registers atexit handlers, and files the commands write are closed before this point. A flush
    that fails turns the exit code into the one that says the output is incomplete.
    """
    if not _failed:
        try:
            if sys.stdout is not None:
                sys.stdout.flush()
        except OSError as error:
            code = fail(StdoutError(error))
        except ValueError:  # closed by the code that ran: nothing is left to flush
            pass
    with suppress(OSError, ValueError):
        if sys.stderr is not None:
            sys.stderr.flush()
    os._exit(code)


def _die_by(signum: int) -> NoReturn:
    """End the process by ``signum`` itself, as a shell expects of an interrupted program."""
    with suppress(OSError, ValueError):
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)
    os._exit(128 + signum)  # only when the signal could not end the process


# --- start of a run ----------------------------------------------------------------------------


def _prepare_process() -> None:
    """Make the process safe to run a command in: streams, terminal size and signals.

    A standard stream closed at start (``>&-``) keeps its descriptor filled with /dev/null, so no
    file the tool opens lands on descriptor 1 or 2; a closed stdout fails every write, so that
    losing the output is noticed. Standard error never raises. COLUMNS, LINES and TERMINAL_WIDTH
    are held to sane ranges. Ending signals raise Interrupted, and SIGXFSZ (a file-size limit)
    is ignored so that the write that crosses the limit fails with EFBIG and is cleaned up.
    """
    global _stdout_identity
    _fill_closed_descriptors()
    _stdout_identity = _identity(1)
    replaced = None
    if sys.stdout is None:
        sys.stdout = _ClosedStream()
    elif not isinstance(sys.stdout, _ClosedStream):
        replaced = _tolerate_unencodable(sys.stdout)
    if sys.stderr is None:  # closed (2>&-): what is written there is lost, and no code fails
        sys.stderr = _Discarded()
    elif not isinstance(sys.stderr, (_BestEffort, _Discarded)):
        _tolerate_unencodable(sys.stderr)
        sys.stderr = _BestEffort(sys.stderr)
    if replaced is not None:
        report(f"note: the encoding {replaced!r} cannot carry text; writing UTF-8")
    sane_terminal_size(os.environ)
    raise_on_signals()


def _fill_closed_descriptors() -> None:
    for descriptor, stream in ((0, sys.stdin), (1, sys.stdout), (2, sys.stderr)):
        if stream is not None:
            continue
        try:
            os.fstat(descriptor)
        except OSError:
            filler = os.open(os.devnull, os.O_RDWR)
            if filler != descriptor:
                os.dup2(filler, descriptor)
                os.close(filler)


def _tolerate_unencodable(stream: Any) -> str | None:
    """Under LC_ALL=C or PYTHONIOENCODING=ascii, show ß as an escape instead of crashing.

    A codec that is no character set (PYTHONIOENCODING=idna or punycode: each write is encoded
    as a domain name, and a long line fails) is replaced by UTF-8; its name is returned, for a
    note on stderr. Before, every command ended with exit 1 and no output at all.
    """
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is None:
        return None
    encoding = getattr(stream, "encoding", None) or "utf-8"
    if _carries_text(encoding):
        reconfigure(errors="backslashreplace")
        return None
    reconfigure(encoding="utf-8", errors="backslashreplace")
    return encoding


# Two pieces written one after the other, as the tool writes: a character set encodes them as
# it encodes the whole, and reads them back unchanged.
_PROBE = ("Valencia Orange, 1 in 3,155:", " " + "x" * 80 + ".\n")


def _carries_text(encoding: str) -> bool:
    import codecs

    try:
        encoder = codecs.getincrementalencoder(encoding)()
        pieces = b"".join(encoder.encode(piece) for piece in _PROBE) + encoder.encode("", True)
        return pieces.decode(encoding) == "".join(_PROBE)
    except (LookupError, UnicodeError, ValueError):
        return False


class _ClosedStream(io.TextIOBase):
    """Stands in for a standard output that was closed when the process started."""

    def write(self, text: str) -> int:
        if not text:  # Rich writes its empty buffer too: nothing is lost
            return 0
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))

    def flush(self) -> None:
        pass


class _Discarded(io.TextIOBase):
    """Stands in for a standard error that was closed when the process started."""

    def write(self, text: str) -> int:
        return len(text)


class _BestEffort:
    """Standard error that never raises: what cannot be written there is lost, nothing else."""

    def __init__(self, wrapped: IO[str]) -> None:
        self._wrapped = wrapped

    def write(self, text: str) -> int:
        try:
            return self._wrapped.write(text)
        except (OSError, ValueError):
            return len(text)

    def flush(self) -> None:
        with suppress(OSError, ValueError):
            self._wrapped.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._wrapped, name)


def sane_terminal_size(environ: Any) -> None:
    """Hold COLUMNS, LINES and TERMINAL_WIDTH to sane ranges; drop values that are not numbers.

    Rich and Typer read them: COLUMNS=99999999999 made Rich pad lines until memory ran out, and
    a value such as ``²`` (a digit to ``str.isdigit``, not to ``int``) ended in a traceback.
    """
    for name, (low, high) in (
        ("COLUMNS", _COLUMNS_RANGE),
        ("TERMINAL_WIDTH", _COLUMNS_RANGE),
        ("LINES", _LINES_RANGE),
    ):
        value = environ.get(name)
        if value is None:
            continue
        text = value.strip()
        if text.isascii() and text.isdigit():
            environ[name] = str(min(max(int(text), low), high))
        else:
            del environ[name]


def raise_on_signals() -> None:
    """From now on SIGINT, SIGTERM and SIGHUP raise Interrupted; SIGXFSZ is ignored.

    A signal the process inherited as ignored stays ignored. After the first signal the next one
    ends the process at once (its default action), which is what a second Ctrl-C should do.
    """
    for signum in _ENDING_SIGNALS:
        current = signal.getsignal(signum)
        if current in (signal.SIG_DFL, signal.default_int_handler):
            signal.signal(signum, _raise_interrupted)
    if hasattr(signal, "SIGXFSZ") and signal.getsignal(signal.SIGXFSZ) == signal.SIG_DFL:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)


def _raise_interrupted(signum: int, _frame: object) -> None:
    _end_by_default_signals()
    raise Interrupted(signum)


def _end_by_default_signals() -> None:
    for signum in _ENDING_SIGNALS:
        if signal.getsignal(signum) is _raise_interrupted:
            signal.signal(signum, signal.SIG_DFL)


@contextmanager
def signals_held() -> Iterator[None]:
    """Hold ending signals back for a few statements (creating or removing a temporary file)."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _ENDING_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
