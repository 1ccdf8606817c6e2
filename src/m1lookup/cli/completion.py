"""Shell completion for bash, zsh and fish: what a TAB offers, and installing the scripts.

A TAB runs ``_M1LOOKUP_COMPLETE=SHELL m1lookup WORDS...`` from the script that
``--install-completion SHELL`` installs (see :mod:`m1lookup.cli.completion_shells`), and
:func:`respond` answers it before Typer parses anything. The words are matched against the
commands and options of the Typer app itself, through Click's public objects, so no command or
option is listed twice. Colour names come from :func:`complete_colour`, the ``autocompletion``
of colour's NAME argument, from the dataset of ``--data`` or M1LOOKUP_DATA.

The rules: every value starts with the word exactly as typed, so no shell replaces what was
typed; each colour is offered once, by its first spelling that fits (name, German name, aliases,
paint code in that order), so ``mon`` completes to ``monte Carlo Blue`` instead of stopping where
the alias "Monte Carlo Blau" parts from it; file names only where the help says FILE or PATH;
a TAB never blocks or prints an error: a dataset that is not a regular file within the size
limit, malformed input, or any failure gives no values; a spelling over MAX_SPELLING characters
is not offered; and zsh and fish get no value that they would insert with an invisible or bidi
character raw (m1lookup.io.text's unsafe list), while bash gets such characters as escapes.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from typing import TYPE_CHECKING, Any

import typer

from m1lookup.cli.shells import REQUEST_VAR, Shell
from m1lookup.io.errors import M1Error
from m1lookup.io.text import fold, is_safe

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from pathlib import Path

    from m1lookup.model.schema import Colour, Dataset

PROG_NAME = "m1lookup"
# zsh and fish insert these as visible escapes ($'\n', \e); any other unsafe character of
# m1lookup.io.text (U+202E, zero-width, C1 in fish) they insert raw: such a value is left out.
_SHOWN_ESCAPED = dict.fromkeys([*range(0x20), 0x7F])
_FILE_METAVARS = ("FILE", "PATH")
# Longer spellings are not offered, nor a longer word completed: _continuing is quadratic in
# the spelling's length (a 100,000-character name took 6 minutes), and no one types such a name.
MAX_SPELLING = 200
_WORD = r"[^\W_]+"  # a run of letters and digits, as text.fold separates words


# --- answering a TAB -----------------------------------------------------------------------------


def respond(app: typer.Typer) -> int:
    """Answer the completion request in the environment on stdout; the exit status."""
    try:
        records = _answer(os.environ.get(REQUEST_VAR, ""), sys.argv[1:], app)
        out = sys.stdout.buffer
        out.write(b"".join(f"{record}\0".encode("utf-8", "surrogateescape") for record in records))
        out.flush()
    except (Exception, KeyboardInterrupt):  # the words land in a command line: never a traceback
        pass
    return 0


def _answer(shell: str, argv: list[str], app: typer.Typer) -> list[str]:
    """The records for the script of ``shell``; none for a request from no script of ours."""
    from m1lookup.cli import completion_shells as shells

    if shell == Shell.bash and len(argv) == 2:
        replaced, line = argv  # readline's word, and the line up to the cursor
        parsed = shells.split_bash_line(line)
        if parsed.quote == shells.PENDING or parsed.redirect:
            return [shells.VALUES] if parsed.quote == shells.PENDING else [shells.FILES]
        words, current = parsed.words[1:], parsed.current
    elif shell in (Shell.zsh, Shell.fish) and argv:
        *words, current = argv  # unquoted by the shell, the program left out
    else:
        return []
    import typer.main

    offered = _offer(typer.main.get_command(app), words, current)
    if offered is None:
        return [shells.FILES]
    values = [value for value in offered if value.startswith(current) and "\0" not in value]
    if shell == Shell.bash:
        values = [shells.bash_insertion(replaced, v[len(current) :], parsed.quote) for v in values]
    else:  # zsh and fish would insert other unsafe characters raw (see _SHOWN_ESCAPED)
        values = [value for value in values if is_safe(value.translate(_SHOWN_ESCAPED))]
    if shell == Shell.fish:
        values = [value for value in values if "\t" not in value]  # fish: tab starts a help text
    return [shells.VALUES, *dict.fromkeys(values)]


def _offer(root: Any, words: list[str], current: str) -> list[str] | None:
    """What completes ``current`` after ``words``, or None where file names do."""
    from typer.core import TyperGroup

    if not isinstance(root, TyperGroup):
        return []
    root_ctx = root.make_context(PROG_NAME, [], resilient_parsing=True)
    command: Any = root
    ctx = root_ctx
    args: list[str] = []
    waiting: Any = None  # the option whose value the next word is
    positional_only = False
    positionals = 0
    for word in words:
        if waiting is not None:
            waiting = None
        elif positional_only or not _is_option(word):
            if command is root:
                command = root.commands.get(word)
                if command is None:
                    return []
                ctx = command.make_context(word, [], parent=root_ctx, resilient_parsing=True)
                continue
            positionals += 1
        elif word == "--":
            positional_only = True
        elif "=" not in word:
            option = _option(command, ctx, word)
            waiting = option if option is not None and _takes_value(option) else None
        if command is not root:
            args.append(word)
    if command is not root:
        ctx = command.make_context(ctx.info_name, args, parent=root_ctx, resilient_parsing=True)
    if waiting is not None:
        return _values(waiting, ctx, current)
    if not positional_only and _is_option(current):
        return _option_values(command, ctx, current)
    if command is root:
        return [name for name, sub in root.commands.items() if not sub.hidden]
    argument = _argument(command, positionals)
    values = [] if argument is None else _values(argument, ctx, current)
    if values is None or positional_only:
        return values
    return [value for value in values if not _is_option(value)]  # it would be read as an option


def _is_option(word: str) -> bool:
    return word.startswith("-") and word != "-"


def _option(command: Any, ctx: Any, name: str) -> Any:
    for param in command.get_params(ctx):
        if param.param_type_name == "option" and name in (*param.opts, *param.secondary_opts):
            return param
    return None


def _takes_value(option: Any) -> bool:
    return not (getattr(option, "is_flag", False) or getattr(option, "count", False))


def _option_values(command: Any, ctx: Any, current: str) -> list[str] | None:
    """Option names, or the values of ``--option=value``."""
    name, equals, value = current.partition("=")
    if not equals:
        return [
            option_name
            for param in command.get_params(ctx)
            if param.param_type_name == "option" and not getattr(param, "hidden", False)
            for option_name in (*param.opts, *param.secondary_opts)
        ]
    option = _option(command, ctx, name)
    values = _values(option, ctx, value) if option is not None and _takes_value(option) else []
    return None if values is None else [f"{name}={value}" for value in values]


def _argument(command: Any, index: int) -> Any:
    """The argument that the positional word number ``index`` (from 0) fills."""
    for param in command.params:
        if param.param_type_name != "argument":
            continue
        if param.nargs < 0 or index < param.nargs:
            return param
        index -= param.nargs
    return None


def _values(param: Any, ctx: Any, incomplete: str) -> list[str] | None:
    if (param.metavar or "").strip("[]. ") in _FILE_METAVARS:
        return None
    return [str(item.value) for item in param.shell_complete(ctx, incomplete)]


# --- colour names --------------------------------------------------------------------------------


def complete_colour(ctx: typer.Context, incomplete: str) -> list[str]:
    """The ``autocompletion`` of colour's NAME argument. Runs on every TAB: stays free of Rich."""
    dataset = _dataset(ctx)
    return [] if dataset is None else colour_completions(dataset.colours, incomplete)


def _dataset(ctx: typer.Context) -> Dataset | None:
    """The dataset of --data or M1LOOKUP_DATA (else the bundled one), if it can be read at once.

    A FIFO or a device would block or never end, so only a regular file within the size limit
    is read, and any problem with it gives None: completion has nowhere to report it.
    """
    from m1lookup.io.limits import MAX_INPUT_BYTES
    from m1lookup.load.dataset import load

    path = ctx.params.get("data")
    if path is not None:
        source = ctx.get_parameter_source("data")
        if source is not None and source.name == "COMMANDLINE":
            path = os.path.expanduser(path)  # the shell expands ~ only when the line runs
        try:
            info = os.stat(path)
        except (OSError, ValueError):  # "" or a NUL: no such file
            return None
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_INPUT_BYTES:
            return None
    try:
        return load(path)
    except Exception:
        return None


def colour_completions(colours: Iterable[Colour], typed: str) -> list[str]:
    """The values that complete ``typed`` as a colour name, each starting with ``typed`` itself.

    A colour is offered when the typed text starts one of its spellings, folded as lookup folds
    (case, diacritics, separators), by the first such spelling; with ``typed`` empty, that is
    every colour's name. Failing that, when every typed word starts a word of a colour's
    spellings (as lookup matches words), the last word is completed: ``o`` gives ``orange``.
    """
    if len(typed) > MAX_SPELLING:
        return []
    key = fold(typed)
    if typed and not key:  # only punctuation or symbols: nothing to match
        return []
    colours = tuple(colours)
    values = list(_by_prefix(colours, typed, key)) or list(_by_word(colours, typed, key))
    return list(dict.fromkeys(values))


def _by_prefix(colours: tuple[Colour, ...], typed: str, key: str) -> Iterator[str]:
    for colour in colours:
        for spelling in _offered_spellings(colour):
            value = _continuing(typed, spelling) if fold(spelling).startswith(key) else None
            if value is not None:
                yield value
                break


def _by_word(colours: tuple[Colour, ...], typed: str, key: str) -> Iterator[str]:
    last = re.search(_WORD + "$", typed)
    if last is None:  # the typed text ends between words
        return
    head, last_key = typed[: last.start()], fold(last.group())
    for colour in colours:
        words = [word for s in _offered_spellings(colour) for word in re.findall(_WORD, s)]
        folded = [fold(word) for word in words]
        if not all(any(f.startswith(typed_word) for f in folded) for typed_word in key.split()):
            continue
        for word, folded_word in zip(words, folded, strict=True):
            value = _continuing(last.group(), word) if folded_word.startswith(last_key) else None
            if value is not None:
                yield head + value
                break


def _offered_spellings(colour: Colour) -> Iterator[str]:
    from m1lookup.lookup.query import spellings

    # Ids are left out: they fold to the names. So are spellings over MAX_SPELLING.
    return (
        spelling
        for spelling, _ in spellings(colour)
        if spelling != colour.id and len(spelling) <= MAX_SPELLING
    )


def _continuing(typed: str, spelling: str) -> str | None:
    """``spelling`` rewritten to start with ``typed`` and still fold to the same key, or None.

    ``MON`` and "Monte Carlo Blue" give ``MONte Carlo Blue``; ``java gru`` and "Java Grün" give
    ``java grun``; ``alpinweis`` and "Alpinweiß" give ``alpinweiss``.
    """
    if spelling.startswith(typed):
        return spelling
    if spelling[: len(typed)].casefold() == typed.casefold():
        return typed + spelling[len(typed) :]
    key, whole = fold(typed), fold(spelling)
    for end in range(1, len(spelling) + 1):  # the shortest start that folds alike
        if fold(spelling[:end]) == key and fold(typed + spelling[end:]) == whole:
            return typed + spelling[end:]
    folded = typed + whole[len(key) :]  # "ß" has no start that folds to "s"
    return folded if whole.startswith(key) and fold(folded) == whole else None


# --- --show-completion and --install-completion --------------------------------------------------


def show_completion(ctx: typer.Context, shell: Shell | None) -> None:
    """``--show-completion SHELL``: print the script that --install-completion installs."""
    if shell is None or ctx.resilient_parsing:
        return
    from m1lookup.cli.completion_shells import script

    sys.stdout.write(script(shell.value, this_program()))
    raise typer.Exit()


def install_completion(ctx: typer.Context, shell: Shell | None) -> None:
    """``--install-completion SHELL``: write the script where SHELL loads it from."""
    if shell is None or ctx.resilient_parsing:
        return
    from m1lookup.io.files import FileWriteError
    from m1lookup.io.streams import report
    from m1lookup.io.text import safe

    failed = f"cannot install {shell.value} completion"
    try:
        done = _install(shell)
    except (InstallError, FileWriteError) as error:
        raise M1Error(f"{failed}: {error.message}") from None
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        raise M1Error(f"{failed}: {where}{error.strerror or error}") from None
    for line in done:
        report(safe(line))
    raise typer.Exit()


class InstallError(M1Error):
    """Completion cannot be installed (exit 2)."""


def this_program() -> str | None:
    """The path of the running m1lookup program, or None when run otherwise (``python -m``)."""
    path = sys.argv[0] if sys.argv else ""
    if os.path.basename(path) != PROG_NAME or not os.access(path, os.X_OK):
        return None
    return os.path.abspath(path)


def install_locations(shell: Shell) -> tuple[Path, Path | None, str]:
    """Where ``shell``'s script goes, the start-up file that loads it (if any) and its line."""
    from pathlib import Path

    from m1lookup.cli.completion_shells import single_quoted

    home = _home()
    if shell is Shell.bash:  # Typer's places: reinstalling replaces Typer's script
        script = home / ".bash_completions" / "m1lookup.sh"
        return script, home / ".bashrc", f"source {single_quoted(str(script))}"
    if shell is Shell.zsh:
        folder = home / ".zfunc"
        # Found by compinit when it runs later; registered at once when it has already run.
        line = (
            f"fpath+=({single_quoted(str(folder))}); (( $+functions[compdef] )) && "
            "autoload -Uz _m1lookup && compdef _m1lookup m1lookup"
        )
        zdotdir = os.environ.get("ZDOTDIR")
        return (
            folder / "_m1lookup",
            (_folder("ZDOTDIR", zdotdir) if zdotdir else home) / ".zshrc",
            line,
        )
    config = os.environ.get("XDG_CONFIG_HOME", "")
    base = Path(config) if os.path.isabs(config) else home / ".config"  # XDG: relative is unset
    return base / "fish" / "completions" / "m1lookup.fish", None, ""  # fish autoloads it


def _home() -> Path:
    """HOME, or the password database's home when HOME is unset, as the shells read them.

    An empty or relative HOME would put the files in / or in the current folder, and a user id
    with no entry (``docker run --user 1234``) has no home at all: each is an InstallError.
    """
    home = os.environ.get("HOME")
    if home is None:
        import pwd

        try:
            home = pwd.getpwuid(os.getuid()).pw_dir
        except KeyError:
            raise InstallError(
                f"HOME is not set and user id {os.getuid()} has no entry in the password "
                "database; set HOME to your home folder"
            ) from None
    return _folder("HOME", home)


def _folder(name: str, value: str) -> Path:
    """The folder that the variable ``name`` holds; an InstallError if empty or relative."""
    from pathlib import Path

    if not value:
        raise InstallError(f"{name} is empty; set it to the full path of a folder")
    if not os.path.isabs(value):
        raise InstallError(
            f"{name} is not a full path ({value!r}); set it to the full path of a folder"
        )
    return Path(value)


def _install(shell: Shell) -> list[str]:
    from m1lookup.cli.completion_shells import script as script_text
    from m1lookup.io.files import write_atomically

    script, startup, line = install_locations(shell)
    if startup is not None:  # refused before anything is written
        _regular_or_missing(startup)
    script.parent.mkdir(parents=True, exist_ok=True)
    # A script that links into a dotfiles folder is rewritten there; the link stays.
    text = script_text(shell.value, this_program())
    write_atomically(str(script), text.encode("utf-8"), protected=None)
    done = [f"wrote {script}"]
    if startup is not None and _append_once(startup, f"{line}  # m1lookup completion", line):
        done.append(f"added one line to {startup}: {line}")
    if shell is Shell.zsh:
        done.extend(_zsh_compinit_advice(startup))
    else:
        done.append(f"{shell.value} completion works in {shell.value} sessions started from now on")
    return done


def _regular_or_missing(path: Path) -> None:
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return
    if not stat.S_ISREG(mode):
        raise InstallError(f"{path}: not a regular file")


def _append_once(path: Path, line: str, marker: str) -> bool:
    """Append ``line`` to ``path`` unless a line holds ``marker``; whether it was appended.

    Appending keeps the file (and a symlink to it, as dotfile managers make) as it is. Opened
    without blocking and refused unless a regular file: a FIFO there would hang the install.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    flags = os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    descriptor = os.open(path, flags, 0o666)
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):
        os.close(descriptor)
        raise InstallError(f"{path}: not a regular file")
    with open(descriptor, "rb+") as file:
        existing = file.read().decode("utf-8", "replace")
        if any(marker in old for old in existing.splitlines()):
            return False
        file.write(
            (("\n" if existing and not existing.endswith("\n") else "") + line + "\n").encode()
        )
    return True


# --- zsh: does compinit run? -------------------------------------------------------------------

COMPINIT_LINE = "autoload -Uz compinit && compinit"
_ZSH_CHECK_SECONDS = 10
_COMPDEF_MARK = "m1lookup-compdef="


def _zsh_compinit_advice(zshrc: Path | None) -> list[str]:
    """What to tell the user after installing for zsh, from whether compinit runs in their zsh."""
    runs = zsh_runs_compinit()
    if runs:
        return ["zsh completion works in zsh sessions started from now on"]
    if runs is None:
        problem = "could not check that zsh's completion system (compinit) starts in your zsh"
    else:
        problem = (
            "zsh's completion system is off: compinit did not run in 'zsh -i', "
            "so TAB offers nothing"
        )
    return [f"{problem}; add this line to the end of {zshrc}: {COMPINIT_LINE}"]


def zsh_runs_compinit() -> bool | None:
    """Whether compinit has run (compdef is defined) once an interactive zsh has read its
    start-up files, as the user's new sessions will; None when zsh cannot tell in time.

    Asking zsh itself is the honest check: compinit may come from /etc/zsh/zshrc (Ubuntu), a
    framework or a plugin manager, none of which a look at .zshrc would see.
    """
    import shutil
    import subprocess

    zsh = shutil.which("zsh")
    if zsh is None:
        return None
    command = f"print -r -- {_COMPDEF_MARK}${{+functions[compdef]}}"
    try:
        process = subprocess.Popen(
            [zsh, "-i", "-c", command],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # its own group: a start-up file's children end with it
        )
    except OSError:
        return None
    try:
        output, _ = process.communicate(timeout=_ZSH_CHECK_SECONDS)
    except subprocess.TimeoutExpired:
        import signal

        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        return None
    for line in reversed(output.decode("utf-8", "replace").splitlines()):
        if line.startswith(_COMPDEF_MARK):
            return line == f"{_COMPDEF_MARK}1"
    return None
