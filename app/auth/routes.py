"""Signing in and out."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user, logout_user

from app.access import public
from app.auth import bp
from app.auth.forms import SignInForm
from app.data import people
from app.extensions import db
from app.rules.links import return_path
from app.rules.sign_in import is_throttled


def _client_address() -> str:
    return request.remote_addr or "unknown"


@bp.route("/sign-in", methods=["GET", "POST"])
@public
def sign_in():
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    form = SignInForm()
    throttled = False
    if form.validate_on_submit():
        email, address = form.email.data, _client_address()
        if is_throttled(people.recent_failures(email, address)):
            throttled = True
        else:
            person = people.person_by_email(email)
            ok = people.password_matches(person, form.password.data) and person.is_active
            people.record_sign_in_attempt(email, address, ok)
            if ok:
                go_to = return_path(request.args.get("next")) or url_for("main.home")
                people.note_signed_in(person)
                db.session.commit()
                session.clear()
                login_user(person)
                return redirect(go_to)
            db.session.commit()
            form.email.errors.append("Enter a correct email address and password")
            form.password.errors.append("Enter a correct email address and password")
    status = 429 if throttled else 200
    return render_template("auth/sign_in.html", form=form, throttled=throttled), status


@bp.post("/sign-out")
@public
def sign_out():
    logout_user()
    session.clear()
    flash("You have signed out.", "success")
    return redirect(url_for("auth.sign_in"))
