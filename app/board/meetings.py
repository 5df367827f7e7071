"""The board's meetings: the list (organisers and administrators record a date), what changed
since the meeting before, and the board pack that prints on A4.

Figures as at a meeting are taken once, on or after its day (when anyone opens it, when it is
recorded late, or by ``flask board figures`` run daily), and never changed afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import click
from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_login import current_user
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput
from wtforms import SubmitField

from app import clock
from app.access import role_required
from app.board import bp
from app.board.helpers import allowed, board_pages
from app.clock import uk_date
from app.commands import Invalid, NotAllowed
from app.commands import board as commands
from app.data import meetings as data
from app.data.board import arranged_among_due, portfolio_rows
from app.forms import Form
from app.models import BoardMeeting
from app.rules import board_meetings as rules
from app.rules.permissions import Role
from app.rules.portfolio import BOARD_OVERALL_LABELS, STAGE_LABELS
from app.rules.portfolio_changes import BoardChanges, changes_since, scoped_snapshot, snapshot
from app.rules.portfolio_figures import headline_figures, kept_headlines
from app.widgets import GovDateField

organisers = role_required(Role.ORGANISER, Role.ADMINISTRATOR)


class MeetingForm(Form):
    held_on = GovDateField(
        rules.DATE_NOUN, noun=rules.DATE_NOUN, description="For example, 14 1 2027"
    )
    submit = SubmitField("Record the meeting", widget=GovSubmitInput())


class RemoveForm(Form):
    submit = SubmitField("Remove the meeting", widget=GovSubmitInput())


def _stale_after() -> int:
    return current_app.config["STALE_AFTER_MONTHS"]


def _may_record() -> bool:
    return rules.may_record_meetings(current_user.roles)


# --- The list, and recording a meeting ---------------------------------------------------------


def _list_page(form: MeetingForm):
    return render_template(
        "board/meetings.html",
        meetings=data.meetings_newest_first(),
        form=form if _may_record() else None,
        today=clock.today(),
    )


@bp.get("/meetings")
@board_pages
def meetings():
    return _list_page(MeetingForm())


@bp.post("/meetings")
@organisers
def record_meeting():
    form = MeetingForm()
    if form.validate_on_submit():
        try:
            meeting = commands.record_meeting(
                current_user.id,
                current_user.roles,
                form.held_on.data,
                clock.today(),
                _stale_after(),
            )
        except Invalid as invalid:
            form.held_on.errors = [*form.held_on.errors, *invalid.errors.values()]
        else:
            flash(f"Board meeting on {meeting.held_on:%-d %B %Y} recorded", "success")
            return redirect(url_for(".meeting", meeting_id=meeting.id))
    return _list_page(form)


# --- One meeting: what changed since the one before ----------------------------------------------


@dataclass(frozen=True)
class Compared:
    """What the meeting page and the pack say about what changed."""

    meeting: BoardMeeting
    earlier: BoardMeeting | None
    next_day: date | None  # the day of the next meeting after this one
    changes: BoardChanges | None  # None: nothing to compare with
    live: bool  # the meeting is still to come: compared with the figures as they are today
    today: date
    actions: dict[int, str]  # descriptions of the actions the changes name


def _meeting_or_404(meeting_id: int) -> BoardMeeting:
    meeting = data.meeting_by_id(meeting_id)
    if meeting is None:
        abort(404)
    today = clock.today()
    if meeting.figures_taken_at is None and rules.has_happened(meeting.held_on, today):
        commands.take_meeting_figures(meeting.id, current_user.id, today, _stale_after())
        meeting = data.meeting_by_id(meeting_id)
    return meeting


def _compare(meeting: BoardMeeting, scope, live_rows, today: date) -> Compared:
    before, after = rules.neighbours(meeting.held_on, data.meeting_days())
    earlier = data.meeting_on(before)
    live = meeting.figures_taken_at is None
    these = snapshot(live_rows, today) if live else scoped_snapshot(meeting.figures or {}, scope)
    changes = None
    if earlier is not None and earlier.figures_taken_at is not None:
        changes = changes_since(scoped_snapshot(earlier.figures or {}, scope), these)
    named = (
        {change.action_id for change in changes.actions_closed + changes.actions_newly_overdue}
        if changes
        else set()
    )
    return Compared(
        meeting=meeting,
        earlier=earlier,
        next_day=after,
        changes=changes,
        live=live,
        today=today,
        actions=data.action_descriptions(named),
    )


@bp.get("/meetings/<int:meeting_id>")
@board_pages
def meeting(meeting_id: int):
    found = _meeting_or_404(meeting_id)
    today = clock.today()
    scope = allowed()
    live = found.figures_taken_at is None
    live_rows = portfolio_rows(scope, today, _stale_after()) if live else []
    compared = _compare(found, scope, live_rows, today)
    return render_template(
        "board/meeting.html",
        compared=compared,
        may_remove=_may_record() and rules.may_remove(found.held_on, data.kept_meeting_days()),
        scoped=scope is not None,
        taken_late=rules.taken_late(
            found.held_on, uk_date(found.figures_taken_at) if found.figures_taken_at else None
        ),
    )


# --- The board pack ------------------------------------------------------------------------------


@bp.get("/meetings/<int:meeting_id>/pack")
@board_pages
def pack(meeting_id: int):
    found = _meeting_or_404(meeting_id)
    today = clock.today()
    scope = allowed()
    rows = portfolio_rows(scope, today, _stale_after())
    compared = _compare(found, scope, rows, today)
    actions = data.open_actions(scope)
    window = rules.due_window(today, compared.next_day)
    # The headline figures kept at the meeting, once its day has come; until then, today's.
    kept = None if compared.live else kept_headlines((found.figures or {}).get("headlines"), scope)
    return render_template(
        "board/pack.html",
        compared=compared,
        figures=kept or headline_figures(rows, today, arranged=arranged_among_due(rows, today)),
        figures_kept=kept is not None,
        red_points=rules.red_points(rows, actions),
        overdue_actions=rules.overdue_actions(rows, actions, today),
        assessments_overdue=rules.assessments_overdue(rows),
        reports_overdue=rules.reports_overdue(rows),
        window=window,
        assessments_due=rules.assessments_due(rows, window),
        days_overdue=rules.days_overdue,
        stage_labels=STAGE_LABELS,
        overall_labels=BOARD_OVERALL_LABELS,
        scoped=scope is not None,
    )


# --- Removing a meeting recorded by mistake ---------------------------------------------------


def _removable(meeting_id: int) -> BoardMeeting:
    meeting = data.meeting_by_id(meeting_id)
    if meeting is None:
        abort(404)
    return meeting


@bp.route("/meetings/<int:meeting_id>/remove", methods=["GET", "POST"])
@organisers
def remove_meeting(meeting_id: int):
    meeting = _removable(meeting_id)
    today = clock.today()
    form = RemoveForm()
    problem = None
    if not rules.may_remove(meeting.held_on, data.kept_meeting_days()):
        problem = commands.LATER_MEETING_KEPT
    elif form.validate_on_submit():
        try:
            held_on = commands.remove_meeting(
                current_user.id, current_user.roles, meeting.id, today
            )
        except NotAllowed as refused:
            problem = refused.message
        else:
            flash(f"Board meeting on {held_on:%-d %B %Y} removed", "success")
            return redirect(url_for(".meetings"))
    return render_template(
        "board/remove_meeting.html",
        meeting=meeting,
        form=form,
        problem=problem,
        loses_figures=rules.removal_loses_figures(
            meeting.held_on, today, meeting.figures_taken_at is not None
        ),
    )


# --- The daily task ------------------------------------------------------------------------------


@bp.cli.command("figures")
def take_figures() -> None:
    """Take the portfolio's figures for every board meeting whose day has come (run daily)."""
    taken = commands.take_due_figures(clock.today(), current_app.config["STALE_AFTER_MONTHS"])
    if not taken:
        click.echo("No board meeting needed its figures taken.")
    for day in taken:
        click.echo(f"Took the figures as at the board meeting on {day:%-d %B %Y}.")
