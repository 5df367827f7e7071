"""The team's self-assessment: starting, the task list, sharing out points, checking,
submitting, returning and comparing. The point pages are in ``points.py``.

Every change is a command in ``app.commands.self_assessment``; the views parse the form,
call one command and show what happened."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_login import current_user

from app.access import project_rule, role_required
from app.commands import Conflict, Invalid, NotAllowed
from app.commands import self_assessment as commands
from app.data import answers as answer_data
from app.data import assessments as data
from app.data import plans as plan_data
from app.data.projects import project_or_none
from app.data.ratings import overall_of, overall_ratings, ratings_of_points
from app.models import Assessment, Project
from app.rules.compare import CHANGE_LABELS, compare_ratings, in_order_started, rating_change
from app.rules.ids import parse_id
from app.rules.permissions import Role
from app.rules.phases import phase_label, prompt_stage
from app.rules.ratings import rating_counts
from app.rules.self_assessment import (
    ASSESSMENT_KIND_LABELS,
    AssessmentStatus,
    can_be_returned,
    can_submit,
    may_submit,
    status_counts,
)
from app.self_assessment import bp
from app.self_assessment.display import check_cards, task_list_items
from app.self_assessment.forms import (
    CompareForm,
    ReturnForm,
    StartForm,
    SubmitAssessmentForm,
    owners_form_class,
)
from app.self_assessment.helpers import (
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
    """The project's assessments (drafts apart from the rest), with the form to compare two."""
    assessments = data.assessments_for_project(project.id)
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
        drafts=[a for a in assessments if a.status == AssessmentStatus.DRAFT],
        others=[a for a in assessments if a.status != AssessmentStatus.DRAFT],
        assessment_count=len(assessments),
        ratings=overall_ratings(assessments),
        draft=data.draft_self_assessment(project.id, project.phase),
        under_review=data.self_assessment_under_review(project.id, project.phase),
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


def _under_review(project: Project):
    """Back to the assessments page, which says what was submitted and what happens next."""
    if data.self_assessment_under_review(project.id, project.phase) is None:
        return None
    flash(commands.UNDER_REVIEW)
    return redirect(url_for(".index", project_id=project.id))


@bp.route("/start", methods=["GET", "POST"])
@project_rule("team")
def start(project: Project):
    if (elsewhere := _continue_draft(project) or _under_review(project)) is not None:
        return elsewhere
    earlier = commands.start_choice(project)
    form = StartForm(earlier=(earlier.id, phase_label(earlier.phase).lower()) if earlier else None)
    if form.validate_on_submit():
        try:
            assessment = commands.start_self_assessment(
                project.id, current_user.id, form.chosen_start()
            )
        except Conflict:
            # Someone else in the team pressed "Start" at the same moment.
            return _continue_draft(project) or abort(409)
        except NotAllowed as refusal:
            flash(refusal.message)
            return redirect(url_for(".index", project_id=project.id))
        except Invalid as error:
            form.start_from.errors = [error.errors.get("start_from", error.message)]
        else:
            flash("Self-assessment started.", "success")
            return redirect(
                url_for(".task_list", project_id=project.id, assessment_id=assessment.id)
            )
    return render_template(
        "self_assessment/start.html",
        project=project,
        form=form,
        earlier=earlier,
        stage=prompt_stage(project.phase),
    )


@bp.get("/<int:assessment_id>")
@project_rule("read")
def task_list(project: Project, assessment_id: int):
    assessment = assessment_or_404(project, assessment_id)
    rows = answer_data.task_list_rows(assessment.id)
    points = ratings_of_points(assessment)
    statuses = [row.status for row in rows]
    can_change = editable(assessment)
    return render_template(
        "self_assessment/task_list.html",
        project=project,
        assessment=assessment,
        items=task_list_items(rows, points, project.id, assessment.id, can_change),
        counts=status_counts(statuses),
        rating_counts=rating_counts(point.counts for point in points.values()),
        rating=overall_of(assessment, points),
        editable=can_change,
        ready=can_submit(statuses),
        returned=assessment.status == AssessmentStatus.DRAFT and assessment.returned_at is not None,
        returnable=can_be_returned(assessment.status, assessment.phase, project.phase)
        and Role.ADMINISTRATOR.value in current_user.roles
        and data.open_panel_review_of(assessment.id) is None,
    )


@bp.route("/<int:assessment_id>/owners", methods=["GET", "POST"])
@project_rule("team")
def owners(project: Project, assessment_id: int):
    assessment = assessment_or_404(project, assessment_id)
    if (refusal := refuse_unless_editable(project, assessment)) is not None:
        return refusal
    answers = answer_data.answers_in_order(assessment.id)
    form = _owners_form(project, answers)
    if not form.is_submitted():
        form.show({answer.point.number: answer.owner_id for answer in answers})
    if form.validate_on_submit():
        shown, wanted = form.posted(request.form)
        try:
            commands.share_out_points(project.id, assessment.id, shown, wanted, current_user.id)
        except Conflict as conflict:
            return _owners_conflict(project, assessment, form, conflict)
        except Invalid as error:
            for name, message in error.errors.items():
                getattr(form, name).errors.append(message)
        except NotAllowed as refusal:
            flash(refusal.message)
            return redirect(
                url_for(".task_list", project_id=project.id, assessment_id=assessment.id)
            )
        else:
            flash("Point owners saved.", "success")
            return redirect(
                url_for(".task_list", project_id=project.id, assessment_id=assessment.id)
            )
    return render_template(
        "self_assessment/owners.html", project=project, assessment=assessment, form=form
    )


def _owners_form(project: Project, answers):
    form_class = owners_form_class(
        [a.point.number for a in answers],
        {a.point.number: a.point.title for a in answers},
        answer_data.team_people(project.id),
    )
    return form_class()


def _owners_conflict(project: Project, assessment: Assessment, form, conflict: Conflict):
    """Someone else changed the same points first: show whose, keep what this person chose."""
    answers = answer_data.answers_in_order(assessment.id)
    # What is saved now becomes what was shown, so saving again applies these choices.
    form.show({answer.point.number: answer.owner_id for answer in answers}, choices=False)
    clashes = set(conflict.details.get("clashes", []))
    return (
        render_template(
            "self_assessment/owners.html",
            project=project,
            assessment=assessment,
            form=form,
            conflict=[answer for answer in answers if answer.point.number in clashes],
        ),
        409,
    )


@bp.get("/<int:assessment_id>/check")
@project_rule("read")
def check_answers(project: Project, assessment_id: int):
    assessment = assessment_or_404(project, assessment_id)
    return _check_page(project, assessment)


def _check_page(
    project: Project,
    assessment: Assessment,
    form: SubmitAssessmentForm | None = None,
    status=200,
):
    """Check your answers. ``form``: the submit form as posted; a new one if it is shown."""
    answers = answer_data.answers_to_check(assessment.id)
    statuses = [answer.status for answer in answers]
    plan = plan_data.plan_actions_by_point(assessment.id)
    points = ratings_of_points(assessment)
    can_change = editable(assessment)
    overdue = overdue_ids(action for actions in plan.values() for action in actions)
    ready = can_submit(statuses)
    submitter = may_submit(g.can.team_role)
    if form is None and can_change and ready and submitter:
        form = SubmitAssessmentForm()
    return (
        render_template(
            "self_assessment/check.html",
            project=project,
            assessment=assessment,
            cards=check_cards(
                answers, points, plan, overdue, project.id, assessment.id, can_change
            ),
            rating=overall_of(assessment, points),
            ready=ready,
            may_submit=submitter,
            incomplete=[answer for answer in answers if answer.status != "completed"],
            editable=can_change,
            form=form,
        ),
        status,
    )


@bp.post("/<int:assessment_id>/submit")
@project_rule("team")
def submit(project: Project, assessment_id: int):
    assessment = assessment_or_404(project, assessment_id)
    if (refusal := refuse_unless_editable(project, assessment)) is not None:
        return refusal
    form = SubmitAssessmentForm()
    if not form.validate_on_submit():
        return _check_page(project, assessment, form)
    try:
        commands.submit_self_assessment(
            project.id, assessment.id, current_user.id, bool(form.confirm.data)
        )
    except Invalid as error:
        if "confirm" in error.errors:
            form.confirm.errors.append(error.errors["confirm"])
            return _check_page(project, assessment, form)
        flash(error.message + ".")
        return redirect(
            url_for(".check_answers", project_id=project.id, assessment_id=assessment.id)
        )
    except NotAllowed as refusal:
        flash(refusal.message)
        return redirect(
            url_for(".check_answers", project_id=project.id, assessment_id=assessment.id)
        )
    return redirect(url_for(".submitted", project_id=project.id, assessment_id=assessment.id))


@bp.get("/<int:assessment_id>/submitted")
@project_rule("read")
def submitted(project: Project, assessment_id: int):
    assessment = assessment_or_404(project, assessment_id)
    if assessment.status != AssessmentStatus.SUBMITTED:
        return redirect(url_for(".task_list", project_id=project.id, assessment_id=assessment.id))
    return render_template(
        "self_assessment/submitted.html",
        project=project,
        assessment=assessment,
        rating=overall_ratings([assessment])[assessment.id],
    )


@bp.route("/<int:assessment_id>/return", methods=["GET", "POST"])
@role_required(Role.ADMINISTRATOR)
def return_to_team(project_id: int, assessment_id: int):
    project = project_or_none(project_id) or abort(404)
    assessment = assessment_or_404(project, assessment_id)
    task_list_url = url_for(".task_list", project_id=project.id, assessment_id=assessment.id)
    if not can_be_returned(assessment.status, assessment.phase, project.phase):
        flash(commands.CANNOT_RETURN)
        return redirect(task_list_url)
    if data.open_panel_review_of(assessment.id) is not None:
        flash(commands.UNDER_PANEL_REVIEW)
        return redirect(task_list_url)
    if (draft := data.draft_self_assessment(project.id, assessment.phase)) is not None:
        return _already_a_draft(project, draft)
    form = ReturnForm()
    if form.validate_on_submit():
        try:
            commands.return_to_team(project.id, assessment.id, form.reason.data, current_user.id)
        except Invalid as error:
            form.reason.errors.append(error.errors.get("reason", error.message))
        except NotAllowed as refusal:
            draft = data.draft_self_assessment(project.id, assessment.phase)
            if draft is not None:
                return _already_a_draft(project, draft)
            flash(refusal.message)
            return redirect(task_list_url)
        else:
            flash(
                "The self-assessment has gone back to the team. They can change it again.",
                "success",
            )
            return redirect(task_list_url)
    return render_template(
        "self_assessment/return.html", project=project, assessment=assessment, form=form
    )


def _already_a_draft(project: Project, draft: Assessment):
    flash(commands.DRAFT_IN_THE_WAY + " They can carry on with the one they started.")
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
    # The rating that counts for each point, as on every other page.
    rows = compare_ratings(
        titles,
        {number: rating.counts for number, rating in ratings_of_points(earlier).items()},
        {number: rating.counts for number, rating in ratings_of_points(later).items()},
    )
    overall = overall_ratings([earlier, later])
    overall_earlier = overall[earlier.id].overall.value
    overall_later = overall[later.id].overall.value
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
