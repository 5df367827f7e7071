"""Queries and changes for the team's answers: the points of a self-assessment and their owners."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import aliased, joinedload, selectinload

from app.audit import field_changes, record
from app.data.ordering import PROJECT_NAME_ORDER
from app.data.rows import plain_rows
from app.extensions import db
from app.models import (
    Action,
    Answer,
    Artefact,
    ArtefactLink,
    Assessment,
    FrameworkVersion,
    Person,
    Point,
    PointPrompt,
    TeamMembership,
)
from app.models.base import utcnow
from app.rules.ratings import RATING_LABELS, Rating
from app.rules.self_assessment import (
    ANSWER_STATUS_LABELS,
    AnswerStatus,
    AssessmentStatus,
    evidence_preview,
    status_after_save,
)


def person_for_name(relationship):
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


def answers_in_order(assessment_id: int) -> list[Answer]:
    """Every answer of the assessment in point order, with its point and owner loaded."""
    return list(
        db.session.scalars(
            select(Answer)
            .join(Answer.point)
            .options(joinedload(Answer.point), person_for_name(Answer.owner))
            .where(Answer.assessment_id == assessment_id)
            .order_by(Point.number)
        )
    )


CarriedOverFrom = aliased(Assessment)


@dataclass(frozen=True)
class TaskListRow:
    """What a self-assessment's task list shows of one point's answer."""

    number: int
    title: str
    status: str
    self_rating: str | None
    owner_name: str | None
    carried_over_from_phase: str | None


def task_list_rows(assessment_id: int) -> list[TaskListRow]:
    """Each answer of the assessment in point order, as its task list shows it: one query
    of plain values (no objects to track), the owner's name and the phase an answer was
    carried over from included."""
    return [
        TaskListRow(*row)
        for row in db.session.execute(_TASK_LIST_ROWS, {"assessment_id": assessment_id})
    ]


_TASK_LIST_ROWS = (
    select(
        Point.number,
        Point.title,
        Answer.status,
        Answer.self_rating,
        Person.name,
        CarriedOverFrom.phase,
    )
    .join(Point, Point.id == Answer.point_id)
    .outerjoin(Person, Person.id == Answer.owner_id)
    .outerjoin(CarriedOverFrom, CarriedOverFrom.id == Answer.carried_over_from_id)
    .where(Answer.assessment_id == bindparam("assessment_id"))
    .order_by(Point.number)
)


@dataclass(frozen=True)
class LinkedArtefact:
    title: str
    url: str


@dataclass(frozen=True)
class CheckedAnswer:
    """What check your answers shows of one point's answer."""

    point_id: int
    number: int
    title: str
    status: str
    self_rating: str | None
    evidence_account: str | None
    artefacts: list[LinkedArtefact]


def answers_to_check(assessment_id: int) -> list[CheckedAnswer]:
    """Each answer of the assessment in point order with the artefacts it links to (oldest
    artefact first), as plain values in one query: a row for each artefact (or one for an
    answer with none)."""
    found: dict[int, CheckedAnswer] = {}
    for row in plain_rows(_ANSWERS_TO_CHECK, {"assessment_id": assessment_id}):
        id_, point_id, number, title, status, rating, account, artefact, url = row
        answer = found.get(id_)
        if answer is None:
            answer = found[id_] = CheckedAnswer(
                point_id, number, title, status, rating, account, []
            )
        if artefact is not None:
            answer.artefacts.append(LinkedArtefact(artefact, url))
    return list(found.values())


_ANSWERS_TO_CHECK = (
    select(
        Answer.id,
        Answer.point_id,
        Point.number,
        Point.title,
        Answer.status,
        Answer.self_rating,
        Answer.evidence_account,
        Artefact.title,
        Artefact.url,
    )
    .join(Point, Point.id == Answer.point_id)
    .outerjoin(ArtefactLink, ArtefactLink.answer_id == Answer.id)
    .outerjoin(Artefact, Artefact.id == ArtefactLink.artefact_id)
    .where(Answer.assessment_id == bindparam("assessment_id"))
    .order_by(Point.number, ArtefactLink.artefact_id, ArtefactLink.id)
)


def answers_with_evidence(assessment_id: int) -> list[Answer]:
    """Answers in point order with their artefacts loaded (a fixed number of queries)."""
    return list(
        db.session.scalars(
            select(Answer)
            .join(Answer.point)
            .options(
                joinedload(Answer.point),
                person_for_name(Answer.owner),
                selectinload(Answer.artefact_links).joinedload(ArtefactLink.artefact),
            )
            .where(Answer.assessment_id == assessment_id)
            .order_by(Point.number)
        )
    )


def answer_for_point(assessment_id: int, number: int) -> Answer | None:
    """The answer to point ``number``, with its point, owner and artefacts loaded (the
    point's prompts are read on their own: see ``prompt_texts``)."""
    given = {"assessment_id": assessment_id, "number": number}
    return db.session.execute(_ANSWER_FOR_POINT, given).unique().scalar_one_or_none()


# Built once, as the point page and every change to a point ask for it. Its artefacts are
# joined in (a row for each): a point links to a handful, and a query more cost more.
_ANSWER_FOR_POINT = (
    select(Answer)
    .join(Answer.point)
    .options(
        joinedload(Answer.point),
        person_for_name(Answer.owner),
        joinedload(Answer.artefact_links).joinedload(ArtefactLink.artefact),
    )
    .where(Answer.assessment_id == bindparam("assessment_id"), Point.number == bindparam("number"))
)


def answer_and_others(
    project_id: int, assessment_id: int, number: int
) -> tuple[Answer | None, bool]:
    """``answer_for_point``, and whether the project has an artefact the answer does not
    link to (one to attach), in one query, for the point's page."""
    given = {"assessment_id": assessment_id, "number": number, "project_id": project_id}
    row = db.session.execute(_ANSWER_AND_OTHERS, given).unique().first()
    return (row[0], bool(row[1])) if row else (None, False)


_ANSWER_AND_OTHERS = _ANSWER_FOR_POINT.add_columns(
    select(Artefact.id)
    .where(
        Artefact.project_id == bindparam("project_id"),
        Artefact.id.not_in(
            select(ArtefactLink.artefact_id)
            .where(ArtefactLink.answer_id == Answer.id)
            .correlate(Answer)
        ),
    )
    .exists()
)


def prompt_texts(point: Point, version: FrameworkVersion, stage: str) -> tuple[str, ...]:
    """What good evidence looks like for the point at ``stage``, in order.

    A framework version's points and prompts never change once loaded (a changed file makes
    a new version), so they are kept in this process by the version's content fingerprint,
    the point's number and the stage, and read from the database once: the point page shows
    them on every request. ``version`` is the point's framework version.
    """
    if point.version_id != version.id:
        raise ValueError("The point is not in this framework version")
    key = (version.content_hash, point.number, stage)
    found = _PROMPTS_READ.get(key)
    if found is None:
        found = tuple(db.session.scalars(_PROMPT_TEXTS, {"point_id": point.id, "stage": stage}))
        if len(_PROMPTS_READ) < _PROMPTS_KEPT:
            _PROMPTS_READ[key] = found
    return found


# (content fingerprint, point number, stage) -> the prompts. A framework of 14 points at 4
# stages fills 56; the limit only guards against something unforeseen.
_PROMPTS_READ: dict[tuple[str, int, str], tuple[str, ...]] = {}
_PROMPTS_KEPT = 10_000

_PROMPT_TEXTS = (
    select(PointPrompt.text)
    .where(PointPrompt.point_id == bindparam("point_id"), PointPrompt.stage == bindparam("stage"))
    .order_by(PointPrompt.position)
)


def team_people(project_id: int) -> list[tuple[int, str]]:
    """``(person id, name)`` for the project's team who are active, by name: the people
    who may own a point."""
    return [
        (person_id, name)
        for person_id, name in db.session.execute(
            select(Person.id, Person.name)
            .join(TeamMembership, TeamMembership.person_id == Person.id)
            # A deactivated person is neither offered nor accepted as an owner.
            .where(TeamMembership.project_id == project_id, Person.is_active.is_(True))
            .order_by(Person.name, Person.id)
        )
    ]


def touch(answer: Answer, actor_id: int) -> None:
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
    # Saving the point is the team's check of what was carried over.
    clear_carried_over(answer)
    action_count = plan_action_count(answer)
    anything = bool(evidence_account.strip() or rating or action_count or answer.artefact_links)
    if wants_completed is None:
        wants_completed = answer.status == AnswerStatus.COMPLETED.value
    answer.status = status_after_save(
        wants_completed, evidence_account, rating, action_count, anything
    ).value
    touch(answer, actor_id)
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


def clear_carried_over(answer: Answer) -> None:
    """The team has checked the point: it is no longer marked as carried over."""
    answer.carried_over_from_id = None


def rating_label_of(rating: str | None) -> str:
    return RATING_LABELS[Rating(rating)] if rating else "Not rated"


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
            touch(answer, actor_id)
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
