"""Signing in and out, changing your own password, and staying signed in."""

from __future__ import annotations

from flask import flash, jsonify, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user, logout_user

from app.access import public, signed_in
from app.auth import bp
from app.auth.forms import ChangePasswordForm, SignInForm
from app.commands import Invalid, sessions
from app.commands import people as people_commands
from app.rules.links import return_path
from app.rules.permissions import starts_on_portfolio
from app.security import session_seconds_left, start_session_clock


def home_for(roles) -> str:
    """Where someone lands after signing in, unless they asked for a page."""
    return url_for("board.home" if starts_on_portfolio(roles) else "main.home")


def _client_address() -> str:
    # Behind TRUSTED_PROXIES proxies, ProxyFix has put the client's own address here.
    return request.remote_addr or "unknown"


def _user_agent() -> str | None:
    return request.user_agent.string or None


@bp.route("/sign-in", methods=["GET", "POST"])
@public
def sign_in():
    if current_user.is_authenticated:
        return redirect(home_for(current_user.roles))
    form = SignInForm()
    throttled = False
    if form.validate_on_submit():
        result = sessions.sign_in(
            form.email.data, form.password.data, _client_address(), _user_agent()
        )
        throttled = result.throttled
        if result.succeeded:
            person = result.person
            # Work this person sent after their session timed out, in this browser: back to
            # its page. Someone else's is left where it is, out of their reach.
            kept_token = session.get("kept_work")
            kept = sessions.kept_work_for(kept_token, person.id) if kept_token else None
            if kept is not None:
                go_to = kept.path
            else:
                kept_token = None
                go_to = return_path(request.args.get("next")) or home_for(person.roles)
            session.clear()
            login_user(person)
            start_session_clock()
            if kept_token:
                session["kept_work"] = kept_token
            if person.password_must_change:
                session["after_password"] = go_to
                return redirect(url_for("auth.change_password"))
            return redirect(go_to)
        if not throttled:
            form.email.errors.append("Enter a correct email address and password")
            form.password.errors.append("Enter a correct email address and password")
    status = 429 if throttled else 200
    return render_template("auth/sign_in.html", form=form, throttled=throttled), status


@bp.post("/sign-out")
@public
def sign_out():
    if current_user.is_authenticated:
        # This browser's session only: the person stays signed in wherever else they are.
        sessions.end_session(current_user.signed_in_session.id)
    logout_user()
    session.clear()
    flash("You have signed out.", "success")
    return redirect(url_for("auth.sign_in"))


@bp.route("/account/password", methods=["GET", "POST"])
@signed_in
def change_password():
    must_change = current_user.password_must_change
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            person = people_commands.change_own_password(
                current_user.id,
                form.current_password.data,
                form.new_password.data,
                _user_agent(),
            )
        except Invalid as error:
            _add_errors(form, error.errors)
        else:
            # The new password ended every session the person had: this browser carries on
            # in the new one the command started.
            go_to = session.pop("after_password", None) or home_for(person.roles)
            kept_token = session.get("kept_work")
            session.clear()
            login_user(person)
            start_session_clock()
            if kept_token:
                session["kept_work"] = kept_token
            flash("Your password has been changed.", "success")
            return redirect(go_to)
    elif form.is_submitted() and not form.csrf_token.errors:
        # Something is wrong already: say at once whatever else is (a wrong current password
        # too), not one mistake a try.
        _add_errors(
            form,
            people_commands.own_password_problems(
                current_user.id, form.current_password.data, form.new_password.data
            ),
        )
    return render_template("auth/change_password.html", form=form, must_change=must_change)


def _add_errors(form, errors: dict[str, str]) -> None:
    """A command's errors on the form's fields, beside the form's own: one a field, the
    form's first (GOV.UK shows one message for each field)."""
    for name, message in errors.items():
        field = getattr(form, name)
        if not field.errors:
            field.errors = [*field.errors, message]


@bp.post("/session/keep-alive")
@public
def keep_alive():
    """'Stay signed in' on the timeout warning. Any request a signed-in session makes
    counts as activity, so this one only has to arrive (with its CSRF token)."""
    if not current_user.is_authenticated:
        return jsonify(signed_in=False), 401
    return jsonify(signed_in=True, seconds_left=session_seconds_left())
