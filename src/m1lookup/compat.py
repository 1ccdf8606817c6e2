"""What the supported Pythons (3.10 and newer) spell differently, in one place."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:
    from typing_extensions import assert_never, dataclass_transform
elif sys.version_info >= (3, 11):
    from typing import assert_never, dataclass_transform
else:  # pragma: no cover - Python 3.10 only

    def dataclass_transform(**_: object) -> Any:
        return lambda cls: cls

    def assert_never(value: NoReturn) -> NoReturn:
        raise AssertionError(f"unhandled value: {value!r}")


__all__ = ["assert_never", "dataclass_transform"]
