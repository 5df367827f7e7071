"""The team's self-assessment: starting, the task list, sharing out points, checking,
submitting, returning and comparing. The point pages are in ``points.py``."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from app.access import project_rule, role_required
from app.data import answers as answer_data
from app.data import assessments as data
from app.data import plans as plan_data
from app.data.projects import project_or_none
from app.extensions import db
from app.models import Assessment, Project
from app.rules.compare import CHANGE_LABELS, compare_ratings, in_order_started, rating_change
from app.rules.ids import parse_id
from app.rules.permissions import Role
from app.rules.phases import phase_label, prompt_stage
from app.rules.ratings import overall_rating, rating_counts
from app.rules.self_assessment import (
    ASSESSMENT_KIND_LABELS,
    AssessmentStatus,
    can_be_returned,
    can_submit,
    status_counts,
)
from app.self_assessment import bp
from app.self_assessment.forms import (
    CompareForm,
    ReturnForm,
    StartForm,
    SubmitAssessmentForm,
    owners_form_class,
)
from app.self_assessment.helpers import (
    assessment_for_change,
    assessment_or_404,
    editable,
    overdue_ids,
    refuse_unless_editable,
)
from app.widgets import choice_list


@bp.get("/")
@project_rule("read")
def index(project: Project):
    return _assessments_page(project, CompareForm(request.args))


def _assessments_page(project: Project, compare: CompareForm):
    """The project's assessments, with the form to compare two of them."""
    assessments = data.assessments_for_project(project.id)
    ratings = answer_data.ratings_by_assessment([a.id for a in assessments])
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
        # The base template shows an error summary for ``form``.
        form=compare,
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
    assessment = assessment_or_404(project, assessment_id)
    answers = answer_data.answers_in_order(assessment.id)
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
        editable=editable(assessment),
        ready=can_submit(statuses),
        returned=data.last_return(assessment.id) if assessment.status == "draft" else None,
        returnable=can_be_returned(assessment.status, assessment.phase, project.phase)
        and Role.ADMINISTRATOR.value in current_user.roles,
    )


@bp.route("/<int:assessment_id>/owners", methods=["GET", "POST"])
@project_rule("team")
def owners(project: Project, assessment_id: int):
    assessment = (
        assessment_for_change(project, assessment_id)
        if request.method == "POST"
        else assessment_or_404(project, assessment_id)
    )
    if (refusal := refuse_unless_editable(project, assessment)) is not None:
        return refusal
    answers = answer_data.answers_in_order(assessment.id)
    team = answer_data.team_people(project.id)
    form_class = owners_form_class(
        [a.point.number for a in answers], {a.point.number: a.point.title for a in answers}, team
    )
    form = form_class()
    if not form.is_submitted():
        for answer in answers:
            getattr(form, f"point_{answer.point.number}").data = str(answer.owner_id or "")
    if form.validate_on_submit():
        # Only the points in the post: one left out keeps its owner.
        owners_by_number = {
            answer.point.number: int(value)
            if (value := getattr(form, f"point_{answer.point.number}").data)
            else None
            for answer in answers
            if f"point_{answer.point.number}" in request.form
        }
        answer_data.set_owners(assessment, owners_by_number, current_user.id)
        db.session.commit()
        flash("Point owners saved.", "success")
        return redirect(url_for(".task_list", project_id=project.id, assessment_id=assessment.id))
    return render_template(
        "self_assessment/owners.html", project=project, assessment=assessment, form=form
    )


@bp.get("/<int:assessment_id>/check")
@project_rule("read")
def check_answers(project: Project, assessment_id: int):
    assessment = assessment_or_404(project, assessment_id)
    answers = answer_data.answers_with_evidence(assessment.id)
    statuses = [answer.status for answer in answers]
    plan = plan_data.plan_actions_by_point(assessment.id)
    return render_template(
        "self_assessment/check.html",
        project=project,
        assessment=assessment,
        answers=answers,
        plan=plan,
        overdue_ids=overdue_ids(action for actions in plan.values() for action in actions),
        overall=overall_rating([answer.self_rating for answer in answers]).value,
        ready=can_submit(statuses),
        incomplete=[answer for answer in answers if answer.status != "completed"],
        editable=editable(assessment),
        form=SubmitAssessmentForm(),
    )


@bp.post("/<int:assessment_id>/submit")
@project_rule("team")
def submit(project: Project, assessment_id: int):
    assessment = assessment_for_change(project, assessment_id)
    if (refusal := refuse_unless_editable(project, assessment)) is not None:
        return refusal
    form = SubmitAssessmentForm()
    statuses = [answer.status for answer in answer_data.answers_in_order(assessment.id)]
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
    assessment = assessment_or_404(project, assessment_id)
    if assessment.status != AssessmentStatus.SUBMITTED:
        return redirect(url_for(".task_list", project_id=project.id, assessment_id=assessment.id))
    ratings = [answer.self_rating for answer in answer_data.answers_in_order(assessment.id)]
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
        assessment_for_change(project, assessment_id)
        if request.method == "POST"
        else assessment_or_404(project, assessment_id)
    )
    task_list_url = url_for(".task_list", project_id=project.id, assessment_id=assessment.id)
    if not can_be_returned(assessment.status, assessment.phase, project.phase):
        flash(
            "Only a submitted self-assessment for the project's current phase that has no "
            "report yet can go back to the team."
        )
        return redirect(task_list_url)
    if (draft := data.draft_self_assessment(project.id, assessment.phase)) is not None:
        return _already_a_draft(project, draft)
    form = ReturnForm()
    if form.validate_on_submit():
        try:
            data.return_to_team(assessment, form.reason.data, current_user.id)
            db.session.commit()
        except IntegrityError:
            # The team started a new draft for this phase a moment ago.
            db.session.rollback()
            draft = data.draft_self_assessment(project.id, assessment.phase)
            return _already_a_draft(project, draft) if draft else abort(409)
        flash("The self-assessment has gone back to the team. They can change it again.", "success")
        return redirect(task_list_url)
    return render_template(
        "self_assessment/return.html", project=project, assessment=assessment, form=form
    )


def _already_a_draft(project: Project, draft: Assessment):
    flash(
        "The team has already started another self-assessment for this phase, so this one "
        "cannot go back to them. They can carry on with the one they started."
    )
    return redirect(url_for(".task_list", project_id=project.id, assessment_id=draft.id))


@bp.get("/compare")
@project_rule("read")
def compare(project: Project):
    form = CompareForm(request.args)
    first_id = parse_id(form.earlier.data)
    second_id = parse_id(form.later.data)
    first = data.assessment_in_project(project.id, first_id) if first_id else None
    second = data.assessment_in_project(project.id, second_id) if second_id else None
    # With only one assessment the list has no form to show the mistake on.
    if (
        first is None
        or second is None
        or (first.id == second.id and data.assessment_count(project.id) < 2)
    ):
        flash("Choose two assessments of this project to compare.")
        return redirect(url_for(".index", project_id=project.id))
    if not form.validate():
        return _assessments_page(project, form)
    earlier, later = in_order_started(first, second)
    earlier_answers = answer_data.answers_in_order(earlier.id)
    later_answers = answer_data.answers_in_order(later.id)
    titles = {a.point.number: a.point.title for a in earlier_answers}
    titles |= {a.point.number: a.point.title for a in later_answers}
    rows = compare_ratings(
        titles,
        {a.point.number: a.self_rating for a in earlier_answers},
        {a.point.number: a.self_rating for a in later_answers},
    )
    overall_earlier = overall_rating([a.self_rating for a in earlier_answers]).value
    overall_later = overall_rating([a.self_rating for a in later_answers]).value
    return render_template(
        "self_assessment/compare.html",
        project=project,
        earlier=earlier,
        later=later,
        rows=rows,
        change_labels=CHANGE_LABELS,
        overall_earlier=overall_earlier,
        overall_later=overall_later,
        overall_change=rating_change(overall_earlier, overall_later),
        changed=sum(1 for row in rows if row.change != "same"),
    )
