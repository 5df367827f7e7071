"""Which numbers can be the id of something stored."""

from __future__ import annotations

import re

# The largest id a database integer column holds on every database we run on
# (PostgreSQL's integer): anything larger cannot name a stored thing.
LARGEST_ID = 2**31 - 1

_ASCII_DIGITS = re.compile(r"[0-9]{1,10}")


def can_be_an_id(value: int) -> bool:
    return 0 < value <= LARGEST_ID


def parse_id(text: str | None) -> int | None:
    """The id written in ``text``, or None if it is not one.

    Only the digits 0 to 9 count: "²" and "٣" are digits to Python but not ids.
    """
    if text is None or not _ASCII_DIGITS.fullmatch(text.strip()):
        return None
    value = int(text.strip())
    return value if can_be_an_id(value) else None
