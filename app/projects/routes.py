"""Projects: the list, a project page, its team, phase changes and history."""

from __future__ import annotations

from flask import render_template

from app.access import project_rule
from app.models import Project
from app.projects import bp


@bp.get("/<int:project_id>")
@project_rule("read")
def show(project: Project):
    # Placeholder, replaced by the project page.
    return render_template("projects/placeholder.html", project=project, heading=project.name)


@bp.get("/<int:project_id>/history")
@project_rule("read")
def history(project: Project):
    # Placeholder, replaced by the history page.
    return render_template("projects/placeholder.html", project=project, heading="History")
