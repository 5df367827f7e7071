"""Queries for arranging panel assessments: the organiser's queue, the assessors who may
sit on a panel, open roles, offers, conflicts of interest and feedback."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, time

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import selectinload

from app.data.assessments import last_submitted_self_assessment
from app.data.scoring import panel_ratings_counted
from app.extensions import db
from app.models import (
    Assessment,
    ConflictOfInterest,
    Feedback,
    FrameworkVersion,
    Judgement,
    PanelMember,
    PanelOffer,
    Person,
    PersonRole,
    Point,
    Project,
    TeamMembership,
)
from app.rules.arranging import (
    QueueItem,
    QueueReason,
    follow_up_owed,
    formal_phase,
    in_queue_order,
)
from app.rules.ids import can_be_an_id
from app.rules.permissions import Role, assessment_abilities
from app.rules.phase_moves import SETTLED_STATUSES
from app.rules.phases import Phase
from app.rules.reports import FOLLOW_UP_KINDS, PANEL_KINDS, panel_result
from app.rules.self_assessment import AssessmentKind, AssessmentStatus

K = AssessmentKind
S = AssessmentStatus

# Panel assessments still to be held or being scored: their panels may change.
OPEN_FOR_PANEL_CHANGES = (S.ARRANGED.value, S.IN_REVIEW.value)
# Panel assessments that count as arranged (not withdrawn): a second one is not owed.
STANDING = tuple(s.value for s in (S.ARRANGED, S.IN_REVIEW, S.SENT, S.CHALLENGED, S.ACCEPTED))
PANEL_KIND_VALUES = sorted(kind.value for kind in PANEL_KINDS)


# --- Ratings of published panel assessments --------------------------------------------------


def _judgements(assessment_ids: list[int]) -> dict[int, dict[int, str | None]]:
    found: dict[int, dict[int, str | None]] = defaultdict(dict)
    if not assessment_ids:
        return found
    for assessment_id, number, rating in db.session.execute(
        select(Judgement.assessment_id, Point.number, Judgement.rating)
        .join(Point, Point.id == Judgement.point_id)
        .where(Judgement.assessment_id.in_(assessment_ids))
    ):
        found[assessment_id][number] = rating
    return found


def published_result(assessment: Assessment):
    """The overall result of a published panel assessment (``Overall`` or None)."""
    own = _judgements([assessment.id]).get(assessment.id, {})
    carried = None
    if assessment.kind in FOLLOW_UP_KINDS and assessment.follows is not None:
        carried = panel_ratings_counted(assessment.follows)
    return panel_result(assessment.kind, assessment.phase, own, carried).overall


def _latest_published(project_id: int) -> Assessment | None:
    return db.session.scalar(
        select(Assessment)
        .where(
            Assessment.project_id == project_id,
            Assessment.kind.in_(PANEL_KIND_VALUES),
            Assessment.status == S.PUBLISHED.value,
        )
        .order_by(Assessment.published_at.desc(), Assessment.id.desc())
        .limit(1)
    )


def _has_standing_follow_up(assessment_id: int, kind: str) -> bool:
    return bool(
        db.session.scalar(
            select(func.count(Assessment.id)).where(
                Assessment.follows_id == assessment_id,
                Assessment.kind == kind,
                Assessment.status.in_((*STANDING, S.PUBLISHED.value)),
            )
        )
    )


def follow_up_owed_by(project_id: int, kind: str) -> Assessment | None:
    """The project's latest published panel assessment, when its result leaves ``kind``
    (reassessment or amber evidence review) owed and none is arranged yet."""
    latest = _latest_published(project_id)
    if latest is None:
        return None
    owed = follow_up_owed(published_result(latest))
    wanted = {
        QueueReason.REASSESSMENT: K.REASSESSMENT.value,
        QueueReason.AMBER_REVIEW: K.AMBER_EVIDENCE_REVIEW.value,
    }.get(owed)
    if wanted != kind or _has_standing_follow_up(latest.id, kind):
        return None
    return latest


# --- The queue -------------------------------------------------------------------------------


def open_panel_assessment(project_id: int, kind: str) -> Assessment | None:
    """The project's panel assessment of ``kind`` that is neither published nor withdrawn:
    a project has at most one at a time."""
    return db.session.scalar(
        select(Assessment).where(
            Assessment.project_id == project_id,
            Assessment.kind == kind,
            Assessment.kind.in_(sorted(PANEL_KINDS)),
            Assessment.status.not_in(
                (AssessmentStatus.PUBLISHED.value, AssessmentStatus.WITHDRAWN.value)
            ),
        )
    )


def submitted_self_assessment(project_id: int) -> Assessment | None:
    """The team's self-assessment waiting for peer review: its latest submitted one, while
    that is not yet in review. An older one that a later one has superseded waits for
    nothing."""
    latest = last_submitted_self_assessment(project_id)
    return latest if latest is not None and latest.status == S.SUBMITTED.value else None


def _waiting_self_assessments() -> list[tuple[Assessment, str]]:
    """Each project's self-assessment waiting for peer review, with the project's name:
    its latest submitted one, when that is still only submitted. One query."""
    latest: dict[int, tuple[Assessment, str]] = {}
    for assessment, name in db.session.execute(
        select(Assessment, Project.name)
        .join(Project, Project.id == Assessment.project_id)
        .where(
            Assessment.kind == K.SELF_ASSESSMENT.value,
            Assessment.status.in_(sorted(status.value for status in SETTLED_STATUSES)),
        )
        .order_by(Assessment.submitted_at, Assessment.id)
    ):
        # In order of submission: a later one supersedes an earlier one.
        latest[assessment.project_id] = (assessment, name)
    return [item for item in latest.values() if item[0].status == S.SUBMITTED.value]


def _formal_standing(project_ids: list[int]) -> set[tuple[int, str]]:
    """``(project, phase)`` pairs that already have a formal assessment arranged or done."""
    if not project_ids:
        return set()
    return set(
        db.session.execute(
            select(Assessment.project_id, Assessment.phase).where(
                Assessment.project_id.in_(project_ids),
                Assessment.kind == K.ASSESSMENT.value,
                Assessment.status.in_((*STANDING, S.PUBLISHED.value)),
            )
        ).all()
    )


def queue(today: date) -> list[QueueItem]:
    """Everything waiting to be arranged, oldest first."""
    items: list[QueueItem] = []
    for assessment, name in _waiting_self_assessments():
        since = (assessment.submitted_at or assessment.created_at).date()
        # Described in the phase the team self-assessed, not the one the project is in now.
        items.append(
            QueueItem(
                QueueReason.PEER_REVIEW,
                assessment.project_id,
                name,
                assessment.phase,
                since,
                assessment.id,
            )
        )
    due = db.session.execute(
        select(Project.id, Project.name, Project.phase, Project.next_assessment_due).where(
            Project.next_assessment_due.is_not(None), Project.phase != Phase.RETIRED.value
        )
    ).all()
    standing = _formal_standing([row.id for row in due])
    for row in due:
        if formal_phase(row.phase) and (row.id, row.phase) not in standing:
            items.append(
                QueueItem(
                    QueueReason.FORMAL_DUE, row.id, row.name, row.phase, row.next_assessment_due
                )
            )
    items.extend(_follow_ups())
    return in_queue_order(items)


def _follow_ups() -> list[QueueItem]:
    """Reassessments and amber evidence reviews owed by each project's latest published
    panel assessment, in a fixed number of queries however many there are."""
    published = {
        row.id: row
        for row in db.session.execute(
            select(
                Assessment.id,
                Assessment.project_id,
                Assessment.kind,
                Assessment.phase,
                Assessment.follows_id,
                Assessment.published_at,
                Assessment.updated_at,
                Project.name,
            )
            .join(Project, Project.id == Assessment.project_id)
            .where(Assessment.kind.in_(PANEL_KIND_VALUES), Assessment.status == S.PUBLISHED.value)
        )
    }
    latest: dict[int, object] = {}
    for row in published.values():
        key = (row.published_at or row.updated_at, row.id)
        current = latest.get(row.project_id)
        if current is None or key > (current.published_at or current.updated_at, current.id):
            latest[row.project_id] = row
    if not latest:
        return []
    judgements = _judgements(list(published))
    standing = set(
        db.session.execute(
            select(Assessment.follows_id, Assessment.kind).where(
                Assessment.follows_id.in_([row.id for row in latest.values()]),
                Assessment.status.in_((*STANDING, S.PUBLISHED.value)),
            )
        ).all()
    )

    def counted(assessment_id: int, depth: int = 0) -> dict[int, str | None]:
        row = published.get(assessment_id)
        if row is None or depth > 20:
            return {}
        ratings = {}
        if row.kind in FOLLOW_UP_KINDS and row.follows_id is not None:
            ratings.update(counted(row.follows_id, depth + 1))
        ratings.update(judgements.get(assessment_id, {}))
        return ratings

    items = []
    for row in latest.values():
        carried = (
            counted(row.follows_id)
            if row.kind in FOLLOW_UP_KINDS and row.follows_id is not None
            else None
        )
        result = panel_result(row.kind, row.phase, judgements.get(row.id, {}), carried)
        owed = follow_up_owed(result.overall)
        if owed is None:
            continue
        kind = (
            K.REASSESSMENT.value
            if owed is QueueReason.REASSESSMENT
            else K.AMBER_EVIDENCE_REVIEW.value
        )
        if (row.id, kind) in standing:
            continue
        since = (row.published_at or row.updated_at).date()
        items.append(QueueItem(owed, row.project_id, row.name, row.phase, since, row.id))
    return items


def arranged_assessments() -> list[Assessment]:
    """Panel assessments arranged and not yet sent to the team, soonest first."""
    return list(
        db.session.scalars(
            select(Assessment)
            .options(
                selectinload(Assessment.project),
                selectinload(Assessment.panel).selectinload(PanelMember.person),
            )
            .where(
                Assessment.kind.in_(PANEL_KIND_VALUES),
                Assessment.status.in_(OPEN_FOR_PANEL_CHANGES),
            )
            .order_by(Assessment.assessment_date, Assessment.assessment_time, Assessment.id)
        )
    )


def reports_in_progress() -> list[Assessment]:
    """Panel reports sent to the team and not yet published: waiting for the team's
    answer, the lead's answers to challenges, or publishing. Longest waiting first."""
    return list(
        db.session.scalars(
            select(Assessment)
            .options(selectinload(Assessment.project))
            .where(
                Assessment.kind.in_(PANEL_KIND_VALUES),
                Assessment.status.in_((S.SENT.value, S.CHALLENGED.value, S.ACCEPTED.value)),
            )
            .order_by(Assessment.sent_at, Assessment.id)
        )
    )


def reports_readable_by(person, assessments: list[Assessment]) -> set[int]:
    """The ids of those of ``assessments`` (with their projects loaded) whose report
    ``person`` may read (``assessment_abilities``). A confidential project's report is
    not for an organiser outside its team and panel, so the queue names the project
    without a link to it. At most two queries, whatever the number of assessments, and
    none when no project is confidential."""
    confidential = [a for a in assessments if a.project.confidential]
    panel_roles: dict[int, str] = {}
    team_roles: dict[int, str] = {}
    if confidential:
        panel_roles = dict(
            db.session.execute(
                select(PanelMember.assessment_id, PanelMember.panel_role).where(
                    PanelMember.person_id == person.id,
                    PanelMember.assessment_id.in_([a.id for a in confidential]),
                )
            ).all()
        )
        team_roles = dict(
            db.session.execute(
                select(TeamMembership.project_id, TeamMembership.team_role).where(
                    TeamMembership.person_id == person.id,
                    TeamMembership.project_id.in_({a.project_id for a in confidential}),
                )
            ).all()
        )
    return {
        a.id
        for a in assessments
        if assessment_abilities(
            person.roles,
            panel_role=panel_roles.get(a.id),
            team_role=team_roles.get(a.project_id),
            status=a.status,
            confidential=a.project.confidential,
        ).read_report
    }


# Built once: the board's home page asks for it.
_STANDING_PANEL_ASSESSMENTS = (
    select(
        Assessment.project_id,
        Assessment.kind,
        Assessment.phase,
        Assessment.status,
        Assessment.assessment_date,
    )
    .where(
        Assessment.project_id.in_(bindparam("project_ids", expanding=True)),
        Assessment.kind.in_(PANEL_KIND_VALUES),
        Assessment.status.in_(STANDING),
    )
    .order_by(Assessment.assessment_date, Assessment.id)
)


def standing_panel_assessments(project_ids) -> dict:
    """``{project id: its soonest panel assessment arranged and neither published nor
    withdrawn}`` (``app.rules.portfolio_figures.ArrangedAssessment``), for ``project_ids``."""
    from app.rules.portfolio_figures import ArrangedAssessment

    ids = sorted(set(project_ids))
    found: dict[int, ArrangedAssessment] = {}
    if not ids:
        return found
    for chunk in (ids[i : i + 900] for i in range(0, len(ids), 900)):
        for project_id, kind, phase, status, held_on in db.session.execute(
            _STANDING_PANEL_ASSESSMENTS, {"project_ids": chunk}
        ):
            found.setdefault(
                project_id, ArrangedAssessment(project_id, kind, phase, status, held_on)
            )
    return found


# --- People and projects ---------------------------------------------------------------------


def assessors() -> list[Person]:
    """Active people with the assessor role, by name."""
    return list(
        db.session.scalars(
            select(Person)
            .join(PersonRole, PersonRole.person_id == Person.id)
            .where(PersonRole.role == Role.ASSESSOR.value, Person.is_active.is_(True))
            .order_by(Person.name, Person.id)
        )
    )


def team_ids(project_id: int) -> set[int]:
    return set(
        db.session.scalars(
            select(TeamMembership.person_id).where(TeamMembership.project_id == project_id)
        )
    )


def conflicted_ids(project_id: int) -> set[int]:
    return set(
        db.session.scalars(
            select(ConflictOfInterest.person_id).where(ConflictOfInterest.project_id == project_id)
        )
    )


def projects_in_order() -> list[Project]:
    return list(
        db.session.scalars(
            select(Project).where(Project.phase != Phase.RETIRED.value).order_by(Project.name)
        )
    )


def project_or_none(project_id: int | None) -> Project | None:
    if project_id is None or not can_be_an_id(project_id):
        return None
    return db.session.get(Project, project_id)


def latest_framework_version_id(framework_id: int) -> int | None:
    return db.session.scalar(
        select(FrameworkVersion.id)
        .where(FrameworkVersion.framework_id == framework_id)
        .order_by(FrameworkVersion.number.desc())
        .limit(1)
    )


@dataclass(frozen=True)
class NewPanelAssessment:
    project_id: int
    framework_version_id: int
    phase: str
    kind: str
    assessment_date: date
    assessment_time: time
    arranged_by_id: int
    self_assessment_id: int | None
    follows_id: int | None
    brief_description: str
    brief_users: str
    prototype_url: str | None
    architecture_url: str | None


def add_panel_assessment(
    new: NewPanelAssessment, seats: list[tuple[str, int | None]]
) -> Assessment:
    assessment = Assessment(
        project_id=new.project_id,
        framework_version_id=new.framework_version_id,
        phase=new.phase,
        kind=new.kind,
        status=S.ARRANGED.value,
        started_by_id=new.arranged_by_id,
        arranged_by_id=new.arranged_by_id,
        assessment_date=new.assessment_date,
        assessment_time=new.assessment_time,
        self_assessment_id=new.self_assessment_id,
        follows_id=new.follows_id,
        brief_description=new.brief_description,
        brief_users=new.brief_users,
        prototype_url=new.prototype_url,
        architecture_url=new.architecture_url,
    )
    assessment.panel = [PanelMember(panel_role=role, person_id=person) for role, person in seats]
    db.session.add(assessment)
    db.session.flush()
    return assessment


# --- Panels, open roles and offers -----------------------------------------------------------


def seat_or_none(member_id: int) -> PanelMember | None:
    if not can_be_an_id(member_id):
        return None
    return db.session.get(PanelMember, member_id)


def offer_or_none(offer_id: int) -> PanelOffer | None:
    if not can_be_an_id(offer_id):
        return None
    return db.session.get(PanelOffer, offer_id)


def open_seats(today: date) -> list[PanelMember]:
    """Open panel roles of assessments still to be held, soonest first."""
    return list(
        db.session.scalars(
            select(PanelMember)
            .join(Assessment, Assessment.id == PanelMember.assessment_id)
            .options(
                selectinload(PanelMember.assessment).selectinload(Assessment.project),
                selectinload(PanelMember.offers),
            )
            .where(
                PanelMember.person_id.is_(None),
                Assessment.status.in_(OPEN_FOR_PANEL_CHANGES),
                Assessment.assessment_date >= today,
            )
            .order_by(Assessment.assessment_date, Assessment.assessment_time, PanelMember.id)
        )
    )


def panel_people(assessment_id: int) -> set[int]:
    return set(
        db.session.scalars(
            select(PanelMember.person_id).where(
                PanelMember.assessment_id == assessment_id, PanelMember.person_id.is_not(None)
            )
        )
    )


def person_projects(person_id: int) -> set[int]:
    """The projects whose team the person is in."""
    return set(
        db.session.scalars(
            select(TeamMembership.project_id).where(TeamMembership.person_id == person_id)
        )
    )


def conflicts_of(person_id: int) -> list[ConflictOfInterest]:
    return list(
        db.session.scalars(
            select(ConflictOfInterest)
            .options(selectinload(ConflictOfInterest.project))
            .where(ConflictOfInterest.person_id == person_id)
            .order_by(ConflictOfInterest.created_at, ConflictOfInterest.id)
        )
    )


def all_conflicts() -> list[ConflictOfInterest]:
    """Every declared conflict of interest, by project then by assessor, with both loaded."""
    return list(
        db.session.scalars(
            select(ConflictOfInterest)
            .join(Project, Project.id == ConflictOfInterest.project_id)
            .join(Person, Person.id == ConflictOfInterest.person_id)
            .options(
                selectinload(ConflictOfInterest.project), selectinload(ConflictOfInterest.person)
            )
            .order_by(Project.name, Person.name, ConflictOfInterest.id)
        )
    )


def conflict_or_none(conflict_id: int) -> ConflictOfInterest | None:
    if not can_be_an_id(conflict_id):
        return None
    return db.session.get(ConflictOfInterest, conflict_id)


def panels_of_person_for_project(person_id: int, project_id: int) -> list[Assessment]:
    """Panel assessments of the project, still to be held, that the person sits on."""
    return list(
        db.session.scalars(
            select(Assessment)
            .join(PanelMember, PanelMember.assessment_id == Assessment.id)
            .where(
                PanelMember.person_id == person_id,
                Assessment.project_id == project_id,
                Assessment.status.in_(OPEN_FOR_PANEL_CHANGES),
            )
        )
    )


# --- Feedback --------------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedbackSummary:
    assessment: Assessment
    responses: list[Feedback]

    def average(self, question: int, respondent: str | None = None) -> float | None:
        scores = [
            getattr(item, f"score_{question}")
            for item in self.responses
            if respondent is None or item.respondent == respondent
        ]
        return sum(scores) / len(scores) if scores else None

    def count(self, respondent: str) -> int:
        return sum(1 for item in self.responses if item.respondent == respondent)


def feedback_by_assessment() -> list[FeedbackSummary]:
    """Every assessment that has feedback, most recently published first, with its answers."""
    rows = db.session.scalars(
        select(Feedback)
        .options(
            selectinload(Feedback.assessment).selectinload(Assessment.project),
            selectinload(Feedback.person),
        )
        .order_by(Feedback.assessment_id, Feedback.id)
    ).all()
    grouped: dict[int, list[Feedback]] = defaultdict(list)
    for row in rows:
        grouped[row.assessment_id].append(row)
    summaries = [FeedbackSummary(items[0].assessment, items) for items in grouped.values()]
    summaries.sort(
        key=lambda summary: (
            summary.assessment.published_at is not None,
            summary.assessment.published_at or summary.assessment.created_at,
        ),
        reverse=True,
    )
    return summaries
