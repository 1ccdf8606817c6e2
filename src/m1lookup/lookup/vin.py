"""A 1M's VIN, checked: its form, whether a 1M can have it, its check digit and its market.

A 1M VIN starts ``WBSUR9``; position 7 is ``1`` (left-hand drive outside North America), ``2``
(right-hand drive) or ``C`` (North America); position 11 is ``V`` (Leipzig). The check digit
(position 9, 49 CFR 565) is compulsory in North America only, so a failure there is an error and
elsewhere a warning. The last seven characters are BMW's short chassis number. The VIN does not
encode the paint. Nothing here imports Typer or Rich.
"""

from __future__ import annotations

import re
from enum import Enum

from m1lookup.model.records import Record

VIN_LENGTH = 17
SHORT_LENGTH = 7  # BMW's short chassis number: the VIN's last seven characters
PREFIX_1M = "WBSUR9"
_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)
_VALUES = {
    **{str(digit): digit for digit in range(10)},
    **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
    **dict(zip("JKLMN", range(1, 6), strict=True)),
    "P": 7,
    "R": 9,
    **dict(zip("STUVWXYZ", range(2, 10), strict=True)),
}
_VIN_CHARACTERS = re.compile(r"[A-HJ-NPR-Z0-9]*")
_SEPARATORS = re.compile(r"[\s\-]+")


class VinMarket(str, Enum):
    """Where a car was built for, from position 7; the value is what JSON calls it."""

    NORTH_AMERICA = "north america"
    LEFT_HAND_DRIVE = "left-hand drive"  # outside North America
    RIGHT_HAND_DRIVE = "right-hand drive"
    UNKNOWN = "unknown"  # only the short chassis number is known

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    VinMarket.NORTH_AMERICA: "North America",
    VinMarket.LEFT_HAND_DRIVE: "left-hand drive elsewhere",
    VinMarket.RIGHT_HAND_DRIVE: "right-hand drive",
    VinMarket.UNKNOWN: "unknown (short chassis number only)",
}
_BY_POSITION_7 = {
    "C": VinMarket.NORTH_AMERICA,
    "1": VinMarket.LEFT_HAND_DRIVE,
    "2": VinMarket.RIGHT_HAND_DRIVE,
}


class Severity(str, Enum):
    ERROR = "error"  # the row is not counted
    WARNING = "warning"  # the row is counted


class VinCheck(Record):
    vin: str  # as normalised: upper case, spaces and hyphens removed
    problem: str | None  # what is wrong, or None
    severity: Severity | None  # None when nothing is wrong
    not_a_1m: bool  # the problem means it cannot be a 1M's VIN (or is no VIN at all)


def normalise(value: str) -> str:
    return _SEPARATORS.sub("", value).upper()


def check_digit(vin: str) -> str:
    """The check digit a 17-character VIN of valid characters must have at position 9."""
    total = sum(_VALUES[char] * weight for char, weight in zip(vin, _WEIGHTS, strict=True))
    remainder = total % 11
    return "X" if remainder == 10 else str(remainder)


def market(vin: str) -> VinMarket:
    if len(vin) != VIN_LENGTH:
        return VinMarket.UNKNOWN
    return _BY_POSITION_7.get(vin[6], VinMarket.UNKNOWN)


def check(value: str) -> VinCheck:
    """What is wrong with ``value`` as a 1M's VIN (17 characters) or short chassis number (7)."""
    vin = normalise(value)
    problem = _form(vin) or _not_a_1m(vin)
    if problem is not None:
        return VinCheck(vin, problem, Severity.ERROR, not_a_1m=True)
    if len(vin) == VIN_LENGTH and check_digit(vin) != vin[8]:
        expected = check_digit(vin)
        if vin[6] == "C":
            words = f"check digit {vin[8]} should be {expected}; a North American VIN must pass"
            return VinCheck(vin, words, Severity.ERROR, not_a_1m=False)
        words = (
            f"check digit {vin[8]} should be {expected}; BMW is not known to guarantee it "
            "outside North America, so the car is counted"
        )
        return VinCheck(vin, words, Severity.WARNING, not_a_1m=False)
    return VinCheck(vin, None, None, not_a_1m=False)


def _form(vin: str) -> str | None:
    if len(vin) not in (VIN_LENGTH, SHORT_LENGTH):
        return (
            f"malformed: {len(vin)} characters; a VIN has {VIN_LENGTH}, a short chassis "
            f"number {SHORT_LENGTH}"
        )
    if not _VIN_CHARACTERS.fullmatch(vin):
        if any(char in "IOQ" for char in vin):
            return "malformed: a VIN never holds I, O or Q"
        return "malformed: a VIN holds only letters and digits"
    return None


def _not_a_1m(vin: str) -> str | None:
    if len(vin) == SHORT_LENGTH:
        if vin[0] != "V":
            return "not a 1M: a 1M's short chassis number starts with V (Leipzig)"
        return None
    if not vin.startswith(PREFIX_1M):
        return f"not a 1M: a 1M's VIN starts {PREFIX_1M}"
    if vin[6] not in _BY_POSITION_7:
        return "not a 1M: position 7 of a 1M's VIN is 1, 2 or C"
    if vin[10] != "V":
        return "not a 1M: position 11 of a 1M's VIN is V (Leipzig)"
    return None
