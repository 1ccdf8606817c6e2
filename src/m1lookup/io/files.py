"""Write a file whole or not at all; never the dataset in use.

:func:`write_atomically` writes a temporary file beside the target, flushes it to the disk and
renames it over the target only when every byte is there. Until that rename the target keeps
its old bytes, whatever happens: an error, a full disk, a file-size limit, Ctrl-C or SIGTERM
(which m1lookup.io.streams turns into exceptions), or a second m1lookup writing the same path (each
run has its own temporary file, and a rename replaces the whole file at once).

Nothing here imports Typer or Rich; the messages are one line, for the command line to print.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat

from m1lookup.io.errors import M1Error
from m1lookup.io.streams import STDOUT_MARK, signals_held, write_out

_CHUNK = 1 << 26  # bytes per write call
_TEMP_TRIES = 100


class FileWriteError(M1Error):
    """A file could not be written or may not be (exit 2)."""


def check_target(path: str, protected: str | None, suffix: str | None = None) -> None:
    """Raise FileWriteError when :func:`write_atomically` would refuse ``path``; open nothing.

    For refusing a bad target before doing the work. ``-`` (standard output) is always fine.
    """
    if path != STDOUT_MARK:
        _checked(path, protected, suffix)
        directory = os.path.dirname(os.path.realpath(path))
        if not os.path.isdir(directory):
            raise FileWriteError(f"cannot write {path}: no such directory")


def write_atomically(
    path: str,
    data: bytes,
    protected: str | None,
    suffix: str | None = None,
    mode: int | None = None,
) -> None:
    """Replace ``path`` with ``data`` in one step, or leave it as it was and raise FileWriteError.

    ``-`` writes ``data`` to standard output instead (m1lookup.io.streams.write_out). Refused with
    FileWriteError: a name that does not end in ``suffix`` (any case), the file ``protected``
    (the dataset in use) under any name (symbolic or hard link, relative path), and anything
    but a regular file. A symbolic link is followed: the file it points to is replaced and the
    link stays. An existing file keeps its permission bits; a new one gets 0666 less the umask;
    ``mode`` gives the file those bits instead, new or not.

    The one way m1lookup writes a file: pictures, completion scripts, and the project's scripts
    that rewrite its own files.
    """
    if path == STDOUT_MARK:
        write_out(data)
        return
    target, kept = _checked(path, protected, suffix)
    try:
        _replace(target, data, kept if mode is None else mode)
    except OSError as error:
        raise FileWriteError(f"cannot write {path}: {error.strerror or error}") from None


def _checked(path: str, protected: str | None, suffix: str | None) -> tuple[str, int | None]:
    """The real path to replace and the permission bits to keep, after every refusal."""
    target = os.path.realpath(path)
    if protected is not None and _same_file(target, protected):
        raise FileWriteError(
            f"cannot write {path}: it is the dataset in use ({protected}); "
            "m1lookup never writes its dataset"
        )
    name = os.path.basename(path)
    if suffix is not None and not (name.lower().endswith(suffix) and len(name) > len(suffix)):
        raise FileWriteError(f"cannot write {path}: the file name must end in {suffix}")
    try:
        status = os.stat(target)
    except FileNotFoundError:
        return target, None
    except OSError as error:
        raise FileWriteError(f"cannot write {path}: {error.strerror or error}") from None
    if not stat.S_ISREG(status.st_mode):
        raise FileWriteError(f"cannot write {path}: not a regular file")
    return target, stat.S_IMODE(status.st_mode)


def _same_file(first: str, second: str) -> bool:
    try:
        return os.path.samefile(first, second)  # same device and inode, links followed
    except (OSError, ValueError):  # either is missing or unreadable: not the same file
        return False


def _replace(target: str, data: bytes, mode: int | None) -> None:
    directory, name = os.path.split(target)
    temporary = None
    try:
        with signals_held():  # a signal may not land between creating the file and naming it
            descriptor, temporary = _create_beside(directory, name)
        try:
            if mode is not None:
                os.fchmod(descriptor, mode)
            _write_all(descriptor, data)
            if os.fstat(descriptor).st_size != len(data):
                raise OSError(errno.EIO, "the file is shorter than what was written")
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        os.replace(temporary, target)
        temporary = None
    finally:
        if temporary is not None:
            with signals_held():
                _remove(temporary)
    _sync_directory(directory)


def _create_beside(directory: str, name: str) -> tuple[int, str]:
    """A new, empty temporary file in ``directory``, opened for writing, and its path."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    for _ in range(_TEMP_TRIES):
        path = os.path.join(directory, f".{name[:40]}.{os.urandom(6).hex()}.tmp")
        try:
            return os.open(path, flags, 0o666), path
        except FileExistsError:
            continue
    raise OSError(errno.EEXIST, "no free name for a temporary file")


def _write_all(descriptor: int, data: bytes) -> None:
    """Every byte, looping on short writes; a write that takes nothing is an error."""
    view = memoryview(data)
    while view:
        written = os.write(descriptor, view[:_CHUNK])
        if written <= 0:
            raise OSError(errno.EIO, "the file took no bytes")
        view = view[written:]


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def _sync_directory(directory: str) -> None:
    """Make the rename itself durable; not every system can open a directory, so best effort."""
    try:
        descriptor = os.open(directory or ".", os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(descriptor)
    finally:
        os.close(descriptor)
