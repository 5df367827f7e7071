"""Comparing two assessments of the same project point by point."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, TypeVar

from app.rules.ratings import Rating, parse_rating

_SCORE = {Rating.RED: 0, Rating.AMBER: 1, Rating.GREEN: 2}


class Started(Protocol):
    id: int
    created_at: datetime


S = TypeVar("S", bound=Started)


def in_order_started(first: S, second: S) -> tuple[S, S]:
    """The two assessments as ``(earlier, later)``, whichever way round they were chosen.

    Two started at the same moment are told apart by id, the order they were stored in.
    """
    if (second.created_at, second.id) < (first.created_at, first.id):
        return second, first
    return first, second


def rating_change(earlier: str | None, later: str | None) -> str:
    """``same``, ``better``, ``worse``, ``newly_rated`` or ``no_longer_rated``.

    Works for a point's rating and for an overall rating alike: an overall rating that is
    pending or not started counts as not rated.
    """
    before, after = parse_rating(earlier), parse_rating(later)
    if before == after:
        return "same"
    if before is None:
        return "newly_rated"
    if after is None:
        return "no_longer_rated"
    return "better" if _SCORE[after] > _SCORE[before] else "worse"


@dataclass(frozen=True)
class PointComparison:
    number: int
    title: str
    earlier: str | None
    later: str | None

    @property
    def change(self) -> str:
        """``same``, ``better``, ``worse``, ``newly_rated`` or ``no_longer_rated``."""
        return rating_change(self.earlier, self.later)


CHANGE_LABELS = {
    "same": "No change",
    "better": "Better",
    "worse": "Worse",
    "newly_rated": "Now rated",
    "no_longer_rated": "No longer rated",
}


def compare_ratings(
    titles: Mapping[int, str],
    earlier: Mapping[int, str | None],
    later: Mapping[int, str | None],
) -> list[PointComparison]:
    """One row per point number found in either assessment, in number order."""
    numbers = sorted(set(titles) | set(earlier) | set(later))
    return [
        PointComparison(number, titles.get(number, ""), earlier.get(number), later.get(number))
        for number in numbers
    ]
