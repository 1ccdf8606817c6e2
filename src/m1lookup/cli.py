"""The command line: parse with Typer, ask the engine, hand the answer to a renderer.

Exit codes: 0 everything was found, 1 something was not found (or ``validate`` found problems),
2 usage error or unreadable data. Data goes to stdout; errors, suggestions and hints to stderr.
Rich is imported only by commands that draw for people, never on the ``--json`` path.
"""

# No ``from __future__ import annotations``: Typer reads the commands' annotations at every start,
# and evaluating them from strings cost 2 ms. Names imported only for type checking are quoted.
import signal

# Ctrl-C while the modules below load (most of the start-up) ends the process at once, without a
# traceback, as a shell expects; main() then turns signals into exceptions, so that a file being
# written is cleaned up (m1lookup.streams). An inherited "ignore" stays.
if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
    signal.signal(signal.SIGINT, signal.SIG_DFL)

import contextlib
import gc
import os
import sys
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, Optional

import typer
from typer.core import TyperGroup

from m1lookup import __version__, streams
from m1lookup.dataset import ENV_VAR, DataError
from m1lookup.text import preview, safe

if TYPE_CHECKING:
    from collections.abc import Iterator

    from rich.console import RenderableType

    from m1lookup.dataset import Dataset
    from m1lookup.query import NotFound, Outcome, Rarity

EXIT_OK = 0
EXIT_NOT_FOUND = 1
EXIT_USAGE = 2
STDIN_MARK = "-"


@contextlib.contextmanager
def _escaped_usage_errors() -> "Iterator[None]":
    from typer._click.exceptions import ClickException  # Typer 0.28 vendors Click

    try:
        yield
    except ClickException as error:
        error.message = safe(error.message)
        raise


class _Group(TyperGroup):
    """Click quotes what was typed in its usage errors ("No such option: --x", "No such command
    'x'"), and Typer prints them as they are: escape control and bidi characters first."""

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        with _escaped_usage_errors():
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx: Any) -> Any:
        with _escaped_usage_errors():
            return super().invoke(ctx)


app = typer.Typer(
    cls=_Group,
    name="m1lookup",
    help="How rare is this BMW 1M's colour? Sourced counts for the BMW 1 Series M Coupé (E82).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Programme(str, Enum):
    factory = "factory"
    individual = "individual"
    unconfirmed = "unconfirmed"


class SortOrder(str, Enum):
    rarity = "rarity"
    name = "name"


# --- shell completion --------------------------------------------------------------------------

COMPLETE_VAR = "_M1LOOKUP_COMPLETE"  # Typer's, from the program name: "complete_bash" and so on


class _Completion(str):
    """A completion value that Typer hands to the shell unfiltered.

    Typer drops every value that does not start with the word as typed, after it has removed
    the word's quotes and backslashes. Bash inserts values verbatim, so for a typed ``Monte\\ Car``
    the value must be ``Monte\\ Carlo\\ Blue``, which does not start with ``Monte Car``. The
    engine has already chosen the values (ColourIndex.completions), so nothing is left to drop.
    """

    def startswith(self, *_: object) -> bool:
        return True


def _complete_colour(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion for colour names; runs on every TAB, so it must stay free of Rich."""
    from m1lookup.query import ColourIndex

    try:
        dataset = _dataset_or_raise(ctx.params.get("data"))
        values = ColourIndex(dataset.colours).completions(incomplete)
    except Exception:  # the output lands in the user's command line: no values, no traceback
        return []
    if os.environ.get(COMPLETE_VAR) == "complete_bash":
        open_quote = _bash_open_quote()
        values = [_bash_quoted(value, open_quote) for value in values]
    return [_Completion(value) for value in values]


def _bash_open_quote() -> str:
    """The quote the word being completed opens (``'``, ``"``), or "" when it is unquoted.

    Typer's bash script passes the words as typed, one per line, in COMP_WORDS.
    """
    words = os.environ.get("COMP_WORDS", "").split("\n")
    try:
        word = words[int(os.environ.get("COMP_CWORD", ""))]
    except (ValueError, IndexError):
        return ""
    return word[:1] if word[:1] in ("'", '"') else ""


def _bash_quoted(value: str, open_quote: str) -> str:
    """``value`` as bash must insert it, so that ``Monte Carlo Blue`` stays one argument.

    Bash inserts completions verbatim: inside an open quote, or else with backslashes. Zsh and
    fish quote what they insert themselves.
    """
    import re

    if open_quote == "'":
        return value.replace("'", "'\\''")
    if open_quote == '"':
        return re.sub(r'(["\\$`])', r"\\\1", value)
    return re.sub(r"([^\w@%+=:,./-])", r"\\\1", value)


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
SvgOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--svg",
        metavar="FILE",
        help="Also save the picture as an SVG image ('-': write it to stdout instead).",
    ),
]


# --- plumbing ----------------------------------------------------------------------------------


def _fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    _hint(f"error: {message}")
    raise typer.Exit(code)


def _hint(message: str) -> None:
    streams.write_err(f"m1lookup: {message}")


def _write(output: str | bytes) -> None:
    """Write machine output as UTF-8 whatever the locale: JSON and CSV are UTF-8 by definition."""
    streams.write_out(output)


def _dataset_or_raise(path: str | None) -> "Dataset":
    from m1lookup.dataset import load

    return load(path or None)


def _dataset(path: str | None) -> "Dataset":
    try:
        return _dataset_or_raise(path)
    except DataError as error:
        _fail(safe(str(error)))


def _show(renderable: "RenderableType") -> None:
    from m1lookup.render.console import make_console

    console = make_console()
    with console.capture() as drawn:  # drawn as for stdout, then written by the one writer
        console.print(renderable)
    streams.write_text(drawn.get())


def _check_svg_target(path: str, dataset: "Dataset", *stdout_formats: tuple[str, bool]) -> None:
    """Refuse a --svg target before any work: wrong name, the dataset itself, or a clash on stdout.

    Nothing is opened here; the file is written whole once the picture exists (_save_svg).
    """
    from m1lookup.files import FileWriteError, check_target

    for flag, given in stdout_formats:
        if given and path == streams.STDOUT_MARK:
            _fail(f"{flag} and --svg - both write to standard output; choose one")
    try:
        check_target(path, dataset.path, suffix=".svg")
    except FileWriteError as error:
        _fail(safe(str(error)))


def _save_svg(renderable: "RenderableType", title: str, path: str, dataset: "Dataset") -> None:
    from m1lookup.files import FileWriteError, write_atomically
    from m1lookup.render.console import render_to_svg

    picture = render_to_svg(renderable, title).encode("utf-8")
    try:
        write_atomically(path, picture, dataset.path, suffix=".svg")
    except FileWriteError as error:
        _fail(safe(str(error)))
    if path != streams.STDOUT_MARK:
        _hint(f"saved {safe(path)}")


def _one_format(json_output: bool, csv_output: bool) -> None:
    if json_output and csv_output:
        _fail("choose one of --json and --csv")


def _version(value: bool) -> None:
    if value:
        streams.write_out(f"m1lookup {__version__}\n")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """How rare is this BMW 1M's colour? Every figure with its source; unknown stays unknown."""


# --- colour ------------------------------------------------------------------------------------


def _queries(names: list[str]) -> list[str]:
    queries: list[str] = []
    for name in names:
        if name == STDIN_MARK:
            queries.extend(_stdin_names())
        elif not name.strip():
            _fail("a colour name is empty; give a name such as 'Monte Carlo Blue'")
        else:
            queries.append(name)
    if not queries:
        _fail("no colour names on standard input (one name per line)")
    return queries


def _stdin_bytes(instead: str) -> bytes:
    """All of stdin as bytes; ``instead`` tells the user what to do when stdin is closed."""
    if sys.stdin is None or sys.stdin.closed:
        _fail(f"standard input is closed; {instead}")
    buffer = getattr(sys.stdin, "buffer", None)
    try:
        return buffer.read() if buffer is not None else sys.stdin.read().encode("utf-8")
    except OSError as error:
        _fail(f"cannot read standard input: {error.strerror or error}")


def _stdin_names() -> list[str]:
    raw = _stdin_bytes(instead="give names as arguments or pipe them in")
    text = raw.decode("utf-8", errors="replace")
    return [line.strip() for line in text.splitlines() if line.strip()]


def _report_miss(miss: "NotFound", where: str = "") -> None:
    quoted = f"“{preview(miss.query)}”"
    names = ", ".join(safe(colour.name) for colour in miss.suggestions)
    if miss.reason == "ambiguous":
        _hint(f"{where}{quoted} matches several colours: {names}. Be more specific.")
    elif miss.reason == "too long":
        _hint(f"{where}{quoted} is not a colour name: a name is at most 200 characters.")
    elif miss.reason == "empty":  # only punctuation, symbols or emoji: nothing to match
        _hint(f"{where}{quoted} has no letters or digits to look up. Try 'm1lookup list'.")
    elif names:
        _hint(f"{where}no colour matches {quoted}. Did you mean: {names}?")
    else:
        _hint(f"{where}no colour matches {quoted}. Try 'm1lookup list' for every colour.")


def _lookup_all(dataset: "Dataset", queries: list[str]) -> "list[Outcome]":
    from m1lookup.query import ColourIndex

    index = ColourIndex(dataset.colours)
    cache: dict[str, Outcome] = {}
    outcomes = []
    for query in queries:
        outcome = cache.get(query)
        if outcome is None:
            outcome = cache[query] = index.lookup(query)
        outcomes.append(outcome)
    return outcomes


@app.command("colour")
def colour(
    names: Annotated[
        list[str],
        typer.Argument(
            metavar="NAME...",
            help="Colour names, German names, aliases or paint codes; '-' reads names from stdin.",
            autocompletion=_complete_colour,
            show_default=False,
        ),
    ],
    json_output: JsonOption = False,
    svg: SvgOption = None,
    data: DataOption = None,
) -> None:
    """Show one colour: names, paint code, programme, count, share, rarity and sources."""
    from m1lookup.query import Found, NotFound, rarity_by_id

    dataset = _dataset(data)
    queries = _queries(names)
    if svg is not None:
        _check_svg_target(svg, dataset, ("--json", json_output))
    outcomes = _lookup_all(dataset, queries)
    rarities = rarity_by_id(dataset)
    found = [(o.query, rarities[o.colour.id]) for o in outcomes if isinstance(o, Found)]
    if json_output:
        from m1lookup.render.documents import colour_document, json_bytes

        _write(json_bytes(colour_document(dataset, outcomes, rarities)))
    if found and (svg is not None or not json_output):
        from m1lookup.render.console import colour_panels

        once = _once_per_colour(found)
        if not json_output and svg != streams.STDOUT_MARK:
            _show(colour_panels(dataset, once))
        if svg is not None:
            _save_svg(colour_panels(dataset, once), "m1lookup colour", svg, dataset)
    misses = [o for o in outcomes if isinstance(o, NotFound)]
    for miss in misses:
        _report_miss(miss)
    if misses:
        raise typer.Exit(EXIT_NOT_FOUND)


def _once_per_colour(found: "list[tuple[str, Rarity]]") -> "list[tuple[str, Rarity]]":
    """One panel per colour: 100,000 names on stdin that all say Java Green draw one panel, not
    100,000 (--json still answers every name)."""
    panels: dict[str, tuple[str, Rarity]] = {}
    for query, rarity in found:
        panels.setdefault(rarity.colour.id, (query, rarity))
    return list(panels.values())


app.command("color", hidden=True, help="Same as 'colour'.")(colour)


# --- stats, list, sources, markets -------------------------------------------------------------


@app.command("stats")
def stats(
    json_output: JsonOption = False,
    csv_output: CsvOption = False,
    svg: SvgOption = None,
    data: DataOption = None,
) -> None:
    """The production picture: totals, conflicting claims, colours ranked rarest first."""
    from m1lookup.query import stats as compute_stats

    _one_format(json_output, csv_output)
    result = compute_stats(_dataset(data))
    if svg is not None:
        _check_svg_target(svg, result.dataset, ("--json", json_output), ("--csv", csv_output))
    if json_output:
        from m1lookup.render.documents import stats_document, to_json

        _write(to_json(stats_document(result)))
    elif csv_output:
        from m1lookup.render.documents import colours_csv

        _write(colours_csv(result.dataset, result.ranked))
    elif svg != streams.STDOUT_MARK:
        from m1lookup.render.console import stats_view

        _show(stats_view(result))
    if svg is not None:
        from m1lookup.render.console import stats_view

        _save_svg(stats_view(result), "m1lookup stats", svg, result.dataset)


@app.command("list")
def list_colours(
    programme: Annotated[
        Optional[Programme],  # noqa: UP045
        typer.Option("--programme", case_sensitive=False, help="Only this programme."),
    ] = None,
    sort: Annotated[
        SortOrder, typer.Option("--sort", case_sensitive=False, help="Order of the rows.")
    ] = SortOrder.rarity,
    json_output: JsonOption = False,
    csv_output: CsvOption = False,
    data: DataOption = None,
) -> None:
    """Every colour in one table, rarest first or by name."""
    from m1lookup.query import filtered_colours

    _one_format(json_output, csv_output)
    dataset = _dataset(data)
    rows = filtered_colours(dataset, programme.value if programme else None, sort.value)
    if json_output:
        from m1lookup.render.documents import list_document, to_json

        _write(to_json(list_document(dataset, rows)))
    elif csv_output:
        from m1lookup.render.documents import colours_csv

        _write(colours_csv(dataset, rows))
    else:
        from m1lookup.render.console import colours_table

        _show(colours_table(dataset, rows))


@app.command("sources")
def sources(
    json_output: JsonOption = False,
    csv_output: CsvOption = False,
    data: DataOption = None,
) -> None:
    """Every source with its number, kind and address."""
    _one_format(json_output, csv_output)
    dataset = _dataset(data)
    if json_output:
        from m1lookup.render.documents import sources_document, to_json

        _write(to_json(sources_document(dataset)))
    elif csv_output:
        from m1lookup.render.documents import sources_csv

        _write(sources_csv(dataset))
    else:
        from m1lookup.render.console import sources_list

        _show(sources_list(dataset))


@app.command("markets")
def markets(
    json_output: JsonOption = False,
    csv_output: CsvOption = False,
    data: DataOption = None,
) -> None:
    """Market figures (built for, allocated, delivered, tallied), conflicts side by side."""
    _one_format(json_output, csv_output)
    dataset = _dataset(data)
    if json_output:
        from m1lookup.render.documents import markets_document, to_json

        _write(to_json(markets_document(dataset)))
    elif csv_output:
        from m1lookup.render.documents import markets_csv

        _write(markets_csv(dataset))
    else:
        from m1lookup.render.console import markets_view

        _show(markets_view(dataset))


# --- tally -------------------------------------------------------------------------------------


@app.command("tally")
def tally(
    file: Annotated[
        str,
        typer.Argument(
            metavar="FILE",
            help="A CSV file with a header row, such as a register's car list; '-' reads stdin.",
            show_default=False,
        ),
    ],
    column: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--column",
            metavar="NAME",
            help="The colour column, any case. Default: the first named colour or color.",
        ),
    ] = None,
    json_output: JsonOption = False,
    csv_output: CsvOption = False,
    data: DataOption = None,
) -> None:
    """Count a car list's cars per colour, with each colour's share of production."""
    from m1lookup.tally import TallyError, decode, read_source
    from m1lookup.tally import tally as count_colours

    _one_format(json_output, csv_output)
    dataset = _dataset(data)
    try:
        raw = (
            _stdin_bytes(instead="give a file or pipe the list in")
            if file == STDIN_MARK
            else read_source(file)
        )
        result = count_colours(dataset, decode(raw), file, column)
    except TallyError as error:
        _fail(safe(str(error)))
    if json_output:
        from m1lookup.render.documents import tally_document, to_json

        _write(to_json(tally_document(dataset, result)))
    elif csv_output:
        from m1lookup.render.documents import tally_csv

        _write(tally_csv(result))
    else:
        from m1lookup.render.console import tally_view

        _show(tally_view(dataset, result))
    for row in result.unresolved:
        if row.miss.query.strip():
            _report_miss(row.miss, f"line {row.line}: ")
        else:
            _hint(f"line {row.line}: the colour cell is empty.")
    if result.unresolved:
        raise typer.Exit(EXIT_NOT_FOUND)


# --- validate ----------------------------------------------------------------------------------


@app.command("validate")
def validate(
    path: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(
            metavar="[PATH]",
            help="Dataset to check; by default the --data one, else the bundled one.",
        ),
    ] = None,
    json_output: JsonOption = False,
    data: DataOption = None,
) -> None:
    """Check a dataset and list every problem. Exit 0 when valid, 1 when problems were found."""
    from m1lookup.dataset import TomlSyntaxError, bundled_path, read_toml
    from m1lookup.validation import Problem, find_problems

    target = path or data or bundled_path()
    try:
        raw, text = read_toml(target)
        problems = find_problems(raw, text)
    except TomlSyntaxError as error:
        problems = [Problem("TOML syntax", error.detail, error.line)]
    except DataError as error:
        _fail(safe(str(error)))
    if json_output:
        from m1lookup.render.documents import problems_document, to_json

        _write(to_json(problems_document(target, problems)))
    else:
        from m1lookup.render.console import problems_view

        _show(problems_view(target, problems))
    if problems:
        raise typer.Exit(EXIT_NOT_FOUND)


def main() -> None:
    """Console-script entry point: every exit, signal and output failure goes through streams."""
    # One short run that ends in os._exit: collecting cyclic garbage only costs time (up to
    # 5 ms, for --help), and reference counting still frees everything else as it goes.
    gc.disable()
    streams.run(_run_app)


def _run_app() -> int:
    try:
        app(prog_name="m1lookup")
    except SystemExit as done:
        if done.code is not None and not isinstance(done.code, int):
            raise
        return done.code or EXIT_OK
    return EXIT_OK
