"""The programme board's portfolio: every project's facts, loaded in a fixed number of
queries however many projects there are, for app.rules.portfolio to turn into rows.

``allowed`` is the directorates a person's view is limited to (:func:`scope_of`); None is
the whole programme.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from datetime import date
from functools import cache, lru_cache

from sqlalchemy import Select, bindparam, func, select

from app.bank_holidays import england_and_wales
from app.clock import uk_date
from app.data.actions import seen_by_team
from app.data.ordering import PROJECT_NAME_ORDER
from app.data.rows import plain_rows
from app.data.standings import NOT_ASSESSED, standings
from app.extensions import db
from app.models import (
    Action,
    Assessment,
    Directorate,
    DirectorateScope,
    Framework,
    FrameworkVersion,
    PersonRole,
    Point,
    Project,
)
from app.rules.permissions import directorate_scope
from app.rules.portfolio import (
    STALE_AFTER_MONTHS,
    ActionState,
    FrameworkInfo,
    ProjectFacts,
    ProjectRow,
    project_row,
)
from app.rules.report_steps import overdue_step
from app.rules.self_assessment import AssessmentKind, AssessmentStatus

SELF = AssessmentKind.SELF_ASSESSMENT.value


def scope_of(person_id: int) -> frozenset[int] | None:
    """The directorates a person's portfolio is limited to, or None for the whole
    programme (they have no limits set, or they are an administrator, whom a scope never
    limits: ``app.rules.permissions.directorate_scope``). One query; two for someone limited."""
    found = frozenset(db.session.scalars(_SCOPE, {"person_id": person_id}))
    if not found:
        return None
    roles = db.session.scalars(_ROLES, {"person_id": person_id})
    return directorate_scope(set(roles), found)


# Built once: every board page asks for them.
_SCOPE = select(DirectorateScope.directorate_id).where(
    DirectorateScope.person_id == bindparam("person_id")
)
_ROLES = select(PersonRole.role).where(PersonRole.person_id == bindparam("person_id"))


def directorates(ids: Collection[int] | None) -> list[tuple[int, str]]:
    """``[(id, name)]`` of the directorates ``ids``, in name order (none for None)."""
    if not ids:
        return []
    return [
        (directorate_id, name)
        for directorate_id, name in db.session.execute(
            select(Directorate.id, Directorate.name)
            .where(Directorate.id.in_(sorted(ids)))
            .order_by(Directorate.name, Directorate.id)
        )
    ]


def directorate_names(ids: Collection[int] | None) -> list[str]:
    """The names of the directorates ``ids``, in name order (none for None)."""
    return [name for _, name in directorates(ids)]


def arranged_among_due(rows: Sequence[ProjectRow], today: date) -> dict:
    """``{project id: its panel assessment arranged}`` for the projects whose next
    assessment is due soon or overdue (``app.rules.portfolio_figures``). One query."""
    from app.data.arranging import standing_panel_assessments
    from app.rules.portfolio_figures import assessments_due

    due = assessments_due(rows, today, {})
    overdue = (row.id for row in rows if row.assessment_overdue)
    return standing_panel_assessments([*(item.row.id for item in due), *overdue])


def _projects(allowed, only=None) -> Select:
    """The ids of the projects of the directorates ``allowed`` (all for None; a collection
    of ids, or a bound parameter), and in ``only`` if given."""
    query = select(Project.id)
    if allowed is not None:
        if isinstance(allowed, Collection):
            allowed = sorted(allowed)
        query = query.where(Project.directorate_id.in_(allowed))
    if only is not None:
        query = query.where(Project.id.in_(only))
    return query


def frameworks() -> dict[int, FrameworkInfo]:
    """``{framework id: its latest version's points and panel words}`` in one query."""
    points: dict[int, list[tuple[int, str]]] = defaultdict(list)
    outcomes: dict[int, str] = {}
    names: dict[int, str] = {}
    for framework_id, panel_outcomes, short_name, name, number, title in plain_rows(
        _frameworks_query()
    ):
        points[framework_id].append((number, title))
        outcomes[framework_id] = panel_outcomes
        names[framework_id] = short_name or name
    return {
        framework_id: FrameworkInfo(
            framework_id, names[framework_id], tuple(found), outcomes[framework_id]
        )
        for framework_id, found in points.items()
    }


@cache
def _frameworks_query() -> Select:
    latest = (
        select(FrameworkVersion.framework_id, func.max(FrameworkVersion.number).label("number"))
        .group_by(FrameworkVersion.framework_id)
        .subquery()
    )
    return (
        select(
            FrameworkVersion.framework_id,
            FrameworkVersion.panel_outcomes,
            Framework.short_name,
            Framework.name,
            Point.number,
            Point.title,
        )
        .join(
            latest,
            (latest.c.framework_id == FrameworkVersion.framework_id)
            & (latest.c.number == FrameworkVersion.number),
        )
        .join(Framework, Framework.id == FrameworkVersion.framework_id)
        .join(Point, Point.version_id == FrameworkVersion.id)
        .order_by(FrameworkVersion.framework_id, Point.number)
    )


def portfolio_facts(allowed: Collection[int] | None, today: date, only=None) -> list[ProjectFacts]:
    """Every project in scope with what the board needs to know about it, by name.

    ``only`` (a list of project ids or a query of them) narrows it further: the projects a
    team member may read, or one project, for the API. Five queries, whatever the number of
    projects. Rows are read as plain values, never as ORM objects; each project's ratings
    are read as kept between changes (``app.data.standings``), not from every assessment.
    """
    if only is None:
        # The queries are built once for the whole programme and once for a scope, whose
        # directorates are bound on each use.
        scope = _in_scope(allowed is not None)
        bound = {} if allowed is None else {"allowed": sorted(allowed)}
    else:
        scope, bound = _projects(allowed, only), {}
    projects = plain_rows(_projects_query(scope), bound)
    if not projects:
        return []
    ids = _ids(scope)
    infos = frameworks()

    # The rating that counts (the newest settled self-assessment's, the panel's over it),
    # last change, points left red and moves past red, as kept between changes.
    kept = standings([row[0] for row in projects], among=ids, parameters=bound)
    actions = _actions(ids, bound)
    reports_overdue, held, published = _panel_work(ids, bound, today)

    result = []
    for row in projects:
        (
            project_id,
            name,
            framework_id,
            phase,
            directorate_id,
            directorate,
            next_due,
            cashable,
            non_cashable,
        ) = row
        info = infos.get(framework_id) or FrameworkInfo(framework_id, "", ())
        standing = kept.get(project_id, NOT_ASSESSED)
        result.append(
            ProjectFacts(
                id=project_id,
                name=name,
                framework=info,
                phase=phase,
                directorate_id=directorate_id,
                directorate=directorate or "",
                ratings=standing.ratings,
                self_assessment_changed=standing.changed,
                next_assessment_due=next_due,
                actions=tuple(actions.get(project_id, ())),
                left_red=standing.left_red,
                override_stands=standing.override_stands,
                reports_overdue=reports_overdue.get(project_id, 0),
                cashable_benefit=cashable,
                non_cashable_benefit=non_cashable,
                assessments_held=tuple(held.get(project_id, ())),
                reports_published=tuple(published.get(project_id, ())),
            )
        )
    return result


def portfolio_rows(
    allowed: Collection[int] | None,
    today: date,
    stale_after_months: int = STALE_AFTER_MONTHS,
    only=None,
) -> list[ProjectRow]:
    """The board's rows for every project in scope (and in ``only``, if given), by name."""
    return [
        project_row(facts, today, stale_after_months)
        for facts in portfolio_facts(allowed, today, only)
    ]


@cache
def _in_scope(limited: bool) -> Select:
    """The ids of the projects a person sees: the whole programme, or (``limited``) those of
    the directorates bound as ``allowed``."""
    return _projects(bindparam("allowed", expanding=True) if limited else None)


# Each query is built once for each query of project ids it is given: the two that
# ``_in_scope`` builds, and now and then one that ``only`` narrows.
@lru_cache(maxsize=16)
def _ids(scope: Select):
    return scope.scalar_subquery()


@lru_cache(maxsize=16)
def _projects_query(scope: Select) -> Select:
    return (
        select(
            Project.id,
            Project.name,
            Project.framework_id,
            Project.phase,
            Project.directorate_id,
            Directorate.name,
            Project.next_assessment_due,
            Project.cashable_benefit,
            Project.non_cashable_benefit,
        )
        .outerjoin(Directorate, Directorate.id == Project.directorate_id)
        .where(Project.id.in_(scope))
        .order_by(*PROJECT_NAME_ORDER)
    )


@lru_cache(maxsize=16)
def _actions_query(ids) -> Select:
    return (
        select(Action.project_id, Action.id, Action.status, Action.due_date)
        .where(Action.project_id.in_(ids), seen_by_team())
        .order_by(Action.id)
    )


@lru_cache(maxsize=16)
def _panel_work_query(ids) -> Select:
    return (
        select(
            Assessment.id,
            Assessment.project_id,
            Assessment.status,
            Assessment.report_due,
            Assessment.answer_due,
            Assessment.assessment_date,
            Assessment.published_at,
        )
        .where(Assessment.project_id.in_(ids), Assessment.kind != SELF)
        .order_by(Assessment.id)
    )


def _actions(ids, bound: dict) -> dict[int, list[ActionState]]:
    found: dict[int, list[ActionState]] = defaultdict(list)
    for project_id, action_id, status, due in plain_rows(_actions_query(ids), bound):
        found[project_id].append(ActionState(action_id, status, due))
    return found


def _panel_work(ids, bound: dict, today: date):
    """``({project id: reports late today}, {project id: [(assessment id, held on)]},
    {project id: [(assessment id, published on)]})`` from its panels' assessments."""
    holidays = england_and_wales()
    late: dict[int, int] = defaultdict(int)
    held: dict[int, list[tuple[int, date]]] = defaultdict(list)
    published: dict[int, list[tuple[int, date]]] = defaultdict(list)
    for row in plain_rows(_panel_work_query(ids), bound):
        assessment_id, project_id, status, report_due, answer_due, held_on, published_at = row
        if status == AssessmentStatus.WITHDRAWN.value:
            continue
        if overdue_step(status, report_due, answer_due, today, holidays):
            late[project_id] += 1
        if held_on is not None and held_on <= today:
            held[project_id].append((assessment_id, held_on))
        if published_at is not None:
            published[project_id].append((assessment_id, uk_date(published_at)))
    return late, held, published
