"""What the short pages of a point (its artefacts in ``artefacts.py``, its actions in
``plan.py``) do alike: find the thing they change or go back to the point, run one command
and say how it went, handle someone else's change made first, and ask before removing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Response, flash, redirect, render_template

from app.commands import Conflict, Invalid, NotAllowed, NotFound
from app.forms import Form
from app.self_assessment.point_forms import RemoveForm, show_errors
from app.self_assessment.points import point_url, refused

# Someone saved the same point at the very same moment: nothing was saved.
SAVED_AT_THE_SAME_TIME = (
    "Someone else changed this point at the same time, so this was not saved. "
    "Check your answer, then try again"
)


def found_or_back(project, assessment, answer, found: object | None, gone: str):
    """``(found, None)``, or ``(None, a redirect to the point saying it is gone)``: the thing
    a page changes may have been taken off the point meanwhile."""
    if found is None:
        flash(gone)
        return None, redirect(point_url(project, assessment, answer.point.number))
    return found, None


@dataclass(frozen=True)
class Attempt:
    """How one command went: ``response`` to send (done, or refused), or the page again with
    the errors on the form, at ``status`` (409 when someone else's change came first)."""

    response: Response | None = None
    status: int = 200

    @property
    def conflicted(self) -> bool:
        return self.status == 409


def attempt(
    project,
    assessment,
    number: int,
    form: Form,
    run: Callable[[], Any],
    done: Callable[[Any], str],
) -> Attempt:
    """Run the page's one command. Done: say so (``done`` words it from what the command
    returned) and go back to the point. Invalid: its errors go on the form. Not allowed or
    gone: say why where the person can act on it. A conflict is the caller's to show."""
    try:
        result = run()
    except Conflict:
        return Attempt(status=409)
    except Invalid as error:
        show_errors(form, error.errors)
        return Attempt()
    except (NotAllowed, NotFound) as error:
        return Attempt(response=refused(project, assessment, number, error))
    flash(done(result), "success")
    return Attempt(response=redirect(point_url(project, assessment, number)))


def saved_at_the_same_time(form: Form, field: str) -> None:
    show_errors(form, {field: SAVED_AT_THE_SAME_TIME})


def changed_first(form: Form, now: object, version_of: Callable[[Any], str], field: str):
    """After a change page's command met a conflict: ``now`` (the thing as saved now) if
    someone else changed it first, to show beside what this person typed, with the form now
    carrying its version so that saving again goes through; otherwise (it is as this person
    saw it: the point was saved at that very moment) None, and the form says to try again."""
    version = version_of(now)
    if form.version.data != version:
        form.version.data = version
        return now
    saved_at_the_same_time(form, field)
    return None


def remove_page(
    project,
    assessment,
    answer,
    *,
    missing_answer: str,
    question: str,
    hint: str,
    remove: Callable[[], Any],
    done: Callable[[Any], str],
):
    """ "Are you sure?" before taking something off a point: no goes back to the point, yes
    runs ``remove`` (one command) and says ``done``."""
    number = answer.point.number
    form = RemoveForm()
    form.missing_answer = missing_answer
    status = 200
    if form.validate_on_submit():
        if form.confirm.data != "yes":
            return redirect(point_url(project, assessment, number))
        outcome = attempt(project, assessment, number, form, remove, done)
        if outcome.response is not None:
            return outcome.response
        if outcome.conflicted:
            saved_at_the_same_time(form, "confirm")
        status = outcome.status
    return render_template(
        "self_assessment/confirm_remove.html",
        project=project,
        assessment=assessment,
        answer=answer,
        form=form,
        question=question,
        hint=hint,
    ), status
