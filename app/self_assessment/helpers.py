"""What the self-assessment pages share: loading an assessment and who may change it now."""

from __future__ import annotations

from flask import abort, flash, g, redirect, url_for

from app import clock
from app.data import assessments as data
from app.models import Assessment, Project
from app.rules.actions import overdue_ids as rules_overdue_ids
from app.rules.self_assessment import team_can_edit


def assessment_or_404(project: Project, assessment_id: int) -> Assessment:
    read = g.get("self_assessment")
    if read is not None and read[:2] == (project.id, assessment_id):
        # Read with the project, by the page's access rule (app.access).
        assessment = read[2]
    else:
        assessment = data.assessment_in_project(project.id, assessment_id)
    if assessment is None:
        abort(404)
    return assessment


def assessment_for_change(project: Project, assessment_id: int) -> Assessment:
    """The assessment, locked until this request commits, so a save and a submission
    (or two submissions) never cross: the second waits, then sees what the first did."""
    assessment = data.assessment_in_project(project.id, assessment_id, for_change=True)
    if assessment is None:
        abort(404)
    return assessment


def editable(assessment: Assessment) -> bool:
    """The signed-in person may change this assessment now."""
    return g.can.team and team_can_edit(assessment.status)


def refuse_unless_editable(project: Project, assessment: Assessment):
    if not team_can_edit(assessment.status):
        flash(
            "This self-assessment has been "
            + ("withdrawn" if assessment.status == "withdrawn" else "submitted")
            + ", so it can no longer be changed."
        )
        return redirect(
            url_for("self_assessment.task_list", project_id=project.id, assessment_id=assessment.id)
        )
    return None


def overdue_ids(actions) -> set[int]:
    return rules_overdue_ids(actions, clock.today())
