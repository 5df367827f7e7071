"""Red, amber and green ratings, and the worst-of overall rating."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum


class Rating(StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"


class Overall(StrEnum):
    """An overall rating: a rating, or pending while any point is unrated."""

    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    PENDING = "pending"
    NOT_STARTED = "not_started"


RATING_LABELS = {
    Rating.GREEN: "Green",
    Rating.AMBER: "Amber",
    Rating.RED: "Red",
}

RATING_MEANINGS = {
    Rating.GREEN: "The point is met.",
    Rating.AMBER: (
        "The point is partly met. The service can move on, with actions fixed within "
        "about three months."
    ),
    Rating.RED: (
        "The point is not met. The service should not move on until it is reassessed on this point."
    ),
}

_SEVERITY = {Rating.GREEN: 0, Rating.AMBER: 1, Rating.RED: 2}


def parse_rating(value: str | None) -> Rating | None:
    """Return the rating named by ``value``, or None for blank or unknown values."""
    if not value:
        return None
    try:
        return Rating(value.strip().lower())
    except ValueError:
        return None


def overall_rating(ratings: Iterable[Rating | str | None]) -> Overall:
    """The worst-of roll-up.

    Any red makes it red; otherwise any amber makes it amber; all green is
    green. A point still unrated leaves the overall pending, unless a red is
    already known (nothing can make a red better). No points at all is
    "not started".
    """
    seen = [parse_rating(r) if not isinstance(r, Rating) else r for r in ratings]
    if not seen:
        return Overall.NOT_STARTED
    if Rating.RED in seen:
        return Overall.RED
    if None in seen:
        return Overall.PENDING
    worst = max(seen, key=lambda r: _SEVERITY[r])
    return Overall(worst.value)


def overall_label(overall: Overall) -> str:
    return {
        Overall.GREEN: "Green",
        Overall.AMBER: "Amber",
        Overall.RED: "Red",
        Overall.PENDING: "Pending",
        Overall.NOT_STARTED: "Not started",
    }[overall]


def rating_counts(ratings: Iterable[Rating | str | None]) -> dict[str, int]:
    """How many points have each rating, with ``not_rated`` for the rest."""
    counts = {"green": 0, "amber": 0, "red": 0, "not_rated": 0}
    for value in ratings:
        rating = value if isinstance(value, Rating) else parse_rating(value)
        counts[rating.value if rating else "not_rated"] += 1
    return counts
