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
from m1lookup.model.records import Record

_CHUNK = 1 << 26  # bytes per write call
_TEMP_TRIES = 100


class FileWriteError(M1Error):
    """A file could not be written or may not be (exit 2)."""


def check_target(path: str, protected: str | None, suffix: str | None = None) -> None:
    """Raise FileWriteError when :func:`write_atomically` would refuse ``path``; open nothing.

    For refusing a bad target before doing the work. ``-`` (standard output) is always fine.
    """
    if path != STDOUT_MARK:
        target = _checked(path, protected, suffix)
        if not os.path.isdir(os.path.dirname(target.path)):
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
    FileWriteError: a file whose real name does not end in ``suffix`` (any case), the file
    ``protected`` (the dataset in use) under any name (symbolic or hard link, relative path),
    anything but a regular file, a file the user may not write (``cp`` and ``>`` refuse it too),
    and a symbolic link in a shared sticky folder (``/tmp``) that another user owns: the kernel
    refuses to follow those (``fs.protected_symlinks``), so m1lookup, which resolves links
    itself, refuses them too. Any other symbolic link is followed: the file it points to is
    replaced and the link stays. An existing file keeps its permission bits and its owner; a new
    one gets 0666 less the umask; ``mode`` gives the file those bits instead, new or not.

    The one way m1lookup writes a file: pictures, completion scripts, and the project's scripts
    that rewrite its own files.
    """
    if path == STDOUT_MARK:
        write_out(data)
        return
    target = _checked(path, protected, suffix)
    if mode is not None:
        target = target.replace(mode=mode)
    try:
        _replace(target, data)
    except OSError as error:
        raise FileWriteError(f"cannot write {path}: {error.strerror or error}") from None


class _Target(Record):
    """The real file to replace, and what of the old one to keep (None for a new file)."""

    path: str
    mode: int | None
    owner: tuple[int, int] | None


def _checked(path: str, protected: str | None, suffix: str | None) -> _Target:
    """The real file to replace, after every refusal."""
    try:
        target = _resolved(path)
    except OSError as error:
        raise FileWriteError(f"cannot write {path}: {_reason(error)}") from None
    if protected is not None and _same_file(target, protected):
        raise FileWriteError(
            f"cannot write {path}: it is the dataset in use ({protected}); "
            "m1lookup never writes its dataset"
        )
    if suffix is not None:
        for name, shown in ((path, "the file name"), (target, "the file it links to")):
            if not _ends_in(os.path.basename(name), suffix):
                raise FileWriteError(f"cannot write {path}: {shown} must end in {suffix}")
    try:
        status = os.stat(target)
    except FileNotFoundError:
        return _Target(target, None, None)
    except OSError as error:
        raise FileWriteError(f"cannot write {path}: {_reason(error)}") from None
    if not stat.S_ISREG(status.st_mode):
        raise FileWriteError(f"cannot write {path}: not a regular file")
    if not os.access(target, os.W_OK, effective_ids=os.access in os.supports_effective_ids):
        raise FileWriteError(f"cannot write {path}: Permission denied (the file is read-only)")
    return _Target(target, stat.S_IMODE(status.st_mode), (status.st_uid, status.st_gid))


def _ends_in(name: str, suffix: str) -> bool:
    return name.lower().endswith(suffix) and len(name) > len(suffix)


def _reason(error: OSError) -> str:
    if error.errno == errno.ENOENT and error.filename in (None, "", "."):
        return "the current folder no longer exists"
    return error.strerror or str(error)


_MAX_LINKS = 40  # as the kernel allows (ELOOP)


def _resolved(path: str) -> str:
    """``path`` with every symbolic link resolved, as os.path.realpath does, except that a link
    in a sticky, world-writable folder is followed only when the kernel would follow it: when
    the caller or the folder's owner owns the link."""
    os.getcwd()  # a deleted working directory: say so, rather than fail later on another name
    current = os.path.abspath(path)
    for _ in range(_MAX_LINKS):
        directory = os.path.realpath(os.path.dirname(current))
        current = os.path.join(directory, os.path.basename(current))
        try:
            link = os.lstat(current)
        except FileNotFoundError:
            return current
        if not stat.S_ISLNK(link.st_mode):
            return current
        _refuse_a_strangers_link(current, link, directory)
        current = os.path.join(directory, os.readlink(current))
    raise OSError(errno.ELOOP, os.strerror(errno.ELOOP))


def _refuse_a_strangers_link(link_path: str, link: os.stat_result, directory: str) -> None:
    folder = os.stat(directory)
    shared = folder.st_mode & stat.S_ISVTX and folder.st_mode & stat.S_IWOTH
    if shared and link.st_uid not in (os.geteuid(), folder.st_uid):
        raise OSError(
            errno.EACCES,
            "a symbolic link that another user owns, in a shared folder; not followed",
        )


def _same_file(first: str, second: str) -> bool:
    try:
        return os.path.samefile(first, second)  # same device and inode, links followed
    except (OSError, ValueError):  # either is missing or unreadable: not the same file
        return False


def _replace(target: _Target, data: bytes) -> None:
    directory, name = os.path.split(target.path)
    _remove_stale_temporaries(directory, name)
    temporary = None
    try:
        with signals_held():  # a signal may not land between creating the file and naming it
            descriptor, temporary = _create_beside(directory, name)
        try:
            if target.mode is not None:
                os.fchmod(descriptor, target.mode)
            if target.owner is not None and target.owner != (os.geteuid(), os.getegid()):
                _keep_owner(descriptor, target.owner)
            _write_all(descriptor, data)
            if os.fstat(descriptor).st_size != len(data):
                raise OSError(errno.EIO, "the file is shorter than what was written")
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        os.replace(temporary, target.path)
        temporary = None
    finally:
        if temporary is not None:
            with signals_held():
                _remove(temporary)
    _sync_directory(directory)


def _keep_owner(descriptor: int, owner: tuple[int, int]) -> None:
    """The new file gets the old one's owner (root writing onto a user's file), or the write
    is refused: replacing another user's file would make it the writer's."""
    try:
        os.fchown(descriptor, *owner)
    except PermissionError:
        raise OSError(
            errno.EPERM, "the file belongs to another user, and replacing it would take it over"
        ) from None


# A temporary file is named after its target and the process writing it, so that one that a
# killed process (kill -9) left behind is found and removed by the next write of the same file.
def _temporary_name(name: str, pid: int) -> str:
    return f".{name[:40]}.m1lookup-{pid}-{os.urandom(4).hex()}.tmp"


def _create_beside(directory: str, name: str) -> tuple[int, str]:
    """A new, empty temporary file in ``directory``, opened for writing, and its path."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    for _ in range(_TEMP_TRIES):
        path = os.path.join(directory, _temporary_name(name, os.getpid()))
        try:
            return os.open(path, flags, 0o666), path
        except FileExistsError:
            continue
    raise OSError(errno.EEXIST, "no free name for a temporary file")


def _remove_stale_temporaries(directory: str, name: str) -> None:
    prefix = f".{name[:40]}.m1lookup-"
    try:
        entries = [entry for entry in os.listdir(directory or ".") if entry.startswith(prefix)]
    except OSError:
        return
    for entry in entries:
        pid = entry[len(prefix) :].split("-", 1)[0]
        if pid.isdigit() and entry.endswith(".tmp") and not _alive(int(pid)):
            _remove(os.path.join(directory, entry))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: alive
        return True
    return True


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
