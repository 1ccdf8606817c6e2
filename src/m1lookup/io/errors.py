"""The process boundary's vocabulary: exit codes, and the base of every error m1lookup reports.

Every error the tool reports derives from :class:`M1Error`: it carries one line, already escaped
(control and bidi characters shown as ``\\x1b``), and the exit code it ends the run with. The
command line catches M1Error in one place (``m1lookup.cli.usage.Group.main``) and hands it to one
reporter (``m1lookup.io.streams.fail``), which types the ``m1lookup: error:`` prefix. This module
sits in the lowest layer, so that every layer may raise these errors. Nothing here imports Typer
or Rich.
"""

from __future__ import annotations

from enum import IntEnum

from m1lookup.io.text import safe

PROG = "m1lookup"  # the prefix of every line m1lookup writes on stderr


class ExitCode(IntEnum):
    """What the exit code of a run says; the README's "Exit codes" table lists the same."""

    OK = 0
    NOT_FOUND = 1  # something asked for was not found, or validate found problems
    USAGE = 2  # usage error, unreadable data, or output that could not be written
    INTERRUPTED = 130  # 128 + SIGINT: Typer's Abort (Ctrl-C or end of input at a prompt)
    READER_GONE = 141  # 128 + SIGPIPE: the reader of the output has gone


class M1Error(Exception):
    """An error m1lookup reports as one line on stderr, then exits with :attr:`exit_code`.

    ``message`` is escaped here, once: whoever raises passes the plain text, user input included.
    """

    exit_code: ExitCode = ExitCode.USAGE

    def __init__(self, message: str, exit_code: ExitCode | None = None) -> None:
        self.message = safe(message)
        super().__init__(self.message)
        if exit_code is not None:
            self.exit_code = exit_code


class UsageProblem(M1Error):
    """Options that cannot go together: reported as a usage error, with the help hint."""
