"""The programme board's portfolio: every project's facts, loaded in a fixed number of
queries however many projects there are, for app.rules.portfolio to turn into rows.

``allowed`` is the directorates a person's view is limited to (:func:`scope_of`); None is
the whole programme.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from app.bank_holidays import england_and_wales
from app.clock import uk_date
from app.data.actions import seen_by_team
from app.data.ordering import PROJECT_NAME_ORDER
from app.data.portfolio import (
    _moved_on_despite_red,
    submitted_and_not_withdrawn,
    submitted_time,
)
from app.data.ratings import point_ratings
from app.data.rows import plain_rows
from app.extensions import db
from app.models import (
    Action,
    Answer,
    Assessment,
    Directorate,
    DirectorateScope,
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
    RatedAssessment,
    project_row,
)
from app.rules.report_steps import overdue_step
from app.rules.self_assessment import AssessmentKind, AssessmentStatus

SELF = AssessmentKind.SELF_ASSESSMENT.value


def scope_of(person_id: int) -> frozenset[int] | None:
    """The directorates a person's portfolio is limited to, or None for the whole
    programme (they have no limits set, or they are an administrator, whom a scope never
    limits: ``app.rules.permissions.directorate_scope``). One query; two for someone limited."""
    found = frozenset(
        db.session.scalars(
            select(DirectorateScope.directorate_id).where(DirectorateScope.person_id == person_id)
        )
    )
    if not found:
        return None
    roles = db.session.scalars(select(PersonRole.role).where(PersonRole.person_id == person_id))
    return directorate_scope(set(roles), found)


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
    assessment is due soon (``app.rules.portfolio_figures.assessments_due``). One query."""
    from app.data.arranging import standing_panel_assessments
    from app.rules.portfolio_figures import assessments_due

    due = assessments_due(rows, today, {})
    return standing_panel_assessments(item.row.id for item in due)


def _projects(allowed: Collection[int] | None, only=None):
    query = select(Project.id)
    if allowed is not None:
        query = query.where(Project.directorate_id.in_(sorted(allowed)))
    if only is not None:
        query = query.where(Project.id.in_(only))
    return query


def frameworks() -> dict[int, FrameworkInfo]:
    """``{framework id: its latest version's points and panel words}`` in one query."""
    latest = (
        select(FrameworkVersion.framework_id, func.max(FrameworkVersion.number).label("number"))
        .group_by(FrameworkVersion.framework_id)
        .subquery()
    )
    points: dict[int, list[tuple[int, str]]] = defaultdict(list)
    outcomes: dict[int, str] = {}
    names: dict[int, str] = {}
    for version, number, title in db.session.execute(
        select(FrameworkVersion, Point.number, Point.title)
        .join(
            latest,
            (latest.c.framework_id == FrameworkVersion.framework_id)
            & (latest.c.number == FrameworkVersion.number),
        )
        .join(Point, Point.version_id == FrameworkVersion.id)
        .options(joinedload(FrameworkVersion.framework))
        .order_by(FrameworkVersion.framework_id, Point.number)
    ):
        points[version.framework_id].append((number, title))
        outcomes[version.framework_id] = version.panel_outcomes
        names[version.framework_id] = version.framework.short_name or version.framework.name
    return {
        framework_id: FrameworkInfo(
            framework_id, names[framework_id], tuple(found), outcomes[framework_id]
        )
        for framework_id, found in points.items()
    }


def portfolio_facts(allowed: Collection[int] | None, today: date, only=None) -> list[ProjectFacts]:
    """Every project in scope with what the board needs to know about it, by name.

    ``only`` (a list of project ids or a query of them) narrows it further: the projects a
    team member may read, or one project, for the API. Ten queries, whatever the number of
    projects. Rows are read as plain values, never as ORM objects, and each point's ratings
    are read once: the history of settled self-assessments holds the latest one too.
    """
    projects = plain_rows(
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
        .where(Project.id.in_(_projects(allowed, only)))
        .order_by(*PROJECT_NAME_ORDER)
    )
    if not projects:
        return []
    ids = _projects(allowed, only).scalar_subquery()
    infos = frameworks()

    # The rating that counts: the newest settled self-assessment's, the panel's over it.
    history, latest = _history(ids)
    changed = _self_assessment_changed(ids)
    actions = _actions(ids)
    overridden = _moved_on_despite_red(ids)
    reports_overdue, held, published = _panel_work(ids, today)

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
        result.append(
            ProjectFacts(
                id=project_id,
                name=name,
                framework=info,
                phase=phase,
                directorate_id=directorate_id,
                directorate=directorate or "",
                ratings=latest.get(project_id, {}),
                self_assessment_changed=changed.get(project_id),
                next_assessment_due=next_due,
                actions=tuple(actions.get(project_id, ())),
                history=tuple(history.get(project_id, ())),
                override_stands=project_id in overridden,
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


def _self_assessment_changed(ids) -> dict[int, date]:
    """``{project id: the UK date its latest self-assessment last changed}``: the newest
    change to any self-assessment it has not withdrawn, or to one of their answers."""
    found: dict[int, date] = {}
    assessed = (
        select(Assessment.project_id, func.max(Assessment.updated_at).label("at"))
        .where(
            Assessment.project_id.in_(ids),
            Assessment.kind == SELF,
            Assessment.status != AssessmentStatus.WITHDRAWN.value,
        )
        .group_by(Assessment.project_id)
    )
    answered = (
        select(Assessment.project_id, func.max(Answer.updated_at).label("at"))
        .join(Answer, Answer.assessment_id == Assessment.id)
        .where(
            Assessment.project_id.in_(ids),
            Assessment.kind == SELF,
            Assessment.status != AssessmentStatus.WITHDRAWN.value,
        )
        .group_by(Assessment.project_id)
    )
    union = assessed.union_all(answered).subquery()
    for project_id, moment in plain_rows(
        select(union.c.project_id, func.max(union.c.at)).group_by(union.c.project_id)
    ):
        if moment is not None:
            found[project_id] = uk_date(moment) if hasattr(moment, "tzinfo") else moment
    return found


def _actions(ids) -> dict[int, list[ActionState]]:
    found: dict[int, list[ActionState]] = defaultdict(list)
    for project_id, action_id, status, due in plain_rows(
        select(Action.project_id, Action.id, Action.status, Action.due_date)
        .where(Action.project_id.in_(ids), seen_by_team())
        .order_by(Action.id)
    ):
        found[project_id].append(ActionState(action_id, status, due))
    return found


def _history(ids):
    """``({project id: its settled self-assessments, oldest first}, {project id: {point
    number: (team rating, panel rating)} of its newest settled one})``.

    Each settled self-assessment carries the rating that counts for each point (the
    panel's where one published over it), as far as "moved on past red" can need it. The
    last one submitted rates every point of its version when its team has rated them all
    (as submitting asks), and then the earlier ones cannot change what is left red: their
    ratings are read only for a project whose last one leaves a point unrated or whose
    earlier ones are on another version of the framework. The newest is the one created
    last, as ``app.data.portfolio.latest_assessments`` picks it, whether or not it has a
    time.

    Four to six queries. At a thousand projects, reading every rating of every earlier
    self-assessment was most of the grid's time."""
    settled = plain_rows(
        select(
            Assessment.id,
            Assessment.project_id,
            Assessment.phase,
            submitted_time(),
            Assessment.created_at,
            Assessment.framework_version_id,
        )
        .where(
            Assessment.project_id.in_(ids),
            Assessment.kind == SELF,
            submitted_and_not_withdrawn(),
        )
        .order_by(Assessment.id)
    )
    if not settled:
        return {}, {}
    newest: dict[int, tuple] = {}
    last: dict[int, tuple] = {}
    for assessment_id, project_id, _, when, created, version in settled:
        key = (created, assessment_id)
        if project_id not in newest or key > newest[project_id][0]:
            newest[project_id] = (key, assessment_id)
        if when is not None:
            key = (when, assessment_id)
            if project_id not in last or key > last[project_id][0]:
                last[project_id] = (key, assessment_id, version)
    whole = {found[1] for found in newest.values()} | {found[1] for found in last.values()}
    ratings = point_ratings(sorted(whole))

    # Which projects' earlier self-assessments could still leave a point red.
    sizes = dict(
        plain_rows(select(Point.version_id, func.count(Point.id)).group_by(Point.version_id))
    )
    needs_earlier = set()
    for project_id, (_, assessment_id, version) in last.items():
        rated = sum(1 for team, _ in ratings.get(assessment_id, {}).values() if team)
        if rated < sizes.get(version, 0):
            needs_earlier.add(project_id)
    earlier = []
    for assessment_id, project_id, _, when, _, version in settled:
        if assessment_id in whole or when is None:
            continue
        if project_id in last and version != last[project_id][2]:
            needs_earlier.add(project_id)
        earlier.append((assessment_id, project_id))
    read = sorted(found for found, project_id in earlier if project_id in needs_earlier)
    if read:
        ratings.update(point_ratings(read))

    found: dict[int, list[RatedAssessment]] = defaultdict(list)
    for assessment_id, project_id, phase, when, _, _ in sorted(
        settled, key=lambda row: (row[3] is None, row[3] or 0, row[0])
    ):
        if when is None:
            continue
        counted = {
            number: panel or team
            for number, (team, panel) in ratings.get(assessment_id, {}).items()
        }
        found[project_id].append(RatedAssessment(phase, when, counted))
    latest = {
        project_id: ratings.get(assessment_id, {})
        for project_id, (_, assessment_id) in newest.items()
    }
    return found, latest


def _panel_work(ids, today: date):
    """``({project id: reports late today}, {project id: [(assessment id, held on)]},
    {project id: [(assessment id, published on)]})`` from its panels' assessments."""
    holidays = england_and_wales()
    late: dict[int, int] = defaultdict(int)
    held: dict[int, list[tuple[int, date]]] = defaultdict(list)
    published: dict[int, list[tuple[int, date]]] = defaultdict(list)
    for row in plain_rows(
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
    ):
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
