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
from app.rules.portfolio_trends import TREND_MONTHS, MonthShare, RatingEvent, month_ends
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


# A rating, or its stored value, to the rating (a StrEnum hashes as its value).
_KNOWN: dict[object, Rating | None] = {None: None, "": None, **{r.value: r for r in Rating}}


def _parsed(ratings: Mapping[int, Rating | str | None]) -> dict[int, Rating | None]:
    known = _KNOWN
    return {
        number: known[value] if value in known else parse_rating(value)
        for number, value in ratings.items()
    }


def counted_on(
    day: date,
    self_assessments: Sequence[SelfAssessmentRatings],
    panels: Sequence[PanelRatings],
) -> dict[int, Rating | None]:
    """``{point number: the rating that counts}`` for one project as at the end of ``day``."""
    return _counted_on(day, self_assessments, panels, {})


def _counted_on(day, self_assessments, panels, parsed: dict[int, dict]) -> dict:
    """As :func:`counted_on`, reusing each assessment's parsed ratings from ``parsed``
    (keyed by the object's id()); ``panels`` already in publication order when ``parsed``
    has them."""

    def ratings_of(item) -> dict[int, Rating | None]:
        found = parsed.get(id(item))
        if found is None:
            found = parsed[id(item)] = _parsed(item.ratings)
        return found

    if not parsed:
        panels = sorted(panels, key=lambda p: (p.published_on, p.order))
    standing = [
        a
        for a in self_assessments
        if a.submitted_on <= day and (a.withdrawn_on is None or a.withdrawn_on > day)
    ]
    if not standing:
        return {}
    latest = max(standing, key=lambda a: a.order)
    counted = dict(ratings_of(latest))
    for panel in panels:
        if panel.self_assessment_id != latest.id or panel.published_on > day:
            continue
        for number, rating in ratings_of(panel).items():
            if rating is not None:
                counted[number] = rating
    return counted


@dataclass(frozen=True)
class State:
    """From ``on``, the ratings that count for each point of one project, with their
    worst-of overall rating and how many points are green and rated."""

    on: date
    ratings: Mapping[int, Rating | None]
    overall: BoardOverall
    green: int
    rated: int


def _state(on: date, ratings: dict[int, Rating | None]) -> State:
    values = list(ratings.values())
    rated = len(values) - values.count(None)
    # The worst-of rule depends only on which ratings occur, not how often.
    overall = board_overall(overall_rating(set(values))) if rated else BoardOverall.NOT_ASSESSED
    return State(on, ratings, overall, values.count(Rating.GREEN), rated)


def project_timelines(
    self_assessments: Iterable[SelfAssessmentRatings], panels: Iterable[PanelRatings]
) -> dict[int, list[State]]:
    """``{project id: its states, oldest first}``: a new state on each day a self-assessment
    was submitted or withdrawn or a panel published, when the ratings that count changed.
    The team's ratings count from the day a self-assessment was submitted, the panel's from
    the day it published; a withdrawn self-assessment stops counting the day it was."""
    by_project: dict[int, list[SelfAssessmentRatings]] = defaultdict(list)
    for assessment in self_assessments:
        by_project[assessment.project_id].append(assessment)
    project_of = {a.id: a.project_id for found in by_project.values() for a in found}
    panels_of: dict[int, list[PanelRatings]] = defaultdict(list)
    for panel in panels:
        if panel.self_assessment_id in project_of:
            panels_of[project_of[panel.self_assessment_id]].append(panel)

    timelines: dict[int, list[State]] = {}
    for project_id, assessments in by_project.items():
        published = panels_of[project_id]
        days = sorted(
            {a.submitted_on for a in assessments}
            | {a.withdrawn_on for a in assessments if a.withdrawn_on is not None}
            | {p.published_on for p in published}
        )
        states: list[State] = []
        parsed: dict[int, dict] = {
            id(item): _parsed(item.ratings) for item in (*assessments, *published)
        }
        published = sorted(published, key=lambda p: (p.published_on, p.order))
        for day in days:
            now = _counted_on(day, assessments, published, parsed)
            if not states or now != states[-1].ratings:
                states.append(_state(day, now))
        timelines[project_id] = states
    return timelines


def events_from_timelines(timelines: Mapping[int, Sequence[State]]) -> list[RatingEvent]:
    """Every change to a rating that counts, oldest first, as
    app.rules.portfolio_trends.green_share_by_month reads them (None: a point whose rating
    no longer counts)."""
    events: list[RatingEvent] = []
    for project_id in sorted(timelines):
        before: Mapping[int, Rating | None] = {}
        for state in timelines[project_id]:
            now = state.ratings
            for number in sorted(before.keys() | now.keys()):
                if number not in before or before.get(number) != now.get(number):
                    events.append(RatingEvent(project_id, number, state.on, now.get(number)))
            before = {**dict.fromkeys(before), **now}
    events.sort(key=lambda event: event.on)
    return events


def rating_events(
    self_assessments: Iterable[SelfAssessmentRatings], panels: Iterable[PanelRatings]
) -> list[RatingEvent]:
    """Every change to a rating that counts, oldest first (see :func:`project_timelines`)."""
    return events_from_timelines(project_timelines(self_assessments, panels))


def _at_month_ends(states: Sequence[State], ends: Sequence[date]) -> list[State | None]:
    """The state standing at the end of each of ``ends`` (oldest first): the last one on or
    before it, or None before the first."""
    found: list[State | None] = []
    position, current = 0, None
    for as_at in ends:
        while position < len(states) and states[position].on <= as_at:
            current = states[position]
            position += 1
        found.append(current)
    return found


def by_month(
    timelines: Mapping[int, Sequence[State]],
    project_ids: Iterable[int],
    today: date,
    months: int = TREND_MONTHS,
) -> tuple[list[MonthShare], dict[int, tuple[BoardOverall, ...]]]:
    """Both trends in one walk: the share green across the timelines (as
    :func:`green_share_from_timelines`) and each project's overall ratings (as
    :func:`overall_by_month`)."""
    ends = month_ends(today, months)
    days = [as_at for _, as_at in ends]
    green = [0] * len(ends)
    rated = [0] * len(ends)
    never = (BoardOverall.NOT_ASSESSED,) * len(ends)
    overalls: dict[int, tuple[BoardOverall, ...]] = {}
    for project_id, states in timelines.items():
        standing = _at_month_ends(states, days)
        for index, state in enumerate(standing):
            if state is not None:
                green[index] += state.green
                rated[index] += state.rated
        overalls[project_id] = tuple(
            state.overall if state is not None else BoardOverall.NOT_ASSESSED for state in standing
        )
    shares = [
        MonthShare(first, as_at, green[index], rated[index])
        for index, (first, as_at) in enumerate(ends)
    ]
    return shares, {project_id: overalls.get(project_id, never) for project_id in project_ids}


def green_share_from_timelines(
    timelines: Mapping[int, Sequence[State]], today: date, months: int = TREND_MONTHS
) -> list[MonthShare]:
    """What green_share_by_month gives for the timelines' events, without replaying every
    point: each project's state at each month's end carries its counts."""
    return by_month(timelines, (), today, months)[0]


def overall_by_month(
    timelines: Mapping[int, Sequence[State]],
    project_ids: Iterable[int],
    today: date,
    months: int = TREND_MONTHS,
) -> dict[int, tuple[BoardOverall, ...]]:
    """``{project id: its overall rating at each of the last months' ends, oldest first}``:
    the worst of the ratings that count, "not yet assessed" while any point is unrated or
    before its first submitted self-assessment."""
    return by_month(timelines, project_ids, today, months)[1]


@dataclass(frozen=True)
class MonthRating:
    """One project's overall rating as at the end of one month (today, for this month)."""

    month: date
    as_at: date
    overall: BoardOverall

    @property
    def label(self) -> str:
        return f"{self.month:%B %Y}"


def month_ratings(
    overalls: Sequence[BoardOverall], today: date, months: int = TREND_MONTHS
) -> list[MonthRating]:
    """One project's overall ratings from :func:`overall_by_month`, with their months."""
    return [
        MonthRating(first, as_at, overall)
        for (first, as_at), overall in zip(month_ends(today, months), overalls, strict=True)
    ]


# Better ratings rank higher.
RANK = {
    BoardOverall.NOT_ASSESSED: 0,
    BoardOverall.RED: 1,
    BoardOverall.AMBER: 2,
    BoardOverall.GREEN: 3,
}


def movement(overalls: Sequence[BoardOverall]) -> str:
    """How a project's overall rating moved from the first month to the last: "better",
    "worse", "same" or "first assessed" (not yet assessed at first, assessed now) or
    "no longer assessed"."""
    if not overalls:
        return "same"
    first, last = overalls[0], overalls[-1]
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
            f"The overall rating of {name} was {words[first.overall]} in every month from "
            f"{first.label} to {last.label}."
        )
    times = "once" if changes == 1 else "twice" if changes == 2 else f"{changes} times"
    return (
        f"The overall rating of {name} was {words[first.overall]} in {first.label} and "
        f"{words[last.overall]} in {last.label}, changing {times} in between."
    )
