"""The panel's pages.

Panel members (and organisers, administrators and the board, who read everything) read an
assessment's overview, the team's self-assessment and earlier reports; panel members
other than observers score points; the lead writes the summary and agrees the ratings.
"""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_login import current_user
from markupsafe import Markup

from app import clock
from app.access import assessment_rule, role_required
from app.commands import Conflict, Invalid, NotAllowed, NotFound, ServiceError
from app.commands import scoring as commands
from app.data import scoring as data
from app.data.actions import possible_owners
from app.models import Assessment
from app.panel import bp
from app.panel.forms import JudgementForm, SummaryForm, VerifyForm
from app.rules.actions import overdue_ids
from app.rules.panels import panel_role_label
from app.rules.permissions import Role
from app.rules.report_steps import lead_may_agree
from app.rules.reports import (
    RESULT_RULE_WORDS,
    is_rated,
    outcome_word,
    panel_may_score,
    panel_result,
    report_status_label,
)
from app.rules.scoring import (
    SCORING_STATUS_LABELS,
    made_into_actions,
    next_point_to_score,
    progress,
    stays_to_make_actions,
    verifies_actions,
)
from app.self_assessment.point_forms import ActionForm, show_errors

# --- Assessments to review ---------------------------------------------------------------------


@bp.get("/review")
@role_required(Role.ASSESSOR)
def review():
    return render_template("panel/review.html", rows=data.panels_of(current_user.id))


# --- Overview ----------------------------------------------------------------------------------


def _context(assessment: Assessment) -> dict:
    """What every panel page shows about the assessment: its scope, the judgements so far
    and the result they give."""
    scope = data.scope_of(assessment)
    judgements = data.judgements_by_number(assessment.id)
    statuses = data.statuses_by_number(assessment, scope, judgements)
    rated = is_rated(assessment.kind, assessment.phase)
    carried = data.carried_ratings(assessment)
    # Declared a conflict of interest with the project, or in its team.
    conflicted = g.assessing.score and g.assessing.conflicted
    result = panel_result(
        assessment.kind,
        assessment.phase,
        {
            point.number: (judgements[point.number].rating if point.number in judgements else None)
            for point in scope
        },
        carried,
    )
    return {
        "assessment": assessment,
        "project": assessment.project,
        "scope": scope,
        "judgements": judgements,
        "statuses": statuses,
        "status_labels": {status.value: label for status, label in SCORING_STATUS_LABELS.items()},
        "progress": progress(statuses.values(), len(scope)),
        "rated": rated,
        "outcomes": assessment.framework_version.panel_outcomes,
        "outcome_word": outcome_word,
        "carried": {n: r for n, r in carried.items() if n not in statuses},
        "result": result,
        "result_words": RESULT_RULE_WORDS[result.rule],
        "report_status": report_status_label(assessment.status),
        "can_score": g.assessing.score and not conflicted and panel_may_score(assessment.status),
        "conflicted": (
            commands.conflicted_words(g.assessing.team_role is not None) if conflicted else None
        ),
        "is_lead": g.assessing.lead,
        "can_agree": g.assessing.lead and not conflicted and lead_may_agree(assessment.status),
        "panel_role_label": panel_role_label,
        "verifies": verifies_actions(assessment.kind),
    }


def _next_step(assessment: Assessment) -> str | None:
    """The lead's next step with the report, once the panel's scoring is done: "send" once
    the ratings are agreed and nothing stops it, then the report's own steps."""
    from app.data.reports import load_report
    from app.reports.helpers import send_problem_words

    if (
        g.assessing.acts_as_lead
        and assessment.status in ("arranged", "in_review", "challenged")
        and assessment.ratings_agreed_at is not None
        and not send_problem_words(load_report(assessment))
    ):
        return "send"
    return assessment.status if assessment.status in ("sent", "challenged", "accepted") else None


@bp.get("/assessments/<int:assessment_id>")
@assessment_rule("read_panel_work")
def overview(assessment: Assessment):
    return render_template(
        "panel/overview.html",
        next_step=_next_step(assessment),
        panel=data.panel_of(assessment.id),
        source=data.team_self_assessment(assessment),
        earlier_reports=data.earlier_reports(assessment),
        **_context(assessment),
    )


@bp.get("/assessments/<int:assessment_id>/self-assessment")
@assessment_rule("read_panel_work")
def team_work(assessment: Assessment):
    """The team's submitted self-assessment, read-only: evidence, artefacts and actions."""
    source = data.team_self_assessment(assessment)
    actions = data.actions_by_number(assessment.project_id, [source.id] if source else [])
    return render_template(
        "panel/team_work.html",
        assessment=assessment,
        project=assessment.project,
        source=source,
        answers=sorted(data.team_answers(source.id if source else None).items()),
        actions=actions,
        overdue=overdue_ids([a for group in actions.values() for a in group], clock.today()),
    )


@bp.get("/assessments/<int:assessment_id>/earlier/<int:report_id>")
@assessment_rule("read_panel_work")
def earlier_report(assessment: Assessment, report_id: int):
    """An earlier published report of the project, read-only, for the panel."""
    report = data.published_report_of(assessment.project_id, report_id) or abort(404)
    scope = data.scope_of(report)
    judgements = data.judgements_by_number(report.id)
    carried = data.carried_ratings(report)
    result = panel_result(
        report.kind,
        report.phase,
        {p.number: judgements[p.number].rating if p.number in judgements else None for p in scope},
        carried,
    )
    return render_template(
        "panel/earlier_report.html",
        assessment=assessment,
        project=assessment.project,
        report=report,
        scope=scope,
        judgements=judgements,
        rated=is_rated(report.kind, report.phase),
        outcomes=report.framework_version.panel_outcomes,
        outcome_word=outcome_word,
        result=result,
        result_words=RESULT_RULE_WORDS[result.rule],
    )


# --- One point ---------------------------------------------------------------------------------


def _point_or_404(context: dict, number: int):
    for point in context["scope"]:
        if point.number == number:
            return point
    abort(404)


def _point_url(assessment: Assessment, number: int) -> str:
    return url_for("panel.point", assessment_id=assessment.id, number=number)


def _filled(form: JudgementForm, judgement) -> JudgementForm:
    form.version.data = commands.judgement_version(judgement)
    if judgement is not None:
        form.rating.data = judgement.rating
        form.done_well.data = judgement.done_well
        form.to_do.data = judgement.to_do
        form.revision_reason.data = judgement.revision_reason
    return form


def _render_point(assessment, number, form, context=None, conflict=None, status=200):
    context = context or _context(assessment)
    point = _point_or_404(context, number)
    source = data.team_self_assessment(assessment)
    team_actions = data.actions_by_number(
        assessment.project_id, [source.id if source else None, assessment.id]
    ).get(number, [])
    to_verify = []
    if context["verifies"]:
        to_verify = data.actions_to_verify(assessment, [number])
    numbers = [p.number for p in context["scope"]]
    place = numbers.index(number)
    panel_actions = [a for a in team_actions if a.source == "panel"]
    judgement = context["judgements"].get(number)
    items = [line.strip() for line in (judgement.to_do if judgement else "").splitlines()]
    items = [line for line in items if line]
    to_do_items = list(
        zip(items, made_into_actions(items, [a.description for a in panel_actions]), strict=True)
    )
    return (
        render_template(
            "panel/point.html",
            point=point,
            judgement=judgement,
            answer=data.team_answer(source.id if source else None, number),
            team_actions=[a for a in team_actions if a.source != "panel"],
            panel_actions=panel_actions,
            to_do_items=to_do_items,
            to_verify=to_verify,
            earlier_rating=commands.earlier_rating_of(assessment, number),
            earlier_date=(
                assessment.follows.assessment_date
                if context["verifies"] and assessment.follows is not None
                else None
            ),
            overdue=overdue_ids([*team_actions, *to_verify], clock.today()),
            form=form,
            conflict=conflict,
            previous_number=numbers[place - 1] if place > 0 else None,
            next_number=numbers[place + 1] if place + 1 < len(numbers) else None,
            **context,
        ),
        status,
    )


def _judgement_form(assessment: Assessment, formdata=None, **kwargs) -> JudgementForm:
    form = JudgementForm(**({"formdata": None} if formdata is None else {}), **kwargs)
    form.set_outcomes(
        assessment.framework_version.panel_outcomes, is_rated(assessment.kind, assessment.phase)
    )
    return form


@bp.get("/assessments/<int:assessment_id>/points/<int:number>")
@assessment_rule("read_panel_work")
def point(assessment: Assessment, number: int):
    context = _context(assessment)
    _point_or_404(context, number)
    judgement = context["judgements"].get(number)
    form = _filled(_judgement_form(assessment), judgement)
    if judgement is None and context["verifies"]:
        # An amber evidence review starts from the rating the point has now.
        form.rating.data = commands.earlier_rating_of(assessment, number)
    return _render_point(assessment, number, form, context)


@bp.post("/assessments/<int:assessment_id>/points/<int:number>")
@assessment_rule("score")
def save_point(assessment: Assessment, number: int):
    context = _context(assessment)
    point = _point_or_404(context, number)
    if not panel_may_score(assessment.status):
        flash(commands.NOT_SCORING)
        return redirect(_point_url(assessment, number))
    if context["conflicted"]:
        flash(context["conflicted"])
        return redirect(_point_url(assessment, number))
    form = _judgement_form(assessment, formdata=True)
    valid = form.validate_on_submit()
    judgement = data.judgement_for(assessment.id, point.id)
    if (
        form.is_submitted()
        and not form.csrf_token.errors
        and form.version.data != commands.judgement_version(judgement)
    ):
        return _conflict(assessment, number, form)
    if not valid:
        return _render_point(assessment, number, form, context)
    try:
        commands.save_judgement(
            assessment.id,
            number,
            current_user.id,
            commands.Scoring(
                rating=form.rating.data or None,
                done_well=form.done_well.data or "",
                to_do=form.to_do.data or "",
                revision_reason=form.revision_reason.data,
            ),
            form.version.data,
        )
    except Conflict:
        return _conflict(assessment, number, form)
    except Invalid as error:
        show_errors(form, error.errors)
        return _render_point(assessment, number, form)
    except (NotAllowed, NotFound) as error:
        flash(error.message)
        return redirect(url_for("panel.overview", assessment_id=assessment.id))
    return _after_saving(assessment, number)


def _after_saving(assessment: Assessment, number: int):
    """Stay on the point while what the team needs to do has no action made from it yet;
    otherwise go on to the next point to score, or to the overview once every point is
    scored."""
    scope = data.scope_of(assessment)
    judgements = data.judgements_by_number(assessment.id)
    statuses = data.statuses_by_number(assessment, scope, judgements)
    following = next_point_to_score(statuses, number)
    judgement = judgements.get(number)
    panel_actions = [
        action.description
        for action in data.actions_by_number(assessment.project_id, [assessment.id]).get(number, [])
        if action.source == "panel"
    ]
    # An amber evidence review checks the actions the earlier panel set: it goes on.
    if (
        judgement is not None
        and not verifies_actions(assessment.kind)
        and stays_to_make_actions(judgement.rating, judgement.to_do, panel_actions)
    ):
        if following is None:
            onward = url_for("panel.overview", assessment_id=assessment.id)
            words = "go back to the assessment"
        else:
            onward = _point_url(assessment, following)
            words = f"go to point {following}"
        flash(
            Markup(
                "Point {number} saved. Make each thing the team needs to do into an action "
                'below, or <a class="govuk-notification-banner__link" href="{onward}">'
                "{words}</a>."
            ).format(number=number, onward=onward, words=words),
            "success",
        )
        return redirect(_point_url(assessment, number))
    if following is None:
        flash(f"Point {number} saved. Every point is scored.", "success")
        return redirect(url_for("panel.overview", assessment_id=assessment.id))
    flash(f"Point {number} saved. Now point {following}.", "success")
    return redirect(_point_url(assessment, following))


def _conflict(assessment: Assessment, number: int, form: JudgementForm):
    """Another panel member saved this point first: show both, keep what this person
    typed, and carry the version now saved so saving again from here goes through."""
    context = _context(assessment)
    saved = context["judgements"].get(number)
    form.version.data = commands.judgement_version(saved)
    return _render_point(assessment, number, form, context, conflict=saved or True, status=409)


# --- An action from what the team needs to do --------------------------------------------------


def _action_form(assessment: Assessment, rating: str | None, formdata=None) -> ActionForm:
    form = ActionForm(**({"formdata": None} if formdata is None else {}))
    form.set_choices(possible_owners(assessment.project_id, None), rating, clock.today())
    return form


def _render_action(assessment, number, form, context, status=200):
    judgement = context["judgements"].get(number)
    return (
        render_template(
            "panel/action.html",
            point=_point_or_404(context, number),
            judgement=judgement,
            form=form,
            **context,
        ),
        status,
    )


@bp.get("/assessments/<int:assessment_id>/points/<int:number>/actions/add")
@assessment_rule("score")
def add_action(assessment: Assessment, number: int):
    context = _context(assessment)
    _point_or_404(context, number)
    if context["conflicted"]:
        flash(context["conflicted"])
        return redirect(_point_url(assessment, number))
    judgement = context["judgements"].get(number)
    form = _action_form(assessment, judgement.rating if judgement else None)
    line = request.args.get("item", "")
    if judgement and line:
        items = [item.strip() for item in judgement.to_do.splitlines() if item.strip()]
        if line.isascii() and line.isdigit() and len(line) <= 6 and 0 < int(line) <= len(items):
            form.description.data = items[int(line) - 1][:500]
    return _render_action(assessment, number, form, context)


@bp.post("/assessments/<int:assessment_id>/points/<int:number>/actions/add")
@assessment_rule("score")
def save_action(assessment: Assessment, number: int):
    context = _context(assessment)
    _point_or_404(context, number)
    judgement = context["judgements"].get(number)
    form = _action_form(assessment, judgement.rating if judgement else None, formdata=True)
    if not form.validate_on_submit():
        return _render_action(assessment, number, form, context)
    try:
        commands.add_panel_action(
            assessment.id,
            number,
            current_user.id,
            form.description.data,
            form.owner_id,
            form.typed_owner_name,
            form.due_date.data,
        )
    except Invalid as error:
        show_errors(form, error.errors)
        return _render_action(assessment, number, form, context)
    except ServiceError as error:
        flash(error.message)
        return redirect(_point_url(assessment, number))
    flash(f"Action added to the project for point {number}.", "success")
    return redirect(_point_url(assessment, number))


# --- Amber evidence review: verifying an action ------------------------------------------------


def _action_to_verify(assessment: Assessment, context: dict, action_id: int):
    if not context["verifies"]:
        abort(404)
    numbers = [p.number for p in context["scope"]]
    for action in data.actions_to_verify(assessment, numbers):
        if action.id == action_id:
            return action
    abort(404)


def _render_verify(assessment, action, form, context, conflict=False, status=200):
    return (
        render_template(
            "panel/verify.html", action=action, form=form, conflict=conflict, **context
        ),
        status,
    )


@bp.get("/assessments/<int:assessment_id>/actions/<int:action_id>/verify")
@assessment_rule("score")
def verify(assessment: Assessment, action_id: int):
    context = _context(assessment)
    action = _action_to_verify(assessment, context, action_id)
    if context["conflicted"]:
        flash(context["conflicted"])
        return redirect(_point_url(assessment, action.point_number))
    form = VerifyForm(formdata=None)
    form.version.data = str(action.version)
    form.evidence.data = action.verification_evidence
    if action.verified_in_id == assessment.id:
        form.outcome.data = "verified" if action.verified_at else "not_done"
    return _render_verify(assessment, action, form, context)


@bp.post("/assessments/<int:assessment_id>/actions/<int:action_id>/verify")
@assessment_rule("score")
def save_verify(assessment: Assessment, action_id: int):
    context = _context(assessment)
    action = _action_to_verify(assessment, context, action_id)
    form = VerifyForm()
    if not form.validate_on_submit():
        return _render_verify(assessment, action, form, context)
    try:
        commands.verify_action(
            assessment.id,
            action.id,
            current_user.id,
            form.evidence.data,
            form.version.data,
            form.outcome.data or "",
        )
    except Conflict:
        form.version.data = str(action.version)
        return _render_verify(assessment, action, form, context, conflict=True, status=409)
    except Invalid as error:
        show_errors(form, error.errors)
        return _render_verify(assessment, action, form, context)
    except ServiceError as error:
        flash(error.message)
        return redirect(url_for("panel.overview", assessment_id=assessment.id))
    flash(
        "Action verified."
        if form.outcome.data == "verified"
        else "Action recorded as not done yet.",
        "success",
    )
    return redirect(_point_url(assessment, action.point_number))


# --- The lead's summary ------------------------------------------------------------------------


def _render_summary(assessment, form, context=None, conflict=None, status=200):
    context = context or _context(assessment)
    return (
        render_template("panel/summary.html", form=form, conflict=conflict, **context),
        status,
    )


@bp.get("/assessments/<int:assessment_id>/summary")
@assessment_rule("read_panel_work")
def summary(assessment: Assessment):
    form = SummaryForm(formdata=None)
    form.version.data = str(assessment.version)
    form.summary.data = assessment.summary
    form.agree.data = assessment.ratings_agreed_at is not None
    return _render_summary(assessment, form)


@bp.post("/assessments/<int:assessment_id>/summary")
@assessment_rule("lead")
def save_summary(assessment: Assessment):
    form = SummaryForm()
    if not form.validate_on_submit():
        return _render_summary(assessment, form)
    if form.version.data != str(assessment.version):
        return _summary_conflict(assessment, form)
    try:
        agreed = commands.save_summary(
            assessment.id,
            current_user.id,
            form.summary.data or "",
            bool(form.agree.data),
            form.version.data,
        )
    except Conflict:
        return _summary_conflict(assessment, form)
    except Invalid as error:
        show_errors(form, error.errors)
        return _render_summary(assessment, form)
    except ServiceError as error:
        flash(error.message)
        return redirect(url_for("panel.overview", assessment_id=assessment.id))
    flash(
        "Summary saved and final ratings agreed." if agreed else "Summary saved.",
        "success",
    )
    return redirect(url_for("panel.overview", assessment_id=assessment.id))


def _summary_conflict(assessment: Assessment, form: SummaryForm):
    form.version.data = str(assessment.version)
    return _render_summary(assessment, form, conflict=assessment, status=409)
