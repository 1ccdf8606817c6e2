"""Synthetic 1M VINs for fixtures: never a real car's. ``vin("C", "S10002")`` is a North
American VIN whose check digit (position 9) is computed as 49 CFR 565 says."""

from __future__ import annotations

from m1lookup.lookup.vin import check_digit

# The four synthetic VINs of the research sheet (../shared/research/1m-facts.md, "VINs").
SHEET_VINS = ("WBSUR9C51BVS00001", "WBSUR9102BVS00001", "WBSUR91060VS00001", "WBSUR92080VS00001")


def vin(position_7: str, serial: str, year: str = "B") -> str:
    """A 1M VIN for the market of ``position_7`` (1, 2 or C) with the six-character ``serial``,
    passing the check digit."""
    middle = "5" if position_7 == "C" else "0"
    draft = f"WBSUR9{position_7}{middle}0{year}V{serial}"
    return draft[:8] + check_digit(draft) + draft[9:]


def wrong_check_digit(good: str) -> str:
    digit = "0" if good[8] != "0" else "1"
    return good[:8] + digit + good[9:]
