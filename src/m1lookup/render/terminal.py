"""The terminal a person's view is drawn for: whether it is coloured, and paging long output.

Colour, with ``--color auto`` (the default):

- ``FORCE_COLOR`` set and not empty: colour, also in a pipe (force-color.org). It wins over
  ``NO_COLOR``, as the example code of force-color.org has it.
- ``NO_COLOR`` set and not empty: no colour (no-color.org). On a terminal bold and dim stay:
  the convention asks for no colour, not for no emphasis.
- otherwise: colour on a terminal, except ``TERM=dumb``; none in a pipe.

``--color always`` colours also in a pipe (``m1lookup stats --color always | less -R``), whatever
``NO_COLOR`` says; ``--color never`` writes no escape codes at all, whatever ``FORCE_COLOR`` says.

Long output on a terminal goes through a pager, as git and gh do (:func:`write_paged`). This
module imports nothing heavy: the pager's modules are imported only when a pager is started.

What is known of the terminal (is stdout one, its size, the environment) is one
:class:`~m1lookup.render.presentation.Terminal`, detected where the view is drawn.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from typing import TYPE_CHECKING, Literal, TextIO

from m1lookup.render.presentation import Color, Terminal

if TYPE_CHECKING:
    import subprocess
    from collections.abc import Mapping
    from typing import TypedDict

    class ConsoleSettings(TypedDict):
        """The arguments of Rich's Console that decide colour (a type only: no class to make
        at every start)."""

        force_terminal: bool
        no_color: bool
        color_system: Literal["auto", "standard"] | None


PAGER_VARIABLES = ("M1LOOKUP_PAGER", "PAGER")
DEFAULT_PAGER = "less -FRX"
# What git and gh give less and lv when the user has not set them: quit when the text fits,
# pass colour codes through, leave the text on the screen; lv: colour codes.
PAGER_DEFAULTS = {"LESS": "FRX", "LV": "-c"}


def console_settings(choice: Color, environ: Mapping[str, str], isatty: bool) -> ConsoleSettings:
    """Colour for ``choice``, the environment and whether stdout is a terminal.

    Every argument is given, so that Rich's own reading of the environment (which counts an
    empty FORCE_COLOR as "not a terminal") never decides.
    """
    if choice is Color.NEVER:
        return {"force_terminal": isatty, "no_color": True, "color_system": None}
    if choice is Color.ALWAYS or environ.get("FORCE_COLOR"):
        # Rich gives a dumb terminal no colours at all; asked for colour, it gets the 16 basic ones.
        dumb = environ.get("TERM", "").lower() in ("dumb", "unknown")
        system: Literal["auto", "standard"] = "standard" if dumb else "auto"
        return {"force_terminal": True, "no_color": False, "color_system": system}
    no_color = bool(environ.get("NO_COLOR"))
    return {"force_terminal": isatty, "no_color": no_color, "color_system": "auto"}


def screen_height(terminal: Terminal) -> int:
    """The terminal's rows (``LINES`` wins, as in Rich and curses); 0 when it cannot be known."""
    lines = terminal.environ.get("LINES", "")
    if lines.isdigit():
        return int(lines)
    return terminal.rows


def write_paged(text: str, terminal: Terminal, stream: TextIO | None = None) -> None:
    """Write ``text`` to the terminal ``stream``; through the pager when it is taller than the
    screen (one row is left for the prompt). A pager that cannot be started is skipped; one that
    fails or is killed raises OSError, as a failed write does."""
    stream = stream or sys.stdout
    height = screen_height(terminal)
    if height and text.count("\n") >= height and _page(text, stream, terminal.environ):
        return
    stream.write(text)
    stream.flush()


def pager_command(environ: Mapping[str, str]) -> str:
    """``$M1LOOKUP_PAGER``, else ``$PAGER``, else ``less -FRX``: the first that is not empty."""
    for name in PAGER_VARIABLES:
        command = environ.get(name, "").strip()
        if command:
            return command
    return DEFAULT_PAGER


def _page(text: str, stream: TextIO, environ: Mapping[str, str]) -> bool:
    """Show ``text`` in the pager and wait for it to end; False when it could not be started.

    The command is split as a shell would split it, and run without a shell, so that a pager
    that does not exist is an error here rather than a shell's message.
    """
    import shlex
    import signal
    import subprocess

    # Ctrl-C is for the pager (less keeps running after it): as git does, m1lookup waits for
    # the pager to end. Ignored from before the pager starts; the pager gets the default back.
    from m1lookup.io.streams import signals_held

    command = pager_command(environ)
    interrupt = signal.signal(signal.SIGINT, signal.SIG_IGN)
    pager = None
    try:
        # SIGTERM held until the pager is known, so that it can be ended with m1lookup.
        with signals_held():
            try:
                pager = subprocess.Popen(
                    shlex.split(command),
                    stdin=subprocess.PIPE,
                    env={**PAGER_DEFAULTS, **environ},
                    preexec_fn=_default_signals if os.name == "posix" else None,
                )
            except (OSError, ValueError):  # not found, not executable, unbalanced quotes, empty
                return False
        _feed(pager, text.encode(stream.encoding or "utf-8", "backslashreplace"))
        status = pager.wait()
    except BaseException:  # SIGTERM: a pager left running would read the next keystrokes
        if pager is not None:
            _stop(pager)
        raise
    finally:
        signal.signal(signal.SIGINT, interrupt)
    if status != 0:  # nothing, or not everything, was shown: the run must not end with 0
        raise OSError(errno.EIO, _failure(command, status))
    return True


def _failure(command: str, status: int) -> str:
    from m1lookup.io.text import preview

    if status < 0:
        import signal

        try:
            ended_by = signal.Signals(-status).name
        except ValueError:
            ended_by = f"signal {-status}"
        return f"the pager ({preview(command)}) was ended by {ended_by}"
    return f"the pager ({preview(command)}) failed with exit status {status}"


def _stop(pager: subprocess.Popen[bytes]) -> None:
    import subprocess

    pager.terminate()
    try:
        pager.wait(timeout=2)
    except subprocess.TimeoutExpired:
        pager.kill()
        pager.wait()


def _default_signals() -> None:
    """In the pager: Ctrl-C as usual, and no signal held back."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_SETMASK, set())


def _feed(pager: subprocess.Popen[bytes], data: bytes) -> None:
    assert pager.stdin is not None
    # The pager may quit before it has read everything (q pressed): nothing more to do.
    with contextlib.suppress(OSError):
        pager.stdin.write(data)
    with contextlib.suppress(OSError):
        pager.stdin.close()
