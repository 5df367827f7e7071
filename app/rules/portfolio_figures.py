"""The portfolio's figures: the headline figures, and each point across the portfolio.

Both are made from the board's rows (``app.rules.portfolio.project_row``), already narrowed
to the directorates the person may see (``app.rules.portfolio.scoped``).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any

from app.rules.phases import PHASE_ORDER
from app.rules.portfolio import BoardOverall, FrameworkInfo, ProjectRow, Stage
from app.rules.projects import NON_CASHABLE_LABELS, NOT_KNOWN, NonCashable
from app.rules.ratings import Rating

DUE_SOON_DAYS = 30  # "assessments due in the next 30 days"

# The non-cashable benefit levels in the order every board page and the pack list them:
# the largest first, then projects whose benefit is not known.
BENEFIT_LEVELS = (
    *((level.value, NON_CASHABLE_LABELS[level]) for level in reversed(NonCashable)),
    (NOT_KNOWN, "Not known"),
)


# --- Headline figures ----------------------------------------------------------------------


@dataclass(frozen=True)
class Headlines:
    """The figures at the top of the portfolio. Every mapping lists every key, zeros too,
    in the order the page shows them."""

    projects: int
    by_stage: dict[str, int]  # concept, design, delivery, closed
    by_phase: dict[str, int]  # discovery ... retired
    by_overall: dict[str, int]  # green, amber, red, not_assessed
    red_points: int  # points rated red across the portfolio
    projects_with_red: int
    open_actions: int
    overdue_actions: int
    assessments_due_soon: int  # due today or in the next ``DUE_SOON_DAYS`` days
    assessments_overdue: int  # due before today
    reports_overdue: int
    cashable_benefit: int  # pounds a year, projects with no estimate counting nothing
    non_cashable: dict[str, int]  # low, moderate, high, not_known


def due_soon(due: date | None, today: date, days: int = DUE_SOON_DAYS) -> bool:
    """Due today or within the next ``days`` days (today + ``days`` included)."""
    return due is not None and today <= due <= today + timedelta(days=days)


def headline_figures(
    rows: Iterable[ProjectRow],
    today: date,
    due_within_days: int = DUE_SOON_DAYS,
    arranged: Collection[int] = frozenset(),
) -> Headlines:
    """The headline figures over ``rows`` (already narrowed to the person's directorates).

    A phase or benefit level the service does not know is left out of its breakdown but the
    project still counts in the total. A project in ``arranged`` (ids of projects with a
    panel assessment arranged: :func:`assessments_due`) is not counted as due soon.
    """
    rows = list(rows)
    by_stage = {stage.value: 0 for stage in Stage}
    by_phase = {phase.value: 0 for phase in PHASE_ORDER}
    by_overall = {bucket.value: 0 for bucket in BoardOverall}
    non_cashable = {level.value: 0 for level in NonCashable} | {NOT_KNOWN: 0}
    for row in rows:
        if row.stage is not None:
            by_stage[row.stage.value] += 1
            by_phase[row.facts.phase] += 1
        by_overall[row.board_overall.value] += 1
        level = row.facts.non_cashable_benefit or NOT_KNOWN
        if level in non_cashable:
            non_cashable[level] += 1
    return Headlines(
        projects=len(rows),
        by_stage=by_stage,
        by_phase=by_phase,
        by_overall=by_overall,
        red_points=sum(len(row.red_points) for row in rows),
        projects_with_red=sum(1 for row in rows if row.has_red_points),
        open_actions=sum(row.open_actions for row in rows),
        overdue_actions=sum(row.overdue_actions for row in rows),
        assessments_due_soon=sum(
            1
            for row in rows
            if row.id not in arranged
            and due_soon(row.facts.next_assessment_due, today, due_within_days)
        ),
        assessments_overdue=sum(1 for row in rows if row.assessment_overdue),
        reports_overdue=sum(max(row.facts.reports_overdue, 0) for row in rows),
        cashable_benefit=sum(max(row.facts.cashable_benefit or 0, 0) for row in rows),
        non_cashable=non_cashable,
    )


@dataclass(frozen=True)
class ArrangedAssessment:
    """A panel assessment arranged for a project and not yet published or withdrawn."""

    project_id: int
    kind: str
    phase: str
    status: str
    held_on: date | None


@dataclass(frozen=True)
class DueAssessment:
    """A project whose next assessment is due soon, and the assessment arranged for it."""

    row: ProjectRow
    due: date
    arranged: ArrangedAssessment | None


def assessments_due(
    rows: Iterable[ProjectRow],
    today: date,
    arranged: Mapping[int, ArrangedAssessment],
    due_within_days: int = DUE_SOON_DAYS,
) -> list[DueAssessment]:
    """The projects whose next assessment is due today or in the next ``due_within_days``
    days, soonest first, each with the panel assessment arranged for it (``arranged``, by
    project id; None: nothing arranged). Only those with nothing arranged count in the
    headline figure (:func:`still_to_arrange`)."""
    found = [
        DueAssessment(row, row.facts.next_assessment_due, arranged.get(row.id))
        for row in rows
        if due_soon(row.facts.next_assessment_due, today, due_within_days)
    ]
    return sorted(found, key=lambda item: (item.due, item.row.facts.name.lower(), item.row.id))


def assessments_overdue(
    rows: Iterable[ProjectRow], today: date, arranged: Mapping[int, ArrangedAssessment]
) -> list[DueAssessment]:
    """The projects whose next assessment was due before today, longest overdue first, each
    with the panel assessment arranged for it (None: nothing arranged)."""
    found = [
        DueAssessment(row, row.facts.next_assessment_due, arranged.get(row.id))
        for row in rows
        if row.assessment_overdue and row.facts.next_assessment_due is not None
    ]
    return sorted(found, key=lambda item: (item.due, item.row.facts.name.lower(), item.row.id))


def days_overdue(due: date, today: date) -> int:
    """Calendar days since ``due`` (0 on the day itself or before it)."""
    return max((today - due).days, 0)


def overdue_words(overdue: int, not_arranged: int) -> str:
    """What the list of overdue assessments says above its table: how many projects missed
    the date for their next assessment, and how many of them have none arranged."""
    if overdue == 0:
        return "No projects have missed the date for their next assessment."
    if overdue == 1:
        first = "1 project has missed the date for its next assessment."
        return f"{first} {'It has none arranged.' if not_arranged else 'It has one arranged.'}"
    first = f"{overdue} projects have missed the date for their next assessment."
    if not_arranged == 0:
        return f"{first} Each has one arranged."
    if not_arranged == overdue:
        return f"{first} None of them has one arranged."
    verb = "has" if not_arranged == 1 else "have"
    return f"{first} {not_arranged} of them {verb} none arranged."


def due_words(due: int, not_arranged: int, days: int = DUE_SOON_DAYS) -> str:
    """What the list of assessments due soon says above its table."""
    if due == 0:
        return f"No projects have an assessment due in the next {days} days."
    if not_arranged == 0:
        return "Every project with an assessment due has one arranged."
    noun = "project has" if not_arranged == 1 else "projects have"
    return f"{not_arranged} {noun} an assessment due and none arranged yet."


def still_to_arrange(due: Iterable[DueAssessment]) -> int:
    """How many of ``due`` have no panel assessment arranged."""
    return sum(1 for item in due if item.arranged is None)


# --- Headline figures kept with a board meeting ----------------------------------------------

NO_DIRECTORATE = "none"


def headlines_by_directorate(
    rows: Iterable[ProjectRow],
    today: date,
    due_within_days: int = DUE_SOON_DAYS,
    arranged: Collection[int] = frozenset(),
) -> dict[str, dict]:
    """The headline figures of each directorate's projects, JSON-ready (keyed by directorate
    id as text, ``NO_DIRECTORATE`` for projects with none), to keep with a meeting. Every
    figure adds up, so a person's scope is the sum of their directorates'
    (:func:`kept_headlines`). ``arranged`` is as for :func:`headline_figures`."""
    grouped: dict[str, list[ProjectRow]] = {}
    for row in rows:
        key = str(row.facts.directorate_id) if row.facts.directorate_id else NO_DIRECTORATE
        grouped.setdefault(key, []).append(row)
    return {
        key: asdict(headline_figures(found, today, due_within_days, arranged))
        for key, found in grouped.items()
    }


def kept_headlines(
    kept: Mapping[str, Any] | None, allowed: Iterable[int] | None
) -> Headlines | None:
    """The headline figures kept with a meeting, summed over the ``allowed`` directorates (None:
    every project). None when none were kept (figures taken before they were) or they
    cannot be read."""
    if not isinstance(kept, Mapping) or not kept:
        return None
    wanted = None if allowed is None else {str(i) for i in allowed}
    total = asdict(headline_figures([], date.min))
    try:
        for key, figures in kept.items():
            if wanted is not None and key not in wanted:
                continue
            for name, value in figures.items():
                if name not in total:
                    continue
                if isinstance(total[name], dict):
                    for part, count in value.items():
                        total[name][part] = total[name].get(part, 0) + int(count)
                else:
                    total[name] += int(value)
    except (AttributeError, TypeError, ValueError):
        return None
    return Headlines(**total)


# --- Each point across the portfolio -------------------------------------------------------


@dataclass(frozen=True)
class PointTally:
    """How the projects on one framework stand on one point, with the projects behind each
    number (ids, in the order the rows were given)."""

    number: int
    title: str
    green: tuple[int, ...]
    amber: tuple[int, ...]
    red: tuple[int, ...]
    not_assessed: tuple[int, ...]

    @property
    def counts(self) -> dict[str, int]:
        return {
            "green": len(self.green),
            "amber": len(self.amber),
            "red": len(self.red),
            "not_assessed": len(self.not_assessed),
        }


def weakest_first_key(tally: PointTally) -> tuple[int, int, int, int]:
    """Weakest first: most red, then most amber, then fewest green, then point number."""
    return (-len(tally.red), -len(tally.amber), len(tally.green), tally.number)


@dataclass(frozen=True)
class FrameworkPoints:
    framework: FrameworkInfo
    points: tuple[PointTally, ...]  # weakest first


def by_point(rows: Iterable[ProjectRow]) -> list[FrameworkPoints]:
    """For each framework (never mixed), each point's green / amber / red / not assessed
    projects, weakest first (:func:`weakest_first_key`). Frameworks in name order."""
    grouped: dict[int, tuple[FrameworkInfo, list[ProjectRow]]] = {}
    for row in rows:
        grouped.setdefault(row.facts.framework.id, (row.facts.framework, []))[1].append(row)
    result = []
    for framework, framework_rows in sorted(
        grouped.values(), key=lambda item: (item[0].name.lower(), item[0].id)
    ):
        tallies = []
        for index, (number, title) in enumerate(framework.points):
            found: dict[Rating | None, list[int]] = {
                Rating.GREEN: [],
                Rating.AMBER: [],
                Rating.RED: [],
                None: [],
            }
            for row in framework_rows:
                found[row.cells[index].rating.rating].append(row.id)
            tallies.append(
                PointTally(
                    number,
                    title,
                    tuple(found[Rating.GREEN]),
                    tuple(found[Rating.AMBER]),
                    tuple(found[Rating.RED]),
                    tuple(found[None]),
                )
            )
        result.append(FrameworkPoints(framework, tuple(sorted(tallies, key=weakest_first_key))))
    return result
