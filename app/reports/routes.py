"""The panel's report: the page, its steps (send, accept or challenge, answer, publish,
withdraw), feedback, the list of published reports, public reports and downloads."""

from __future__ import annotations

import re

from flask import abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_login import current_user

from app.access import assessment_rule, current_scope, public, signed_in
from app.bank_holidays import england_and_wales
from app.commands import Conflict, Invalid, NotAllowed
from app.commands import reports as commands
from app.data import reports as data
from app.data.board import directorate_names
from app.models import Assessment
from app.reports import bp, downloads
from app.reports.helpers import (
    living_label,
    outcome_label,
    outcome_sentence,
    overdue,
    owner_words,
    panel_word,
    send_problem_words,
    sent_on,
    team_word,
    words_for,
)
from app.rules.panels import panel_role_label
from app.rules.permissions import Role
from app.rules.report_steps import (
    ALREADY_SENT,
    ANSWER_LIMIT,
    FEEDBACK_COMMENT_LIMIT,
    WITHDRAW_REASON_LIMIT,
    already_sent,
    answered_words,
    challenge_words,
    lead_may_agree,
    lead_may_answer_challenges,
    may_give_feedback,
    may_publish,
    may_withdraw,
    points_without_actions,
    points_without_actions_words,
    team_may_answer,
    waiting_words,
)
from app.rules.reports import (
    FEEDBACK_QUESTIONS,
    FEEDBACK_SCALE,
    FEEDBACK_SCALE_WORDS,
    better_ratings,
    feedback_scale_label,
    is_frozen,
    is_rated,
    outcome_word,
    upheld_hint,
)
from app.rules.text import without_control_characters

VERSION = re.compile(r"[0-9]{1,9}")
WHOLE_REPORT_READERS = {Role.BOARD_MEMBER.value, Role.ADMINISTRATOR.value}


def _text(name: str) -> str:
    return (without_control_characters(request.form.get(name, "")) or "").strip()


def _number(value: str | None) -> int | None:
    """A version number as a form sends it; anything else (a forged form) is None."""
    return int(value) if value and VERSION.fullmatch(value) else None


def _version() -> int | None:
    return _number(request.form.get("version"))


def _report_page(assessment: Assessment) -> str:
    return url_for("reports.report", assessment_id=assessment.id)


def _common(report, public_view: bool = False) -> dict:
    return {
        "report": report,
        "assessment": report.assessment,
        "project": report.assessment.project,
        "words": words_for(report),
        "panel_word": lambda rating: panel_word(report, rating),
        "team_word": team_word,
        "outcome_label": outcome_label,
        "outcome_sentence": outcome_sentence,
        "living_label": living_label,
        "owner_words": lambda action: owner_words(report, action),
        "public_view": public_view,
        "sent_on": sent_on(report),
        "panel_role_label": panel_role_label,
    }


def _form_page(template: str, conflict: str | None, **context):
    """A form page: 409 with what was typed when someone else changed the report first,
    400 with the error summary when what was sent breaks a rule."""
    status = 409 if conflict else (400 if context.get("errors") else 200)
    return render_template(template, conflict=conflict, **context), status


def _send_problems(report) -> list[str]:
    return send_problem_words(report)


def _missing_actions(report) -> dict | None:
    """The warning about amber and red points with something to do but no action: its
    words and the points, to link to each point's page where its actions are made."""
    assessment = report.assessment
    numbers = points_without_actions(
        assessment.kind,
        assessment.phase,
        {
            p.number: (p.rating, p.judgement.done_well, p.judgement.to_do)
            for p in report.points
            if p.judgement is not None
        },
        {p.number for p in report.points if p.actions},
    )
    if not numbers:
        return None
    return {
        "words": points_without_actions_words(numbers),
        "points": [p for p in report.points if p.number in numbers],
    }


@bp.get("/assessments/<int:assessment_id>/report")
@assessment_rule("read_report")
def report(assessment: Assessment):
    report = data.load_report(assessment)
    can = g.assessing
    status = assessment.status
    in_team = can.team_role is not None
    on_panel = can.panel_role is not None
    leads = can.acts_as_lead  # a lead who declared a conflict does none of these
    steps = {
        "send": leads and not _send_problems(report),
        "send_problems": _send_problems(report) if leads and not is_frozen(status) else [],
        "missing_actions": _missing_actions(report)
        if leads and status in ("arranged", "in_review", "challenged")
        else None,
        "respond": can.team_answer and team_may_answer(status),
        "waiting": waiting_words(status, in_team, can.team_answer, assessment.answer_due),
        "answer": leads and lead_may_answer_challenges(status) and bool(report.open_challenges),
        "challenges": (
            challenge_words(
                len(report.challenges), len(report.challenges) - len(report.open_challenges)
            )
            if leads and lead_may_answer_challenges(status)
            else None
        ),
        "agree": leads
        and lead_may_agree(status)
        and status == "challenged"
        and assessment.ratings_agreed_at is None,
        "publish": leads and may_publish(status),
        "withdraw": (can.lead or can.organise) and may_withdraw(status),
        "feedback": may_give_feedback(
            status,
            on_panel,
            in_team,
            data.feedback_given(assessment.id, current_user.id) if status == "published" else True,
        ),
    }
    late = overdue(report) if (can.lead or in_team or can.organise) else None
    if can.read_panel_work:
        back = (url_for("panel.overview", assessment_id=assessment.id), "Back to the assessment")
    elif in_team:
        back = (url_for("projects.show", project_id=assessment.project_id), "Back to the project")
    else:
        back = (url_for("reports.published"), "Back to published reports")
    return render_template(
        "reports/report.html",
        back=back,
        steps=steps,
        overdue=late,
        conflicted=commands.conflict_words(can),
        **_common(report),
    )


@bp.route("/assessments/<int:assessment_id>/report/send", methods=["GET", "POST"])
@assessment_rule("lead")
def send(assessment: Assessment):
    if request.method == "GET" and already_sent(assessment.status):
        flash(ALREADY_SENT)
        return redirect(_report_page(assessment))
    report = data.load_report(assessment)
    errors = {}
    if request.method == "POST":
        try:
            due = commands.send_report(
                assessment.id,
                _version(),
                current_user.id,
                england_and_wales(),
                current_app.config["REPORT_DUE_WORKING_DAYS"],
                current_app.config["ANSWER_DUE_WORKING_DAYS"],
            )
        except Conflict as refused:
            flash(refused.message)
            return redirect(_report_page(assessment))
        except NotAllowed as refused:
            flash(refused.message)
            return redirect(_report_page(assessment))
        except Invalid as refused:
            errors = refused.errors
        else:
            flash(
                f"Report sent to the team. Their answer is due by {due.day} {due:%B %Y}.",
                "success",
            )
            return redirect(_report_page(assessment))
    return render_template(
        "reports/send.html",
        errors=errors,
        error_list=[{"text": m, "href": "#" + k} for k, m in errors.items()],
        problems=_send_problems(report),
        missing_actions=_missing_actions(report),
        days=current_app.config["ANSWER_DUE_WORKING_DAYS"],
        **_common(report),
    ), (400 if errors else 200)


@bp.route("/assessments/<int:assessment_id>/report/respond", methods=["GET", "POST"])
@assessment_rule("team_answer")
def respond(assessment: Assessment):
    if not team_may_answer(assessment.status):
        flash("The report is not waiting for your team's answer.")
        return redirect(_report_page(assessment))
    report = data.load_report(assessment)
    errors: dict[str, str] = {}
    typed: dict[str, str] = {}
    conflict = None
    if request.method == "POST":
        decision = request.form.get("decision", "")
        reasons = {}
        for point in report.points:
            text = _text(f"reason_{point.number}")
            typed[f"reason_{point.number}"] = text
            if text:
                reasons[point.number] = text
        typed["decision"] = decision
        if decision not in ("accept", "challenge"):
            errors["decision"] = "Select whether your team accepts the report or challenges it"
        else:
            try:
                status = commands.answer_report(
                    assessment.id,
                    _version(),
                    commands.TeamAnswer(accept=decision == "accept", reasons=reasons),
                    current_user.id,
                )
            except Conflict as refused:
                conflict = refused.message
            except NotAllowed as refused:
                flash(refused.message)
                return redirect(_report_page(assessment))
            except Invalid as refused:
                errors = refused.errors
            else:
                if status == "accepted":
                    flash("You accepted the report. The lead can now publish it.", "success")
                else:
                    flash(
                        "You challenged the report. The lead will answer each challenge.",
                        "success",
                    )
                return redirect(_report_page(assessment))
    return _form_page(
        "reports/respond.html",
        conflict,
        errors=errors,
        error_list=[{"text": m, "href": "#" + k} for k, m in errors.items()],
        typed=typed,
        limit=ANSWER_LIMIT,
        **_common(report),
    )


@bp.route("/assessments/<int:assessment_id>/report/challenges", methods=["GET", "POST"])
@assessment_rule("lead")
def answer_challenges(assessment: Assessment):
    if not lead_may_answer_challenges(assessment.status):
        flash("The report has no challenges waiting for an answer.")
        return redirect(_report_page(assessment))
    report = data.load_report(assessment)
    open_points = [p for p in report.points if p.challenge and p.challenge.outcome is None]
    errors: dict[str, str] = {}
    typed: dict[str, str] = {}
    conflict = None
    if request.method == "POST":
        answers = []
        for point in open_points:
            key = f"c{point.challenge.id}"
            for name in ("outcome", "answer", "rating", "to_do"):
                typed[f"{key}_{name}"] = _text(f"{key}_{name}")
            answers.append(
                commands.ChallengeAnswer(
                    challenge_id=point.challenge.id,
                    version=_number(request.form.get(f"{key}_version")),
                    outcome=typed[f"{key}_outcome"],
                    answer=typed[f"{key}_answer"],
                    new_rating=typed[f"{key}_rating"] or None,
                    new_to_do=typed[f"{key}_to_do"] if f"{key}_to_do" in request.form else None,
                )
            )
        try:
            done = commands.answer_challenges(assessment.id, _version(), answers, current_user.id)
        except Conflict as refused:
            conflict = refused.message
            report = data.load_report(data.assessment_for_report(assessment.id))
            open_points = [p for p in report.points if p.challenge and p.challenge.outcome is None]
        except NotAllowed as refused:
            flash(refused.message)
            return redirect(_report_page(assessment))
        except Invalid as refused:
            errors = refused.errors
        else:
            flash(answered_words(done.answered, done.upheld), "success")
            return redirect(_report_page(assessment))
    outcomes = assessment.framework_version.panel_outcomes
    rated = is_rated(assessment.kind, assessment.phase)
    return _form_page(
        "reports/answer_challenges.html",
        conflict,
        errors=errors,
        error_list=[{"text": m, "href": "#" + k} for k, m in errors.items()],
        typed=typed,
        open_points=open_points,
        limit=ANSWER_LIMIT,
        better={
            p.number: [(r, outcome_word(outcomes, r)) for r in better_ratings(p.rating, outcomes)]
            if rated
            else []
            for p in open_points
        },
        hints={p.number: upheld_hint(rated, p.rating, outcomes) for p in open_points},
        **_common(report),
    )


@bp.route("/assessments/<int:assessment_id>/report/publish", methods=["GET", "POST"])
@assessment_rule("lead")
def publish(assessment: Assessment):
    if request.method == "POST":
        try:
            commands.publish_report(assessment.id, _version(), current_user.id)
        except (Conflict, NotAllowed) as refused:
            flash(refused.message)
        else:
            flash("Report published. Its text and ratings cannot change from now on.", "success")
        return redirect(_report_page(assessment))
    if not may_publish(assessment.status):
        flash("Only a report the team has accepted can be published.")
        return redirect(_report_page(assessment))
    report = data.load_report(assessment)
    return render_template(
        "reports/publish.html", missing_actions=_missing_actions(report), **_common(report)
    )


@bp.route("/assessments/<int:assessment_id>/report/withdraw", methods=["GET", "POST"])
@assessment_rule("withdraw")
def withdraw(assessment: Assessment):
    # The lead comes from the report; an organiser from the panel's page, and an organiser
    # of a confidential project withdraws without reading the report.
    back, back_text = (
        (_report_page(assessment), "Back to the report")
        if g.assessing.lead and g.assessing.read_report
        else (url_for("organise.panel", assessment_id=assessment.id), "Back to the panel")
    )
    errors: dict[str, str] = {}
    reason = ""
    conflict = None
    if request.method == "POST":
        reason = _text("reason")
        try:
            commands.withdraw_report(assessment.id, _version(), reason, current_user.id)
        except Conflict as refused:
            conflict = refused.message
        except NotAllowed as refused:
            flash(refused.message)
            return redirect(back)
        except Invalid as refused:
            errors = refused.errors
        else:
            flash("Assessment withdrawn. The reason is on the record.", "success")
            # The withdrawn notice is on the report, for those who read it.
            return redirect(_report_page(assessment) if g.assessing.read_report else back)
    elif not may_withdraw(assessment.status):
        flash("A published report cannot be withdrawn.")
        return redirect(back)
    return _form_page(
        "reports/withdraw.html",
        conflict,
        errors=errors,
        error_list=[{"text": m, "href": "#" + k} for k, m in errors.items()],
        reason=reason,
        limit=WITHDRAW_REASON_LIMIT,
        back=back,
        back_text=back_text,
        **_common(data.load_report(assessment)),
    )


@bp.route("/assessments/<int:assessment_id>/report/feedback", methods=["GET", "POST"])
@assessment_rule("read_report")
def feedback(assessment: Assessment):
    can = g.assessing
    given = data.feedback_given(assessment.id, current_user.id)
    if not may_give_feedback(
        assessment.status, can.panel_role is not None, can.team_role is not None, given
    ):
        flash(
            "You have given your feedback on this assessment already."
            if given
            else "Only the team and the panel give feedback, once the report is published."
        )
        return redirect(_report_page(assessment))
    errors: dict[str, str] = {}
    typed: dict[str, str] = {}
    if request.method == "POST":
        scores = []
        for index in (1, 2, 3):
            value = request.form.get(f"score_{index}", "")
            typed[f"score_{index}"] = value
            scores.append(int(value) if value in {"1", "2", "3", "4", "5"} else None)
        typed["comment"] = _text("comment")
        try:
            commands.give_feedback(assessment.id, tuple(scores), typed["comment"], current_user.id)
        except NotAllowed as refused:
            flash(refused.message)
            return redirect(_report_page(assessment))
        except Invalid as refused:
            errors = refused.errors
        else:
            flash("Thank you for your feedback.", "success")
            return redirect(_report_page(assessment))
    return render_template(
        "reports/feedback.html",
        errors=errors,
        error_list=[{"text": m, "href": "#" + k} for k, m in errors.items()],
        typed=typed,
        questions=FEEDBACK_QUESTIONS,
        scale=FEEDBACK_SCALE,
        scale_label=feedback_scale_label,
        scale_words=FEEDBACK_SCALE_WORDS,
        limit=FEEDBACK_COMMENT_LIMIT,
        **_common(data.load_report(assessment)),
    ), (400 if errors else 200)


@bp.get("/reports")
@signed_in
def published():
    allowed = current_scope()
    rows = data.published_reports(
        current_user,
        readable_confidential=bool(WHOLE_REPORT_READERS & current_user.roles),
        allowed=allowed,
    )
    results = data.published_results(rows)
    return render_template(
        "reports/published.html",
        rows=rows,
        scope_names=directorate_names(allowed),
        labels=lambda assessment: _row_labels(assessment, results[assessment.id]),
    )


def _row_labels(assessment: Assessment, result) -> dict:
    from app.rules.phases import phase_label
    from app.rules.self_assessment import ASSESSMENT_KIND_LABELS

    overall = result.overall
    if overall is None:
        word = "Findings only"
    elif overall in ("green", "amber", "red"):
        word = outcome_word(assessment.framework_version.panel_outcomes, overall.value)
    else:
        word = "Not decided"
    return {
        "phase": phase_label(assessment.phase),
        "kind": ASSESSMENT_KIND_LABELS.get(assessment.kind, "Assessment"),
        "result": word,
        "result_value": overall.value if overall is not None else None,
    }


@bp.get("/reports/<int:assessment_id>")
@public
def public_report(assessment_id: int):
    """A published report for anyone, where the service publishes reports
    (``PUBLIC_REPORTS``); never a confidential project's."""
    if not current_app.config["PUBLIC_REPORTS"]:
        abort(404)
    assessment = data.assessment_for_report(assessment_id)
    if assessment is None or assessment.status != "published" or assessment.project.confidential:
        abort(404)
    report = data.load_report(assessment)
    return render_template(
        "reports/report.html",
        steps={},
        overdue=None,
        back=None,
        **_common(report, public_view=True),
    )


def _download(assessment: Assessment, kind: str):
    report = data.load_report(assessment)
    body, mimetype, suffix = downloads.build(kind, report, words_for(report))
    name = downloads.file_name(assessment, suffix)
    return current_app.response_class(
        body,
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@bp.get("/assessments/<int:assessment_id>/report.docx")
@assessment_rule("read_report")
def report_docx(assessment: Assessment):
    return _download(assessment, "docx")


@bp.get("/assessments/<int:assessment_id>/report.xlsx")
@assessment_rule("read_report")
def report_xlsx(assessment: Assessment):
    return _download(assessment, "xlsx")


@bp.get("/assessments/<int:assessment_id>/report.csv")
@assessment_rule("read_report")
def report_csv(assessment: Assessment):
    return _download(assessment, "csv")


@bp.get("/assessments/<int:assessment_id>/report.json")
@assessment_rule("read_report")
def report_json(assessment: Assessment):
    return _download(assessment, "json")
