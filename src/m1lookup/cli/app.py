"""The command line: parse with Typer, ask the engine, hand the answer to a renderer.

Exit codes are :class:`m1lookup.io.errors.ExitCode`. Errors are raised as
:class:`~m1lookup.io.errors.M1Error` and caught in one place (``m1lookup.cli.usage.Group.main``).
Data goes to stdout; errors, suggestions and hints to stderr (``m1lookup.io.streams.report``).
Rich is imported only by commands that draw for people, never on the ``--json`` path.
"""

# No ``from __future__ import annotations``: Typer reads the commands' annotations at every start,
# and evaluating them from strings cost 2 ms. Names imported only for type checking are quoted.
import signal

# Ctrl-C while the modules below load (most of the start-up) ends the process at once, without a
# traceback, as a shell expects; main() then turns signals into exceptions, so that a file being
# written is cleaned up (m1lookup.io.streams). An inherited "ignore" stays.
if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
    signal.signal(signal.SIGINT, signal.SIG_DFL)

import gc
import os
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from typer._click.globals import get_current_context

from m1lookup.cli.options import (
    ColorOption,
    CsvOption,
    DataOption,
    InstallCompletionOption,
    JsonlOption,
    JsonOption,
    NoPagerOption,
    PngOption,
    Programme,
    ShowCompletionOption,
    SortOrder,
    SvgOption,
    VersionOption,
    complete_colour,
)
from m1lookup.cli.shells import REQUEST_VAR
from m1lookup.cli.usage import Group
from m1lookup.io import streams
from m1lookup.io.errors import ExitCode
from m1lookup.io.text import preview, safe
from m1lookup.render.presentation import DEFAULT_PRESENTATION, Color, Presentation

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence
    from typing import Protocol

    from m1lookup.lookup.answers import ColourAnswers
    from m1lookup.model.schema import Dataset
    from m1lookup.render.output import Format

    class Told(Protocol):
        """A miss: what did not match, told on stderr as one line."""

        @property
        def message(self) -> str: ...


Callback = TypeVar("Callback", bound="Callable[..., Any]")

# Each command on a Typer app of its own, so that a run builds only the one it runs
# (m1lookup.cli.usage.Group); the group lists them in this order.
COMMANDS: dict[str, typer.Typer] = {}


def _command(name: str, **settings: Any) -> "Callable[[Callback], Callback]":
    """Declare the command ``name``, as ``@app.command(name, ...)`` would."""
    single = COMMANDS[name] = typer.Typer(add_completion=False)
    return single.command(name, **settings)


class _Group(Group):
    declared = COMMANDS


app = typer.Typer(
    cls=_Group,
    name="m1lookup",
    help="""How rare is this BMW 1M's colour? Sourced counts for the BMW 1 Series M Coupé (E82).

Examples:

    m1lookup colour "Monte Carlo Blue"
    m1lookup list --programme individual
    m1lookup stats --color always | less -R
""",
    no_args_is_help=True,
    suggest_commands=False,  # usage.Group suggests, and only commands that the help lists
    pretty_exceptions_enable=False,
    add_completion=False,  # m1lookup's own scripts and options: see m1lookup.cli.completion_shells
    context_settings={"help_option_names": ["-h", "--help"]},
)


# --- plumbing ----------------------------------------------------------------------------------


def _dataset(path: str | None) -> "Dataset":
    from m1lookup.load.dataset import load

    return load(path)  # None: the bundled dataset; "" (--data "") is refused, not the bundled one


def _format(json: bool = False, csv: bool = False, jsonl: bool = False) -> "Format":
    from m1lookup.render.output import Format

    return Format.chosen(json=json, csv=csv, jsonl=jsonl)


def _tell_misses(misses: "Sequence[Told]") -> None:
    """Each miss's message on stderr, then exit 1 when there was one: the one way the commands
    that look things up (``colour``, ``sources``) end. The result, misses included as
    ``not_found``, is already on stdout in every data format."""
    _report_misses(misses)
    if misses:
        raise typer.Exit(ExitCode.NOT_FOUND)


def _report_misses(misses: "Sequence[Told]") -> None:
    """Each miss's message on stderr, one line each (``check`` ends by its own verdict)."""
    for miss in misses:
        streams.report(miss.message)


def _emit(
    result: object,
    fmt: "Format",
    presentation: "Presentation | None" = None,
    svg: str | None = None,
    png: str | None = None,
    title: str = "",
    dataset: "Dataset | None" = None,
) -> None:
    """Hand the result to the one output path; the pictures, if asked for, are of the same view.

    ``dataset``: the dataset in use, which no picture may overwrite, however it is named.
    """
    from m1lookup.render.output import Picture, emit

    pictures = Picture.asked(svg, png, title, dataset.path if dataset is not None else None)
    emit(result, fmt, pictures, _on_terminal(presentation or DEFAULT_PRESENTATION))


def _on_terminal(presentation: "Presentation") -> "Presentation":
    """The terminal a test hands in (``CliRunner().invoke(app, args, obj=Terminal(...))``, as
    httpie's MockEnvironment), read here only; without one the real terminal is detected where
    the view is drawn. Typer re-exports no way to reach the context from a command without
    adding a parameter to every command, hence its vendored Click's own function."""
    context = get_current_context(silent=True)
    terminal = context.find_root().obj if context is not None else None
    return presentation if terminal is None else presentation.replace(terminal=terminal)


@app.callback()
def _root(
    version: VersionOption = False,
    install_completion: InstallCompletionOption = None,
    show_completion: ShowCompletionOption = None,
) -> None:
    """How rare is this BMW 1M's colour? Every figure with its source; unknown stays unknown."""


# --- colour ------------------------------------------------------------------------------------


@_command("colour")
def colour(
    names: Annotated[
        list[str],
        typer.Argument(
            metavar="NAME...",
            help="Colour names, German names, aliases or paint codes; '-' reads names from stdin.",
            autocompletion=complete_colour,
            show_default=False,
        ),
    ],
    json_output: JsonOption = False,
    jsonl_output: JsonlOption = False,
    svg: SvgOption = None,
    png: PngOption = None,
    data: DataOption = None,
    color: ColorOption = Color.AUTO,
    no_pager: NoPagerOption = False,
) -> None:
    """Show one colour: names, paint code, programme, count, share, rarity and sources.

    Examples:

        m1lookup colour "Monte Carlo Blue"
        m1lookup colour 475 alpinweiss --json
        m1lookup colour "Monte Carlo Bleu"    # exit 1: not found, suggestions
    """
    from m1lookup.io.inputs import STDIN_MARK, numbered_names, query_names
    from m1lookup.render.output import Format

    fmt = _format(json=json_output, jsonl=jsonl_output)
    dataset = _dataset(data)
    if fmt is Format.JSONL:
        _stream_answers(dataset, numbered_names(names))
        return
    from m1lookup.lookup.answers import answer

    queries = list(query_names(names))
    answers = answer(dataset, queries)
    if answers.found:
        _emit(answers, fmt, Presentation(color, not no_pager), svg, png, "m1lookup colour", dataset)
    else:  # nothing to draw, and no picture replaces what a file held
        _emit(answers, fmt, Presentation(color, not no_pager))
    _report_misses(answers.misses)
    if answers.misses:
        if STDIN_MARK not in names:
            _hint_joined(dataset, queries, answers)
        raise typer.Exit(ExitCode.NOT_FOUND)


def _hint_joined(dataset: "Dataset", queries: list[str], answers: "ColourAnswers") -> None:
    """``colour jet black``: the words may be one name, which the shell split."""
    from m1lookup.lookup.query import ColourIndex, joined_hint

    hint = joined_hint(ColourIndex.of(dataset), queries, tuple(answers.outcomes))
    if hint is not None:
        streams.report(f"hint: {hint}")


def _stream_answers(dataset: "Dataset", names: "Iterable[tuple[int | None, str]]") -> None:
    """``--jsonl``: each input line answered as it is read, in bounded memory. The misses are in
    the output; stderr gets one summary line at the end."""
    from m1lookup.lookup.answers import answer_stream

    stream = answer_stream(dataset, names)
    _emit(stream, _format(jsonl=True))
    if stream.tally.missed:
        streams.report(stream.tally.summary)
        raise typer.Exit(ExitCode.NOT_FOUND)


_command("color", hidden=True, help="Same as 'colour'.")(colour)


# --- stats, list, sources, markets -------------------------------------------------------------


@_command("stats")
def stats(
    json_output: JsonOption = False,
    csv_output: CsvOption = False,
    svg: SvgOption = None,
    png: PngOption = None,
    data: DataOption = None,
    color: ColorOption = Color.AUTO,
    no_pager: NoPagerOption = False,
) -> None:
    """The production picture: totals, conflicting claims, colours ranked rarest first.

    Examples:

        m1lookup stats
        m1lookup stats --color always | less -R
        m1lookup stats --svg stats.svg
    """
    from m1lookup.lookup.rarity import stats as compute_stats

    fmt = _format(json=json_output, csv=csv_output)
    presentation = Presentation(color, not no_pager)
    dataset = _dataset(data)
    _emit(compute_stats(dataset), fmt, presentation, svg, png, "m1lookup stats", dataset)


@_command("list")
def list_colours(
    programme: Annotated[
        Programme | None,
        typer.Option("--programme", case_sensitive=False, help="Only this programme."),
    ] = None,
    sort: Annotated[
        SortOrder, typer.Option("--sort", case_sensitive=False, help="Order of the rows.")
    ] = SortOrder.rarity,
    json_output: JsonOption = False,
    csv_output: CsvOption = False,
    data: DataOption = None,
    color: ColorOption = Color.AUTO,
    no_pager: NoPagerOption = False,
) -> None:
    """Every colour in one table, rarest first or by name.

    Examples:

        m1lookup list
        m1lookup list --programme individual --sort name
        m1lookup list --csv > colours.csv
    """
    from m1lookup.lookup.answers import filtered_colours

    fmt = _format(json=json_output, csv=csv_output)
    dataset = _dataset(data)
    chosen = filtered_colours(dataset, programme.value if programme else None, sort.value)
    _emit(chosen, fmt, Presentation(color, not no_pager))


@_command("sources")
def sources(
    wanted: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[N|ID]...",
            help="Only these sources, by number (19 or [19]) or id. Default: every source.",
            show_default=False,
        ),
    ] = None,
    json_output: JsonOption = False,
    csv_output: CsvOption = False,
    data: DataOption = None,
    color: ColorOption = Color.AUTO,
    no_pager: NoPagerOption = False,
) -> None:
    """Every source with its number, kind and address; or the ones asked for.

    Examples:

        m1lookup sources
        m1lookup sources 19 bmwblog-2012-01-10-us-740
        m1lookup sources --csv > sources.csv
    """
    from m1lookup.lookup.answers import chosen_sources

    fmt = _format(json=json_output, csv=csv_output)
    chosen = chosen_sources(_dataset(data), wanted)
    _emit(chosen, fmt, Presentation(color, not no_pager))
    _tell_misses(chosen.misses)


@_command("markets")
def markets(
    json_output: JsonOption = False,
    csv_output: CsvOption = False,
    data: DataOption = None,
    color: ColorOption = Color.AUTO,
    no_pager: NoPagerOption = False,
) -> None:
    """Market figures (built for, allocated, delivered, tallied), conflicts side by side.

    Examples:

        m1lookup markets
        m1lookup markets --json
    """
    from m1lookup.lookup.answers import MarketList

    fmt = _format(json=json_output, csv=csv_output)
    dataset = _dataset(data)
    _emit(MarketList(dataset, dataset.markets), fmt, Presentation(color, not no_pager))


# --- tally -------------------------------------------------------------------------------------


@_command("tally")
def tally(
    files: Annotated[
        list[str],
        typer.Argument(
            metavar="FILE...",
            help="CSV files with a header row, such as a register's car list; '-' reads stdin."
            " Several files are merged by VIN.",
            show_default=False,
        ),
    ],
    column: Annotated[
        str | None,
        typer.Option(
            "--column",
            metavar="NAME",
            help="The colour column, any case. Default: the first named colour or color.",
        ),
    ] = None,
    vin_column: Annotated[
        str | None,
        typer.Option(
            "--vin-column",
            metavar="NAME",
            help="The VIN column. Default: VIN, FIN, Fahrgestellnummer or chassis; without one,"
            " each row is a car.",
        ),
    ] = None,
    encoding: Annotated[
        str | None,
        typer.Option(
            "--encoding",
            metavar="NAME",
            help="Read the files as this encoding (utf-8, utf-16, cp1252, latin-1...). Default:"
            " by the BOM, else UTF-8 with other bytes read as cp1252.",
        ),
    ] = None,
    rows: Annotated[
        bool,
        typer.Option(
            "--rows",
            help="Write every input row with its file, line, matched colour and status (CSV;"
            " or --json, --jsonl) instead of the summary.",
        ),
    ] = False,
    json_output: JsonOption = False,
    jsonl_output: JsonlOption = False,
    csv_output: CsvOption = False,
    data: DataOption = None,
    color: ColorOption = Color.AUTO,
    no_pager: NoPagerOption = False,
) -> None:
    r"""Count a register's cars per colour, each car once by VIN, with honest shares.

    Examples:

        printf 'colour\nAlpinweiss\nValencia Orange\n' | m1lookup tally -
        printf 'VIN,colour\nWBSUR9C51BVS00001,VO\nVS00001,VO\n' | m1lookup tally -
    """
    from m1lookup.io.inputs import STDIN_MARK, check_encoding
    from m1lookup.lookup.answers import TallyRows
    from m1lookup.lookup.tally import MAX_SUGGESTED_VALUES, tally_files
    from m1lookup.render.output import Format

    fmt = _format(json=json_output, jsonl=jsonl_output, csv=csv_output)
    if rows and fmt is Format.HUMAN:
        fmt = Format.CSV
    if encoding is not None:
        check_encoding(encoding)
    dataset = _dataset(data)
    result = tally_files(dataset, files, column, vin_column, encoding, keep_rows=rows)
    for source in result.inputs:
        if source.encoding == "cp1252":
            shown = "standard input" if source.file == STDIN_MARK else source.file
            streams.report(
                f"note: {safe(shown)} is not UTF-8: read as cp1252 (choose with --encoding)"
            )
    _emit(TallyRows(result) if rows else result, fmt, Presentation(color, not no_pager))
    where = _row_place if len(result.inputs) > 1 else (lambda file, line: f"line {line}")
    problems = {(p.file, p.line) for p in result.vin_problems}
    said = [
        (row.file, row.line, row.miss.message)
        for row in result.unresolved
        if (row.file, row.line) not in problems
    ]
    for problem in result.vin_problems:
        vin = f"VIN “{preview(problem.vin)}”" if problem.vin else "VIN"
        said.append(
            (problem.file, problem.line, f"{problem.severity.value}: {vin}: {problem.problem}")
        )
    for file, line, message in sorted(said, key=lambda item: result.order(item[0], item[1])):
        streams.report(f"{where(file, line)}: {message}")
    if result.suggestions_capped:
        streams.report(
            f"note: suggestions were looked for only for the first {MAX_SUGGESTED_VALUES} "
            "distinct unknown colours"
        )
    if result.failed:
        raise typer.Exit(ExitCode.NOT_FOUND)


# --- check -------------------------------------------------------------------------------------

NO_CLAIM = (
    "no claim found in the advert text; m1lookup looks for 'one of N', '1 of N', 'only N', "
    "'N built', 'N made', 'N sold' and 'N in the US'"
)
# An advert pasted on stdin: a few kilobytes; a whole saved web page is refused.
MAX_ADVERT_BYTES = 1 << 20


@_command("check")
def check(
    claim: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[COLOUR] N",
            help="The claim 'one of N' in COLOUR (without COLOUR: of all production, or of"
            " --market); '-' reads an advert's text from stdin.",
            autocompletion=complete_colour,
            show_default=False,
        ),
    ] = None,
    text: Annotated[
        str | None,
        typer.Option(
            "--text", metavar="ADVERT", help="An advert's text: every claim in it is checked."
        ),
    ] = None,
    market: Annotated[
        str | None,
        typer.Option(
            "--market",
            metavar="MARKET",
            help="The market of the claim: a market of 'm1lookup markets' by id or name, or US,"
            " UK, NA.",
        ),
    ] = None,
    json_output: JsonOption = False,
    csv_output: CsvOption = False,
    data: DataOption = None,
    color: ColorOption = Color.AUTO,
    no_pager: NoPagerOption = False,
) -> None:
    """Check an advert's claims against the evidence: supported, contradicted, unverifiable.

    Exit 0 when every claim is supported, 1 otherwise.

    Examples:

        m1lookup check "Java Green" 3    # exit 1: contradicted
        m1lookup check "Valencia Orange" 435 --market "North America"
        m1lookup check --text "Monte Carlo Blue, 1 of only 2 ever made" --json
    """
    from m1lookup.io.errors import UsageProblem
    from m1lookup.io.inputs import STDIN_MARK
    from m1lookup.lookup.check import check_one, check_text, parse_count, resolve_market
    from m1lookup.render.output import Format

    fmt = _format(json=json_output, csv=csv_output)
    asked = list(claim or [])
    advert = text is not None or asked == [STDIN_MARK]
    if text is not None and asked:
        raise UsageProblem("give COLOUR N or --text, not both")
    if not advert and not 1 <= len(asked) <= 2:
        raise UsageProblem(_check_usage(asked))
    if advert and market is not None:
        raise UsageProblem(
            "--market goes with COLOUR N: each claim in an advert names its own market"
        )
    dataset = _dataset(data)
    if advert:
        result = check_text(dataset, text if text is not None else _read_advert())
    else:
        value = parse_count(asked[-1])
        where = resolve_market(dataset, market) if market is not None else None
        result = check_one(dataset, asked[0] if len(asked) == 2 else None, value, where)
    if result.claims or fmt is not Format.HUMAN:  # a document, even of nothing found
        _emit(result, fmt, Presentation(color, not no_pager))
    _report_misses(result.not_found)
    if advert and not result.claims:
        streams.report(NO_CLAIM)
    if not result.all_supported:
        raise typer.Exit(ExitCode.NOT_FOUND)


def _check_usage(asked: list[str]) -> str:
    if not asked:
        return "give COLOUR N, N, --text ADVERT, or '-' to read an advert from stdin"
    joined = " ".join(asked[:-1])
    return f'give COLOUR N; quote a name of several words: m1lookup check "{joined}" {asked[-1]}'


def _read_advert() -> str:
    from m1lookup.io.inputs import STDIN_MARK, open_lines

    with open_lines(
        STDIN_MARK, max_bytes=MAX_ADVERT_BYTES, closed_hint="give --text or pipe the advert in"
    ) as lines:
        return "".join(lines)


def _row_place(file: str, line: int) -> str:
    from m1lookup.io.inputs import STDIN_MARK

    return f"{safe('standard input' if file == STDIN_MARK else file)} line {line}"


# --- validate ----------------------------------------------------------------------------------


@_command("validate")
def validate(
    path: Annotated[
        str | None,
        typer.Argument(
            metavar="[PATH]",
            help="Dataset to check; by default the --data one, else the bundled one.",
        ),
    ] = None,
    json_output: JsonOption = False,
    data: DataOption = None,
    color: ColorOption = Color.AUTO,
    no_pager: NoPagerOption = False,
) -> None:
    """Check a dataset and list every problem. Exit 0 when valid, 1 when problems were found.

    Examples:

        m1lookup validate
        m1lookup validate --json
    """
    from m1lookup.load.dataset import bundled_path, check_file

    # An empty PATH or --data "" is refused by read_toml; an empty M1LOOKUP_DATA arrives as None.
    target = path if path is not None else data if data is not None else bundled_path()
    result = check_file(target)
    _emit(result, _format(json=json_output), Presentation(color, not no_pager))
    if result.problems:
        raise typer.Exit(ExitCode.NOT_FOUND)


def main() -> None:
    """Console-script entry point: every exit, signal and output failure goes through streams."""
    # One short run that ends in os._exit: collecting cyclic garbage only costs time (up to
    # 5 ms, for --help), and reference counting still frees everything else as it goes.
    gc.disable()
    streams.run(_run_app)


def _run_app() -> int:
    if REQUEST_VAR in os.environ:  # a TAB: answered before Typer parses anything
        from m1lookup.cli.completion import respond

        return respond(app)
    try:
        app(prog_name="m1lookup")
    except SystemExit as done:
        if done.code is not None and not isinstance(done.code, int):
            raise
        return done.code or ExitCode.OK
    return ExitCode.OK
