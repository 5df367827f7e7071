"""Comparing two assessments of the same project point by point."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from app.rules.ratings import Rating, parse_rating

_SCORE = {Rating.RED: 0, Rating.AMBER: 1, Rating.GREEN: 2}


@dataclass(frozen=True)
class PointComparison:
    number: int
    title: str
    earlier: str | None
    later: str | None

    @property
    def change(self) -> str:
        """``same``, ``better``, ``worse``, ``newly_rated`` or ``no_longer_rated``."""
        before, after = parse_rating(self.earlier), parse_rating(self.later)
        if before == after:
            return "same"
        if before is None:
            return "newly_rated"
        if after is None:
            return "no_longer_rated"
        return "better" if _SCORE[after] > _SCORE[before] else "worse"


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
