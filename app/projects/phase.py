"""Moving a project to another phase: where to and why, then, if red points stand in the way,
a confirmation with a reason for moving on anyway.

The first page's answers travel to the second in hidden fields, so the journey
works without JavaScript, in several tabs at once, and without filling the
session cookie with what people typed.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy.orm.exc import StaleDataError

from app import clock
from app.access import project_rule
from app.data import projects as data
from app.extensions import db
from app.models import Project
from app.projects import bp
from app.projects.forms import ConfirmPhaseForm, PhaseForm
from app.rules.actions import overdue_ids
from app.rules.phase_moves import needs_confirmation, red_counts_in_words
from app.rules.projects import phase_words


def _moved_meanwhile(form: PhaseForm, project: Project) -> bool:
    """Someone else moved the project since this person opened the first page."""
    if form.from_phase.data == project.phase:
        return False
    form.from_phase.data = project.phase
    # Set rather than appended: the form has not been validated, so errors is still a tuple.
    form.to_phase.errors = [
        f"Someone else has moved this project to {phase_words(project.phase).lower()} "
        "since you started. Check the phase you want and continue again"
    ]
    return True


def _render_first_page(project: Project, form: PhaseForm):
    return render_template(
        "projects/phase.html",
        project=project,
        form=form,
        drafts=data.drafts_to_withdraw(project.id, project.phase),
    )


def _move(project: Project, to_phase: str, reason: str, override_reason: str | None):
    try:
        data.move_phase(project, to_phase, reason, override_reason, current_user.id)
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        flash("Someone else changed the project at the same moment. Check its phase and try again.")
        return redirect(url_for(".show", project_id=project.id))
    flash(f"{project.name} has moved to {phase_words(to_phase).lower()}.", "success")
    return redirect(url_for(".show", project_id=project.id))


@bp.route("/<int:project_id>/phase", methods=["GET", "POST"])
@project_rule("phase")
def phase(project: Project):
    form = PhaseForm(current_phase=project.phase, data={"from_phase": project.phase})
    if request.method == "POST" and "change" in request.form:
        # Back from the confirmation page to change an answer: show it as it was.
        return _render_first_page(project, form)
    if not form.is_submitted() or _moved_meanwhile(form, project) or not form.validate():
        return _render_first_page(project, form)

    red = data.red_items(project)
    if not needs_confirmation(project.phase, form.to_phase.data, *red.counts):
        return _move(project, form.to_phase.data, form.reason.data, None)
    confirm = ConfirmPhaseForm(
        formdata=None,
        current_phase=project.phase,
        data={
            "from_phase": project.phase,
            "to_phase": form.to_phase.data,
            "reason": form.reason.data,
            "override_reason": form.override_reason.data,
        },
    )
    return _render_confirmation(project, confirm, red)


@bp.post("/<int:project_id>/phase/confirm")
@project_rule("phase")
def confirm_phase(project: Project):
    form = ConfirmPhaseForm(current_phase=project.phase)
    if not form.first_page_is_valid() or form.from_phase.data != project.phase:
        # The carried answers no longer fit: start again from the first page, keeping them.
        first = PhaseForm(current_phase=project.phase)
        if not _moved_meanwhile(first, project):
            first.validate()
        return _render_first_page(project, first)

    red = data.red_items(project)
    if not needs_confirmation(project.phase, form.to_phase.data, *red.counts):
        # The red points were dealt with meanwhile, or this is a move back: nothing to override.
        return _move(project, form.to_phase.data, form.reason.data, None)
    if not form.validate_on_submit():
        return _render_confirmation(project, form, red)
    return _move(project, form.to_phase.data, form.reason.data, form.override_reason.data)


def _render_confirmation(project: Project, form: ConfirmPhaseForm, red: data.RedItems):
    form.submit.label.text = f"Move to {phase_words(form.to_phase.data).lower()} anyway"
    today = clock.today()
    return render_template(
        "projects/confirm_phase.html",
        project=project,
        form=form,
        red=red,
        overdue_ids=overdue_ids(red.actions, today),
        red_in_words=red_counts_in_words(*red.counts),
        to_phase=form.to_phase.data,
        drafts=data.drafts_to_withdraw(project.id, project.phase),
    )
