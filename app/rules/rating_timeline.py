"""When each rating started to count, and each project's overall rating month by month.

The rating that counts for a point (app.rules.ratings) is the panel's, once a published panel
assessment built from the project's latest submitted self-assessment has rated it, else the
team's rating in that self-assessment. Replaying a project's self-assessments (from the day
each was submitted, until it was withdrawn) and its panels' publications in date order gives
the dated :class:`RatingEvent` s the trends are worked out from.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise

from app.rules.portfolio import BoardOverall, board_overall
from app.rules.portfolio_trends import TREND_MONTHS, RatingEvent, month_ends
from app.rules.ratings import Rating, overall_rating, parse_rating


@dataclass(frozen=True)
class SelfAssessmentRatings:
    """A submitted self-assessment: the team's rating of each point (None: not rated)."""

    id: int
    project_id: int
    order: tuple  # newer self-assessments sort later (when started, then id)
    submitted_on: date
    withdrawn_on: date | None = None
    ratings: Mapping[int, str | None] = field(default_factory=dict)


@dataclass(frozen=True)
class PanelRatings:
    """A published panel assessment's ratings, on the self-assessment it was built from."""

    self_assessment_id: int
    published_on: date
    order: tuple = ()  # publications on the same day: later ones sort later
    ratings: Mapping[int, str | None] = field(default_factory=dict)


def counted_on(
    day: date,
    self_assessments: Sequence[SelfAssessmentRatings],
    panels: Sequence[PanelRatings],
) -> dict[int, Rating | None]:
    """``{point number: the rating that counts}`` for one project as at the end of ``day``."""
    standing = [
        a
        for a in self_assessments
        if a.submitted_on <= day and (a.withdrawn_on is None or a.withdrawn_on > day)
    ]
    if not standing:
        return {}
    latest = max(standing, key=lambda a: a.order)
    counted = {number: parse_rating(value) for number, value in latest.ratings.items()}
    published = sorted(
        (p for p in panels if p.self_assessment_id == latest.id and p.published_on <= day),
        key=lambda p: (p.published_on, p.order),
    )
    for panel in published:
        for number, value in panel.ratings.items():
            rating = parse_rating(value)
            if rating is not None:
                counted[number] = rating
    return counted


def rating_events(
    self_assessments: Iterable[SelfAssessmentRatings], panels: Iterable[PanelRatings]
) -> list[RatingEvent]:
    """Every change to a rating that counts, oldest first: the team's ratings from the day a
    self-assessment was submitted, the panel's from the day it published, and no rating
    (None) for a point whose only rating was withdrawn."""
    by_project: dict[int, list[SelfAssessmentRatings]] = defaultdict(list)
    for assessment in self_assessments:
        by_project[assessment.project_id].append(assessment)
    project_of = {a.id: a.project_id for found in by_project.values() for a in found}
    panels_of: dict[int, list[PanelRatings]] = defaultdict(list)
    for panel in panels:
        if panel.self_assessment_id in project_of:
            panels_of[project_of[panel.self_assessment_id]].append(panel)

    events: list[RatingEvent] = []
    for project_id in sorted(by_project):
        assessments = by_project[project_id]
        published = panels_of[project_id]
        days = sorted(
            {a.submitted_on for a in assessments}
            | {a.withdrawn_on for a in assessments if a.withdrawn_on is not None}
            | {p.published_on for p in published}
        )
        before: dict[int, Rating | None] = {}
        for day in days:
            now = counted_on(day, assessments, published)
            for number in sorted(before.keys() | now.keys()):
                if number not in before or before.get(number) != now.get(number):
                    events.append(RatingEvent(project_id, number, day, now.get(number)))
            before = {**dict.fromkeys(before), **now}
    events.sort(key=lambda event: event.on)
    return events


@dataclass(frozen=True)
class MonthRating:
    """One project's overall rating as at the end of one month (today, for this month)."""

    month: date
    as_at: date
    overall: BoardOverall

    @property
    def label(self) -> str:
        return f"{self.month:%B %Y}"


def overall_by_month(
    events: Iterable[RatingEvent],
    project_ids: Iterable[int],
    today: date,
    months: int = TREND_MONTHS,
) -> dict[int, list[MonthRating]]:
    """``{project id: its overall rating at each of the last months' ends, oldest first}``:
    the worst of the ratings that count, "not yet assessed" while any point is unrated or
    before the first submitted self-assessment."""
    ordered = sorted((e for e in events if e.on <= today), key=lambda event: event.on)
    current: dict[int, dict[int, Rating | None]] = defaultdict(dict)
    result: dict[int, list[MonthRating]] = {project_id: [] for project_id in project_ids}
    position = 0
    for first, as_at in month_ends(today, months):
        while position < len(ordered) and ordered[position].on <= as_at:
            event = ordered[position]
            value = event.rating
            current[event.project_id][event.number] = (
                value if isinstance(value, Rating) else parse_rating(value)
            )
            position += 1
        for project_id, found in result.items():
            ratings = current.get(project_id)
            rated = [r for r in ratings.values() if r is not None] if ratings else []
            if not rated:
                overall = BoardOverall.NOT_ASSESSED
            else:
                overall = board_overall(overall_rating(ratings.values()))
            found.append(MonthRating(first, as_at, overall))
    return result


# Better ratings rank higher.
RANK = {
    BoardOverall.NOT_ASSESSED: 0,
    BoardOverall.RED: 1,
    BoardOverall.AMBER: 2,
    BoardOverall.GREEN: 3,
}


def movement(series: Sequence[MonthRating]) -> str:
    """How a project's overall rating moved from the first month to the last: "better",
    "worse", "same" or "first assessed" (not yet assessed at first, assessed now) or
    "no longer assessed"."""
    if not series:
        return "same"
    first, last = series[0].overall, series[-1].overall
    if first == last:
        return "same"
    if first is BoardOverall.NOT_ASSESSED:
        return "first assessed"
    if last is BoardOverall.NOT_ASSESSED:
        return "no longer assessed"
    return "better" if RANK[last] > RANK[first] else "worse"


MOVEMENT_WORDS = {
    "better": "Better",
    "worse": "Worse",
    "same": "No change",
    "first assessed": "First assessed",
    "no longer assessed": "No longer assessed",
}


def projects_summary(movements: Iterable[str], months: int = TREND_MONTHS) -> str:
    """One sentence about how many projects' overall ratings moved over the months."""
    found = list(movements)
    if not found:
        return "There are no projects to show."
    total = len(found)
    better = found.count("better")
    worse = found.count("worse")
    first = found.count("first assessed")
    projects = "project" if total == 1 else "projects"
    parts = [f"{better} {'has' if better == 1 else 'have'} a better overall rating"]
    parts.append(f"{worse} a worse one")
    if first:
        parts.append(f"{first} {'was' if first == 1 else 'were'} assessed for the first time")
    same = found.count("same")
    parts.append(f"{same} {'is' if same == 1 else 'are'} unchanged")
    listed = ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"Of {total} {projects}, compared with {months} months ago, {listed}."


def project_summary(name: str, series: Sequence[MonthRating]) -> str:
    """One sentence about one project's overall rating over the months."""
    if not series:
        return f"{name} has no ratings to show."
    words = {
        BoardOverall.GREEN: "green",
        BoardOverall.AMBER: "amber",
        BoardOverall.RED: "red",
        BoardOverall.NOT_ASSESSED: "not yet assessed",
    }
    first, last = series[0], series[-1]
    changes = sum(1 for a, b in pairwise(series) if a.overall != b.overall)
    if not changes:
        return (
            f"{name}'s overall rating was {words[first.overall]} in every month from "
            f"{first.label} to {last.label}."
        )
    times = "once" if changes == 1 else "twice" if changes == 2 else f"{changes} times"
    return (
        f"{name}'s overall rating was {words[first.overall]} in {first.label} and "
        f"{words[last.overall]} in {last.label}, changing {times} in between."
    )
