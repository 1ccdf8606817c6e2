"""The options the commands share, declared once (sqlite-utils' ``output_options``, as Typer
spells it: an ``Annotated`` type per option, used by every command that takes it).

No ``from __future__ import annotations``: Typer reads these annotations at run time.
"""

from enum import Enum
from typing import Annotated

import typer

from m1lookup.cli.shells import Shell
from m1lookup.io import streams
from m1lookup.load.dataset import ENV_VAR
from m1lookup.render.presentation import Color


class Programme(str, Enum):
    factory = "factory"
    individual = "individual"
    unconfirmed = "unconfirmed"


class SortOrder(str, Enum):
    rarity = "rarity"
    name = "name"


DataOption = Annotated[
    str | None,
    typer.Option(
        "--data",
        envvar=ENV_VAR,
        metavar="PATH",
        show_envvar=True,
        help="Read this dataset (same schema) instead of the bundled one.",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Write JSON to stdout.")]
CsvOption = Annotated[bool, typer.Option("--csv", help="Write CSV to stdout.")]
JsonlOption = Annotated[
    bool,
    typer.Option("--jsonl", help="Write JSON Lines to stdout: one compact object per line."),
]
SvgOption = Annotated[
    str | None,
    typer.Option(
        "--svg",
        metavar="FILE",
        help="Also save the picture as an SVG image ('-': write it to stdout instead).",
    ),
]
PngOption = Annotated[
    str | None,
    typer.Option(
        "--png",
        metavar="FILE",
        # The pip command depends on how m1lookup was installed (render.picture.install_command),
        # which costs a look at its metadata: the error names it, not the help.
        help="Also save the picture as a PNG image (needs the png extra; without it, --png "
        "names the pip command that adds it to this installation).",
    ),
]
ColorOption = Annotated[
    Color,
    typer.Option(
        "--color",
        case_sensitive=False,
        help="Colour on a terminal unless NO_COLOR is set (auto), also when piped (always), "
        "or none (never).",
    ),
]
NoPagerOption = Annotated[
    bool,
    typer.Option("--no-pager", help="Never send long output on a terminal through a pager."),
]


# --- the root's options: --version and completion -----------------------------------------------
# Completion runs only on a TAB or when installed: Click calls an eager option's callback on every
# run (with None when the option is absent), so the callbacks import the completion module only
# when there is something to do.


def _version(value: bool) -> None:
    if value:
        from m1lookup import version

        streams.write_out(f"m1lookup {version()}\n")
        raise typer.Exit()


def complete_colour(ctx: typer.Context, incomplete: str) -> list[str]:
    """Colour NAME's completion: the completion module is loaded on a TAB only."""
    from m1lookup.cli.completion import complete_colour

    return complete_colour(ctx, incomplete)


def _install_completion(ctx: typer.Context, shell: Shell | None) -> None:
    if shell is None:
        return
    from m1lookup.cli.completion import install_completion

    install_completion(ctx, shell)


def _show_completion(ctx: typer.Context, shell: Shell | None) -> None:
    if shell is None:
        return
    from m1lookup.cli.completion import show_completion

    show_completion(ctx, shell)


VersionOption = Annotated[
    bool,
    typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
]
InstallCompletionOption = Annotated[
    Shell | None,
    typer.Option(
        "--install-completion",
        metavar="SHELL",
        callback=_install_completion,
        is_eager=True,
        expose_value=False,
        case_sensitive=False,
        help="Install tab completion for SHELL: bash, zsh or fish.",
    ),
]
ShowCompletionOption = Annotated[
    Shell | None,
    typer.Option(
        "--show-completion",
        metavar="SHELL",
        callback=_show_completion,
        is_eager=True,
        expose_value=False,
        case_sensitive=False,
        help="Print the tab-completion script for SHELL, to install it by hand.",
    ),
]
