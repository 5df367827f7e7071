"""The portfolio: projects with their latest assessment, overall rating and actions.

Every list here is loaded in a fixed number of queries, however many projects
there are: the home page must stay fast for a programme of hundreds.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache

from sqlalchemy import Select, and_, bindparam, case, func, or_, select
from sqlalchemy.orm import joinedload

from app.data.actions import seen_by_team
from app.data.ordering import PROJECT_NAME_ORDER
from app.data.ratings import point_ratings, rating_of
from app.extensions import db
from app.models import (
    Action,
    Assessment,
    PhaseChange,
    Project,
    TeamMembership,
)
from app.rules.actions import OPEN_STATUSES, count_open_and_overdue
from app.rules.phase_moves import SETTLED_STATUSES, override_stands
from app.rules.ratings import AssessmentRating
from app.rules.self_assessment import AssessmentKind, AssessmentStatus


@dataclass(frozen=True)
class PortfolioFilters:
    """What the list of every project is narrowed to. Empty values narrow nothing."""

    search: str = ""
    phase: str = ""
    directorate_id: int | None = None

    @property
    def any(self) -> bool:
        return bool(self.search or self.phase or self.directorate_id)


@dataclass(frozen=True)
class PortfolioRow:
    """A project with its assessments kept apart: the latest one the team submitted (whose
    rating counts) and the draft in progress (whose rating is "so far")."""

    project: Project
    team_role: str | None
    submitted: Assessment | None  # the newest submitted, in review, reported or published
    submitted_rating: AssessmentRating | None
    draft: Assessment | None  # the newest draft
    draft_rating: AssessmentRating | None
    withdrawn: Assessment | None  # the newest withdrawn one, shown only when there is no other
    open_actions: int
    overdue_actions: int
    moved_on_despite_red: bool

    @property
    def returned(self) -> bool:
        """The draft is a submitted self-assessment sent back to the team."""
        return self.draft is not None and self.draft.returned_at is not None


def _narrowed(
    query: Select,
    filters: PortfolioFilters,
    member_id: int | None,
    scope: tuple[frozenset[int], int] | None = None,
) -> Select:
    if scope is not None:
        allowed, reader_id = scope
        query = query.where(
            or_(
                Project.directorate_id.in_(sorted(allowed)),
                Project.id.in_(
                    select(TeamMembership.project_id).where(TeamMembership.person_id == reader_id)
                ),
            )
        )
    if member_id is not None:
        query = query.join(
            TeamMembership,
            and_(TeamMembership.project_id == Project.id, TeamMembership.person_id == member_id),
        )
    if filters.search:
        query = query.where(Project.name.icontains(filters.search, autoescape=True))
    if filters.phase:
        query = query.where(Project.phase == filters.phase)
    if filters.directorate_id:
        query = query.where(Project.directorate_id == filters.directorate_id)
    return query


def portfolio(
    filters: PortfolioFilters,
    today: date,
    member_id: int | None,
    scope: tuple[frozenset[int], int] | None = None,
) -> list[PortfolioRow]:
    """Projects by name, each with its latest assessment, overall rating and action counts.

    ``member_id`` limits the list to the projects whose team the person is in. ``scope``,
    ``(directorate ids, person id)``, limits it to a person's directorates and their own
    teams' projects (``app.rules.permissions.can_read_project``).
    However many projects there are, this takes the same six queries.
    """
    columns = [Project, TeamMembership.team_role] if member_id is not None else [Project]
    rows = db.session.execute(
        _narrowed(select(*columns), filters, member_id, scope)
        .options(joinedload(Project.directorate))
        .order_by(*PROJECT_NAME_ORDER)
    ).all()
    if not rows:
        return []
    project_ids = _narrowed(select(Project.id), filters, member_id, scope).scalar_subquery()

    latest = latest_assessments(project_ids)
    ratings = point_ratings(_newest_assessment_ids(project_ids))
    counts = _open_and_overdue(project_ids, today)
    overridden = _moved_on_despite_red(project_ids)
    result = []
    for row in rows:
        project = row[0]
        found = latest.get(project.id, {})
        submitted, draft = found.get(_SUBMITTED), found.get(_DRAFT)
        open_count, overdue = counts.get(project.id, (0, 0))
        result.append(
            PortfolioRow(
                project=project,
                team_role=row[1] if member_id is not None else None,
                submitted=submitted,
                submitted_rating=rating_of(submitted, ratings[submitted.id]) if submitted else None,
                draft=draft,
                draft_rating=rating_of(draft, ratings[draft.id]) if draft else None,
                withdrawn=found.get(_WITHDRAWN) if not (submitted or draft) else None,
                open_actions=open_count,
                overdue_actions=overdue,
                moved_on_despite_red=project.id in overridden,
            )
        )
    return result


@dataclass(frozen=True)
class ProjectRating:
    """One project's latest submitted assessment and its draft, with their overall ratings,
    as a row of the portfolio has them."""

    submitted: Assessment | None
    submitted_rating: AssessmentRating | None
    draft: Assessment | None
    draft_rating: AssessmentRating | None


def project_rating_among(assessments: Iterable[Assessment]) -> ProjectRating:
    """The rating that counts for one project (the panel's, once published, with the
    team's beside it), as the portfolio shows it, from the project's assessments read
    already, in one query."""
    return rating_of_newest(newest_by_group(assessments))


def rating_of_newest(found: dict[int, Assessment]) -> ProjectRating:
    """The ratings of a project's newest submitted self-assessment and of its draft, from
    ``{group: the newest in that group}``, in one query."""
    submitted, draft = found.get(_SUBMITTED), found.get(_DRAFT)
    ids = [a.id for a in (submitted, draft) if a is not None]
    ratings = point_ratings(ids) if ids else {}
    return ProjectRating(
        submitted=submitted,
        submitted_rating=rating_of(submitted, ratings.get(submitted.id, {})) if submitted else None,
        draft=draft,
        draft_rating=rating_of(draft, ratings.get(draft.id, {})) if draft else None,
    )


def newest_by_group(assessments: Iterable[Assessment]) -> dict[int, Assessment]:
    """``{group: the newest self-assessment in that group}`` of one project's assessments,
    as ``latest_assessments`` picks them (the newest created; of two created at once, the
    higher id)."""
    found: dict[int, Assessment] = {}
    for assessment in assessments:
        if assessment.kind != AssessmentKind.SELF_ASSESSMENT.value:
            continue
        group = _group_of(assessment.status)
        held = found.get(group)
        if held is None or (assessment.created_at, assessment.id) > (held.created_at, held.id):
            found[group] = assessment
    return found


# Each project's assessments fall into these groups; the newest of each is shown.
_DRAFT, _SUBMITTED, _WITHDRAWN = 0, 1, 2


def _group():
    return case(
        (Assessment.status == AssessmentStatus.DRAFT.value, _DRAFT),
        (Assessment.status == AssessmentStatus.WITHDRAWN.value, _WITHDRAWN),
        else_=_SUBMITTED,
    )


def _newest_assessment_ids(project_ids) -> Select:
    """The id of each project's newest draft, newest submitted (or later) assessment, and
    newest withdrawn one."""
    ranked = (
        select(
            Assessment.id,
            func.row_number()
            .over(
                partition_by=(Assessment.project_id, _group()),
                order_by=(Assessment.created_at.desc(), Assessment.id.desc()),
            )
            .label("position"),
        )
        .where(
            Assessment.project_id.in_(project_ids),
            # A panel's assessment shows through its ratings, on the self-assessment it
            # was built from (app.data.ratings), not as the project's latest assessment.
            Assessment.kind == AssessmentKind.SELF_ASSESSMENT.value,
        )
        .subquery()
    )
    return select(ranked.c.id).where(ranked.c.position == 1)


def latest_assessments(project_ids) -> dict[int, dict[int, Assessment]]:
    """``{project id: {group: its newest assessment in that group}}`` in one query.

    ``project_ids`` is a list of ids or a subquery."""
    if isinstance(project_ids, Collection):
        query, bound = _latest_for_lists(), {"project_ids": list(project_ids)}
    else:
        query, bound = _latest(project_ids), {}
    found: dict[int, dict[int, Assessment]] = defaultdict(dict)
    for assessment in db.session.scalars(query, bound):
        found[assessment.project_id][_group_of(assessment.status)] = assessment
    return found


def _latest(project_ids) -> Select:
    return select(Assessment).where(Assessment.id.in_(_newest_assessment_ids(project_ids)))


@cache
def _latest_for_lists() -> Select:
    """Built once, the ids bound on each use: a project's page asks for its own."""
    return _latest(bindparam("project_ids", expanding=True))


def _group_of(status: str) -> int:
    if status == AssessmentStatus.DRAFT.value:
        return _DRAFT
    return _WITHDRAWN if status == AssessmentStatus.WITHDRAWN.value else _SUBMITTED


def _open_and_overdue(project_ids, today: date) -> dict[int, tuple[int, int]]:
    """``{project id: (open actions, overdue actions)}`` in one query."""
    by_project: dict[int, list[tuple[str, date | None]]] = defaultdict(list)
    for project_id, status, due in db.session.execute(
        select(Action.project_id, Action.status, Action.due_date).where(
            Action.project_id.in_(project_ids),
            Action.status.in_(sorted(OPEN_STATUSES)),
            seen_by_team(),
        )
    ):
        by_project[project_id].append((status, due))
    return {
        project_id: count_open_and_overdue(actions, today)
        for project_id, actions in by_project.items()
    }


def _moved_on_despite_red(project_ids) -> set[int]:
    """Projects with a move past red points that still stands, in one query.

    A move stands until an assessment is submitted after it (``override_stands``), so
    each overriding move comes with the time its project last had an assessment submitted.
    """
    last_submitted = (
        select(
            Assessment.project_id,
            func.max(submitted_time()).label("last_submitted"),
        )
        .where(Assessment.project_id.in_(project_ids), submitted_and_not_withdrawn())
        .group_by(Assessment.project_id)
        .subquery()
    )
    rows = db.session.execute(
        select(PhaseChange.project_id, PhaseChange.created_at, last_submitted.c.last_submitted)
        .outerjoin(last_submitted, last_submitted.c.project_id == PhaseChange.project_id)
        .where(PhaseChange.project_id.in_(project_ids), PhaseChange.override_reason.is_not(None))
    )
    return {project_id for project_id, moved_at, last in rows if override_stands(moved_at, [last])}


def submitted_time():
    """When an assessment was submitted; for one that never was (a panel's), when published."""
    return func.coalesce(Assessment.submitted_at, Assessment.published_at)


def submitted_and_not_withdrawn():
    return Assessment.status.in_(sorted(status.value for status in SETTLED_STATUSES))
