"""Usage errors in the tool's own one-line style, and examples at the end of every help page.

Typer prints Click's usage errors as a usage line, a hint and a boxed panel. The group here
prints the tool's two lines instead, on stderr, and exits 2::

    m1lookup: error: no command 'colur'. Did you mean 'colour'?
    m1lookup: try 'm1lookup --help'

What the user typed is shown with control and bidi characters escaped (``m1lookup.io.text.safe``).
Imported at every start (the app's group class), so it imports nothing that Typer has not.
"""

from __future__ import annotations

import sys
from collections.abc import MutableMapping
from difflib import get_close_matches  # already imported by typer.core
from typing import IO, TYPE_CHECKING, Any, ClassVar, cast

import typer.main

# Typer 0.28 vendors Click as ``typer._click`` and re-exports only BadParameter of its exceptions.
# UsageError (the base of every usage error) and its kinds are reached in the vendored module:
# the ``click`` package, where installed, is another class tree that Typer never raises.
from typer._click import Context
from typer._click.exceptions import ClickException, NoArgsIsHelpError, NoSuchOption, UsageError
from typer.core import TyperGroup
from typer.exceptions import Abort

from m1lookup.io.errors import PROG, ExitCode, M1Error, UsageProblem
from m1lookup.io.streams import fail, report, report_error
from m1lookup.io.text import safe

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

    from typer._click import Command

EXAMPLES = "Examples:"


class Group(TyperGroup):
    """The app's group: one-line usage errors, and each docstring's examples after its options.

    ``declared``: commands each declared on a Typer app of its own, by name, in order. The group
    builds one only when it is asked for (:class:`Commands`): Typer builds every command of an
    app at once, reading each function's parameters, and a run needs only the one it runs.
    """

    declared: ClassVar[Mapping[str, typer.Typer]] = {}

    def __init__(self, **settings: Any) -> None:
        super().__init__(**settings)
        _prepare(self)
        for command in self.commands.values():
            _prepare(command)
        if self.declared:
            self.commands = Commands(self.declared, _prepare, self.commands)

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        """Typer's main, run with ``standalone_mode=False`` so that its errors come here
        instead of to its panel printer; then exit as standalone mode would.

        The one place where the command line catches: Click's errors and m1lookup's own
        (:class:`~m1lookup.io.errors.M1Error`) become a line on stderr and an exit code."""
        try:
            outcome = super().main(
                args,
                prog_name,
                complete_var,
                standalone_mode=False,
                windows_expand_args=windows_expand_args,
                **extra,
            )
        except NoArgsIsHelpError as error:  # bare ``m1lookup``: the help, on stdout
            if error.format_message():  # without Rich, Click returns it instead of printing it
                sys.stdout.write(f"{error.format_message()}\n")
            outcome = ExitCode.USAGE
        except UsageError as error:
            report_error(one_line(error))
            report(f"try '{help_of(error)}'")
            outcome = ExitCode.USAGE
        except ClickException as error:
            report_error(_flat(safe(error.format_message())))
            outcome = error.exit_code
        except Abort:  # Click's name for Ctrl-C or end of input at a prompt: not a miss
            report_error("aborted")
            outcome = ExitCode.INTERRUPTED
        except M1Error as error:
            outcome = fail(error)
        if not standalone_mode:
            return outcome
        sys.exit(outcome if isinstance(outcome, int) else 0)

    def invoke(self, ctx: Context) -> Any:
        """Click's parser raises some errors ("Option '--column' requires an argument") without
        their command: give them the command, for the help hint to name it."""
        try:
            return super().invoke(ctx)
        except UsageProblem as problem:  # options the engine found at odds: a usage error too
            raise self._in_command(ctx, UsageError(problem.message)) from None
        except UsageError as error:
            raise self._in_command(ctx, error)  # noqa: B904 - the same error, with its command

    def _in_command(self, ctx: Context, error: UsageError) -> UsageError:
        name = ctx.invoked_subcommand
        command = self.get_command(ctx, name) if name else None
        if error.ctx is None and command is not None:
            error.ctx = Context(command, parent=ctx, info_name=name)
        return error

    def resolve_command(
        self, ctx: Context, args: list[str]
    ) -> tuple[str | None, Command | None, list[str]]:
        """Click's "No such command" reworded, suggesting only commands that help lists."""
        try:
            return super().resolve_command(ctx, args)
        except UsageError as error:
            if type(error) is not UsageError or self.get_command(ctx, args[0]) is not None:
                raise  # an unknown option before the command, say
            visible = [name for name, command in self.commands.items() if not command.hidden]
            raise UsageError(unknown("command", args[0], visible), ctx) from None


def _prepare(command: Command) -> None:
    """The examples of ``command``'s docstring after its options; help without trailing spaces."""
    command.help, examples = split_examples(command.help)
    command.epilog = command.epilog or examples
    command.format_help = _without_trailing_spaces(command.format_help)  # type: ignore[method-assign]


class Commands(MutableMapping[str, "Command"]):
    """A group's commands by name, in order: each declared one is built (with Typer's
    documented ``typer.main.get_command``) and prepared when it is first asked for. Help, usage
    errors and completion ask for every command they list; a run asks for one."""

    def __init__(
        self,
        declared: Mapping[str, typer.Typer],
        prepare: Callable[[Command], None],
        built: Mapping[str, Command],
    ) -> None:
        self._declared = declared
        self._prepare = prepare
        self._built = dict(built)

    def __getitem__(self, name: str) -> Command:
        command = self._built.get(name)
        if command is None:
            command = typer.main.get_command(self._declared[name])  # KeyError: no such command
            self._prepare(command)
            self._built[name] = command
        return command

    def __setitem__(self, name: str, command: Command) -> None:
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        raise TypeError("a declared command cannot be removed")

    def __iter__(self) -> Iterator[str]:
        return iter({**dict.fromkeys(self._declared), **dict.fromkeys(self._built)})

    def __len__(self) -> int:
        return len(set(self._declared) | set(self._built))


class _Stripped:
    """A stream that writes each line without the spaces Rich pads it with to the width."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        from m1lookup.io.text import without_trailing_spaces

        return self.stream.write(without_trailing_spaces(text))

    def flush(self) -> None:
        self.stream.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


def _without_trailing_spaces(format_help: Any) -> Any:
    """``format_help`` with Typer's help console writing through :class:`_Stripped`."""

    def formatted(ctx: Context, formatter: Any) -> Any:
        from typer import rich_utils

        console_of = rich_utils._get_rich_console

        def stripped(stderr: bool = False) -> Any:
            console = console_of(stderr)
            console.file = cast("IO[str]", _Stripped(console.file))
            return console

        rich_utils._get_rich_console = stripped
        try:
            return format_help(ctx, formatter)
        finally:
            rich_utils._get_rich_console = console_of

    return formatted


def one_line(error: UsageError) -> str:
    """Click's message as one line in the tool's style: lower case, no full stop, user text
    escaped. Click lays some messages out over lines ("Choose from:" and a list): joined."""
    if isinstance(error, NoSuchOption):
        elsewhere = other_commands_option(error)
        return elsewhere or unknown("option", error.option_name, error.possibilities or ())
    if error.message.startswith("no command "):  # already ours (resolve_command)
        return error.message
    error.message = safe(error.message)  # what was typed; Click's own layout comes next
    message = _flat(error.format_message()).rstrip(".")
    if message[:2].istitle():  # "Missing argument 'NAME...'", not "NAME is ..."
        message = message[0].lower() + message[1:]
    return message


def unknown(kind: str, typed: str, choices: Iterable[str]) -> str:
    """``no option '--jsno'. Did you mean '--json'?``: the one choice that starts with what was
    typed (``st``: ``stats``), else the closest, if one is close."""
    choices = list(choices)
    message = f"no {kind} '{safe(typed)}'"
    starting = [choice for choice in choices if choice.startswith(typed)]
    closest = starting if len(starting) == 1 else get_close_matches(typed, choices, n=1)
    return f"{message}. Did you mean '{closest[0]}'?" if closest else message


OUTPUT_FORMATS = ("--json", "--jsonl", "--csv")


def other_commands_option(error: NoSuchOption) -> str | None:
    """For an option that only other commands take, what this command offers instead:
    ``colour`` has no ``--csv``, and its nearest spelling (``--svg``) is not what was meant::

        no option '--csv' for 'colour': its output formats are --json and --jsonl

    None when no other command takes the option."""
    ctx, typed = error.ctx, error.option_name
    if ctx is None or ctx.parent is None or not isinstance(ctx.parent.command, TyperGroup):
        return None
    takers = [
        name
        for name, command in ctx.parent.command.commands.items()
        if not command.hidden and any(typed in param.opts for param in command.params)
    ]
    if not takers:
        return None
    where = f"no option '{typed}' for '{safe(ctx.info_name or '')}'"
    if typed in OUTPUT_FORMATS:
        offered = [opt for param in ctx.command.params for opt in param.opts]
        formats = [option for option in OUTPUT_FORMATS if option in offered]
        are = "formats are" if len(formats) > 1 else "format is"
        return f"{where}: its output {are} {' and '.join(formats)}"
    return f"{where}; {_listed(takers)} take{'s' if len(takers) == 1 else ''} it"


def _listed(names: Sequence[str]) -> str:
    quoted = [f"'{name}'" for name in names]
    return ", ".join(quoted[:-1]) + f" and {quoted[-1]}" if len(quoted) > 1 else quoted[0]


def help_of(error: UsageError) -> str:
    """The help command for where the error was: ``m1lookup list --help``."""
    path = error.ctx.command_path if error.ctx is not None else PROG
    return f"{safe(path)} --help"


def _flat(message: str) -> str:
    return " ".join(message.split())


def split_examples(help_text: str | None) -> tuple[str | None, str | None]:
    """A docstring's text before its "Examples:" section, and the section itself.

    The section becomes the help page's epilog, which Typer prints after the options, with its
    line breaks kept. Typer dedents the epilog as a docstring, by the indentation common to all
    lines but the first: the leading newline makes the heading a later line, so that the
    examples keep their indentation.
    """
    if not help_text:
        return help_text, None
    before, heading, examples = help_text.partition(f"\n{EXAMPLES}\n")
    if not heading:
        return help_text, None
    return before.rstrip(), f"\n{EXAMPLES}\n{examples.rstrip()}"
