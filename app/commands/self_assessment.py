"""Commands for the team's self-assessment: start it, share out its points, submit it,
return it to the team, withdraw it.

Each checks its own rules and raises the service's errors; views call one of them.
"""

from __future__ import annotations

from collections.abc import Mapping

from app.commands import Conflict, Invalid, NotAllowed, NotFound, command
from app.data import answers as answer_data
from app.data import assessments as data
from app.data.projects import project_for_change, team_role_for
from app.extensions import db
from app.models import Assessment, Person, Project
from app.rules.assessment_workflow import blocks_a_new_start
from app.rules.permissions import Role
from app.rules.phases import Phase
from app.rules.self_assessment import (
    RETURN_REASON_LIMIT,
    AssessmentStatus,
    can_be_returned,
    can_submit,
    may_submit,
    owner_changes,
    team_can_edit,
)

ALREADY_STARTED = "Someone in your team started a self-assessment for this phase a moment ago."
UNDER_REVIEW = (
    "Your team has already submitted a self-assessment for this phase. You cannot start "
    "another one while it is with the peer assessors."
)
NOT_EDITABLE = "This self-assessment has been {status}, so it can no longer be changed."
ONLY_LEADS_SUBMIT = (
    "Only the project's service owner or delivery manager can submit the self-assessment."
)
CONFIRM_MESSAGE = "Confirm that the evidence is accurate"
INCOMPLETE = "Complete every point before you submit the self-assessment"
CANNOT_RETURN = (
    "Only a submitted self-assessment for the project's current phase that has no report yet "
    "can go back to the team."
)
UNDER_PANEL_REVIEW = (
    "A panel is reviewing this self-assessment, so it cannot go back to the team while the "
    "panel reads its evidence. Ask the assessment organiser to withdraw the panel's "
    "assessment first."
)
DRAFT_IN_THE_WAY = (
    "The team has already started another self-assessment for this phase, so this one "
    "cannot go back to them."
)
OWNERS_CLASHED = "Someone else changed the owners of some points while you were choosing."


def _project(project_id: int) -> Project:
    """The project, read afresh and held until the command ends, as a phase move holds it:
    starting, submitting, returning or withdrawing a self-assessment and moving the
    project's phase queue, so none of them decides on a phase the other is changing."""
    project = project_for_change(project_id)
    if project is None:
        raise NotFound("There is no such project.")
    return project


def _assessment(project: Project, assessment_id: int) -> Assessment:
    """The assessment, locked until the command ends so changes to it are made one at a time."""
    assessment = data.assessment_in_project(project.id, assessment_id, for_change=True)
    if assessment is None:
        raise NotFound("There is no such self-assessment in this project.")
    return assessment


def _in_team(project: Project, actor_id: int) -> str:
    team_role = team_role_for(project.id, actor_id)
    if team_role is None:
        raise NotAllowed("Only the project's team can change its self-assessment.")
    return team_role


def _editable(assessment: Assessment) -> None:
    if not team_can_edit(assessment.status):
        status = "withdrawn" if assessment.status == AssessmentStatus.WITHDRAWN else "submitted"
        raise NotAllowed(NOT_EDITABLE.format(status=status))


def start_choice(project: Project) -> Assessment | None:
    """The self-assessment a new one for the project can start from: the team's last
    submitted one, if it has one."""
    return data.last_submitted_self_assessment(project.id)


@command(on_integrity_error=lambda error: Conflict(ALREADY_STARTED))
def start_self_assessment(
    project_id: int, actor_id: int, start_from_id: int | None = None
) -> Assessment:
    """Start the team's self-assessment for the project's current phase, blank or from the
    team's last submitted one (``start_from_id``).

    Refused while the team has one for this phase in progress (a :class:`Conflict`: continue
    that one) or submitted and not yet published (:class:`NotAllowed`).
    """
    project = _project(project_id)
    _in_team(project, actor_id)
    if project.phase == Phase.RETIRED:
        raise NotAllowed("A retired project has no more self-assessments.")
    if data.draft_self_assessment(project.id, project.phase) is not None:
        raise Conflict(ALREADY_STARTED)
    under_review = data.self_assessment_under_review(project.id, project.phase)
    if under_review is not None and blocks_a_new_start(under_review.status):
        raise NotAllowed(UNDER_REVIEW)
    carry_from = None
    if start_from_id is not None:
        carry_from = start_choice(project)
        if carry_from is None or carry_from.id != start_from_id:
            raise Invalid(errors={"start_from": "Select how you want to start"})
    return data.start_self_assessment(project, actor_id, carry_from)


@command
def share_out_points(
    project_id: int,
    assessment_id: int,
    shown: Mapping[int, int | None],
    wanted: Mapping[int, int | None],
    actor_id: int,
) -> int:
    """Give points owners. ``shown`` is each point's owner when the page was shown and
    ``wanted`` the owner chosen, by point number; returns how many owners changed.

    A point someone else gave to another person since the page was shown is a
    :class:`Conflict` (nothing is saved); changes to other points are kept. Owners must be
    active people in the team.
    """
    project = _project(project_id)
    _in_team(project, actor_id)
    assessment = _assessment(project, assessment_id)
    _editable(assessment)
    answers = answer_data.answers_in_order(assessment.id)
    numbers = {answer.point.number for answer in answers}
    team = {person_id for person_id, _ in answer_data.team_people(project.id)}
    errors = {
        f"point_{number}": "Select someone from the team"
        for number, owner in wanted.items()
        if number not in numbers or (owner is not None and owner not in team)
    }
    if errors:
        raise Invalid(errors=errors)
    current = {answer.point.number: answer.owner_id for answer in answers}
    merged = owner_changes(current, shown, wanted)
    if merged.clashes:
        raise Conflict(OWNERS_CLASHED, clashes=merged.clashes, current=current)
    return answer_data.set_owners(assessment, merged.changes, actor_id)


@command
def submit_self_assessment(
    project_id: int, assessment_id: int, actor_id: int, evidence_confirmed: bool
) -> Assessment:
    """Submit the self-assessment for peer review, once every point is complete, the team
    has confirmed its evidence is accurate, and the service owner or delivery manager does."""
    project = _project(project_id)
    team_role = _in_team(project, actor_id)
    assessment = _assessment(project, assessment_id)
    _editable(assessment)
    if not may_submit(team_role):
        raise NotAllowed(ONLY_LEADS_SUBMIT)
    statuses = [answer.status for answer in answer_data.answers_in_order(assessment.id)]
    if not can_submit(statuses):
        raise Invalid(INCOMPLETE)
    if not evidence_confirmed:
        raise Invalid(errors={"confirm": CONFIRM_MESSAGE})
    data.submit_self_assessment(assessment, actor_id)
    return assessment


@command(on_integrity_error=lambda error: NotAllowed(DRAFT_IN_THE_WAY))
def return_to_team(project_id: int, assessment_id: int, reason: str, actor_id: int) -> Assessment:
    """Send a submitted self-assessment back to the team as a draft, saying why (an
    administrator does, while the project is still in its phase, it has no report and no
    open panel assessment is built on it)."""
    actor = db.session.get(Person, actor_id)
    if actor is None or Role.ADMINISTRATOR.value not in actor.roles:
        raise NotAllowed("Only an administrator can return a self-assessment to the team.")
    project = _project(project_id)
    assessment = _assessment(project, assessment_id)
    if not can_be_returned(assessment.status, assessment.phase, project.phase):
        raise NotAllowed(CANNOT_RETURN)
    if data.open_panel_review_of(assessment.id) is not None:
        raise NotAllowed(UNDER_PANEL_REVIEW)
    if data.draft_self_assessment(project.id, assessment.phase) is not None:
        raise NotAllowed(DRAFT_IN_THE_WAY)
    reason = (reason or "").strip()
    if not reason:
        raise Invalid(errors={"reason": "Enter why the self-assessment is going back to the team"})
    if len(reason) > RETURN_REASON_LIMIT:
        raise Invalid(
            errors={"reason": f"Reason must be {RETURN_REASON_LIMIT:,} characters or fewer"}
        )
    data.return_to_team(assessment, reason, actor_id)
    return assessment


@command
def withdraw_self_assessment(
    project_id: int, assessment_id: int, reason: str, actor_id: int | None
) -> Assessment:
    """Withdraw a self-assessment that has no published report: it stays readable, and no
    longer counts. Whether the move is allowed is the workflow table's answer."""
    project = _project(project_id)
    if actor_id is not None:
        actor = db.session.get(Person, actor_id)
        is_administrator = actor is not None and Role.ADMINISTRATOR.value in actor.roles
        if not (is_administrator or may_submit(team_role_for(project.id, actor_id))):
            raise NotAllowed(
                "Only the service owner, the delivery manager or an administrator can "
                "withdraw the self-assessment."
            )
    assessment = _assessment(project, assessment_id)
    data.withdraw(assessment, reason or "", actor_id)
    return assessment
