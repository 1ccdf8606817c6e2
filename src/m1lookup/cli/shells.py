"""The shells m1lookup completes in, and how their scripts ask for an answer."""

from enum import Enum

# Set by m1lookup's completion scripts; also Typer's name for it, so its old scripts reach us.
REQUEST_VAR = "_M1LOOKUP_COMPLETE"


class Shell(str, Enum):
    bash = "bash"
    zsh = "zsh"
    fish = "fish"
