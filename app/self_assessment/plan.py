"""The pages that add an action to a point's plan, change one and remove one. Each page has
one form and one main button; each change is one command (what these pages do alike is in
``point_pages.py``)."""

from __future__ import annotations

from flask import render_template
from flask_login import current_user

from app import clock
from app.access import project_rule
from app.commands import points as commands
from app.data import plans as plan_data
from app.data.actions import possible_owners
from app.rules.actions import OTHER_OWNER
from app.rules.evidence import due_date_hint
from app.rules.text import quoted_in_a_sentence
from app.self_assessment import bp
from app.self_assessment.point_forms import ActionForm
from app.self_assessment.point_pages import (
    attempt,
    changed_first,
    found_or_back,
    remove_page,
    saved_at_the_same_time,
)
from app.self_assessment.points import editable_point, point_ref
from app.templating import format_date

_POINT = "/<int:assessment_id>/points/<int:number>"
GONE = "That action is no longer in this point's plan."


def _action_form(project, answer, current_owner_id: int | None = None) -> ActionForm:
    """The form, offering the active members of the team (and, for an action being
    changed, the owner it has) and saying how due dates work for the point's rating."""
    today = clock.today()
    form = ActionForm()
    form.set_choices(possible_owners(project.id, current_owner_id), answer.self_rating, today)
    form.due_date.description = due_date_hint(answer.self_rating, today)
    return form


def _render(project, assessment, answer, form, heading, status=200, conflict=False):
    return (
        render_template(
            "self_assessment/action.html",
            project=project,
            assessment=assessment,
            answer=answer,
            form=form,
            heading=heading,
            conflict=conflict,
        ),
        status,
    )


@bp.route(f"{_POINT}/actions/add", methods=["GET", "POST"])
@project_rule("team")
def add_action(project, assessment_id: int, number: int):
    assessment, answer, refusal = editable_point(project, assessment_id, number)
    if refusal is not None:
        return refusal
    form = _action_form(project, answer)
    status = 200
    if form.validate_on_submit():
        outcome = attempt(
            project,
            assessment,
            number,
            form,
            lambda: commands.add_action(
                point_ref(project, assessment, number),
                current_user.id,
                form.description.data,
                form.owner_id,
                form.typed_owner_name,
                form.due_date.data,
            ),
            lambda action: f"Action added to point {number}, due {format_date(action.due_date)}.",
        )
        if outcome.response is not None:
            return outcome.response
        if outcome.conflicted:
            saved_at_the_same_time(form, "description")
        status = outcome.status
    return _render(project, assessment, answer, form, "Add an action", status)


def _action_or_back(project, assessment, answer, action_id: int):
    found = plan_data.plan_action(answer, action_id)
    return found_or_back(project, assessment, answer, found, GONE)


@bp.route(f"{_POINT}/actions/<int:action_id>/change", methods=["GET", "POST"])
@project_rule("team")
def change_action(project, assessment_id: int, number: int, action_id: int):
    assessment, answer, refusal = editable_point(project, assessment_id, number)
    if refusal is not None:
        return refusal
    action, gone = _action_or_back(project, assessment, answer, action_id)
    if gone is not None:
        return gone
    form = _action_form(project, answer, action.owner_id)
    form.keep_due_date(action.due_date)
    form.submit.label.text = "Save changes"
    status, conflict = 200, None
    if not form.is_submitted():
        form.version.data = str(action.version)
        form.description.data = action.description
        form.owner.data = str(action.owner_id) if action.owner_id else OTHER_OWNER
        form.owner_name.data = action.owner_name
        form.due_date.data = action.due_date
    elif form.validate():
        outcome = attempt(
            project,
            assessment,
            number,
            form,
            lambda: commands.change_action(
                point_ref(project, assessment, number),
                current_user.id,
                action_id,
                form.description.data,
                form.owner_id,
                form.typed_owner_name,
                form.due_date.data,
                form.version.data,
            ),
            lambda _: f"Action changed on point {number}.",
        )
        if outcome.response is not None:
            return outcome.response
        if outcome.conflicted:
            # Someone else changed it first: keep what this person typed, against the
            # action as it is now.
            action, gone = _action_or_back(project, assessment, answer, action_id)
            if gone is not None:
                return gone
            conflict = changed_first(form, action, lambda now: str(now.version), "description")
        status = outcome.status
    return _render(project, assessment, answer, form, "Change an action", status, conflict=conflict)


@bp.route(f"{_POINT}/actions/<int:action_id>/remove", methods=["GET", "POST"])
@project_rule("team")
def remove_action(project, assessment_id: int, number: int, action_id: int):
    assessment, answer, refusal = editable_point(project, assessment_id, number)
    if refusal is not None:
        return refusal
    action, gone = _action_or_back(project, assessment, answer, action_id)
    if gone is not None:
        return gone
    short = quoted_in_a_sentence(action.description)

    def done(removed) -> str:
        message = f"Action “{short}” removed from point {number}."
        if removed.no_longer_completed:
            message += (
                " The point is no longer marked as completed: an amber or red point needs "
                "at least one action."
            )
        return message

    return remove_page(
        project,
        assessment,
        answer,
        missing_answer="Select yes if you want to remove this action",
        question=f"Are you sure you want to remove the action “{short}”?",
        hint="It will be deleted from this point's plan and from the project's actions.",
        remove=lambda: commands.remove_action(
            point_ref(project, assessment, number), current_user.id, action_id
        ),
        done=done,
    )
