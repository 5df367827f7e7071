"""A point of the self-assessment: the team's account and rating, with the artefacts and
the action plan listed (they are added, changed and removed on their own pages, in
``artefacts.py`` and ``plan.py``)."""

from __future__ import annotations

import re

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from app.access import project_rule
from app.commands import Conflict, Invalid, NotAllowed, NotFound, ServiceError
from app.commands import points as commands
from app.data import answers as answer_data
from app.data import artefacts as artefact_data
from app.data import plans as plan_data
from app.models import Answer, Assessment, Project
from app.rules.ids import parse_id
from app.rules.phases import prompt_stage
from app.rules.self_assessment import CompletionProblem
from app.self_assessment import bp
from app.self_assessment.helpers import (
    assessment_or_404,
    editable,
    overdue_ids,
    refuse_unless_editable,
)
from app.self_assessment.point_forms import PointForm, show_errors


def point_or_404(project: Project, assessment_id: int, number: int) -> tuple[Assessment, Answer]:
    assessment = assessment_or_404(project, assessment_id)
    answer = answer_data.answer_for_point(assessment.id, number) or abort(404)
    return assessment, answer


def point_ref(project: Project, assessment: Assessment, number: int) -> commands.PointRef:
    return commands.PointRef(project.id, assessment.id, number)


def point_url(project: Project, assessment: Assessment, number: int) -> str:
    return url_for(
        "self_assessment.point", project_id=project.id, assessment_id=assessment.id, number=number
    )


def editable_point(project: Project, assessment_id: int, number: int):
    """The point, if the team may change it now; otherwise a redirect saying why not."""
    assessment, answer = point_or_404(project, assessment_id, number)
    return assessment, answer, refuse_unless_editable(project, assessment)


def refused(project: Project, assessment: Assessment, number: int, error: ServiceError):
    """A command refused what a point's page asked: say why where the person can act on it."""
    flash(error.message)
    if isinstance(error, NotAllowed):
        return redirect(url_for(".task_list", project_id=project.id, assessment_id=assessment.id))
    return redirect(point_url(project, assessment, number))


def _filled(form: PointForm, answer: Answer) -> PointForm:
    form.version.data = str(answer.version)
    form.evidence_account.data = answer.evidence_account
    form.rating.data = answer.self_rating
    form.completed.data = {"completed": "yes", "in_progress": "no"}.get(answer.status)
    return form


def _from_check() -> bool:
    """Whether the person came from check your answers (its Change links say so), to go back
    there after saving, as the GOV.UK check answers pattern expects."""
    return request.args.get("from") == "check"


def _render_point(
    project,
    assessment,
    answer,
    form,
    conflict=None,
    saved_not_completed=False,
    status=200,
    others: bool | None = None,
):
    """The point's page. ``others``: whether the project has artefacts the answer does not
    link to, if read already (with the answer: ``answer_data.answer_and_others``)."""
    stage = prompt_stage(assessment.phase)
    actions = plan_data.point_actions(assessment, answer.point_id, answer.point.number)
    plan, earlier = actions.plan, actions.earlier
    can_change = editable(assessment)
    if can_change and others is None:
        linked = {link.artefact_id for link in answer.artefact_links}
        others = artefact_data.has_other_artefacts(project.id, linked)
    attachable = can_change and others
    return (
        render_template(
            "self_assessment/point.html",
            project=project,
            assessment=assessment,
            answer=answer,
            form=form,
            prompts=answer_data.prompt_texts(answer.point, assessment.framework_version, stage),
            plan=plan,
            earlier_actions=earlier,
            overdue_ids=overdue_ids([*plan, *earlier]),
            editable=can_change,
            attachable=attachable,
            conflict=conflict,
            saved_not_completed=saved_not_completed,
            from_check=_from_check(),
        ),
        status,
    )


@bp.get("/<int:assessment_id>/points/<int:number>")
@project_rule("read")
def point(project: Project, assessment_id: int, number: int):
    assessment = assessment_or_404(project, assessment_id)
    answer, others = answer_data.answer_and_others(project.id, assessment.id, number)
    if answer is None:
        abort(404)
    form = _filled(PointForm(formdata=None), answer)
    return _render_point(project, assessment, answer, form, others=others)


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


# The point form's other buttons (``then``): each saves what was typed as a draft, then goes
# to the page that adds, changes or removes an artefact or an action. Without JavaScript
# nothing warns before a link leaves the page, so these are buttons that keep the evidence.
_GO_TO = {
    "add-artefact": ".add_artefact",
    "attach-artefact": ".attach_artefact",
    "add-action": ".add_action",
}
_GO_TO_ONE = re.compile(r"(change|remove)-(artefact|action)-([0-9]{1,10})")


def _going_to(project: Project, assessment: Assessment, number: int, then: str | None):
    """Where a ``then`` button of the point form goes, or None for the main Save button
    (and for anything a browser would not send)."""
    here = {"project_id": project.id, "assessment_id": assessment.id, "number": number}
    if then in _GO_TO:
        return url_for(_GO_TO[then], **here)
    match = _GO_TO_ONE.fullmatch(then or "")
    if match is None or (item_id := parse_id(match.group(3))) is None:
        return None
    verb, noun = match.group(1), match.group(2)
    id_name = "link_id" if noun == "artefact" else "action_id"
    return url_for(f".{verb}_{noun}", **here, **{id_name: item_id})


@bp.post("/<int:assessment_id>/points/<int:number>")
@project_rule("team")
def save_point(project: Project, assessment_id: int, number: int):
    assessment, answer, refusal = editable_point(project, assessment_id, number)
    if refusal is not None:
        return refusal
    form = PointForm()
    going_to = _going_to(project, assessment, number, request.form.get("then"))
    # Going to add an artefact or an action is not finishing the point: whether it is
    # completed is asked only by the main button.
    form.draft = going_to is not None
    valid = form.validate_on_submit()
    if (
        form.is_submitted()
        and not form.csrf_token.errors
        and form.version.data != str(answer.version)
    ):
        # Out of date, whatever else is wrong: show what was saved beside what was typed.
        return _conflict(project, assessment, answer, form)
    if not valid:
        return _render_point(project, assessment, answer, form)
    # A browser always sends the evidence box, and the rating once one is chosen (a chosen
    # radio cannot be cleared): a post without them changes neither.
    evidence = (
        form.evidence_account.data
        if "evidence_account" in request.form
        else answer.evidence_account
    )
    rating = form.rating.data if "rating" in request.form else answer.self_rating
    if going_to is not None:
        return _save_draft_then_go(project, assessment, answer, form, evidence, rating, going_to)
    try:
        problems = commands.save_point(
            point_ref(project, assessment, number),
            current_user.id,
            evidence,
            rating,
            form.wants_completed,
            form.version.data,
        )
    except Conflict:
        answer = answer_data.answer_for_point(assessment.id, number) or abort(404)
        return _conflict(project, assessment, answer, form)
    except Invalid as error:
        show_errors(form, error.errors)
        return _render_point(project, assessment, answer, form)
    except (NotAllowed, NotFound) as error:
        return refused(project, assessment, number, error)
    if problems:
        # What was typed is saved; say what stops the point being completed.
        answer = answer_data.answer_for_point(assessment.id, number) or abort(404)
        form.version.data = str(answer.version)
        for problem in problems:
            field, message = _NOT_COMPLETED[problem]
            form[field].errors = [*form[field].errors, message]
        return _render_point(project, assessment, answer, form, saved_not_completed=True)
    flash(f"Point {number} saved.", "success")
    after = ".check_answers" if _from_check() else ".task_list"
    return redirect(url_for(after, project_id=project.id, assessment_id=assessment.id))


def _conflict(project: Project, assessment: Assessment, answer: Answer, form: PointForm):
    """Someone else saved this point first: show both, keep what this person typed, and
    carry the version now saved so that saving again from this page goes through."""
    form.version.data = str(answer.version)
    return _render_point(project, assessment, answer, form, conflict=answer, status=409)


def _save_draft_then_go(project, assessment, answer, form, evidence, rating, going_to: str):
    """Keep what was typed, as it stands (a completed point stays completed if it still can
    be; nothing is marked completed), then go to the artefact or action page. Nothing is
    saved when nothing changed, so the point keeps its version and its history."""
    number = answer.point.number
    if (evidence or "").strip() != (answer.evidence_account or "") or (
        rating or None
    ) != answer.self_rating:
        try:
            commands.save_point(
                point_ref(project, assessment, number),
                current_user.id,
                evidence,
                rating,
                None,
                form.version.data,
            )
        except Conflict:
            answer = answer_data.answer_for_point(assessment.id, number) or abort(404)
            return _conflict(project, assessment, answer, form)
        except Invalid as error:
            show_errors(form, error.errors)
            return _render_point(project, assessment, answer, form)
        except (NotAllowed, NotFound) as error:
            return refused(project, assessment, number, error)
        flash(f"Your evidence and rating for point {number} have been saved.", "success")
    return redirect(going_to)
