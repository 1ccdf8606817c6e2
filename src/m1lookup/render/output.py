"""The one output path: a command's result, in the format asked for, to stdout.

Every command hands its result to :func:`emit`. The format picks one renderer (pip-audit's
pattern): JSON and JSON Lines from ``render.json``, CSV from ``render.csv``, and the Rich view
from ``render.views``, shown by ``render.console``, imported only when a person is to see it.
Pictures (``--svg``) are drawn from the same view, built once. How the view is shown on a terminal
(``--color``, ``--no-pager``) travels as one :class:`Presentation`.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

from m1lookup.compat import assert_never
from m1lookup.io import streams
from m1lookup.io.errors import M1Error, UsageProblem
from m1lookup.model.records import Record
from m1lookup.render.presentation import DEFAULT_PRESENTATION, Presentation

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from rich.console import RenderableType

    from m1lookup.render.picture import Extent


class Format(str, Enum):
    HUMAN = "human"
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"

    @classmethod
    def chosen(cls, json: bool = False, csv: bool = False, jsonl: bool = False) -> Format:
        """The format the flags ask for; a usage error naming them when they ask for two."""
        asked = [fmt for fmt, on in ((cls.JSON, json), (cls.CSV, csv), (cls.JSONL, jsonl)) if on]
        if len(asked) > 1:
            raise _clash([f"--{fmt.value}" for fmt in asked], "choose one output format")
        return asked[0] if asked else cls.HUMAN


def _clash(options: Sequence[str], advice: str) -> UsageProblem:
    """The one wording of options that cannot go together: ``--json and --csv cannot be used
    together; choose one output format``."""
    return UsageProblem(f"{' and '.join(options)} cannot be used together; {advice}")


class Picture(Record):
    """A picture of the view to save: ``path`` ("-" for stdout), its format, and its title.

    ``protected``: the dataset in use, which the picture may not replace under any name.
    """

    path: str
    kind: str  # "svg" or "png"
    title: str
    protected: str | None = None

    @classmethod
    def asked(
        cls, svg: str | None, png: str | None, title: str, protected: str | None
    ) -> list[Picture]:
        """The pictures ``--svg`` and ``--png`` ask for."""
        paths = ((svg, "svg"), (png, "png"))
        return [cls(path, kind, title, protected) for path, kind in paths if path is not None]

    @property
    def on_stdout(self) -> bool:
        return self.path == streams.STDOUT_MARK

    def draw(self, view: RenderableType, size: Extent) -> bytes:
        from m1lookup.render import picture

        if self.kind == "png":
            return picture.png(view, self.title, size=size)
        return picture.svg(view, self.title, size=size).encode("utf-8")


def emit(
    result: object,
    fmt: Format,
    pictures: Sequence[Picture] = (),
    presentation: Presentation = DEFAULT_PRESENTATION,
) -> None:
    """Write ``result`` in ``fmt`` to stdout, then save each picture of it.

    The pictures' targets and size are checked first, so that a bad one is refused before any
    output; a picture on stdout replaces the view drawn for people there.
    """
    if pictures:
        _check_targets(fmt, pictures, presentation)
    measured = _measured(result) if pictures else None
    if fmt is Format.JSON:
        from m1lookup.render.json import document, json_chunks

        _write_chunks(json_chunks(document(result), CHUNK))
    elif fmt is Format.JSONL:
        from m1lookup.render.json import lines

        _write_chunks(lines(result))
    elif fmt is Format.CSV:
        from m1lookup.render.csv import csv_lines, table

        _write_chunks(csv_lines(table(result)))
    elif fmt is Format.HUMAN:
        pass
    else:
        assert_never(fmt)
    if fmt is Format.HUMAN and not any(picture.on_stdout for picture in pictures):
        from m1lookup.render.console import show
        from m1lookup.render.views import view

        show(measured[0] if measured else view(result), presentation)
    if measured:
        for picture in pictures:
            write_picture(picture, picture.draw(*measured))


def _measured(result: object) -> tuple[RenderableType, Extent]:
    """The view of ``result`` and the size of its picture; PictureTooLarge if it is too large
    to draw, before any of the picture's work."""
    from m1lookup.render.picture import extent
    from m1lookup.render.views import view

    drawn = view(result)
    return drawn, extent(drawn)


def _check_targets(fmt: Format, pictures: Sequence[Picture], presentation: Presentation) -> None:
    """Refuse, before any output, what write_picture would refuse, and two writers on stdout."""
    from m1lookup.io.files import check_target
    from m1lookup.render.presentation import Terminal

    on_stdout = [f"--{picture.kind} -" for picture in pictures if picture.on_stdout]
    if fmt is not Format.HUMAN:
        on_stdout.insert(0, f"--{fmt.value}")
    if len(on_stdout) > 1:
        raise _clash(on_stdout, "each writes to standard output")
    terminal = presentation.terminal or Terminal.detect()
    for picture in pictures:
        if picture.kind == "png" and picture.on_stdout and terminal.is_tty:
            raise M1Error(
                "--png - writes binary data; standard output is a terminal: "
                "redirect it to a file or a pipe (--png - > picture.png)"
            )
        check_target(picture.path, picture.protected, suffix=f".{picture.kind}")
    if any(picture.kind == "png" for picture in pictures):
        from m1lookup.render.picture import check_png

        check_png()  # the png extra: without it, one line says how to install it


# JSON is written in chunks of about this many characters as it is encoded: one write per line
# costs a system call per line, and holding the whole text would cost memory.
CHUNK = 1 << 16


def _write_chunks(pieces: Iterable[str]) -> None:
    chunk: list[str] = []
    size = 0
    for piece in pieces:
        chunk.append(piece)
        size += len(piece)
        if size >= CHUNK:
            write("".join(chunk))
            chunk, size = [], 0
    if chunk:
        write("".join(chunk))


def write(text: str) -> None:
    """Machine output as UTF-8 whatever the locale: JSON and CSV are UTF-8 by definition."""
    streams.write_out(text)


def write_picture(picture: Picture, data: bytes) -> None:
    """The picture's file whole, or untouched and FileWriteError; "-" writes it to stdout."""
    from m1lookup.io.files import write_atomically
    from m1lookup.io.text import safe

    write_atomically(picture.path, data, picture.protected, suffix=f".{picture.kind}")
    if not picture.on_stdout:
        streams.report(f"saved {safe(picture.path)}")
