"""``--color auto|always|never`` against NO_COLOR and FORCE_COLOR, on a terminal and in a pipe.

Checked on the ANSI codes of the output: colour codes (SGR 30-49, 90-107), any escape at all,
and the swatch, which is a coloured block only where colour is shown. Every case runs in-process
on a made-up terminal or pipe; a few also run the real console script on a pseudo-terminal or a
pipe, to show that the made-up ones stand for the real ones.
"""

from __future__ import annotations

import re

import pytest

from m1lookup.render.presentation import Color
from m1lookup.render.terminal import console_settings
from tests.conftest import (
    POSIX,
    SGR,
    RunCli,
    colour_parameters,
    in_terminal,
    on_fake_terminal,
    run_cli,
    run_process,
)

MONTE_CARLO = ("colour", "Monte Carlo Blue")
COLOURED, BOLD_ONLY, PLAIN = "coloured", "bold only", "plain"


def looks(output: bytes) -> str:
    if colour_parameters(output):
        return COLOURED
    return BOLD_ONLY if b"\x1b" in output else PLAIN


# (where, environment, --color, what the output looks like)
CASES = [
    ("pipe", {}, "auto", PLAIN),
    ("pipe", {}, "always", COLOURED),
    ("pipe", {}, "never", PLAIN),
    ("pipe", {"NO_COLOR": "1"}, "always", COLOURED),
    ("pipe", {"FORCE_COLOR": "1"}, "auto", COLOURED),
    ("pipe", {"FORCE_COLOR": "0"}, "auto", COLOURED),  # any value that is not empty
    ("pipe", {"FORCE_COLOR": ""}, "auto", PLAIN),
    ("pipe", {"FORCE_COLOR": "1"}, "never", PLAIN),
    ("pipe", {"FORCE_COLOR": "1", "NO_COLOR": "1"}, "auto", COLOURED),  # force-color.org
    ("pipe", {"TERM": "dumb"}, "always", COLOURED),
    ("terminal", {}, "auto", COLOURED),
    ("terminal", {}, "always", COLOURED),
    ("terminal", {}, "never", PLAIN),
    ("terminal", {"NO_COLOR": "1"}, "auto", BOLD_ONLY),  # no-color.org: colour only
    ("terminal", {"NO_COLOR": ""}, "auto", COLOURED),
    ("terminal", {"NO_COLOR": "1"}, "always", COLOURED),
    ("terminal", {"NO_COLOR": "1"}, "never", PLAIN),
    ("terminal", {"FORCE_COLOR": ""}, "auto", COLOURED),  # Rich alone would say: no terminal
    ("terminal", {"FORCE_COLOR": "1"}, "never", PLAIN),
    ("terminal", {"TERM": "dumb"}, "auto", PLAIN),
    ("terminal", {"TERM": "dumb"}, "always", COLOURED),
]


def case_id(case: tuple[str, dict[str, str], str, str]) -> str:
    where, env, choice, _ = case
    variables = " ".join(f"{k}={v!r}" for k, v in env.items())
    return f"{where} --color {choice} {variables}".strip()


def draw(where: str, env: dict[str, str], *args: str, real: bool = False) -> tuple[int, bytes]:
    """In-process (a pipe is CliRunner's stdout), or with ``real`` the console script."""
    variables = {"TERM": "xterm-256color", **env}
    if where == "pipe" and real:
        result = run_process(*args, env=variables)
        return result.returncode, result.stdout
    if where == "pipe":
        result = run_cli(*args, env={**variables})
        return result.exit_code, result.stdout.encode()
    code, out, _ = (in_terminal if real else on_fake_terminal)(*args, **variables)
    return code, out


# Run by the real console script too: a pipe and a terminal, coloured, bold only and plain.
REAL = [CASES[1], CASES[4], CASES[10], CASES[13], CASES[19]]


@pytest.mark.parametrize(("where", "env", "choice", "expected"), CASES, ids=map(case_id, CASES))
def test_color_choice_and_environment(
    where: str, env: dict[str, str], choice: str, expected: str
) -> None:
    check_colour_choice(where, env, choice, expected, real=False)


@POSIX
@pytest.mark.parametrize(("where", "env", "choice", "expected"), REAL, ids=map(case_id, REAL))
def test_color_choice_of_the_console_script(
    where: str, env: dict[str, str], choice: str, expected: str
) -> None:
    check_colour_choice(where, env, choice, expected, real=True)


def check_colour_choice(
    where: str, env: dict[str, str], choice: str, expected: str, real: bool
) -> None:
    code, out = draw(where, env, *MONTE_CARLO, "--color", choice, real=real)
    assert code == 0
    assert looks(out) == expected
    # The swatch block is drawn only where colour is seen; its description always is.
    assert ("██ #1F4E8C approximate" in SGR.sub(b"", out).decode()) == (expected == COLOURED)
    assert b"#1F4E8C approximate" in out


def test_the_default_is_auto(run: RunCli) -> None:
    assert run(*MONTE_CARLO).stdout == run(*MONTE_CARLO, "--color", "auto").stdout


@pytest.mark.parametrize(
    "args",
    [
        ["colour", "Monte Carlo Blue"],
        ["list"],
        ["stats"],
        ["sources"],
        ["markets"],
        ["tally", "-"],
        ["check", "Monte Carlo Blue", "2"],
        ["validate"],
    ],
    ids=" ".join,
)
def test_every_command_takes_color(run: RunCli, args: list[str]) -> None:
    stdin = "colour\nAlpinweiss\n" if args == ["tally", "-"] else None
    always = run(*args, "--color", "always", input=stdin)
    never = run(*args, "--color", "never", "--no-pager", input=stdin)
    assert (always.exit_code, never.exit_code) == (0, 0)
    assert "\x1b[" in always.stdout
    assert "\x1b" not in never.stdout
    # The same text but for the swatch's block, which may wrap a line of its row elsewhere, and
    # the sources' titles, which are links (OSC 8) where the output is styled.
    uncoloured = OSC8.sub(b"", SGR.sub(b"", always.stdout.encode())).decode()
    assert flat(uncoloured).replace("██#", "#") == flat(never.stdout)


OSC8 = re.compile(rb"\x1b]8;[^\x1b\x07]*(?:\x1b\\|\x07)")


def flat(output: str) -> str:
    return "".join(output.replace("│", "").split())


def test_color_does_not_touch_json(run: RunCli) -> None:
    """Machine output is never coloured, whatever is asked."""
    assert (
        run(*MONTE_CARLO, "--json", "--color", "always").stdout
        == run(*MONTE_CARLO, "--json").stdout
    )
    assert "\x1b" not in run("list", "--csv", "--color", "always").stdout


def test_swatch_is_described_without_colour(run: RunCli) -> None:
    """In a pipe: the hex and "approximate", no block that would show nothing of the colour."""
    out = run(*MONTE_CARLO).stdout
    assert "█" not in out
    swatch = next(line for line in out.splitlines() if "Swatch" in line)
    assert swatch.startswith("│ Swatch       #1F4E8C approximate (display approximation")


def test_picture_keeps_the_swatch_block_when_the_terminal_has_no_colour(run: RunCli) -> None:
    """A picture has its colours whatever the terminal: the block is drawn in the SVG (as a
    rectangle of its two cells, the same size in every font)."""
    svg = run(*MONTE_CARLO, "--svg", "-", env={"TERM": "dumb", "NO_COLOR": "1"}).stdout
    assert re.search(
        r'<rect class="[^"]+" x="[\d.]+" y="[\d.]+" width="24" [^>]*fill="#1f4e8c"', svg
    )


@pytest.mark.parametrize(
    ("choice", "env", "isatty", "settings"),
    [
        (Color.AUTO, {}, True, (True, False, "auto")),
        (Color.AUTO, {}, False, (False, False, "auto")),
        (Color.AUTO, {"NO_COLOR": "x"}, True, (True, True, "auto")),
        (Color.AUTO, {"FORCE_COLOR": "x"}, False, (True, False, "auto")),
        (Color.ALWAYS, {"TERM": "dumb"}, False, (True, False, "standard")),
        (Color.NEVER, {"FORCE_COLOR": "1"}, True, (True, True, None)),
    ],
)
def test_console_settings(
    choice: Color, env: dict[str, str], isatty: bool, settings: tuple[bool, bool, str | None]
) -> None:
    """Rich's Console arguments (force_terminal, no_color, color_system) for each case."""
    assert tuple(console_settings(choice, env, isatty).values()) == settings
