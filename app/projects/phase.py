"""Moving a project to another phase: where to, why and when it is next assessed, then, if
red points stand in the way, a confirmation with a reason for moving on anyway.

The first page's answers travel to the second in hidden fields, so the journey
works without JavaScript, in several tabs at once, and without filling the
session cookie with what people typed. The move itself is one command
(:func:`app.commands.projects.move_phase`), which checks everything again.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from app import clock
from app.access import project_rule
from app.commands import Conflict, Invalid
from app.commands import projects as commands
from app.data import projects as data
from app.models import Project
from app.projects import bp
from app.projects.forms import ConfirmPhaseForm, PhaseForm, add_errors
from app.rules.actions import overdue_ids
from app.rules.phase_moves import (
    moved_meanwhile_message,
    needs_confirmation,
    phase_not_seen_message,
    red_counts_in_words,
)
from app.rules.projects import phase_words


def _render_first_page(project: Project, form: PhaseForm, status: int = 200):
    return (
        render_template(
            "projects/phase.html",
            project=project,
            form=form,
            drafts=data.drafts_to_withdraw(project.id, project.phase),
        ),
        status,
    )


def _conflict(project: Project, form: PhaseForm, message: str):
    """The phase the person saw is not the project's phase now, or the post did not say which
    phase they saw: nothing moves. Show the first page again, with their answers, now
    carrying the phase the project is in, so continuing again is a deliberate choice."""
    form.from_phase.data = project.phase
    form.to_phase.errors = [message]
    return _render_first_page(project, form, 409)


def _not_seen(project: Project, form: PhaseForm):
    """None when the person saw the phase the project is in, else the conflict page."""
    seen = form.from_phase.data or None
    if seen == project.phase:
        return None
    message = phase_not_seen_message if seen is None else moved_meanwhile_message
    return _conflict(project, form, message(project.phase))


def _move(project: Project, form: PhaseForm, override_reason: str | None):
    try:
        commands.move_phase(
            current_user,
            project.id,
            seen_phase=form.from_phase.data or None,
            to_phase=form.to_phase.data,
            reason=form.reason.data,
            next_assessment_due=form.next_assessment_due.data,
            override_reason=override_reason,
        )
    except Conflict as conflict:
        return _conflict(project, PhaseForm(current_phase=project.phase), conflict.message)
    except Invalid as invalid:
        if "override_reason" in invalid.errors:
            # Red points came up since the first page: the move needs a confirmation now.
            return _render_confirmation(project, _carried(project, form))
        first = PhaseForm(current_phase=project.phase)
        first.validate()
        add_errors(first, invalid.errors, "to_phase")
        return _render_first_page(project, first)
    flash(f"{project.name} has moved to {phase_words(form.to_phase.data).lower()}.", "success")
    return redirect(url_for(".show", project_id=project.id))


def _carried(project: Project, form: PhaseForm) -> ConfirmPhaseForm:
    """The confirmation page's form, carrying the first page's answers."""
    return ConfirmPhaseForm(
        formdata=None,
        current_phase=project.phase,
        data={
            "from_phase": project.phase,
            "to_phase": form.to_phase.data,
            "reason": form.reason.data,
            "next_assessment_due": form.next_assessment_due.data,
            "override_reason": form.override_reason.data,
        },
    )


@bp.route("/<int:project_id>/phase", methods=["GET", "POST"])
@project_rule("phase")
def phase(project: Project):
    if request.method == "GET":
        return _render_first_page(
            project, PhaseForm(current_phase=project.phase, data={"from_phase": project.phase})
        )
    form = PhaseForm(current_phase=project.phase)
    if "change" in request.form:
        # Back from the confirmation page to change an answer: show it as it was.
        return _render_first_page(project, form)
    if conflict := _not_seen(project, form):
        return conflict
    if not form.validate_on_submit():
        return _render_first_page(project, form)
    red = data.red_items(project)
    if needs_confirmation(project.phase, form.to_phase.data, *red.counts):
        return _render_confirmation(project, _carried(project, form), red)
    return _move(project, form, None)


@bp.post("/<int:project_id>/phase/confirm")
@project_rule("phase")
def confirm_phase(project: Project):
    form = ConfirmPhaseForm(current_phase=project.phase)
    if not form.first_page_is_valid() or (form.from_phase.data or None) != project.phase:
        # The carried answers no longer fit: start again from the first page, keeping them.
        first = PhaseForm(current_phase=project.phase)
        if conflict := _not_seen(project, first):
            return conflict
        first.validate()
        return _render_first_page(project, first)

    red = data.red_items(project)
    if not needs_confirmation(project.phase, form.to_phase.data, *red.counts):
        # The red points were dealt with meanwhile, or this is a move back: nothing to override.
        return _move(project, form, None)
    if not form.validate_on_submit():
        return _render_confirmation(project, form, red)
    return _move(project, form, form.override_reason.data)


def _render_confirmation(
    project: Project, form: ConfirmPhaseForm, red: data.RedItems | None = None
):
    form.submit.label.text = f"Move to {phase_words(form.to_phase.data).lower()} anyway"
    red = red or data.red_items(project)
    return render_template(
        "projects/confirm_phase.html",
        project=project,
        form=form,
        red=red,
        overdue_ids=overdue_ids(red.actions, clock.today()),
        red_in_words=red_counts_in_words(*red.counts),
        to_phase=form.to_phase.data,
        drafts=data.drafts_to_withdraw(project.id, project.phase),
    )
