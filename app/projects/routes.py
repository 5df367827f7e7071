"""A project's page, adding and changing a project, and its history."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_login import current_user

from app import clock
from app.access import project_rule, role_required
from app.commands import Conflict, Invalid
from app.commands import projects as commands
from app.data import projects as data
from app.data import teams
from app.data.frameworks import frameworks_in_order
from app.data.project_assessments import project_assessments
from app.models import Project
from app.projects import bp
from app.projects.forms import EditProjectForm, NewProjectForm, ProjectForm, add_errors
from app.rules.ids import parse_id
from app.rules.links import board_back
from app.rules.pagination import page_links, page_number, page_window
from app.rules.permissions import Role, TeamRole
from app.rules.projects import NOT_KNOWN, assessment_overdue

HISTORY_PAGE_SIZE = 25


@bp.get("/<int:project_id>")
@project_rule("read")
def show(project: Project):
    members = teams.team_members(project.id)
    in_team = any(m.person_id == current_user.id for m in members)
    last_move, overrides = data.phase_moves(project.id)
    framework_name, directorate_name = data.framework_and_directorate_names(project)
    assessments = project_assessments(project, current_user, g.can.team_role)
    return render_template(
        "projects/show.html",
        project=project,
        framework_name=framework_name,
        directorate_name=directorate_name,
        members=members,
        owners=[m.person.name for m in members if m.team_role == TeamRole.SERVICE_OWNER],
        managers=[m.person.name for m in members if m.team_role == TeamRole.DELIVERY_MANAGER],
        last_move=last_move,
        overrides=overrides,
        assessment_overdue=assessment_overdue(project.next_assessment_due, clock.today()),
        arranged=assessments.arranged,
        rating=assessments.rating,
        in_team=in_team,
        waiting=assessments.waiting if in_team else None,
        readable_reports=assessments.readable,
        back=board_back(request.args.get("back")),
    )


def _project_form(form_class: type[ProjectForm], project: Project | None) -> ProjectForm:
    initial = {}
    if project is not None:
        initial = {
            # Only the page carries the version: a post without it cannot be checked.
            "version": None if request.method == "POST" else str(project.version),
            "name": project.name,
            "description": project.description,
            "key_deliverables": project.key_deliverables,
            "directorate": str(project.directorate_id or ""),
            "framework": str(project.framework_id),
            "cashable_benefit": (
                "" if project.cashable_benefit is None else f"{project.cashable_benefit:,}"
            ),
            "non_cashable_benefit": project.non_cashable_benefit or NOT_KNOWN,
            "next_assessment_due": project.next_assessment_due,
            "confidential": project.confidential,
        }
    frameworks = frameworks_in_order()
    form = form_class(
        data=initial,
        directorates=[(d.id, d.name) for d in data.directorates_in_order()],
        frameworks=[(f.id, f.name, f"{f.organisation}, {f.published.year}") for f in frameworks],
        name_taken=lambda name: data.project_name_taken(name, project.id if project else None),
        may_add_directorate=Role.ADMINISTRATOR.value in current_user.roles,
    )
    if project is None and not form.is_submitted():
        form.framework.data = next((str(f.id) for f in frameworks if f.is_default), None)
    return form


def _details(form: ProjectForm) -> data.ProjectDetails:
    new_directorate = form.new_directorate.data if form.may_add_directorate else None
    return data.ProjectDetails(
        name=form.name.data,
        description=form.description.data,
        key_deliverables=form.key_deliverables.data or "",
        directorate_id=parse_id(form.directorate.data),
        new_directorate=new_directorate or None,
        framework_id=parse_id(form.framework.data),
        cashable_benefit=form.cashable_amount,
        non_cashable_benefit=(
            None if form.non_cashable_benefit.data == NOT_KNOWN else form.non_cashable_benefit.data
        ),
        next_assessment_due=form.next_assessment_due.data,
        confidential=bool(form.confidential.data),
    )


@bp.route("/new", methods=["GET", "POST"])
@role_required(Role.ADMINISTRATOR)
def new():
    form = _project_form(NewProjectForm, None)
    if form.validate_on_submit():
        try:
            project = commands.create_project(current_user, _details(form), form.phase.data)
        except Invalid as invalid:
            add_errors(form, invalid.errors, "name")
        else:
            flash(f"{project.name} has been added. Now add its team.", "success")
            return redirect(url_for(".team", project_id=project.id))
    return render_template("projects/form.html", form=form, project=None)


@bp.route("/<int:project_id>/edit", methods=["GET", "POST"])
@project_rule("manage")
def edit(project: Project):
    form = _project_form(EditProjectForm, project)
    if form.validate_on_submit():
        try:
            changes = commands.edit_project(
                current_user, project.id, parse_id(form.version.data), _details(form)
            )
        except Conflict:
            return _conflict(data.project_or_none(project.id) or abort(404), form)
        except Invalid as invalid:
            add_errors(form, invalid.errors, "name")
        else:
            flash(
                "The project's details have been saved."
                if changes
                else "Nothing was changed: the details were already as you saved them.",
                "success",
            )
            return redirect(url_for(".show", project_id=project.id))
    return render_template("projects/form.html", form=form, project=project)


def _conflict(project: Project, form: ProjectForm):
    """Someone else saved the project first (or the post did not say which version it
    changed): show what is saved now, keep what this person typed.

    The form now carries the saved version, so saving again is a deliberate overwrite.
    """
    unchecked = parse_id(form.version.data) is None
    form.version.data = str(project.version)
    return (
        render_template(
            "projects/form.html",
            form=form,
            project=project,
            conflict="unchecked" if unchecked else "changed",
        ),
        409,
    )


@bp.get("/<int:project_id>/history")
@project_rule("read")
def history(project: Project):
    number = page_number(request.args.get("page"))
    window = number and page_window(number, HISTORY_PAGE_SIZE, data.history_count(project.id))
    if not window:
        abort(404)
    return render_template(
        "projects/history.html",
        project=project,
        window=window,
        entries=data.history_page(project.id, window),
        phase_changes=data.phase_changes(project.id) if window.number == 1 else [],
        pagination=_pagination(project, window),
    )


def _pagination(project: Project, window) -> dict | None:
    """The GOV.UK pagination component's parameters, or None for a single page."""
    if window.last == 1:
        return None

    def href(number: int) -> str:
        return url_for(".history", project_id=project.id, page=number, _anchor="changes")

    params: dict = {
        "items": [
            {"ellipsis": True}
            if number is None
            else {"number": number, "href": href(number), "current": number == window.number}
            for number in page_links(window.number, window.last)
        ],
        "landmarkLabel": "Pages of the project's history",
    }
    if window.has_previous:
        params["previous"] = {"href": href(window.number - 1)}
    if window.has_next:
        params["next"] = {"href": href(window.number + 1)}
    return params
