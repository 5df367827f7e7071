"""Commands for one point of a team's self-assessment: its account and rating, the
artefacts that support it and the actions in its plan.

Each command finds the point afresh (locking its self-assessment, so a save and a
submission never cross), refuses unless the self-assessment can still be changed,
checks the rules, writes the audit trail and commits, or changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app import clock
from app.commands import Conflict, Invalid, NotAllowed, NotFound, command
from app.data import answers as answer_data
from app.data import artefacts as artefact_data
from app.data import assessments as assessment_data
from app.data import plans as plan_data
from app.data.actions import possible_owners
from app.models import Action, Answer, Artefact, Assessment
from app.rules.evidence import (
    action_description_problem,
    action_owner_problem,
    artefact_problems,
    due_date_for,
    repeated_action_problem,
    repeated_artefact_problems,
)
from app.rules.ratings import RATING_LABELS
from app.rules.self_assessment import (
    EVIDENCE_ACCOUNT_LIMIT,
    AnswerStatus,
    CompletionProblem,
    completion_problems,
    team_can_edit,
)

POINT_SAVED_FIRST = "Someone else saved this point while you were editing it."
ACTION_SAVED_FIRST = "Someone else changed this action while you were editing it."
ARTEFACT_SAVED_FIRST = "Someone else changed this artefact while you were editing it."


def artefact_version(artefact: Artefact) -> str:
    """What the change-artefact page carries to say which artefact, as it was, it changes
    (the id too: a change may have given this self-assessment its own copy meanwhile)."""
    return f"{artefact.id}.{artefact.version}"


@dataclass(frozen=True)
class PointRef:
    """Which point: the project, its self-assessment and the point's number."""

    project_id: int
    assessment_id: int
    number: int


def no_longer_editable(status: str) -> str:
    """Why a self-assessment in ``status`` cannot be changed, in words."""
    done = "withdrawn" if status == "withdrawn" else "submitted"
    return f"This self-assessment has been {done}, so it can no longer be changed."


def _editable_point(point: PointRef) -> tuple[Assessment, Answer]:
    assessment = assessment_data.assessment_in_project(
        point.project_id, point.assessment_id, for_change=True
    )
    if assessment is None:
        raise NotFound("There is no such self-assessment.")
    if not team_can_edit(assessment.status):
        raise NotAllowed(no_longer_editable(assessment.status))
    answer = answer_data.answer_for_point(assessment.id, point.number)
    if answer is None:
        raise NotFound("There is no such point.")
    return assessment, answer


# --- The team's account and rating -----------------------------------------------------------


@command
def save_point(
    point: PointRef,
    actor_id: int,
    evidence: str,
    rating: str | None,
    wants_completed: bool | None,
    version: int | str | None,
) -> list[CompletionProblem]:
    """Save the team's account of the point and its rating, and mark it completed if asked
    (``wants_completed`` None leaves that as it was).

    What was typed is saved even when the point cannot be completed yet: the answer is
    what stops it, in order (an empty list when it was completed or not asked to be).
    Raises :class:`Conflict` when ``version`` is not the version the point has now.
    """
    _, answer = _editable_point(point)
    errors = {}
    if rating and rating not in {value.value for value in RATING_LABELS}:
        errors["rating"] = "Select green, amber or red"
    if len(evidence or "") > EVIDENCE_ACCOUNT_LIMIT:
        errors["evidence_account"] = (
            f"Evidence must be {EVIDENCE_ACCOUNT_LIMIT:,} characters or fewer"
        )
    if errors:
        raise Invalid(errors=errors)
    if str(version) != str(answer.version):
        raise Conflict(POINT_SAVED_FIRST)
    answer_data.save_answer(
        answer,
        point.project_id,
        (evidence or "").strip(),
        rating or None,
        wants_completed,
        actor_id,
    )
    if wants_completed and answer.status != AnswerStatus.COMPLETED.value:
        return completion_problems(
            answer.evidence_account, answer.self_rating, answer_data.plan_action_count(answer)
        )
    return []


# --- Artefacts ---------------------------------------------------------------------------------


def _check_artefact(title: str | None, url: str | None, kind: str | None) -> None:
    if problems := artefact_problems(title, url, kind):
        raise Invalid(errors=problems)


@command
def add_artefact(
    point: PointRef,
    actor_id: int,
    title: str,
    url: str,
    kind: str,
    dated: date | None,
) -> Artefact:
    """Record a new artefact of the project, supporting this point (not a second one with
    the title or link of one the point has: a form sent twice adds one)."""
    _check_artefact(title, url, kind)
    _, answer = _editable_point(point)
    on_the_point = [(link.artefact.title, link.artefact.url) for link in answer.artefact_links]
    if problems := repeated_artefact_problems(title, url, on_the_point):
        raise Invalid(errors=problems)
    return artefact_data.add_artefact(answer, point.project_id, title, url, kind, dated, actor_id)


@command
def attach_artefact(point: PointRef, actor_id: int, artefact_id: int | None) -> Artefact:
    """Let an artefact the project already has support this point too."""
    _, answer = _editable_point(point)
    artefact = (
        artefact_data.artefact_in_project(point.project_id, artefact_id)
        if artefact_id is not None
        else None
    )
    if artefact is None:
        raise Invalid(errors={"artefact": "Select an artefact to attach"})
    artefact_data.attach_artefact(answer, point.project_id, artefact.id, actor_id)
    return artefact


@command
def change_artefact(
    point: PointRef,
    actor_id: int,
    link_id: int,
    title: str,
    url: str,
    kind: str,
    dated: date | None,
    version: str | None,
) -> Artefact:
    """Change an artefact this point uses (it changes for every point it supports).

    When an assessment that can no longer be changed (submitted, published, withdrawn…)
    also uses it, that one keeps it unchanged and this self-assessment gets a changed copy.
    Raises :class:`Conflict` when ``version`` is not what :func:`artefact_version` says now.
    """
    _check_artefact(title, url, kind)
    _, answer = _editable_point(point)
    link = artefact_data.artefact_link(answer, link_id)
    if link is None:
        raise NotFound("That artefact is no longer on this point.")
    artefact = link.artefact
    if str(version) != artefact_version(artefact):
        raise Conflict(ARTEFACT_SAVED_FIRST)
    if any(not team_can_edit(status) for status in artefact_data.statuses_linking(artefact.id)):
        # A self-assessment that can no longer be changed keeps its evidence as it was:
        # this one gets its own copy of the artefact, changed.
        return artefact_data.copy_artefact_for_assessment(
            artefact, answer, title, url, kind, dated, actor_id
        )
    artefact_data.update_artefact(artefact, answer, title, url, kind, dated, actor_id)
    return artefact


@command
def remove_artefact(point: PointRef, actor_id: int, link_id: int) -> str:
    """Take an artefact off this point (the project keeps it); returns its title."""
    _, answer = _editable_point(point)
    link = artefact_data.artefact_link(answer, link_id)
    if link is None:
        raise NotFound("That artefact is no longer on this point.")
    title = link.artefact.title
    artefact_data.remove_artefact_link(answer, point.project_id, link_id, actor_id)
    return title


# --- The action plan ---------------------------------------------------------------------------


def _checked_action(
    answer: Answer,
    project_id: int,
    description: str | None,
    owner_id: int | None,
    owner_name: str | None,
    due: date | None,
    current: Action | None = None,
) -> tuple[date, str | None]:
    """The due date the action gets and its owner's name, or :class:`Invalid` saying why not.

    The owner is an active member of the team (or, when an action is changed, the one
    it already has) or someone else, named.
    """
    errors = {}
    if problem := action_description_problem(description):
        errors["description"] = problem
    owners = dict(possible_owners(project_id, current.owner_id if current else None))
    errors |= action_owner_problem(owner_id, owner_name, owners)
    due_date, problem = due_date_for(
        due, answer.self_rating, clock.today(), current.due_date if current else None
    )
    if problem:
        errors["due_date"] = problem
    if errors:
        raise Invalid(errors=errors)
    return due_date, owners.get(owner_id) if owner_id is not None else None


@command
def add_action(
    point: PointRef,
    actor_id: int,
    description: str,
    owner_id: int | None,
    owner_name: str | None,
    due: date | None,
) -> Action:
    """Plan an action for the point. Left without a date, an amber point's action is due in
    three months; any other needs one. The plan does not get the same action twice."""
    _, answer = _editable_point(point)
    if problem := repeated_action_problem(description, plan_data.plan_descriptions(answer)):
        raise Invalid(errors={"description": problem})
    due_date, _ = _checked_action(answer, point.project_id, description, owner_id, owner_name, due)
    return plan_data.add_plan_action(
        answer,
        point.project_id,
        description,
        owner_id,
        None if owner_id is not None else owner_name,
        due_date,
        actor_id,
    )


@command
def change_action(
    point: PointRef,
    actor_id: int,
    action_id: int,
    description: str,
    owner_id: int | None,
    owner_name: str | None,
    due: date | None,
    version: int | str | None,
) -> Action:
    """Change what an action in the point's plan says, who owns it and when it is due."""
    _, answer = _editable_point(point)
    action = plan_data.plan_action(answer, action_id)
    if action is None:
        raise NotFound("That action is no longer in this point's plan.")
    if str(version) != str(action.version):
        raise Conflict(ACTION_SAVED_FIRST)
    due_date, person_name = _checked_action(
        answer, point.project_id, description, owner_id, owner_name, due, current=action
    )
    plan_data.update_plan_action(
        action, answer, description, (owner_id, owner_name, person_name), due_date, actor_id
    )
    return action


@dataclass(frozen=True)
class Removed:
    """What a removal took away, and whether the point stopped being completed because of it."""

    description: str
    no_longer_completed: bool


@command
def remove_action(point: PointRef, actor_id: int, action_id: int) -> Removed:
    """Take an action out of the point's plan. A completed amber or red point left with no
    action goes back to in progress, as saving it would."""
    _, answer = _editable_point(point)
    action = plan_data.plan_action(answer, action_id)
    if action is None:
        raise NotFound("That action is no longer in this point's plan.")
    description = action.description
    plan_data.remove_plan_action(answer, point.project_id, action_id, actor_id)
    reopened = False
    if answer.status == AnswerStatus.COMPLETED.value and completion_problems(
        answer.evidence_account, answer.self_rating, answer_data.plan_action_count(answer)
    ):
        answer_data.save_answer(
            answer,
            point.project_id,
            answer.evidence_account,
            answer.self_rating,
            False,
            actor_id,
        )
        reopened = True
    return Removed(description, reopened)
