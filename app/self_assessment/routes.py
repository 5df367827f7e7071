"""The team's self-assessment: task list, point pages, check answers and submission."""

from __future__ import annotations

from datetime import date

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from app.access import project_rule, role_required
from app.data import assessments as data
from app.data.projects import project_or_none
from app.extensions import db
from app.models import Answer, Assessment, Project
from app.rules.actions import OTHER_OWNER, is_overdue
from app.rules.compare import CHANGE_LABELS, compare_ratings
from app.rules.ids import parse_id
from app.rules.permissions import Role
from app.rules.phases import phase_label, prompt_stage
from app.rules.ratings import overall_rating, rating_counts
from app.rules.self_assessment import (
    ASSESSMENT_KIND_LABELS,
    can_be_returned,
    can_submit,
    default_due_date,
    status_counts,
    team_can_edit,
)
from app.self_assessment import bp
from app.self_assessment.forms import (
    CompareForm,
    PointForm,
    ReturnForm,
    StartForm,
    SubmitAssessmentForm,
    owners_form_class,
)
from app.widgets import choice_list


def _assessment(project: Project, assessment_id: int) -> Assessment:
    assessment = data.assessment_in_project(project.id, assessment_id)
    if assessment is None:
        abort(404)
    return assessment


def _assessment_for_change(project: Project, assessment_id: int) -> Assessment:
    """The assessment, locked until this request commits, so a save and a submission
    (or two submissions) never cross: the second waits, then sees what the first did."""
    assessment = data.assessment_in_project(project.id, assessment_id, for_change=True)
    if assessment is None:
        abort(404)
    return assessment


def _editable(assessment: Assessment) -> bool:
    """The signed-in person may change this assessment now."""
    return g.can.team and team_can_edit(assessment.status)


def _require_editable(project: Project, assessment: Assessment):
    if not team_can_edit(assessment.status):
        flash(
            "This self-assessment has been "
            + ("withdrawn" if assessment.status == "withdrawn" else "submitted")
            + ", so it can no longer be changed."
        )
        return redirect(url_for(".task_list", project_id=project.id, assessment_id=assessment.id))
    return None


@bp.get("/")
@project_rule("read")
def index(project: Project):
    assessments = data.assessments_for_project(project.id)
    ratings = data.ratings_by_assessment([a.id for a in assessments])
    compare = CompareForm(request.args)
    choices = choice_list(
        (
            a.id,
            f"{ASSESSMENT_KIND_LABELS[a.kind]}, {phase_label(a.phase).lower()}, "
            f"started {a.created_at.day} {a.created_at:%B %Y}",
        )
        for a in assessments
    )
    compare.earlier.choices = choices
    compare.later.choices = choices
    if len(assessments) >= 2 and not request.args:
        compare.earlier.data, compare.later.data = str(assessments[1].id), str(assessments[0].id)
    return render_template(
        "self_assessment/index.html",
        project=project,
        assessments=assessments,
        overall={a.id: overall_rating(ratings[a.id]).value for a in assessments},
        draft=data.draft_self_assessment(project.id, project.phase),
        compare=compare,
    )


def _continue_draft(project: Project):
    """To the team's draft for the current phase, if there is one."""
    existing = data.draft_self_assessment(project.id, project.phase)
    if existing is None:
        return None
    flash("Your team has already started a self-assessment for this phase.")
    return redirect(url_for(".task_list", project_id=project.id, assessment_id=existing.id))


@bp.route("/start", methods=["GET", "POST"])
@project_rule("team")
def start(project: Project):
    if (existing := _continue_draft(project)) is not None:
        return existing
    form = StartForm()
    if form.validate_on_submit():
        try:
            assessment = data.start_self_assessment(project, current_user.id)
            db.session.commit()
        except IntegrityError:
            # Someone else in the team pressed "Start" at the same moment.
            db.session.rollback()
            return _continue_draft(project) or abort(409)
        flash("Self-assessment started.", "success")
        return redirect(url_for(".task_list", project_id=project.id, assessment_id=assessment.id))
    return render_template(
        "self_assessment/start.html",
        project=project,
        form=form,
        stage=prompt_stage(project.phase),
    )


@bp.get("/<int:assessment_id>")
@project_rule("read")
def task_list(project: Project, assessment_id: int):
    assessment = _assessment(project, assessment_id)
    answers = data.answers_in_order(assessment.id)
    ratings = [answer.self_rating for answer in answers]
    statuses = [answer.status for answer in answers]
    return render_template(
        "self_assessment/task_list.html",
        project=project,
        assessment=assessment,
        answers=answers,
        counts=status_counts(statuses),
        rating_counts=rating_counts(ratings),
        overall=overall_rating(ratings).value,
        editable=_editable(assessment),
        ready=can_submit(statuses),
        returned=data.last_return(assessment.id) if assessment.status == "draft" else None,
        returnable=can_be_returned(assessment.status)
        and Role.ADMINISTRATOR.value in current_user.roles,
    )


@bp.route("/<int:assessment_id>/owners", methods=["GET", "POST"])
@project_rule("team")
def owners(project: Project, assessment_id: int):
    assessment = (
        _assessment_for_change(project, assessment_id)
        if request.method == "POST"
        else _assessment(project, assessment_id)
    )
    if (refusal := _require_editable(project, assessment)) is not None:
        return refusal
    answers = data.answers_in_order(assessment.id)
    team = data.team_people(project.id)
    form_class = owners_form_class(
        [a.point.number for a in answers], {a.point.number: a.point.title for a in answers}, team
    )
    form = form_class()
    if not form.is_submitted():
        for answer in answers:
            getattr(form, f"point_{answer.point.number}").data = str(answer.owner_id or "")
    if form.validate_on_submit():
        owners_by_number = {
            answer.point.number: int(value)
            if (value := getattr(form, f"point_{answer.point.number}").data)
            else None
            for answer in answers
        }
        data.set_owners(assessment, owners_by_number, current_user.id)
        db.session.commit()
        flash("Point owners saved.", "success")
        return redirect(url_for(".task_list", project_id=project.id, assessment_id=assessment.id))
    return render_template(
        "self_assessment/owners.html", project=project, assessment=assessment, form=form
    )


def _point_form(project: Project, answer: Answer, today: date, fresh: bool = False) -> PointForm:
    """The point's form: what was posted, or (on first view, or ``fresh`` after a save)
    what is saved, with empty boxes for adding an artefact or an action."""
    form = PointForm(formdata=None) if fresh else PointForm()
    team = data.team_people(project.id)
    linked = {link.artefact_id for link in answer.artefact_links}
    artefacts = [
        (
            artefact.id,
            f"{artefact.title} ({artefact.dated:%d/%m/%Y})" if artefact.dated else artefact.title,
        )
        for artefact in data.project_artefacts(project.id)
        if artefact.id not in linked
    ]
    form.set_choices(team, artefacts)
    if fresh or not form.is_submitted():
        form.version.data = str(answer.version)
        form.evidence_account.data = answer.evidence_account
        form.rating.data = answer.self_rating
        form.completed.data = {"completed": "yes", "in_progress": "no"}.get(answer.status)
        form.action_due.data = default_due_date(answer.self_rating, today)
    return form


def _render_point(project, assessment, answer, form, conflict=None, status=200):
    stage = prompt_stage(assessment.phase)
    plan = data.plan_actions_by_point(assessment.id).get(answer.point_id, [])
    earlier = data.earlier_open_actions(assessment, answer.point.number)
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
            overdue_ids=_overdue_ids([*plan, *earlier]),
            editable=_editable(assessment),
            conflict=conflict,
        ),
        status,
    )


def _overdue_ids(actions) -> set[int]:
    today = date.today()
    return {action.id for action in actions if is_overdue(action.status, action.due_date, today)}


@bp.get("/<int:assessment_id>/points/<int:number>")
@project_rule("read")
def point(project: Project, assessment_id: int, number: int):
    assessment = _assessment(project, assessment_id)
    answer = data.answer_for_point(assessment.id, number) or abort(404)
    return _render_point(project, assessment, answer, _point_form(project, answer, date.today()))


@bp.post("/<int:assessment_id>/points/<int:number>")
@project_rule("team")
def save_point(project: Project, assessment_id: int, number: int):
    assessment = _assessment_for_change(project, assessment_id)
    if (refusal := _require_editable(project, assessment)) is not None:
        return refusal
    answer = data.answer_for_point(assessment.id, number) or abort(404)
    form = _point_form(project, answer, date.today())
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
        for step in steps:
            _apply_button(project, answer, form, step)
        data.save_answer(
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
        answer = data.answer_for_point(assessment.id, number)
        return _conflict(project, assessment, answer, form)

    if saving and wants_completed and answer.status != "completed":
        # The point could not be marked completed: keep what was saved and say why.
        db.session.commit()
        form = _point_form(project, answer, date.today(), fresh=True)
        form.completed.data = "yes"
        _explain_not_completed(form, answer)
        return _render_point(project, assessment, answer, form)
    db.session.commit()
    return _after_save(project, assessment, answer, steps[-1])


# The buttons on the point page. "keep" is the hidden first button that pressing
# Enter in a box presses: it saves what is typed and stays on the page.
_BUTTONS = ("add_artefact", "attach_artefact", "add_action", "remove_artefact", "remove_action")


def _pressed_button() -> str:
    for name in _BUTTONS:
        if name in request.form:
            return name
    return "save" if "save" in request.form else "keep"


def _steps(form: PointForm, button: str) -> list[str]:
    """What pressing ``button`` does, in order. Whatever the button, an artefact or an
    action typed into the boxes for them is added too, so nothing typed is lost."""
    return [*(step for step in form.typed_additions() if step != button), button]


def _check_step(form: PointForm, step: str) -> bool:
    if step == "add_artefact":
        return form.check_new_artefact()
    if step == "attach_artefact":
        return form.check_existing_artefact()
    if step == "add_action":
        return form.check_new_action(date.today())
    if step in ("remove_artefact", "remove_action"):
        return parse_id(request.form.get(step)) is not None
    if step == "keep":
        return True
    return form.check_save()


def _apply_button(project: Project, answer: Answer, form: PointForm, button: str) -> None:
    actor = current_user.id
    if button == "add_artefact":
        data.add_artefact(
            answer,
            project.id,
            form.artefact_title.data,
            form.artefact_url.data,
            form.artefact_kind.data,
            form.artefact_date.data,
            actor,
        )
    elif button == "attach_artefact":
        data.attach_artefact(answer, project.id, int(form.existing_artefact.data), actor)
    elif button == "remove_artefact":
        data.remove_artefact_link(answer, project.id, parse_id(request.form[button]), actor)
    elif button == "add_action":
        owner = form.action_owner.data
        data.add_plan_action(
            answer,
            project.id,
            form.action_description.data,
            None if owner == OTHER_OWNER else int(owner),
            form.action_owner_name.data if owner == OTHER_OWNER else None,
            form.action_due.data,
            actor,
        )
    elif button == "remove_action":
        data.remove_plan_action(answer, project.id, parse_id(request.form[button]), actor)


def _explain_not_completed(form: PointForm, answer: Answer) -> None:
    if not answer.self_rating:
        form.rating.errors = ["Select a rating before you mark this point as completed"]
    else:
        form.completed.errors = [
            "Add at least one action for an amber or red point before you mark it as completed"
        ]


_BUTTON_MESSAGES = {
    "keep": ("Your changes have been saved.", "main-content"),
    "add_artefact": ("Artefact added.", "artefacts"),
    "attach_artefact": ("Artefact attached.", "artefacts"),
    "remove_artefact": ("Artefact removed from this point.", "artefacts"),
    "add_action": ("Action added.", "actions"),
    "remove_action": ("Action removed.", "actions"),
}


def _after_save(project: Project, assessment: Assessment, answer: Answer, button: str):
    if button in _BUTTON_MESSAGES:
        message, anchor = _BUTTON_MESSAGES[button]
        flash(message, "success")
        return redirect(
            url_for(
                ".point",
                project_id=project.id,
                assessment_id=assessment.id,
                number=answer.point.number,
                _anchor=anchor,
            )
        )
    flash(f"Point {answer.point.number} saved.", "success")
    return redirect(url_for(".task_list", project_id=project.id, assessment_id=assessment.id))


def _conflict(project: Project, assessment: Assessment, answer: Answer, form: PointForm):
    """Someone else saved this point first: show both, keep what this person typed."""
    form.version.data = str(answer.version)
    return _render_point(project, assessment, answer, form, conflict=answer, status=409)


@bp.get("/<int:assessment_id>/check")
@project_rule("read")
def check_answers(project: Project, assessment_id: int):
    assessment = _assessment(project, assessment_id)
    answers = data.answers_with_evidence(assessment.id)
    statuses = [answer.status for answer in answers]
    plan = data.plan_actions_by_point(assessment.id)
    return render_template(
        "self_assessment/check.html",
        project=project,
        assessment=assessment,
        answers=answers,
        plan=plan,
        overdue_ids=_overdue_ids(action for actions in plan.values() for action in actions),
        overall=overall_rating([answer.self_rating for answer in answers]).value,
        ready=can_submit(statuses),
        to_complete=sum(1 for status in statuses if status != "completed"),
        editable=_editable(assessment),
        form=SubmitAssessmentForm(),
    )


@bp.post("/<int:assessment_id>/submit")
@project_rule("team")
def submit(project: Project, assessment_id: int):
    assessment = _assessment_for_change(project, assessment_id)
    if (refusal := _require_editable(project, assessment)) is not None:
        return refusal
    form = SubmitAssessmentForm()
    statuses = [answer.status for answer in data.answers_in_order(assessment.id)]
    if not form.validate_on_submit() or not can_submit(statuses):
        flash("Complete every point before you submit the self-assessment.")
        return redirect(
            url_for(".check_answers", project_id=project.id, assessment_id=assessment.id)
        )
    data.submit_self_assessment(assessment, current_user.id)
    db.session.commit()
    return redirect(url_for(".submitted", project_id=project.id, assessment_id=assessment.id))


@bp.get("/<int:assessment_id>/submitted")
@project_rule("read")
def submitted(project: Project, assessment_id: int):
    assessment = _assessment(project, assessment_id)
    if assessment.submitted_at is None:
        return redirect(url_for(".task_list", project_id=project.id, assessment_id=assessment.id))
    ratings = [answer.self_rating for answer in data.answers_in_order(assessment.id)]
    return render_template(
        "self_assessment/submitted.html",
        project=project,
        assessment=assessment,
        overall=overall_rating(ratings).value,
    )


@bp.route("/<int:assessment_id>/return", methods=["GET", "POST"])
@role_required(Role.ADMINISTRATOR)
def return_to_team(project_id: int, assessment_id: int):
    project = project_or_none(project_id) or abort(404)
    assessment = (
        _assessment_for_change(project, assessment_id)
        if request.method == "POST"
        else _assessment(project, assessment_id)
    )
    task_list_url = url_for(".task_list", project_id=project.id, assessment_id=assessment.id)
    if not can_be_returned(assessment.status):
        flash("Only a submitted self-assessment that has no report yet can go back to the team.")
        return redirect(task_list_url)
    form = ReturnForm()
    if form.validate_on_submit():
        data.return_to_team(assessment, form.reason.data, current_user.id)
        db.session.commit()
        flash("The self-assessment has gone back to the team. They can change it again.", "success")
        return redirect(task_list_url)
    return render_template(
        "self_assessment/return.html", project=project, assessment=assessment, form=form
    )


@bp.get("/compare")
@project_rule("read")
def compare(project: Project):
    earlier_id = parse_id(request.args.get("earlier"))
    later_id = parse_id(request.args.get("later"))
    earlier = data.assessment_in_project(project.id, earlier_id) if earlier_id else None
    later = data.assessment_in_project(project.id, later_id) if later_id else None
    if earlier is None or later is None:
        flash("Choose two assessments of this project to compare.")
        return redirect(url_for(".index", project_id=project.id))
    earlier_answers = data.answers_in_order(earlier.id)
    later_answers = data.answers_in_order(later.id)
    titles = {a.point.number: a.point.title for a in earlier_answers}
    titles |= {a.point.number: a.point.title for a in later_answers}
    rows = compare_ratings(
        titles,
        {a.point.number: a.self_rating for a in earlier_answers},
        {a.point.number: a.self_rating for a in later_answers},
    )
    return render_template(
        "self_assessment/compare.html",
        project=project,
        earlier=earlier,
        later=later,
        rows=rows,
        change_labels=CHANGE_LABELS,
        overall_earlier=overall_rating([a.self_rating for a in earlier_answers]).value,
        overall_later=overall_rating([a.self_rating for a in later_answers]).value,
        changed=sum(1 for row in rows if row.change != "same"),
    )
