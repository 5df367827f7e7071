"""Importing the programme spreadsheet: keeping the upload for its preview, then importing it
as one change once the administrator confirms."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Protocol

from app.audit import record
from app.commands import Conflict, Invalid, NotAllowed, NotFound, command
from app.data import programme as data
from app.data import teams
from app.data.assessments import change_status
from app.data.frameworks import default_framework
from app.data.projects import (
    ProjectDetails,
    add_directorate,
    add_phase_change,
    add_project,
    drafts_to_withdraw,
    red_items,
)
from app.models import Project
from app.rules.permissions import TeamRole, can_add_projects
from app.rules.phase_moves import needs_confirmation, withdrawn_summary
from app.rules.programme_plan import (
    IMPORT_SUBJECT,
    IMPORTED_PROJECT_SUMMARY,
    PAST_RED_REASON,
    PHASE_CHANGE_REASON,
    RowPlan,
    RowStatus,
    added_by_import_summary,
    import_summary,
)
from app.rules.self_assessment import AssessmentStatus

# How long an upload waits for its confirmation.
UPLOAD_LIFETIME = timedelta(days=1)

ADMINISTRATORS_ONLY = "Only an administrator can import the programme"
UPLOAD_GONE = (
    "This file has been imported already, or was uploaded more than a day ago. "
    "Upload it again to check it"
)
CHANGED_SINCE = (
    "The programme has changed since you checked this file, so nothing was imported. "
    "Check what the import will change now, then confirm again"
)
NOT_READY = "The file has problems, so nothing was imported. Fix them and upload the file again"
NO_FRAMEWORK = "There is no default framework to assess new projects against"


class Actor(Protocol):
    id: int
    roles: set[str]


@dataclass(frozen=True)
class ImportResult:
    filename: str
    new: int
    changed: int
    unchanged: int
    directorates_added: list[str] = field(default_factory=list)


def upload_since() -> datetime:
    """Uploads made before this have been forgotten."""
    return datetime.now(UTC) - UPLOAD_LIFETIME


@command
def keep_upload(actor: Actor, filename: str, cells: list[list[str]]) -> int:
    """Keep a checked spreadsheet's cells until its preview is confirmed; returns its id.

    The person's earlier uploads, and anyone's older than a day, are forgotten. Nothing in
    the programme changes."""
    if not can_add_projects(actor.roles):
        raise NotAllowed(ADMINISTRATORS_ONLY)
    data.forget_uploads(actor.id, upload_since())
    return data.keep_upload(actor.id, filename, cells).id


@command
def import_programme(actor: Actor, upload_id: int, seen_digest: str | None) -> ImportResult:
    """Import the upload as the administrator saw it in its preview: add the new projects,
    change the changed ones, and forget the upload; all of it or none.

    Everything is checked again: a row with a problem refuses the whole file
    (:class:`Invalid`), and so does any change to the programme since the preview whose
    fingerprint was ``seen_digest`` (:class:`Conflict`).
    """
    if not can_add_projects(actor.roles):
        raise NotAllowed(ADMINISTRATORS_ONLY)
    upload = data.upload_for(upload_id, actor.id, upload_since())
    if upload is None:
        raise NotFound(UPLOAD_GONE)
    problems, plan = data.plan_for(upload.cells)
    if problems or plan is None or plan.errors:
        raise Invalid(NOT_READY)
    if not seen_digest or seen_digest != plan.digest():
        raise Conflict(CHANGED_SINCE)

    directorates = data.directorates_by_folded_name()
    for name in plan.new_directorates:
        directorates[_fold(name)] = add_directorate(name)
    people = data.people_by_email(row.values.owner_email for row in plan.rows if row.values)
    projects = data.projects_for_change(row.project_id for row in plan.rows if row.project_id)
    framework = None
    for row in plan.rows:
        if row.status == RowStatus.NEW:
            framework = framework or default_framework()
            if framework is None:
                raise Invalid(NO_FRAMEWORK)
            _add(actor, row, directorates, people, framework)
        elif row.status == RowStatus.CHANGED:
            project = projects.get(row.project_id)
            if project is None:  # removed since the plan was made, in this transaction
                raise Conflict(CHANGED_SINCE)
            _change(actor, row, project, directorates, people)

    result = ImportResult(
        filename=upload.filename,
        new=plan.count(RowStatus.NEW),
        changed=plan.count(RowStatus.CHANGED),
        unchanged=plan.count(RowStatus.UNCHANGED),
        directorates_added=list(plan.new_directorates),
    )
    record(
        actor.id,
        "imported",
        IMPORT_SUBJECT,
        None,
        import_summary(result.filename, result.new, result.changed, result.unchanged),
        {
            "file": result.filename,
            "new": result.new,
            "changed": result.changed,
            "unchanged": result.unchanged,
            "directorates_added": result.directorates_added,
        },
    )
    data.forget_upload(upload)
    return result


def _fold(name: str) -> str:
    return " ".join(name.split()).casefold()


def _add(actor: Actor, row: RowPlan, directorates, people, framework) -> Project:
    values = row.values
    phase = row.changes["phase"][1]
    details = ProjectDetails(
        name=values.name,
        description=values.description,
        directorate_id=None,
        new_directorate=None,
        framework_id=framework.id,
        cashable_benefit=values.cashable_benefit,
        non_cashable_benefit=values.non_cashable_benefit,
        next_assessment_due=None,
    )
    directorate = directorates[_fold(values.directorate)]
    project = add_project(details, directorate, framework, phase, actor.id)
    project.key_deliverables = values.key_deliverables
    teams.add_member(project.id, people[values.owner_email].id, TeamRole.SERVICE_OWNER.value)
    record(
        actor.id,
        "created",
        "project",
        project.id,
        added_by_import_summary(phase),
        row.changes,
        project.id,
    )
    return project


def _change(actor: Actor, row: RowPlan, project: Project, directorates, people) -> None:
    values = row.values
    changes = row.changes
    if "name" in changes:
        project.name = values.name
    if "description" in changes:
        project.description = values.description
    if "directorate" in changes:
        project.directorate = directorates[_fold(values.directorate)]
    if "key_deliverables" in changes:
        project.key_deliverables = values.key_deliverables
    if "cashable_benefit" in changes:
        project.cashable_benefit = values.cashable_benefit
    if "non_cashable_benefit" in changes:
        project.non_cashable_benefit = values.non_cashable_benefit
    if "service_owner" in changes:
        _make_owner(project, people[values.owner_email].id)
    if "phase" in changes:
        from_phase, to_phase = changes["phase"]
        drafts = drafts_to_withdraw(project.id, from_phase)
        past_red = needs_confirmation(from_phase, to_phase, *red_items(project).counts)
        add_phase_change(
            project,
            to_phase,
            PHASE_CHANGE_REASON,
            PAST_RED_REASON if past_red else None,
            project.next_assessment_due,
            actor.id,
        )
        for draft in drafts:
            change_status(
                draft,
                AssessmentStatus.WITHDRAWN,
                "withdrawn",
                withdrawn_summary(draft.phase, to_phase),
                actor.id,
            )
    record(
        actor.id, "updated", "project", project.id, IMPORTED_PROJECT_SUMMARY, changes, project.id
    )


def _make_owner(project: Project, person_id: int) -> None:
    """The person becomes the project's service owner; any other service owner stays in the
    team as a team member."""
    for member in project.memberships:
        if member.person_id == person_id:
            teams.set_role(member, TeamRole.SERVICE_OWNER.value)
        elif member.team_role == TeamRole.SERVICE_OWNER.value:
            teams.set_role(member, TeamRole.MEMBER.value)
    if all(member.person_id != person_id for member in project.memberships):
        teams.add_member(project.id, person_id, TeamRole.SERVICE_OWNER.value)
