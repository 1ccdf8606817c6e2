"""Immutable, typed records: the engine's one record style.

A record is declared like a frozen dataclass (annotated fields, defaults after the fields that
have none) and type-checks as one (``dataclass_transform``). It is not a dataclass because of
start-up: every run defines every record class, and frozen dataclasses cost about 40 times as
much to define (bench/startup.py keeps the budget). Unlike a NamedTuple, a record is not a
tuple: ``json.dumps`` refuses it instead of writing an array, and a field may be called ``count``.

A field of a dataset record is declared with :func:`field`: its one line of documentation and
what the data file may hold in it. The annotation is its type. Loading, validation, the JSON
Schema and the field tables of the docs are derived from these declarations
(m1lookup.model.schema; scripts/generate.py writes the derived files).
"""

from __future__ import annotations

import inspect
import sys
from typing import TYPE_CHECKING, Any, ClassVar

from m1lookup.compat import dataclass_transform

if TYPE_CHECKING:
    from typing_extensions import Self


_NO_DEFAULT: Any = object()  # a field declared without a default
_SCALARS = ("str", "int", "bool")


class Field:
    """A field's declaration. ``required``: the data file must give it (when the field it
    ``needs`` is given). ``needs``: it goes with a known value of that field only. ``choices``:
    the allowed values. ``minimum``: the smallest whole number allowed. ``form``: what a string
    holds, ``date``, ``url``, ``swatch``, or for an array ``sources`` (ids of [[sources]]).
    ``in_file``: False for a field the loader works out (a source's number)."""

    __slots__ = (
        "_type",
        "annotation",
        "choices",
        "default",
        "doc",
        "form",
        "in_file",
        "minimum",
        "name",
        "needs",
        "owner",
        "required",
    )

    def __init__(
        self,
        doc: str,
        required: bool,
        choices: tuple[str, ...] | None,
        minimum: int | None,
        form: str | None,
        needs: str | None,
        in_file: bool,
        default: Any,
    ) -> None:
        self.doc = doc
        self.required = required
        self.choices = choices
        self.minimum = minimum
        self.form = form
        self.needs = needs
        self.in_file = in_file
        self.default = default
        self.name = self.annotation = ""
        self.owner: type[Record] = Record
        self._type: FieldType | None = None

    @property
    def type(self) -> FieldType:
        """What the annotation says, read when first asked (not at every start)."""
        if self._type is None:
            self._type = FieldType.of(self)
        return self._type


class FieldType:
    """A field's annotation read: the values it takes (``str``, ``int``, ``bool``, or a record),
    whether it is an array of them, and whether it may be None."""

    __slots__ = ("array", "nullable", "record", "values")

    def __init__(
        self, values: tuple[str, ...], array: bool, nullable: bool, record: type[Record] | None
    ) -> None:
        self.values = values
        self.array = array
        self.nullable = nullable
        self.record = record

    @classmethod
    def of(cls, spec: Field) -> FieldType:
        parts = [part.strip() for part in spec.annotation.split("|")]
        nullable = "None" in parts
        parts = [part for part in parts if part != "None"]
        array = len(parts) == 1 and parts[0].startswith("tuple[") and parts[0].endswith(", ...]")
        if array:
            parts = [parts[0].removeprefix("tuple[").removesuffix(", ...]")]
        record = None
        if len(parts) == 1 and parts[0] not in _SCALARS:
            record = vars(sys.modules[spec.owner.__module__])[parts[0]]
        elif not all(part in _SCALARS for part in parts):
            raise TypeError(f"{spec.owner.__name__}.{spec.name}: cannot declare {spec.annotation}")
        return cls(tuple(parts), array, nullable, record)


def field(
    doc: str,
    *,
    required: bool = True,
    choices: tuple[str, ...] | None = None,
    minimum: int | None = None,
    form: str | None = None,
    needs: str | None = None,
    in_file: bool = True,
    default: Any = _NO_DEFAULT,
) -> Any:
    """Declare a record's field; see :class:`Field`. ``default`` is the record's default."""
    return Field(doc, required, choices, minimum, form, needs, in_file, default)


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
class Record:
    """Fields in declaration order (inherited ones first); equal when type and fields are.

    ``declared``: the fields declared with :func:`field`, by name, in order.
    """

    __slots__ = ()
    fields: ClassVar[tuple[str, ...]] = ()
    declared: ClassVar[dict[str, Field]] = {}
    _defaults: ClassVar[dict[str, Any]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        annotations = inspect.get_annotations(cls)  # its own, not inherited ones
        own = tuple(
            name for name, kind in annotations.items() if not str(kind).startswith("ClassVar")
        )
        cls.fields = (*cls.fields, *own)
        defaults = {name: cls.__dict__[name] for name in own if name in cls.__dict__}
        declared = {name: value for name, value in defaults.items() if isinstance(value, Field)}
        for name, spec in declared.items():
            spec.name, spec.annotation, spec.owner = name, str(annotations[name]), cls
            delattr(cls, name)
            if spec.default is _NO_DEFAULT:
                del defaults[name]
            else:
                defaults[name] = spec.default
        cls.declared = {**cls.declared, **declared}
        cls._defaults = {**cls._defaults, **defaults}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        fields = self.fields
        if len(args) > len(fields):
            raise TypeError(f"{type(self).__name__}() takes {len(fields)} fields")
        values = dict(zip(fields, args, strict=False))  # fewer args: the rest by name
        for name, value in kwargs.items():
            if name not in fields or name in values:
                raise TypeError(f"{type(self).__name__}() got an unexpected field {name!r}")
            values[name] = value
        if len(values) < len(fields):
            for name in fields:
                if name not in values:
                    if name not in self._defaults:
                        raise TypeError(f"{type(self).__name__}() is missing field {name!r}")
                    values[name] = self._defaults[name]
        # Fields are set once, here, past the __setattr__ that keeps them from changing.
        self.__dict__.update((name, values[name]) for name in fields)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable: cannot delete {name!r}")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self.__dict__ == other.__dict__

    def __hash__(self) -> int:
        return hash((type(self), *self.__dict__.values()))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={value!r}" for name, value in self.__dict__.items())
        return f"{type(self).__name__}({shown})"

    def replace(self, **changes: Any) -> Self:
        """A copy with ``changes`` applied, as ``dataclasses.replace`` makes one."""
        return type(self)(**{**self.__dict__, **changes})
