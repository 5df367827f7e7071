"""A point of the self-assessment: the team's evidence, artefacts, rating and action plan."""

from __future__ import annotations

from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy.orm.exc import StaleDataError

from app import clock
from app.access import project_rule
from app.data import answers as answer_data
from app.data import artefacts as artefact_data
from app.data import plans as plan_data
from app.extensions import db
from app.models import Answer, Assessment, Project
from app.rules.actions import OTHER_OWNER
from app.rules.ids import parse_id
from app.rules.phases import prompt_stage
from app.rules.self_assessment import (
    CompletionProblem,
    completion_problems,
    default_due_date,
)
from app.self_assessment import bp
from app.self_assessment.forms import (
    PointForm,
)
from app.self_assessment.helpers import (
    assessment_for_change,
    assessment_or_404,
    editable,
    overdue_ids,
    refuse_unless_editable,
)
from app.templating import format_date


def _point_form(project: Project, answer: Answer, today: date, fresh: bool = False) -> PointForm:
    """The point's form: what was posted, or (on first view, or ``fresh`` after a save)
    what is saved, with empty boxes for adding an artefact or an action."""
    form = PointForm(formdata=None) if fresh else PointForm()
    team = answer_data.team_people(project.id)
    linked = {link.artefact_id for link in answer.artefact_links}
    artefacts = [
        (
            artefact.id,
            f"{artefact.title} ({artefact.dated:%d/%m/%Y})" if artefact.dated else artefact.title,
        )
        for artefact in artefact_data.project_artefacts(project.id)
        if artefact.id not in linked
    ]
    form.set_choices(team, artefacts)
    if form.is_submitted() and not fresh:
        # A browser always sends the evidence box, and the rating once one is chosen (a
        # chosen radio cannot be cleared). A post without them changes neither.
        if "evidence_account" not in request.form:
            form.evidence_account.data = answer.evidence_account
        if "rating" not in request.form:
            form.rating.data = answer.self_rating
    if fresh or not form.is_submitted():
        form.version.data = str(answer.version)
        form.evidence_account.data = answer.evidence_account
        form.rating.data = answer.self_rating
        form.completed.data = {"completed": "yes", "in_progress": "no"}.get(answer.status)
        form.action_due.data = default_due_date(answer.self_rating, today)
    return form


def _render_point(project, assessment, answer, form, conflict=None, status=200):
    stage = prompt_stage(assessment.phase)
    plan = plan_data.plan_actions_by_point(assessment.id).get(answer.point_id, [])
    earlier = plan_data.earlier_open_actions(assessment, answer.point.number)
    return (
        render_template(
            "self_assessment/point.html",
            project=project,
            assessment=assessment,
            answer=answer,
            form=form,
            prompts=[p.text for p in answer.point.prompts if p.stage == stage],
            plan=plan,
            earlier_actions=earlier,
            overdue_ids=overdue_ids([*plan, *earlier]),
            editable=editable(assessment),
            conflict=conflict,
        ),
        status,
    )


@bp.get("/<int:assessment_id>/points/<int:number>")
@project_rule("read")
def point(project: Project, assessment_id: int, number: int):
    assessment = assessment_or_404(project, assessment_id)
    answer = answer_data.answer_for_point(assessment.id, number) or abort(404)
    return _render_point(project, assessment, answer, _point_form(project, answer, clock.today()))


@bp.post("/<int:assessment_id>/points/<int:number>")
@project_rule("team")
def save_point(project: Project, assessment_id: int, number: int):
    assessment = assessment_for_change(project, assessment_id)
    if (refusal := refuse_unless_editable(project, assessment)) is not None:
        return refusal
    answer = answer_data.answer_for_point(assessment.id, number) or abort(404)
    form = _point_form(project, answer, clock.today())
    if not form.validate_on_submit():
        return _render_point(project, assessment, answer, form)
    if form.version.data != str(answer.version):
        return _conflict(project, assessment, answer, form)

    steps = _steps(form, _pressed_button())
    checks = [form.check_main_fields()] + [_check_step(form, step) for step in steps]
    if not all(checks):
        return _render_point(project, assessment, answer, form)

    saving = "save" in steps
    wants_completed = {"yes": True, "no": False}.get(form.completed.data or "")
    try:
        done = [_apply_button(project, answer, form, step) for step in steps]
        answer_data.save_answer(
            answer,
            project.id,
            (form.evidence_account.data or "").strip(),
            form.rating.data or None,
            wants_completed if saving else None,
            current_user.id,
        )
        db.session.flush()
    except StaleDataError:
        db.session.rollback()
        answer = answer_data.answer_for_point(assessment.id, number)
        return _conflict(project, assessment, answer, form)

    if saving and wants_completed and answer.status != "completed":
        # The point could not be marked completed: keep what was saved and say why.
        db.session.commit()
        form = _point_form(project, answer, clock.today(), fresh=True)
        form.completed.data = "yes"
        _explain_not_completed(form, answer, answer_data.plan_action_count(answer))
        return _render_point(project, assessment, answer, form)
    db.session.commit()
    if steps[-1].startswith("remove_") and form.typed_additions():
        # Removing something never adds what is half typed below; show it again instead.
        flash(" ".join(done), "success")
        form.version.data = str(answer.version)
        return _render_point(project, assessment, answer, form)
    return _after_save(project, assessment, answer, steps[-1], done)


# The buttons on the point page. "keep" is the hidden first button that pressing
# Enter in a box presses: it saves what is typed and stays on the page.
_BUTTONS = ("add_artefact", "attach_artefact", "add_action", "remove_artefact", "remove_action")


def _pressed_button() -> str:
    for name in _BUTTONS:
        if name in request.form:
            return name
    return "save" if "save" in request.form else "keep"


def _steps(form: PointForm, button: str) -> list[str]:
    """What pressing ``button`` does, in order. Saving or adding also adds an artefact or
    an action typed into the boxes for them, so nothing typed is lost; removing removes
    only what it names."""
    if button.startswith("remove_"):
        return [button]
    return [*(step for step in form.typed_additions() if step != button), button]


def _check_step(form: PointForm, step: str) -> bool:
    if step == "add_artefact":
        return form.check_new_artefact()
    if step == "attach_artefact":
        return form.check_existing_artefact()
    if step == "add_action":
        return form.check_new_action(clock.today())
    if step in ("remove_artefact", "remove_action"):
        return parse_id(request.form.get(step)) is not None
    if step == "keep":
        return True
    return form.check_save()


def _apply_button(project: Project, answer: Answer, form: PointForm, button: str) -> str:
    """Do what ``button`` asks; returns what was done, in words."""
    actor = current_user.id
    if button == "add_artefact":
        artefact_data.add_artefact(
            answer,
            project.id,
            form.artefact_title.data,
            form.artefact_url.data,
            form.artefact_kind.data,
            form.artefact_date.data,
            actor,
        )
        return "Artefact added."
    if button == "attach_artefact":
        artefact_data.attach_artefact(answer, project.id, int(form.existing_artefact.data), actor)
        return "Artefact attached."
    if button == "remove_artefact":
        link_id = parse_id(request.form[button])
        if artefact_data.remove_artefact_link(answer, project.id, link_id, actor):
            return "Artefact removed from this point."
        return "That artefact was no longer on this point, so nothing was removed."
    if button == "add_action":
        owner = form.action_owner.data
        action = plan_data.add_plan_action(
            answer,
            project.id,
            form.action_description.data,
            None if owner == OTHER_OWNER else int(owner),
            form.action_owner_name.data if owner == OTHER_OWNER else None,
            form.action_due.data,
            actor,
        )
        return f"Action added, due {format_date(action.due_date)}."
    if button == "remove_action":
        if plan_data.remove_plan_action(answer, project.id, parse_id(request.form[button]), actor):
            return "Action removed."
        return "That action was no longer in this point's plan, so nothing was removed."
    if button == "keep":
        return "Your changes have been saved."
    return f"Point {answer.point.number} saved."


# What stops a point being marked completed, in the order the page asks for them.
_NOT_COMPLETED = {
    CompletionProblem.NO_EVIDENCE: (
        "evidence_account",
        "Enter your evidence before you mark this point as completed",
    ),
    CompletionProblem.NO_RATING: (
        "rating",
        "Select a rating before you mark this point as completed",
    ),
    CompletionProblem.NO_ACTION: (
        "completed",
        "Add at least one action for an amber or red point before you mark it as completed",
    ),
}


def _explain_not_completed(form: PointForm, answer: Answer, action_count: int) -> None:
    for problem in completion_problems(answer.evidence_account, answer.self_rating, action_count):
        field, message = _NOT_COMPLETED[problem]
        form[field].errors = [message]


# Where each button leaves the person: on the point, at the part they changed.
_ANCHORS = {
    "keep": "main-content",
    "add_artefact": "artefacts",
    "attach_artefact": "artefacts",
    "remove_artefact": "artefacts",
    "add_action": "actions",
    "remove_action": "actions",
}


def _after_save(
    project: Project, assessment: Assessment, answer: Answer, button: str, done: list[str]
):
    flash(" ".join(done), "success")
    if button in _ANCHORS:
        return redirect(
            url_for(
                ".point",
                project_id=project.id,
                assessment_id=assessment.id,
                number=answer.point.number,
                _anchor=_ANCHORS[button],
            )
        )
    return redirect(url_for(".task_list", project_id=project.id, assessment_id=assessment.id))


def _conflict(project: Project, assessment: Assessment, answer: Answer, form: PointForm):
    """Someone else saved this point first: show both, keep what this person typed."""
    form.version.data = str(answer.version)
    return _render_point(project, assessment, answer, form, conflict=answer, status=409)
