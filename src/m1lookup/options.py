"""The options the commands share, declared once (sqlite-utils' ``output_options``, as Typer
spells it: an ``Annotated`` type per option, used by every command that takes it).

No ``from __future__ import annotations``: Typer reads these annotations at run time.
"""

from enum import Enum
from typing import Annotated, Optional

import typer

from m1lookup.dataset import ENV_VAR
from m1lookup.presentation import Color

# Set by m1lookup's completion scripts; also Typer's name for it, so its old scripts reach us.
REQUEST_VAR = "_M1LOOKUP_COMPLETE"


class Shell(str, Enum):
    bash = "bash"
    zsh = "zsh"
    fish = "fish"


class Programme(str, Enum):
    factory = "factory"
    individual = "individual"
    unconfirmed = "unconfirmed"


class SortOrder(str, Enum):
    rarity = "rarity"
    name = "name"


DataOption = Annotated[
    Optional[str],  # noqa: UP045 - Typer reads this annotation at run time, also on Python 3.10
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
    Optional[str],  # noqa: UP045
    typer.Option(
        "--svg",
        metavar="FILE",
        help="Also save the picture as an SVG image ('-': write it to stdout instead).",
    ),
]
PngOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--png",
        metavar="FILE",
        help="Also save the picture as a PNG image (needs: pip install 'm1lookup[png]').",
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
