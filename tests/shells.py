"""Drive real bash, zsh and fish for the completion tests: typed keys in, the command line out.

A :class:`Session` starts a shell in a pseudo-terminal with the completion that
``m1lookup --install-completion SHELL`` installs into a temporary home, types a line, presses
TAB, and reads the line back through a key binding that writes the shell's line buffer to a
file. Pressing Enter then runs the line: ``m1lookup`` is a shell function there that writes its
arguments to a file, NUL-separated (the completion scripts call the program with ``command`` or
``env``, so they still reach the real one). So a test sees what the shell inserted, and what
the line does when it runs, as a user would.
"""

from __future__ import annotations

import contextlib
import os
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

SHELLS = ("bash", "zsh", "fish")
DUMP_KEY = "\x1d"  # Ctrl-]: bound to "write the line buffer to ~/line"
CLEAR_KEY = "\x15"  # Ctrl-U: clear the line (bash, zsh and fish)
RIGHT_KEY = "\x1b[C"  # the right arrow: in fish, at the end of the line, takes the suggestion
WAIT = 20.0  # seconds: a completion that blocks fails the test instead of hanging it

RC = {
    "bash": (
        ".bashrc",
        r"""PS1='$ '
HISTFILE=/dev/null
bind -x '"\C-]": printf "%s" "$READLINE_LINE" > ~/line.tmp && mv ~/line.tmp ~/line'
m1lookup() { printf '%s\0' "$@" > ~/args.tmp && mv ~/args.tmp ~/args; }
""",
    ),
    "zsh": (
        ".zshrc",
        r"""PS1='$ '
{compinit}
dump-line() { print -rn -- $BUFFER > ~/line.tmp && mv ~/line.tmp ~/line }
zle -N dump-line
bindkey '^]' dump-line
m1lookup() { printf '%s\0' "$@" > ~/args.tmp && mv ~/args.tmp ~/args }
""",
    ),
    "fish": (
        ".config/fish/config.fish",
        r"""set -g fish_greeting
function fish_prompt; echo -n '$ '; end
function dump-line; commandline | string collect > ~/line.tmp; and mv ~/line.tmp ~/line; end
bind \c] dump-line
function m1lookup; printf '%s\0' $argv > ~/args.tmp; and mv ~/args.tmp ~/args; end
""",
    ),
}
ZSH_COMPINIT = "autoload -Uz compinit && compinit -u"


def available(shell: str) -> bool:
    return shutil.which(shell) is not None


def program_dir(base: Path) -> Path:
    """A folder with an ``m1lookup`` that runs this checkout's code with this interpreter."""
    folder = base / "bin"
    folder.mkdir(exist_ok=True)
    program = folder / "m1lookup"
    program.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m m1lookup "$@"\n', encoding="utf-8")
    program.chmod(0o755)
    return folder


def environment(home: Path, programs: Path) -> dict[str, str]:
    return {
        "HOME": str(home),
        "PATH": f"{programs}:/usr/local/bin:/usr/bin:/bin",
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "PYTHONUTF8": "1",
    }


def python_program(folder: Path) -> Path:
    """An ``m1lookup`` in ``folder`` that is a Python script, as pip installs it: run by path,
    m1lookup knows its own path (``python -m`` does not), and installs completion for it."""
    folder.mkdir(parents=True, exist_ok=True)
    program = folder / "m1lookup"
    program.write_text(
        f"#!{sys.executable}\nfrom m1lookup.cli.app import main\nmain()\n", encoding="utf-8"
    )
    program.chmod(0o755)
    return program


def install(
    shell: str,
    home: Path,
    programs: Path,
    compinit_first: bool = True,
    program: Path | None = None,
) -> None:
    """The start-up file of a fresh ``home`` for ``shell``, then m1lookup's installed completion,
    installed by ``program`` (by default the m1lookup in ``programs``).

    For zsh, ``compinit_first`` puts compinit before the line m1lookup appends, as most
    .zshrc files have it; otherwise after it, so that compinit autoloads m1lookup's file.
    """
    name, text = RC[shell]
    rc = home / name
    rc.parent.mkdir(parents=True, exist_ok=True)
    rc.write_text(text.replace("{compinit}", ZSH_COMPINIT if compinit_first else ""), "utf-8")
    result = subprocess.run(
        [str(program or programs / "m1lookup"), "--install-completion", shell],
        env={**environment(home, programs), "SHELL": "/bin/bash"},
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    if shell == "zsh" and not compinit_first:
        with open(rc, "a", encoding="utf-8") as file:
            file.write(ZSH_COMPINIT + "\n")


class Session:
    """An interactive ``shell`` in a pseudo-terminal, in ``cwd``, with ``home`` as HOME."""

    def __init__(self, shell: str, home: Path, programs: Path, cwd: Path) -> None:
        import pty

        self.home = home
        self.output = b""
        argv = {"bash": ["bash", "-i"], "zsh": ["zsh", "-i"], "fish": ["fish", "-i"]}[shell]
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # pragma: no cover - the child
            os.chdir(cwd)
            os.execvpe(argv[0], argv, environment(home, programs))

    def complete(self, typed: str) -> str:
        """Type ``typed``, press TAB, and return the line as the shell then holds it."""
        self._type(typed + "\t" + DUMP_KEY)
        return self._collect("line").rstrip("\n")

    def accept_suggestion(self, typed: str, shown: str | None = None, settle: float = 1.5) -> str:
        """Type ``typed``, wait for fish's autosuggestion, accept it with the right arrow, and
        return the line as the shell then holds it. The wait ends when the terminal shows
        ``shown`` (within WAIT), or with no ``shown``, after ``settle`` seconds."""
        start = len(self.output)
        self._type(typed)
        deadline = time.monotonic() + (WAIT if shown else settle)
        while time.monotonic() < deadline:
            if shown and shown.encode() in self.output[start:]:
                break
            self._drain(0.05)
        self._type(RIGHT_KEY + DUMP_KEY)
        return self._collect("line").rstrip("\n")

    def run(self) -> list[str]:
        """Press Enter; the arguments the line passed to m1lookup."""
        self._type("\r")
        return self._collect("args").split("\0")[:-1]

    def clear(self) -> None:
        self._type(CLEAR_KEY)

    def close(self) -> None:
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.fd)

    def _type(self, keys: str) -> None:
        os.write(self.fd, keys.encode("utf-8"))

    def _collect(self, name: str) -> str:
        path = self.home / name
        deadline = time.monotonic() + WAIT
        while not path.exists():
            if time.monotonic() > deadline:
                screen = self.output[-2000:].decode("utf-8", "replace")
                raise AssertionError(f"no {name} after {WAIT} s; the terminal showed:\n{screen}")
            self._drain(0.05)
        text = path.read_text(encoding="utf-8", errors="surrogateescape")
        path.unlink()
        return text

    def _drain(self, seconds: float) -> None:
        ready, _, _ = select.select([self.fd], [], [], seconds)
        if ready:
            with contextlib.suppress(OSError):  # the shell is gone
                self.output += os.read(self.fd, 65536)
