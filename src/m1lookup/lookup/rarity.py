"""Rarity: each colour's count as a share of production, its rank and tier; and the statistics.

Nothing here imports Typer or Rich.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from m1lookup.io.text import cars
from m1lookup.model.records import Record
from m1lookup.model.schema import PROGRAMMES

if TYPE_CHECKING:
    from m1lookup.model.schema import Claim, Colour, Dataset

# (upper bound of the count, tier). Documented in docs/json.md; "unknown" is for a missing count.
TIERS: tuple[tuple[int, str], ...] = (
    (1, "one-off"),
    (10, "handful"),
    (100, "very rare"),
    (500, "rare"),
    (2000, "uncommon"),
)
COMMON_TIER = "common"
UNKNOWN_TIER = "unknown"


class Rarity(Record):
    colour: Colour
    count: int | None
    share: float | None  # fraction of the customer cars
    one_in: int | None  # customer cars per car of this colour, to the nearest car
    rank: int | None  # 1 = rarest; ties share a rank
    tier: str


def tier_meaning(tier: str) -> str:
    """What a tier says about the count, in words: "handful" is "2 to 10 cars"."""
    if tier == UNKNOWN_TIER:
        return "count unknown"
    lower = 1
    for upper, name in TIERS:
        if name == tier:
            return cars(upper) if lower == upper else f"{lower:,} to {cars(upper)}"
        lower = upper + 1
    return f"more than {cars(lower - 1)}"


def tier_for(count: int | None) -> str:
    if count is None:
        return UNKNOWN_TIER
    for upper, tier in TIERS:
        if count <= upper:
            return tier
    return COMMON_TIER


def rarity_table(dataset: Dataset) -> list[Rarity]:
    """Every colour, rarest first; unknown counts after every known count."""
    denominator = dataset.production.customer_cars.value
    known = sorted(
        (c for c in dataset.colours if c.count is not None),
        key=lambda c: (c.count, c.name),
    )
    unknown = sorted(
        (c for c in dataset.colours if c.count is None),
        key=lambda c: (_PROGRAMME_ORDER.get(c.programme, 9), c.name),
    )
    table: list[Rarity] = []
    for position, colour in enumerate(known, start=1):
        count = colour.count
        assert count is not None
        previous = table[-1] if table else None
        rank = previous.rank if previous and previous.count == count else position
        table.append(
            Rarity(
                colour,
                count,
                count / denominator,
                _one_in(denominator, count),
                rank,
                tier_for(count),
            )
        )
    table.extend(Rarity(colour, None, None, None, None, UNKNOWN_TIER) for colour in unknown)
    return table


def _one_in(denominator: int, count: int) -> int:
    """Customer cars per car of this colour, rounded half up (3,154.5 is shown as 3,155)."""
    return (2 * denominator + count) // (2 * count)


_PROGRAMME_ORDER = {programme: order for order, programme in enumerate(PROGRAMMES)}


def rarity_by_id(dataset: Dataset) -> dict[str, Rarity]:
    return {r.colour.id: r for r in rarity_table(dataset)}


# --- statistics --------------------------------------------------------------------------------


class Stats(Record):
    dataset: Dataset
    ranked: list[Rarity]
    denominator: int
    known_total: int  # cars whose colour count was published
    unknown_colours: list[Colour]
    claims_by_topic: dict[str, list[Claim]]


def stats(dataset: Dataset) -> Stats:
    ranked = rarity_table(dataset)
    claims: dict[str, list[Claim]] = {}
    for claim in dataset.claims:
        claims.setdefault(claim.topic, []).append(claim)
    return Stats(
        dataset=dataset,
        ranked=ranked,
        denominator=dataset.production.customer_cars.value,
        known_total=sum(r.count for r in ranked if r.count is not None),
        unknown_colours=[r.colour for r in ranked if r.count is None],
        claims_by_topic=claims,
    )
