"""The command line: parse with Typer, ask the engine, hand the answer to a renderer.

Exit codes: 0 everything was found, 1 something was not found (or ``validate`` found problems),
2 usage error or unreadable data. Data goes to stdout; errors, suggestions and hints to stderr.
Rich is imported only by commands that draw for people, never on the ``--json`` path.
"""

from __future__ import annotations

import sys
from enum import Enum
from typing import TYPE_CHECKING, Annotated, NoReturn, Optional, TextIO

import typer

from m1lookup import __version__
from m1lookup.dataset import ENV_VAR, DataError
from m1lookup.text import preview, safe

if TYPE_CHECKING:
    from rich.console import RenderableType

    from m1lookup.dataset import Dataset
    from m1lookup.query import NotFound, Outcome

EXIT_OK = 0
EXIT_NOT_FOUND = 1
EXIT_USAGE = 2
STDIN_MARK = "-"

app = typer.Typer(
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


def _complete_colour(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion for colour names; runs on every TAB, so it must stay free of Rich."""
    from m1lookup.query import ColourIndex

    try:
        dataset = _dataset_or_raise(ctx.params.get("data"))
    except DataError:
        return []
    return ColourIndex(dataset.colours).completions(incomplete)


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
    typer.Option("--svg", metavar="FILE", help="Also save the picture as an SVG image."),
]


# --- plumbing ----------------------------------------------------------------------------------


def _fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    _hint(f"error: {message}")
    raise typer.Exit(code)


def _hint(message: str) -> None:
    sys.stderr.write(f"m1lookup: {message}\n")


def _write(text: str) -> None:
    """Write machine output as UTF-8 whatever the locale: JSON and CSV are UTF-8 by definition."""
    stream = sys.stdout
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        stream.write(text)
        return
    stream.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


def _dataset_or_raise(path: str | None) -> Dataset:
    from m1lookup.dataset import load

    return load(path or None)


def _dataset(path: str | None) -> Dataset:
    try:
        return _dataset_or_raise(path)
    except DataError as error:
        _fail(safe(str(error)))


def _show(renderable: RenderableType) -> None:
    from m1lookup.render.console import make_console

    make_console().print(renderable)


def _svg_target(path: str | None) -> TextIO | None:
    """Open the --svg file before any output, so that a bad path fails cleanly as a usage error."""
    if path is None:
        return None
    try:
        return open(path, "w", encoding="utf-8")  # closed by _save_svg
    except OSError as error:
        _fail(f"cannot write {safe(path)}: {error.strerror or error}")


def _save_svg(renderable: RenderableType, title: str, target: TextIO) -> None:
    from m1lookup.render.console import render_to_svg

    with target:
        target.write(render_to_svg(renderable, title))
    _hint(f"saved {safe(target.name)}")


def _one_format(json_output: bool, csv_output: bool) -> None:
    if json_output and csv_output:
        _fail("choose one of --json and --csv")


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"m1lookup {__version__}\n")
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


def _stdin_names() -> list[str]:
    if sys.stdin is None or sys.stdin.closed:
        _fail("standard input is closed; give names as arguments or pipe them in")
    buffer = getattr(sys.stdin, "buffer", None)
    try:
        raw = buffer.read() if buffer is not None else sys.stdin.read().encode("utf-8")
    except OSError as error:
        _fail(f"cannot read standard input: {error.strerror or error}")
    text = raw.decode("utf-8", errors="replace") if isinstance(raw, bytes) else raw
    return [line.strip() for line in text.splitlines() if line.strip()]


def _report_miss(miss: NotFound) -> None:
    quoted = f"“{preview(miss.query)}”"
    names = ", ".join(safe(colour.name) for colour in miss.suggestions)
    if miss.reason == "ambiguous":
        _hint(f"{quoted} matches several colours: {names}. Be more specific.")
    elif miss.reason == "too long":
        _hint(f"{quoted} is not a colour name: a name is at most 200 characters.")
    elif names:
        _hint(f"no colour matches {quoted}. Did you mean: {names}?")
    else:
        _hint(f"no colour matches {quoted}. Try 'm1lookup list' for every colour.")


def _lookup_all(dataset: Dataset, queries: list[str]) -> list[Outcome]:
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
    picture = _svg_target(svg)
    outcomes = _lookup_all(dataset, queries)
    rarities = rarity_by_id(dataset)
    found = [(o.query, rarities[o.colour.id]) for o in outcomes if isinstance(o, Found)]
    if json_output:
        from m1lookup.render.documents import colour_document, to_json

        _write(to_json(colour_document(dataset, outcomes, rarities)))
    if found and (picture or not json_output):
        from m1lookup.render.console import colour_panels

        if not json_output:
            _show(colour_panels(dataset, found))
        if picture:
            _save_svg(colour_panels(dataset, found), "m1lookup colour", picture)
    misses = [o for o in outcomes if isinstance(o, NotFound)]
    for miss in misses:
        _report_miss(miss)
    if misses:
        raise typer.Exit(EXIT_NOT_FOUND)


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
    picture = _svg_target(svg)
    if json_output:
        from m1lookup.render.documents import stats_document, to_json

        _write(to_json(stats_document(result)))
    elif csv_output:
        from m1lookup.render.documents import colours_csv

        _write(colours_csv(result.dataset, result.ranked))
    else:
        from m1lookup.render.console import stats_view

        _show(stats_view(result))
    if picture:
        from m1lookup.render.console import stats_view

        _save_svg(stats_view(result), "m1lookup stats", picture)


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


# --- validate ----------------------------------------------------------------------------------


@app.command("validate")
def validate(
    path: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(metavar="[PATH]", help="Dataset to check; the bundled one by default."),
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """Check a dataset and list every problem. Exit 0 when valid, 1 when problems were found."""
    from m1lookup.dataset import TomlSyntaxError, bundled_path, read_toml
    from m1lookup.validation import Problem, find_problems

    target = path or bundled_path()
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
    """Console-script entry point."""
    _tolerate_unencodable_output()
    app(prog_name="m1lookup")


def _tolerate_unencodable_output() -> None:
    """Under LC_ALL=C or PYTHONIOENCODING=ascii, show ß as an escape instead of crashing."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
