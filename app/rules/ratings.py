"""Red, amber and green ratings, the rating that counts, and the worst-of overall rating.

"The rating of this point" and "the overall rating of this assessment" are answered here
and nowhere else: :func:`point_rating` and :func:`assessment_rating`. Once a panel has
rated a point, the panel's rating counts and the team's stays beside it; until then the
team's counts. A draft's ratings are "so far".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache


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
# Ratings as the database stores them, looked up without building an enum member each time.
_BY_VALUE = {rating.value: rating for rating in Rating}


def parse_rating(value: str | None) -> Rating | None:
    """Return the rating named by ``value``, or None for blank or unknown values."""
    if not value:
        return None
    found = _BY_VALUE.get(value)
    if found is not None:
        return found
    try:
        return Rating(value.strip().lower())
    except ValueError:
        return None


def is_better(rating: Rating | str | None, than: Rating | str | None) -> bool:
    """Whether ``rating`` is better than ``than`` (green over amber over red). Nothing is
    better than no rating, and any rating is better than none."""
    rating, than = _as_rating(rating), _as_rating(than)
    if rating is None:
        return False
    return than is None or _SEVERITY[rating] < _SEVERITY[than]


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


class RatingSource(StrEnum):
    TEAM = "team"
    PANEL = "panel"


@dataclass(frozen=True)
class PointRating:
    """One point's ratings: the team's, the panel's, and which of them counts."""

    team: Rating | None
    panel: Rating | None = None
    so_far: bool = False  # the assessment is a draft: the team may still change it

    @property
    def counts(self) -> Rating | None:
        """The panel's rating once it has given one, else the team's."""
        return self.panel if self.panel is not None else self.team

    @property
    def source(self) -> RatingSource | None:
        """Whose rating counts: the panel's, the team's, or nobody's yet."""
        if self.panel is not None:
            return RatingSource.PANEL
        return RatingSource.TEAM if self.team is not None else None


@dataclass(frozen=True)
class AssessmentRating:
    """An assessment's overall rating: the one that counts, and the team's and panel's."""

    overall: Overall  # the worst of the ratings that count
    team: Overall
    panel: Overall | None  # None until the panel has rated a point
    so_far: bool = False

    @property
    def source(self) -> RatingSource:
        return RatingSource.PANEL if self.panel is not None else RatingSource.TEAM


@cache
def point_rating(
    team: Rating | str | None, panel: Rating | str | None = None, so_far: bool = False
) -> PointRating:
    """The rating of one point, from the team's and the panel's (either may be missing).

    Kept once for each combination (there are few): the board's home page asks for the
    ratings of every point of every project's assessments.
    """
    return PointRating(_as_rating(team), _as_rating(panel), so_far)


def assessment_rating(points: Iterable[PointRating], so_far: bool = False) -> AssessmentRating:
    """The overall rating of an assessment from its points' ratings.

    The overall that counts is the worst of each point's rating that counts, so a point the
    panel has rated counts as the panel rated it even while others have only the team's.
    """
    points = list(points)
    panel_rated = any(point.panel is not None for point in points)
    return AssessmentRating(
        overall=overall_rating(point.counts for point in points),
        team=overall_rating(point.team for point in points),
        panel=overall_rating(point.panel for point in points) if panel_rated else None,
        so_far=so_far,
    )


def _as_rating(value: Rating | str | None) -> Rating | None:
    return value if isinstance(value, Rating) else parse_rating(value)
