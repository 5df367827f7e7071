"""Actions: a project's actions, your actions, and updating one."""

from __future__ import annotations

from datetime import date

from flask import render_template
from flask_login import current_user

from app.access import project_rule, signed_in
from app.actions import bp
from app.data.actions import actions_owned_by
from app.models import Project


@bp.get("/actions")
@signed_in
def your_actions():
    today = date.today()
    return render_template(
        "actions/your_actions.html", actions=actions_owned_by(current_user.id, today), today=today
    )


@bp.get("/projects/<int:project_id>/actions")
@project_rule("read")
def project_actions(project: Project):
    # Placeholder, replaced by the project's actions page.
    return render_template("projects/placeholder.html", project=project, heading="Actions")
