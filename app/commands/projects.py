"""Commands for projects: adding and changing a project, its team, and moving its phase.

Each checks who may make the change and the rules it must keep, writes the audit trail
and either commits all of it or nothing (see :mod:`app.commands`). ``actor`` is the person
making the change: anything with ``id`` and ``roles``.
"""

from __future__ import annotations

from datetime import date
from typing import Protocol

from sqlalchemy.exc import IntegrityError

from app import clock
from app.audit import field_changes, record
from app.commands import Conflict, Invalid, NotAllowed, NotFound, command
from app.data import projects as data
from app.data import teams
from app.data.assessments import change_status
from app.models import PhaseChange, Project, TeamMembership
from app.rules.permissions import can_add_projects, can_change_phase, can_manage_project
from app.rules.phase_moves import (
    OVERRIDE_MISSING,
    OVERRIDE_REASON_LIMIT,
    OVERRIDE_TOO_LONG,
    REASON_LIMIT,
    REASON_MISSING,
    REASON_TOO_LONG,
    TO_PHASE_MISSING,
    moved_meanwhile_message,
    moved_summary,
    needs_confirmation,
    next_assessment_problem,
    phase_choices,
    phase_not_seen_message,
    withdrawn_summary,
)
from app.rules.phases import Phase
from app.rules.projects import (
    CHANGED_SUMMARY,
    DIRECTORATE_NOT_LISTED,
    FRAMEWORK_MISSING,
    KEY_DELIVERABLES_LIMIT,
    KEY_DELIVERABLES_TOO_LONG,
    NAME_TAKEN,
    PHASE_MISSING,
    added_summary,
    details_problems,
    directorate_added_summary,
    is_phase,
)
from app.rules.self_assessment import AssessmentStatus
from app.rules.teams import (
    DEACTIVATED,
    TEAM_ROLE_MISSING,
    TEAM_SUBJECT,
    already_in_team_message,
    is_team_role,
    joined_summary,
    last_owner_message,
    left_summary,
    on_the_panel_message,
    role_changed_summary,
    team_change_problem,
)

NOT_YOURS = "You cannot change this project"


class Actor(Protocol):
    id: int
    roles: set[str]


def _name_taken_or_conflict(error: IntegrityError) -> Exception:
    """A project name taken a moment ago (the unique index) is the person's to fix; any other
    broken rule was a change made at the same moment."""
    words = str(error.orig).lower()
    if "project.name" in words or "uq_project_name" in words:
        return Invalid(errors={"name": NAME_TAKEN})
    return Conflict("Someone else saved a change at the same moment. Nothing you sent was saved.")


def _project(project_id: int) -> Project:
    """The project, held until the change is committed, so changes to one project queue."""
    project = data.project_for_change(project_id)
    if project is None:
        raise NotFound("This project does not exist")
    return project


def _check_manage(actor: Actor, project: Project) -> None:
    if not can_manage_project(actor.roles, data.team_role_for(project.id, actor.id)):
        raise NotAllowed(NOT_YOURS)


# --- A project's details ---------------------------------------------------------------------


def _checked_details(details: data.ProjectDetails, project_id: int | None, phase: str | None):
    """The directorate and framework the details name, once every field has been checked
    (and ``phase``, for a new project)."""
    problems = details_problems(
        details.name,
        details.description,
        details.new_directorate,
        details.cashable_benefit,
        details.non_cashable_benefit,
    )
    if len((details.key_deliverables or "").strip()) > KEY_DELIVERABLES_LIMIT:
        problems["key_deliverables"] = KEY_DELIVERABLES_TOO_LONG
    if project_id is None and not is_phase(phase):
        problems["phase"] = PHASE_MISSING
    if "name" not in problems and data.project_name_taken(details.name, project_id):
        problems["name"] = NAME_TAKEN
    directorate = None
    if details.new_directorate:
        directorate = data.directorate_named(details.new_directorate)
    elif details.directorate_id is not None:
        directorate = data.directorate_or_none(details.directorate_id)
        if directorate is None:
            problems["directorate"] = DIRECTORATE_NOT_LISTED
    framework = None
    if details.framework_id is not None:
        framework = data.framework_or_none(details.framework_id)
    if framework is None:
        problems["framework"] = FRAMEWORK_MISSING
    if problems:
        raise Invalid(errors=problems)
    return directorate, framework


def _directorate(directorate, details: data.ProjectDetails, actor: Actor):
    """The directorate chosen, or the new one typed, added now (and audited) if it is new."""
    if directorate is not None or not details.new_directorate:
        return directorate
    added = data.add_directorate(details.new_directorate)
    record(actor.id, "created", "directorate", added.id, directorate_added_summary(added.name))
    return added


@command(on_integrity_error=_name_taken_or_conflict)
def create_project(actor: Actor, details: data.ProjectDetails, phase: str) -> Project:
    """Add a project to the programme in ``phase``; its first phase change says so."""
    if not can_add_projects(actor.roles):
        raise NotAllowed("Only an administrator can add a project")
    directorate, framework = _checked_details(details, None, phase)
    directorate = _directorate(directorate, details, actor)
    project = data.add_project(details, directorate, framework, phase, actor.id)
    changes = {key: [None, value] for key, value in data.audit_fields(project).items() if value}
    changes["phase"] = [None, phase]
    record(actor.id, "created", "project", project.id, added_summary(phase), changes, project.id)
    return project


@command(on_integrity_error=_name_taken_or_conflict)
def edit_project(
    actor: Actor, project_id: int, seen_version: int | None, details: data.ProjectDetails
) -> dict[str, list]:
    """Save the project's details; returns each field that changed as ``[before, after]``.

    ``seen_version`` is the version of the project the person changed. Without it, or when
    someone else has saved since, nothing is saved: :class:`Conflict`.
    """
    project = _project(project_id)
    _check_manage(actor, project)
    if seen_version is None or seen_version != project.version:
        raise Conflict("Someone else changed the project since you opened it")
    directorate, framework = _checked_details(details, project.id, None)
    directorate = _directorate(directorate, details, actor)
    before = data.audit_fields(project)
    data.set_details(project, details, directorate, framework)
    changes = field_changes(before, data.audit_fields(project))
    if changes:
        record(actor.id, "updated", "project", project.id, CHANGED_SUMMARY, changes, project.id)
    return changes


# --- The team ------------------------------------------------------------------------------------


@command(on_integrity_error=lambda error: Invalid(errors={"email": "They are already in the team"}))
def add_team_member(
    actor: Actor, project_id: int, person_id: int | None, team_role: str
) -> TeamMembership:
    project = _project(project_id)
    _check_manage(actor, project)
    problems = {}
    person = teams.person_or_none(person_id) if person_id is not None else None
    if person is None:
        problems["email"] = "Enter the email address of someone with an account"
    elif not person.is_active:
        problems["email"] = DEACTIVATED
    elif person.id in teams.team_roles(project.id):
        problems["email"] = already_in_team_message(person.name)
    elif teams.sits_on_open_panel(project.id, person.id):
        problems["email"] = on_the_panel_message(person.name)
    if not is_team_role(team_role):
        problems["team_role"] = TEAM_ROLE_MISSING
    if problems:
        raise Invalid(errors=problems)
    member = teams.add_member(project.id, person.id, team_role)
    record(
        actor.id,
        "added",
        TEAM_SUBJECT,
        member.id,
        joined_summary(person.name, team_role),
        {"team_role": [None, team_role]},
        project.id,
    )
    return member


def _member_for_change(actor: Actor, project_id: int, person_id: int) -> TeamMembership:
    # The project's row is held first, so that the check of the whole team below sees any
    # change made at the same moment: two people cannot remove the last two service owners.
    project = _project(project_id)
    _check_manage(actor, project)
    member = teams.membership(project.id, person_id, for_change=True)
    if member is None:
        raise NotFound("This person is not in the team")
    return member


@command
def change_team_role(actor: Actor, project_id: int, person_id: int, team_role: str) -> bool:
    """Give a member of the team another role; False when it is the role they already have."""
    member = _member_for_change(actor, project_id, person_id)
    if not is_team_role(team_role):
        raise Invalid(errors={"team_role": TEAM_ROLE_MISSING})
    if team_change_problem(teams.team_roles(project_id), person_id, team_role):
        raise Invalid(errors={"team_role": last_owner_message(member.person.name, False)})
    before = member.team_role
    if before == team_role:
        return False
    if teams.sits_on_open_panel(project_id, person_id):
        raise Invalid(errors={"team_role": on_the_panel_message(member.person.name)})
    teams.set_role(member, team_role)
    record(
        actor.id,
        "updated",
        TEAM_SUBJECT,
        member.id,
        role_changed_summary(member.person.name),
        {"team_role": [before, team_role]},
        project_id,
    )
    return True


@command
def remove_team_member(actor: Actor, project_id: int, person_id: int) -> None:
    member = _member_for_change(actor, project_id, person_id)
    if team_change_problem(teams.team_roles(project_id), person_id, None):
        raise NotAllowed(last_owner_message(member.person.name, True))
    record(
        actor.id,
        "removed",
        TEAM_SUBJECT,
        member.id,
        left_summary(member.person.name),
        {"team_role": [member.team_role, None]},
        project_id,
    )
    teams.remove_member(member)


# --- Moving to another phase -------------------------------------------------------------------


@command
def move_phase(
    actor: Actor,
    project_id: int,
    *,
    seen_phase: str | None,
    to_phase: str,
    reason: str,
    next_assessment_due: date | None,
    override_reason: str | None = None,
) -> PhaseChange:
    """Move the project to ``to_phase``, with why, and when it is next assessed.

    ``seen_phase`` is the phase the person saw when they started: without it, or when the
    project has moved since, nothing moves (:class:`Conflict`, with ``phase`` the phase it
    is in). Moving on while points are red, or red points' actions are open, needs an
    ``override_reason``: without one the command refuses with an ``override_reason`` error.
    Any self-assessment still in draft for the phase left behind is withdrawn.
    """
    project = _project(project_id)
    if not can_change_phase(actor.roles, data.team_role_for(project.id, actor.id)):
        raise NotAllowed(NOT_YOURS)
    if seen_phase != project.phase:
        message = phase_not_seen_message if seen_phase is None else moved_meanwhile_message
        raise Conflict(message(project.phase), phase=project.phase)

    from_phase = project.phase
    problems = {}
    if to_phase not in {phase.value for phase in phase_choices(from_phase)}:
        problems["to_phase"] = TO_PHASE_MISSING
    reason = (reason or "").strip()
    if not reason:
        problems["reason"] = REASON_MISSING
    elif len(reason) > REASON_LIMIT:
        problems["reason"] = REASON_TOO_LONG
    if "to_phase" not in problems:
        when = next_assessment_problem(from_phase, to_phase, next_assessment_due, clock.today())
        if when:
            problems["next_assessment_due"] = when
    if problems:
        raise Invalid(errors=problems)

    override_reason = (override_reason or "").strip() or None
    if needs_confirmation(from_phase, to_phase, *data.red_items(project).counts):
        if override_reason is None:
            raise Invalid(errors={"override_reason": OVERRIDE_MISSING})
        if len(override_reason) > OVERRIDE_REASON_LIMIT:
            raise Invalid(errors={"override_reason": OVERRIDE_TOO_LONG})
    else:
        override_reason = None  # nothing stands in the way: there is nothing to override

    # A date given is the next assessment; a retired project has none; otherwise it stays.
    due_before = project.next_assessment_due
    due_after = next_assessment_due or (None if to_phase == Phase.RETIRED else due_before)
    drafts = data.drafts_to_withdraw(project.id, from_phase)
    change = data.add_phase_change(project, to_phase, reason, override_reason, due_after, actor.id)
    changes = {"phase": [from_phase, to_phase]}
    if due_after != due_before:
        changes["next_assessment_due"] = [
            due_before.isoformat() if due_before else None,
            due_after.isoformat() if due_after else None,
        ]
    record(
        actor.id,
        "moved",
        "phase_change",
        change.id,
        moved_summary(from_phase, to_phase, overridden=override_reason is not None),
        changes,
        project.id,
    )
    for draft in drafts:
        change_status(
            draft,
            AssessmentStatus.WITHDRAWN,
            "withdrawn",
            withdrawn_summary(draft.phase, to_phase),
            actor.id,
        )
    return change
