"""Queries and changes for assessments, the team's answers, evidence and action plans."""

from __future__ import annotations

from sqlalchemy import func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from app.audit import field_changes, record
from app.data.ordering import PROJECT_NAME_ORDER
from app.extensions import db
from app.models import (
    Action,
    Answer,
    Artefact,
    ArtefactLink,
    Assessment,
    AuditEvent,
    FrameworkVersion,
    Person,
    Point,
    Project,
    TeamMembership,
)
from app.models.base import utcnow
from app.rules.actions import OPEN_STATUSES, ActionSource, ActionStatus
from app.rules.phases import phase_label
from app.rules.ratings import RATING_LABELS, Rating
from app.rules.self_assessment import (
    ANSWER_STATUS_LABELS,
    AnswerStatus,
    AssessmentKind,
    AssessmentStatus,
    evidence_preview,
    status_after_save,
)


def _person_for_name(relationship):
    """Eager-load a person (an owner) to show their name, but not their roles.

    ``Person.role_grants`` is loaded with ``selectin`` by default, which costs one
    more query whenever any person is loaded, so a page listing owners made one
    query more once there was an owner to show (and none with no owners at all).
    The roles stay available, loaded on first use, for code that needs them.
    """
    return joinedload(relationship).lazyload(Person.role_grants)


def points_owned_by(person_id: int) -> list[Answer]:
    """Points the person owns in draft self-assessments, not yet completed, across projects.

    Each answer comes with its point and its assessment's project loaded.
    """
    return list(
        db.session.scalars(
            select(Answer)
            .join(Answer.assessment)
            .join(Assessment.project)
            .join(Answer.point)
            .options(
                joinedload(Answer.point),
                joinedload(Answer.assessment).joinedload(Assessment.project),
            )
            .where(
                Answer.owner_id == person_id,
                Answer.status != AnswerStatus.COMPLETED.value,
                Assessment.status == AssessmentStatus.DRAFT.value,
                # Only while they are in the team: someone who has left cannot open it.
                Assessment.project_id.in_(
                    select(TeamMembership.project_id).where(TeamMembership.person_id == person_id)
                ),
            )
            .order_by(*PROJECT_NAME_ORDER, Point.number, Answer.id)
        )
    )


# --- Reading a project's assessments ---------------------------------------------------------


def assessment_count(project_id: int) -> int:
    return db.session.scalar(
        select(func.count(Assessment.id)).where(Assessment.project_id == project_id)
    )


def assessments_for_project(project_id: int) -> list[Assessment]:
    """Newest first, each with its framework version loaded."""
    return list(
        db.session.scalars(
            select(Assessment)
            .options(
                joinedload(Assessment.framework_version).joinedload(FrameworkVersion.framework)
            )
            .where(Assessment.project_id == project_id)
            .order_by(Assessment.created_at.desc(), Assessment.id.desc())
        )
    )


def ratings_by_assessment(assessment_ids: list[int]) -> dict[int, list[str | None]]:
    """The team's rating of every point, for several assessments in one query."""
    ratings: dict[int, list[str | None]] = {assessment_id: [] for assessment_id in assessment_ids}
    if assessment_ids:
        rows = db.session.execute(
            select(Answer.assessment_id, Answer.self_rating).where(
                Answer.assessment_id.in_(assessment_ids)
            )
        )
        for assessment_id, rating in rows:
            ratings[assessment_id].append(rating)
    return ratings


def _self_assessment_drafts(project_id: int, phase: str):
    """The project's self-assessments for ``phase`` still in draft, newest first."""
    return (
        select(Assessment)
        .where(
            Assessment.project_id == project_id,
            Assessment.phase == phase,
            Assessment.kind == AssessmentKind.SELF_ASSESSMENT.value,
            Assessment.status == AssessmentStatus.DRAFT.value,
        )
        .order_by(Assessment.created_at.desc(), Assessment.id.desc())
    )


def draft_self_assessment(project_id: int, phase: str) -> Assessment | None:
    """The team's draft for ``phase``: there is one at most (migration 0003)."""
    return db.session.scalar(_self_assessment_drafts(project_id, phase).limit(1))


def self_assessment_drafts(project_id: int, phase: str) -> list[Assessment]:
    """Every draft for ``phase``, newest first, in case an older one was left behind."""
    return list(db.session.scalars(_self_assessment_drafts(project_id, phase)))


def assessment_in_project(
    project_id: int, assessment_id: int, for_change: bool = False
) -> Assessment | None:
    """The assessment, only if it belongs to the project.

    ``for_change`` locks its row until the transaction ends (on databases that lock
    rows), and reads it afresh, so changes that depend on its status are made one at a time.
    """
    query = (
        select(Assessment)
        .options(joinedload(Assessment.framework_version).joinedload(FrameworkVersion.framework))
        .where(Assessment.id == assessment_id, Assessment.project_id == project_id)
    )
    if for_change:
        query = query.with_for_update(of=Assessment).execution_options(populate_existing=True)
    return db.session.scalar(query)


def answers_in_order(assessment_id: int) -> list[Answer]:
    """Every answer of the assessment in point order, with its point and owner loaded."""
    return list(
        db.session.scalars(
            select(Answer)
            .join(Answer.point)
            .options(joinedload(Answer.point), _person_for_name(Answer.owner))
            .where(Answer.assessment_id == assessment_id)
            .order_by(Point.number)
        )
    )


def answers_with_evidence(assessment_id: int) -> list[Answer]:
    """Answers in point order with their artefacts loaded (a fixed number of queries)."""
    return list(
        db.session.scalars(
            select(Answer)
            .join(Answer.point)
            .options(
                joinedload(Answer.point),
                _person_for_name(Answer.owner),
                selectinload(Answer.artefact_links).joinedload(ArtefactLink.artefact),
            )
            .where(Answer.assessment_id == assessment_id)
            .order_by(Point.number)
        )
    )


def plan_actions_by_point(assessment_id: int) -> dict[int, list[Action]]:
    """The actions the team planned in this assessment, grouped by point id."""
    grouped: dict[int, list[Action]] = {}
    for action in db.session.scalars(
        select(Action)
        .options(_person_for_name(Action.owner))
        .where(Action.assessment_id == assessment_id)
        .order_by(Action.id)
    ):
        grouped.setdefault(action.point_id, []).append(action)
    return grouped


def answer_for_point(assessment_id: int, number: int) -> Answer | None:
    return db.session.scalar(
        select(Answer)
        .join(Answer.point)
        .options(
            joinedload(Answer.point).selectinload(Point.prompts),
            _person_for_name(Answer.owner),
            selectinload(Answer.artefact_links).joinedload(ArtefactLink.artefact),
        )
        .where(Answer.assessment_id == assessment_id, Point.number == number)
    )


def earlier_open_actions(assessment: Assessment, point_number: int) -> list[Action]:
    """Open actions for the same point from the project's assessments started before this one
    (and actions added outside any assessment)."""
    earlier = select(Assessment.id).where(
        Assessment.project_id == assessment.project_id,
        Assessment.created_at < assessment.created_at,
    )
    return list(
        db.session.scalars(
            select(Action)
            .options(_person_for_name(Action.owner), joinedload(Action.assessment))
            .where(
                Action.project_id == assessment.project_id,
                Action.point_number == point_number,
                Action.status.in_(OPEN_STATUSES),
                or_(Action.assessment_id.is_(None), Action.assessment_id.in_(earlier)),
            )
            .order_by(Action.due_date, Action.id)
        )
    )


def team_people(project_id: int) -> list[tuple[int, str]]:
    """``(person id, name)`` for the project's team, by name."""
    return [
        (person_id, name)
        for person_id, name in db.session.execute(
            select(Person.id, Person.name)
            .join(TeamMembership, TeamMembership.person_id == Person.id)
            .where(TeamMembership.project_id == project_id)
            .order_by(Person.name, Person.id)
        )
    ]


def project_artefacts(project_id: int) -> list[Artefact]:
    return list(
        db.session.scalars(
            select(Artefact)
            .where(Artefact.project_id == project_id)
            .order_by(Artefact.title, Artefact.id)
        )
    )


def latest_version_id(framework_id: int) -> int | None:
    return db.session.scalar(
        select(FrameworkVersion.id)
        .where(FrameworkVersion.framework_id == framework_id)
        .order_by(FrameworkVersion.number.desc())
        .limit(1)
    )


# --- Changing them -----------------------------------------------------------------------------


def start_self_assessment(project: Project, actor_id: int) -> Assessment:
    """A draft self-assessment for the project's current phase, on today's framework version."""
    version = db.session.scalar(
        select(FrameworkVersion)
        .options(selectinload(FrameworkVersion.points))
        .where(FrameworkVersion.framework_id == project.framework_id)
        .order_by(FrameworkVersion.number.desc())
        .limit(1)
    )
    assessment = Assessment(
        project_id=project.id,
        framework_version_id=version.id,
        phase=project.phase,
        kind=AssessmentKind.SELF_ASSESSMENT.value,
        status=AssessmentStatus.DRAFT.value,
        started_by_id=actor_id,
    )
    assessment.answers = [Answer(point_id=point.id) for point in version.points]
    db.session.add(assessment)
    db.session.flush()
    record(
        actor_id,
        "started",
        "assessment",
        assessment.id,
        started_summary(project.phase, version.number),
        project_id=project.id,
    )
    return assessment


def started_summary(phase: str, version_number: int) -> str:
    """How the audit trail words the start of a self-assessment."""
    return (
        f"Started a self-assessment for {phase_label(phase).lower()} "
        f"against version {version_number} of the framework"
    )


def _touch(answer: Answer, actor_id: int) -> None:
    """Mark the answer changed, so its version moves on and other editors are warned."""
    answer.updated_by_id = actor_id
    answer.updated_at = utcnow()


def plan_action_count(answer: Answer) -> int:
    """How many actions the point's plan has in this assessment."""
    return db.session.scalar(
        select(func.count(Action.id)).where(
            Action.assessment_id == answer.assessment_id, Action.point_id == answer.point_id
        )
    )


def save_answer(
    answer: Answer,
    project_id: int,
    evidence_account: str,
    rating: str | None,
    wants_completed: bool | None,
    actor_id: int,
) -> None:
    """Save the team's account and rating; ``wants_completed`` None leaves the status alone
    unless the point was not started."""
    before = {
        "evidence": answer.evidence_account,
        "rating": answer.self_rating,
        "status": answer.status,
    }
    answer.evidence_account = evidence_account
    answer.self_rating = rating or None
    action_count = plan_action_count(answer)
    anything = bool(evidence_account.strip() or rating or action_count or answer.artefact_links)
    if wants_completed is None:
        wants_completed = answer.status == AnswerStatus.COMPLETED.value
    answer.status = status_after_save(
        wants_completed, evidence_account, rating, action_count, anything
    ).value
    _touch(answer, actor_id)
    after = {
        "evidence": answer.evidence_account,
        "rating": answer.self_rating,
        "status": answer.status,
    }
    changes = field_changes(before, after)
    if changes:
        words = []
        if "evidence" in changes:
            words.append("evidence changed")
        if "rating" in changes:
            words.append(f"rating {rating_label_of(answer.self_rating).lower()}")
        if "status" in changes:
            words.append(ANSWER_STATUS_LABELS[AnswerStatus(answer.status)].lower())
        if "evidence" in changes:
            changes["evidence"] = [
                evidence_preview(before["evidence"]),
                evidence_preview(after["evidence"]),
            ]
        record(
            actor_id,
            "updated",
            "answer",
            answer.id,
            f"Point {answer.point.number}: " + ", ".join(words),
            changes,
            project_id=project_id,
        )


def rating_label_of(rating: str | None) -> str:
    return RATING_LABELS[Rating(rating)] if rating else "Not rated"


def add_artefact(
    answer: Answer, project_id: int, title: str, url: str, kind: str, dated, actor_id: int
) -> Artefact:
    artefact = Artefact(
        project_id=project_id,
        title=title.strip(),
        url=url.strip(),
        kind=kind,
        dated=dated,
        added_by_id=actor_id,
    )
    db.session.add(artefact)
    answer.artefact_links.append(ArtefactLink(artefact=artefact))
    _touch(answer, actor_id)
    db.session.flush()
    record(
        actor_id,
        "added",
        "artefact",
        artefact.id,
        f"Point {answer.point.number}: added artefact “{artefact.title}”",
        {"url": [None, artefact.url], "type": [None, kind]},
        project_id=project_id,
    )
    return artefact


def attach_artefact(answer: Answer, project_id: int, artefact_id: int, actor_id: int) -> bool:
    artefact = db.session.get(Artefact, artefact_id)
    if artefact is None or artefact.project_id != project_id:
        return False
    if any(link.artefact_id == artefact_id for link in answer.artefact_links):
        return True
    answer.artefact_links.append(ArtefactLink(artefact=artefact))
    _touch(answer, actor_id)
    record(
        actor_id,
        "attached",
        "artefact",
        artefact.id,
        f"Point {answer.point.number}: attached artefact “{artefact.title}”",
        project_id=project_id,
    )
    return True


def remove_artefact_link(answer: Answer, project_id: int, link_id: int, actor_id: int) -> bool:
    link = next((link for link in answer.artefact_links if link.id == link_id), None)
    if link is None:
        return False
    title = link.artefact.title
    answer.artefact_links.remove(link)
    _touch(answer, actor_id)
    record(
        actor_id,
        "removed",
        "artefact",
        link.artefact_id,
        f"Point {answer.point.number}: removed artefact “{title}” from this point",
        project_id=project_id,
    )
    return True


def add_plan_action(
    answer: Answer,
    project_id: int,
    description: str,
    owner_id: int | None,
    owner_name: str | None,
    due_date,
    actor_id: int,
) -> Action:
    action = Action(
        project_id=project_id,
        assessment_id=answer.assessment_id,
        point_id=answer.point_id,
        point_number=answer.point.number,
        description=description.strip(),
        owner_id=owner_id,
        owner_name=(owner_name or "").strip() or None,
        due_date=due_date,
        status=ActionStatus.OPEN.value,
        source=ActionSource.SELF_ASSESSMENT.value,
        created_by_id=actor_id,
    )
    db.session.add(action)
    _touch(answer, actor_id)
    db.session.flush()
    record(
        actor_id,
        "created",
        "action",
        action.id,
        f"Point {answer.point.number}: added action “{action.description[:200]}”",
        {"due_date": [None, due_date.isoformat() if due_date else None]},
        project_id=project_id,
    )
    return action


def remove_plan_action(answer: Answer, project_id: int, action_id: int, actor_id: int) -> bool:
    action = db.session.get(Action, action_id)
    if (
        action is None
        or action.assessment_id != answer.assessment_id
        or action.point_id != answer.point_id
    ):
        return False
    record(
        actor_id,
        "deleted",
        "action",
        action.id,
        f"Point {answer.point.number}: removed action “{action.description[:200]}”",
        project_id=project_id,
    )
    db.session.delete(action)
    _touch(answer, actor_id)
    return True


def set_owners(assessment: Assessment, owners: dict[int, int | None], actor_id: int) -> int:
    """Give each point in ``owners`` (by number) an owner, or none; returns how many changed.

    Points not in ``owners`` keep theirs."""
    names = dict(team_people(assessment.project_id))
    changes: dict[str, list[str | None]] = {}
    for answer in answers_in_order(assessment.id):
        if answer.point.number not in owners:
            continue
        new_owner = owners[answer.point.number]
        if answer.owner_id != new_owner:
            before = answer.owner.name if answer.owner else None
            answer.owner_id = new_owner
            _touch(answer, actor_id)
            changes[f"point {answer.point.number} owner"] = [before, names.get(new_owner)]
    if changes:
        count = len(changes)
        record(
            actor_id,
            "updated",
            "assessment",
            assessment.id,
            f"Shared out the points of the self-assessment: {count} "
            + ("owner" if count == 1 else "owners")
            + " changed",
            changes,
            project_id=assessment.project_id,
        )
    return len(changes)


def change_status(
    assessment: Assessment,
    status: AssessmentStatus,
    verb: str,
    summary: str,
    actor_id: int | None,
    **more_changes: list,
) -> None:
    """Move the assessment to ``status`` and say so in the audit trail; the caller commits."""
    before = assessment.status
    assessment.status = status.value
    record(
        actor_id,
        verb,
        "assessment",
        assessment.id,
        summary,
        {"status": [before, status.value], **more_changes},
        project_id=assessment.project_id,
    )


SUBMITTED_SUMMARY = "Submitted the self-assessment for peer review"


def submit_self_assessment(assessment: Assessment, actor_id: int) -> None:
    assessment.submitted_at = utcnow()
    change_status(
        assessment,
        AssessmentStatus.SUBMITTED,
        "submitted",
        SUBMITTED_SUMMARY,
        actor_id,
    )


def return_to_team(assessment: Assessment, reason: str, actor_id: int) -> None:
    """Send a submitted self-assessment back to the team as a draft, saying why."""
    change_status(
        assessment,
        AssessmentStatus.DRAFT,
        "returned",
        "Returned the self-assessment to the team: " + reason.strip(),
        actor_id,
        reason=[None, reason.strip()],
    )


def last_return(assessment_id: int) -> AuditEvent | None:
    """When and why the self-assessment was last returned to the team, if it was."""
    return db.session.scalar(
        select(AuditEvent)
        .options(joinedload(AuditEvent.actor).lazyload(Person.role_grants))
        .where(
            AuditEvent.subject_type == "assessment",
            AuditEvent.subject_id == assessment_id,
            AuditEvent.verb == "returned",
        )
        .order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc())
        .limit(1)
    )
