"""How much m1lookup reads, and the one wording of a refusal: each limit is defined here once.

Nothing here imports Typer or Rich, or anything else.
"""

from __future__ import annotations

# The largest file m1lookup reads whole: a dataset (the bundled one is under 100 kB). Larger
# inputs are refused, so that time and memory stay bounded; a car list is streamed instead, each
# line bounded by MAX_LINE_CHARS.
MAX_INPUT_BYTES = 16 * 2**20
MAX_INPUT_SIZE = "16 MB"  # MAX_INPUT_BYTES as people read it; a test keeps the two in step
# Longest line any caller accepts: a colour name is at most 200 characters and a car-list row a
# few hundred, so only a file without line breaks (/dev/zero, a binary) comes near it.
MAX_LINE_CHARS = MAX_INPUT_BYTES


def too_large(name: str, max_bytes: int = MAX_INPUT_BYTES) -> str:
    """The one wording of an input refused for its size: ``NAME is larger than 16 MB, more than
    m1lookup reads``."""
    size = MAX_INPUT_SIZE if max_bytes == MAX_INPUT_BYTES else f"{max_bytes:,} bytes"
    return f"{name} is larger than {size}, more than m1lookup reads"
