"""Actions: a project's actions, your actions, one action, and updating it."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from app import clock
from app.access import current_scope, project_rule, signed_in
from app.actions import bp
from app.actions.forms import FiltersForm, UpdateActionForm
from app.commands import Conflict, Invalid
from app.commands import actions as commands
from app.data import actions as data
from app.models import Action, Project
from app.rules.actions import (
    ACTION_STATUS_LABELS,
    NOTE_LIMIT,
    ActionGroup,
    filter_summary,
    group_of,
    is_overdue,
)
from app.rules.links import is_web_link, return_path
from app.rules.permissions import can_read_all_projects


def _here() -> str:
    """This page's address, for the pages it links to to come back to."""
    return request.full_path.rstrip("?")


def _action(project: Project, action_id: int) -> Action:
    action = data.action_in_project(project.id, action_id)
    if action is None:
        abort(404)
    return action


def _came_from() -> str | None:
    return return_path(request.args.get("next"))


@bp.get("/actions")
@signed_in
def your_actions():
    today = clock.today()
    every_project = can_read_all_projects(current_user.roles)
    rows = data.actions_owned_by(
        current_user.id,
        today,
        every_project=every_project,
        allowed=current_scope() if every_project else None,
    )
    groups = {group: [] for group in ActionGroup}
    for row in rows:
        groups[group_of(row.action.status, row.action.due_date, today)].append(row)
    return render_template(
        "actions/your_actions.html", groups=groups, total=len(rows), here=_here()
    )


@bp.get("/projects/<int:project_id>/actions")
@project_rule("read")
def project_actions(project: Project):
    today = clock.today()
    filters_form = FiltersForm(formdata=request.args)
    counted = data.counted_actions(project.id)
    filters_form.set_points(counted.points)
    filters = data.ActionFilters(
        statuses=filters_form.chosen_statuses(used=bool(request.args)),
        point_number=filters_form.chosen_point(),
        only_overdue=bool(filters_form.overdue.data),
    )
    rows = data.project_actions(project.id, filters, today)
    total = counted.total
    summary = filter_summary(
        len(rows), total, filters.statuses, filters.point_number, filters.only_overdue
    )
    return render_template(
        "actions/project_actions.html",
        project=project,
        filters=filters_form,
        rows=rows,
        summary=summary,
        total=total,
        here=_here(),
    )


@bp.get("/projects/<int:project_id>/actions/<int:action_id>")
@project_rule("read")
def action(project: Project, action_id: int):
    action = _action(project, action_id)
    came_from = _came_from()
    return render_template(
        "actions/action.html",
        project=project,
        action=action,
        overdue=is_overdue(action.status, action.due_date, clock.today()),
        evidence_link=action.evidence_url if is_web_link(action.evidence_url or "") else None,
        history=data.action_history(action.id),
        came_from=came_from,
        back=came_from or url_for(".project_actions", project_id=project.id),
    )


@bp.route("/projects/<int:project_id>/actions/<int:action_id>/update", methods=["GET", "POST"])
@project_rule("team")
def update(project: Project, action_id: int):
    action = _action(project, action_id)
    form = _update_form(project, action)
    if not form.is_submitted():
        form.fill_from(action)
        return _render_update(project, action, form)
    if not form.validate():
        return _render_update(project, action, form)

    owner_id, owner_name = form.owner_choice()
    change = data.ActionChange(
        status=form.status.data,
        completion_note=form.text(form.completion_note) or None,
        evidence_url=form.text(form.evidence_url) or None,
        not_doing_reason=form.text(form.not_doing_reason) or None,
        due_date=form.due_date.data,
        owner_id=owner_id,
        owner_name=owner_name,
    )
    try:
        changed = commands.update_action(
            project.id, action.id, form.sent_version(), change, current_user.id, clock.today()
        )
    except Conflict:
        # Someone else saved first, or the form carried no version: show both.
        return _conflict(project, _action(project, action_id), form)
    except Invalid as refused:
        form.show_errors(refused.errors)
        return _render_update(project, _action(project, action_id), form)

    if changed:
        flash("Action updated. " + ". ".join(changed) + ".", "success")
    else:
        flash("You did not change anything, so there was nothing to save.")
    return redirect(
        url_for(".action", project_id=project.id, action_id=action_id, next=_came_from())
    )


def _update_form(project: Project, action: Action) -> UpdateActionForm:
    form = UpdateActionForm()
    deactivated = data.deactivated_people(project.id, action.owner_id)
    form.prepare(
        data.possible_owners(project.id, action.owner_id),
        action.due_date,
        clock.today(),
        deactivated=deactivated,
        current_owner_id=action.owner_id,
    )
    return form


def _render_update(project: Project, action: Action, form: UpdateActionForm, conflict=None):
    came_from = _came_from()
    return (
        render_template(
            "actions/update.html",
            project=project,
            action=action,
            form=form,
            overdue=is_overdue(action.status, action.due_date, clock.today()),
            conflict=conflict,
            came_from=came_from,
            action_page=url_for(
                ".action", project_id=project.id, action_id=action.id, next=came_from
            ),
            note_limit=NOTE_LIMIT,
        ),
        409 if conflict else 200,
    )


def _conflict(project: Project, action: Action, form: UpdateActionForm):
    """Someone else changed the action first: show both, keep what this person typed.

    The form takes the new version, so saving again saves over what is shown.
    """
    form.version.data = str(action.version)
    return _render_update(
        project,
        action,
        form,
        conflict={
            "saved_by": data.person_name(action.updated_by_id),
            "typed_status": form.status.data if form.status.data in ACTION_STATUS_LABELS else None,
            "typed_owner": form.typed_owner(),
        },
    )
