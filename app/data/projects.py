"""Queries and changes for projects: details, directorates, phases and history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import and_, bindparam, func, or_, select
from sqlalchemy.orm import joinedload

from app.audit import HistoryEntry, history_entry
from app.data.actions import panel_drafts, seen_by_team
from app.data.assessments import self_assessment_drafts
from app.data.portfolio import point_ratings, submitted_and_not_withdrawn, submitted_time
from app.extensions import db
from app.models import (
    Action,
    Answer,
    Assessment,
    AuditEvent,
    Directorate,
    Framework,
    FrameworkVersion,
    Judgement,
    Person,
    PhaseChange,
    Point,
    Project,
    TeamMembership,
)
from app.rules.actions import OPEN_STATUSES
from app.rules.history import describe_event
from app.rules.ids import can_be_an_id
from app.rules.pagination import PageWindow
from app.rules.phase_moves import (
    FIRST_PHASE_REASON,
    assessments_to_check,
    open_red_action_ids,
    red_points_to_confirm,
    standing_overrides,
)
from app.rules.self_assessment import AssessmentKind

# --- One project -------------------------------------------------------------------------------


def project_or_none(project_id: int) -> Project | None:
    return db.session.get(Project, project_id) if can_be_an_id(project_id) else None


def project_and_team_role(project_id: int, person_id: int) -> tuple[Project | None, str | None]:
    """The project (None if there is none) and the person's role in its team (None if they
    are not in it), in one query."""
    if not can_be_an_id(project_id):
        return None, None
    found = db.session.execute(
        _PROJECT_AND_TEAM_ROLE, {"project_id": project_id, "person_id": person_id}
    ).first()
    return (found[0], found[1]) if found else (None, None)


# Built once: every project page asks for it.
_PROJECT_AND_TEAM_ROLE = (
    select(Project, TeamMembership.team_role)
    .outerjoin(
        TeamMembership,
        and_(
            TeamMembership.project_id == Project.id,
            TeamMembership.person_id == bindparam("person_id"),
        ),
    )
    .where(Project.id == bindparam("project_id"))
)


def project_team_role_and_self_assessment(
    project_id: int, person_id: int, assessment_id: int
) -> tuple[Project | None, str | None, Assessment | None]:
    """``project_and_team_role``, and the project's self-assessment ``assessment_id`` (None
    if the project has no such self-assessment), loaded as ``assessment_in_project`` loads
    it, in one query: a self-assessment's pages need all three."""
    if not (can_be_an_id(project_id) and can_be_an_id(assessment_id)):
        return None, None, None
    found = db.session.execute(
        _PROJECT_TEAM_ROLE_AND_SELF_ASSESSMENT,
        {"project_id": project_id, "person_id": person_id, "assessment_id": assessment_id},
    ).first()
    return (found[0], found[1], found[2]) if found else (None, None, None)


_PROJECT_TEAM_ROLE_AND_SELF_ASSESSMENT = (
    _PROJECT_AND_TEAM_ROLE.add_columns(Assessment)
    .outerjoin(
        Assessment,
        and_(
            Assessment.id == bindparam("assessment_id"),
            Assessment.project_id == Project.id,
            Assessment.kind == AssessmentKind.SELF_ASSESSMENT.value,
        ),
    )
    .options(joinedload(Assessment.framework_version).joinedload(FrameworkVersion.framework))
)


def team_role_for(project_id: int, person_id: int) -> str | None:
    """The person's role in the project's team, or None if they are not in it."""
    return db.session.scalar(_TEAM_ROLE, {"project_id": project_id, "person_id": person_id})


_TEAM_ROLE = select(TeamMembership.team_role).where(
    TeamMembership.project_id == bindparam("project_id"),
    TeamMembership.person_id == bindparam("person_id"),
)


def project_name_taken(name: str, except_project_id: int | None = None) -> bool:
    """Another project already has this name (ignoring case and surrounding spaces)."""
    # lower() on both sides: SQLite's changes only A to Z, so Python's would not match it.
    query = select(Project.id).where(func.lower(Project.name) == func.lower(name.strip()))
    if except_project_id is not None:
        query = query.where(Project.id != except_project_id)
    return db.session.scalar(query.limit(1)) is not None


# --- Directorates ------------------------------------------------------------------------------


def directorates_in_order() -> list[Directorate]:
    return list(db.session.scalars(select(Directorate).order_by(Directorate.name, Directorate.id)))


def directorate_named(name: str) -> Directorate | None:
    """The directorate with this name, ignoring case and surrounding spaces."""
    return db.session.scalar(
        select(Directorate)
        .where(func.lower(Directorate.name) == func.lower(" ".join(name.split())))
        .order_by(Directorate.id)
        .limit(1)
    )


def add_directorate(name: str) -> Directorate:
    """Add a directorate called ``name`` (runs of spaces made one); the caller checks that no
    directorate has that name already (``directorate_named``)."""
    directorate = Directorate(name=" ".join(name.split()))
    db.session.add(directorate)
    db.session.flush()
    return directorate


def directorate_or_none(directorate_id: int) -> Directorate | None:
    return db.session.get(Directorate, directorate_id) if can_be_an_id(directorate_id) else None


def framework_or_none(framework_id: int) -> Framework | None:
    return db.session.get(Framework, framework_id) if can_be_an_id(framework_id) else None


# --- Creating and changing a project ---------------------------------------------------------


@dataclass(frozen=True)
class ProjectDetails:
    """What the project form saves. ``new_directorate`` wins over ``directorate_id``."""

    name: str
    description: str
    directorate_id: int | None
    new_directorate: str | None
    framework_id: int | None
    cashable_benefit: int | None
    non_cashable_benefit: str | None
    next_assessment_due: date | None
    confidential: bool = False
    key_deliverables: str = ""


def audit_fields(project: Project) -> dict[str, Any]:
    """The fields the project form changes, as the audit trail stores them (JSON)."""
    return {
        "name": project.name,
        "description": project.description,
        "key_deliverables": project.key_deliverables or "",
        "directorate": project.directorate.name if project.directorate else None,
        "framework": project.framework.name if project.framework else None,
        "cashable_benefit": project.cashable_benefit,
        "non_cashable_benefit": project.non_cashable_benefit,
        "next_assessment_due": (
            project.next_assessment_due.isoformat() if project.next_assessment_due else None
        ),
        "confidential": bool(project.confidential),
    }


def set_details(
    project: Project,
    details: ProjectDetails,
    directorate: Directorate | None,
    framework: Framework,
) -> None:
    """Give the project these details; the directorate and framework are looked up already,
    so that autoflush writes the project once."""
    project.name = details.name.strip()
    project.description = details.description.strip()
    project.key_deliverables = (details.key_deliverables or "").strip()
    project.directorate = directorate
    project.framework = framework
    project.cashable_benefit = details.cashable_benefit
    project.non_cashable_benefit = details.non_cashable_benefit
    project.next_assessment_due = details.next_assessment_due
    project.confidential = bool(details.confidential)


def add_project(
    details: ProjectDetails,
    directorate: Directorate | None,
    framework: Framework,
    phase: str,
    actor_id: int,
) -> Project:
    """Add a project in ``phase``, with its first phase change saying it joined the programme."""
    project = Project(phase=phase)
    set_details(project, details, directorate, framework)
    db.session.add(project)
    db.session.flush()
    db.session.add(
        PhaseChange(
            project_id=project.id,
            from_phase=None,
            to_phase=phase,
            changed_by_id=actor_id,
            reason=FIRST_PHASE_REASON,
        )
    )
    return project


def project_for_change(project_id: int) -> Project | None:
    """The project, read afresh and its row held until the transaction ends (on databases
    that lock rows), so that changes to one project, its phase or its team queue."""
    if not can_be_an_id(project_id):
        return None
    return db.session.scalar(
        select(Project)
        .where(Project.id == project_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )


# --- Phases ------------------------------------------------------------------------------------


def phase_changes(project_id: int) -> list[PhaseChange]:
    """Every phase change of the project, newest first, with who made it."""
    return list(
        db.session.scalars(
            select(PhaseChange)
            .options(joinedload(PhaseChange.changed_by))
            .where(PhaseChange.project_id == project_id)
            .order_by(PhaseChange.created_at.desc(), PhaseChange.id.desc())
        )
    )


def framework_and_directorate_names(project: Project) -> tuple[str, str | None]:
    """The name of the project's framework and of its directorate (None if it has none), in
    one query rather than one for each."""
    found = db.session.execute(
        _FRAMEWORK_AND_DIRECTORATE_NAMES,
        {"framework_id": project.framework_id, "directorate_id": project.directorate_id},
    ).first()
    return (found[0], found[1]) if found else ("", None)


_FRAMEWORK_AND_DIRECTORATE_NAMES = (
    select(Framework.name, Directorate.name)
    .select_from(Framework)
    .outerjoin(Directorate, Directorate.id == bindparam("directorate_id"))
    .where(Framework.id == bindparam("framework_id"))
)


def phase_moves(project_id: int) -> tuple[PhaseChange | None, list[PhaseChange]]:
    """The project's latest move between phases (None if it never moved), and its moves past
    red points that still stand, newest first, each with who made it. One query; a second
    only when it has moved past red.

    A move past red stays before the board, with its reason, until an assessment is
    submitted after it (``app.rules.phase_moves``)."""
    moves = list(db.session.scalars(_PHASE_MOVES, {"project_id": project_id}))
    latest = moves[0] if moves else None
    overrides = [move for move in moves if move.override_reason is not None]
    if not overrides:
        return latest, []
    submitted = db.session.scalars(
        select(submitted_time()).where(
            Assessment.project_id == project_id, submitted_and_not_withdrawn()
        )
    )
    return latest, standing_overrides(((move, move.created_at) for move in overrides), submitted)


# Built once: every project page asks for them.
_PHASE_MOVES = (
    select(PhaseChange)
    .options(joinedload(PhaseChange.changed_by).lazyload(Person.role_grants))
    .where(PhaseChange.project_id == bindparam("project_id"))
    .order_by(PhaseChange.created_at.desc(), PhaseChange.id.desc())
)


@dataclass(frozen=True)
class RedPoint:
    number: int
    title: str
    in_settled: bool  # red in the newest assessment past draft
    in_draft: bool  # rated red by the team in its current draft


@dataclass(frozen=True)
class RedItems:
    """What stands in the way of moving on: red points and open actions from red points.

    ``settled`` is the newest assessment that is neither a draft nor withdrawn; ``draft``
    the team's draft for the current phase. Either may be None.
    """

    settled: Assessment | None
    draft: Assessment | None
    points: list[RedPoint]
    actions: list[Action]

    @property
    def counts(self) -> tuple[int, int]:
        return len(self.points), len(self.actions)


def red_items(project: Project) -> RedItems:
    """Red points that need a confirmation to move on, and open actions from red points."""
    assessments = list(
        db.session.scalars(
            select(Assessment)
            .where(
                Assessment.project_id == project.id,
                Assessment.kind == AssessmentKind.SELF_ASSESSMENT.value,
            )
            .order_by(Assessment.created_at.desc(), Assessment.id.desc())
        )
    )
    check = assessments_to_check(((a.id, a.phase, a.status) for a in assessments), project.phase)
    by_id = {assessment.id: assessment for assessment in assessments}
    settled, draft = by_id.get(check.settled_id), by_id.get(check.draft_id)
    chosen = [assessment for assessment in (settled, draft) if assessment is not None]
    points: list[RedPoint] = []
    if chosen:
        ratings = point_ratings([assessment.id for assessment in chosen])
        findings = red_points_to_confirm(ratings.get(check.settled_id), ratings.get(check.draft_id))
        # Each point's title as the framework version of the assessment that found it red.
        titles: dict[tuple[int, int], str] = {
            (version_id, number): title
            for version_id, number, title in db.session.execute(
                select(Point.version_id, Point.number, Point.title).where(
                    Point.version_id.in_({a.framework_version_id for a in chosen}),
                    Point.number.in_([finding.number for finding in findings]),
                )
            )
        }
        for finding in findings:
            source = settled if finding.in_settled else draft
            title = titles.get((source.framework_version_id, finding.number))
            points.append(
                RedPoint(
                    finding.number,
                    title or f"Point {finding.number}",
                    finding.in_settled,
                    finding.in_draft,
                )
            )

    same_point = {
        "answer": and_(
            Answer.assessment_id == Action.assessment_id, Answer.point_id == Action.point_id
        ),
        "judgement": and_(
            Judgement.assessment_id == Action.assessment_id, Judgement.point_id == Action.point_id
        ),
    }
    rows = db.session.execute(
        select(Action, Answer.self_rating, Judgement.rating)
        .outerjoin(Answer, same_point["answer"])
        .outerjoin(Judgement, same_point["judgement"])
        .options(joinedload(Action.owner))
        .where(
            Action.project_id == project.id,
            Action.status.in_(sorted(OPEN_STATUSES)),
            seen_by_team(),
        )
        .order_by(Action.point_number, Action.due_date, Action.id)
    ).all()
    red_ids = set(
        open_red_action_ids((action.id, action.status, team, panel) for action, team, panel in rows)
    )
    actions = [action for action, _, _ in rows if action.id in red_ids]
    return RedItems(settled, draft, points, actions)


def drafts_to_withdraw(project_id: int, phase: str) -> list[Assessment]:
    """The project's self-assessments for ``phase`` still in draft, newest first.

    Moving the project out of ``phase`` withdraws them: they are about a phase it has left.
    """
    return self_assessment_drafts(project_id, phase)


def add_phase_change(
    project: Project,
    to_phase: str,
    reason: str,
    override_reason: str | None,
    next_assessment_due: date | None,
    actor_id: int,
) -> PhaseChange:
    """Move the project to ``to_phase`` with the next assessment date, recording who and why."""
    change = PhaseChange(
        project_id=project.id,
        from_phase=project.phase,
        to_phase=to_phase,
        changed_by_id=actor_id,
        reason=reason.strip(),
        override_reason=(override_reason or "").strip() or None,
    )
    db.session.add(change)
    project.phase = to_phase
    project.next_assessment_due = next_assessment_due
    db.session.flush()
    return change


# --- History -----------------------------------------------------------------------------------


def _in_project_history(project_id: int):
    """The project's audit events the team reads: not those about a panel's draft actions
    (``app.data.actions.panel_drafts``), which show once the report is sent."""
    return and_(
        AuditEvent.project_id == project_id,
        or_(
            AuditEvent.subject_type != "action",
            AuditEvent.subject_id.is_(None),
            AuditEvent.subject_id.not_in(panel_drafts()),
        ),
    )


def history_count(project_id: int) -> int:
    return (
        db.session.scalar(select(func.count(AuditEvent.id)).where(_in_project_history(project_id)))
        or 0
    )


def history_page(project_id: int, window: PageWindow) -> list[HistoryEntry]:
    """One page of the project's audit trail, newest first, in words."""
    events = db.session.scalars(
        select(AuditEvent)
        .options(joinedload(AuditEvent.actor))
        .where(_in_project_history(project_id))
        .order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc())
        .limit(window.size)
        .offset(window.offset)
    )
    return [
        history_entry(event, event.summary, describe_event(event.subject_type, event.changes))
        for event in events
    ]
