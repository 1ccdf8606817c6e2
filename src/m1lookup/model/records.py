"""Immutable, typed records: the engine's one record style.

A record is declared like a frozen dataclass (annotated fields, defaults after the fields that
have none) and type-checks as one (``dataclass_transform``). It is not a dataclass because of
start-up: every run defines every record class, and defining 14 frozen dataclasses took 6.1 ms
(after Typer's imports) against 0.15 ms for 14 of these. Unlike a NamedTuple, a record is
not a tuple: ``json.dumps`` refuses it instead of writing an array, and a field may be called
``count``.
"""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING, Any, ClassVar

from m1lookup.compat import dataclass_transform

if TYPE_CHECKING:
    from typing_extensions import Self


@dataclass_transform(frozen_default=True)
class Record:
    """Fields in declaration order (inherited ones first); equal when type and fields are."""

    __slots__ = ()
    fields: ClassVar[tuple[str, ...]] = ()
    _defaults: ClassVar[dict[str, Any]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        annotations = inspect.get_annotations(cls)  # its own, not inherited ones
        own = tuple(
            name for name, kind in annotations.items() if not str(kind).startswith("ClassVar")
        )
        cls.fields = (*cls.fields, *own)
        defaults = {name: cls.__dict__[name] for name in own if name in cls.__dict__}
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
