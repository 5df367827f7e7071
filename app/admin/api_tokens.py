"""Administrators issue API tokens to people, see them all, and revoke them."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user
from govuk_frontend_wtf.wtforms_widgets import GovSelect, GovSubmitInput, GovTextInput
from wtforms import SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Length

from app.admin import bp
from app.admin.forms import ConfirmForm
from app.admin.routes import administrators_only, role_words
from app.commands import Invalid, NotFound
from app.commands import api_tokens as commands
from app.data import api_tokens as data
from app.data import scopes
from app.forms import Form
from app.rules.api_tokens import MAX_NAME_LENGTH, scope_words, token_status
from app.rules.ids import parse_id
from app.widgets import choice_list


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class IssueTokenForm(Form):
    person = SelectField(
        "Who is the token for?",
        widget=GovSelect(),
        description="It reads what they may read, in the directorates they are limited to.",
        validate_choice=False,  # the command checks the person, and says so in words
        validators=[DataRequired(message=commands.NO_PERSON)],
    )
    name = StringField(
        "Name",
        widget=GovTextInput(),
        filters=[_strip],
        description="What the token is used for, like “Monthly board dashboard”.",
        validators=[
            DataRequired(message="Enter a name for the token"),
            Length(
                max=MAX_NAME_LENGTH, message=f"Name must be {MAX_NAME_LENGTH} characters or fewer"
            ),
        ],
    )
    submit = SubmitField("Issue token", widget=GovSubmitInput())

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.person.choices = choice_list(
            [("", "Select a person"), *((p.id, f"{p.name} ({p.email})") for p in people)]
        )


def _person_id(value: str | None) -> int | None:
    return parse_id(value)


@bp.get("/api-tokens")
@administrators_only
def api_tokens():
    limits = scopes.scope_names_by_person()
    rows = [
        {
            "token": token,
            "status": token_status(token.revoked_at, token.person.is_active),
            "scope": scope_words(token.person.roles, limits.get(token.person_id)),
        }
        for token in data.tokens_in_order()
    ]
    return render_template("admin/api_tokens.html", rows=rows)


@bp.route("/api-tokens/issue", methods=["GET", "POST"])
@administrators_only
def issue_api_token():
    people = data.people_for_tokens()
    form = IssueTokenForm(people=people)
    if form.validate_on_submit():
        try:
            issued = commands.issue_token(
                current_user.id,
                _person_id(form.person.data),
                form.name.data,
                session_id=current_user.signed_in_session.id,
            )
        except Invalid as error:
            for name, message in error.errors.items():
                getattr(form, name).errors.append(message)
        else:
            # Post/redirect/get: the secret waits on the server, on this signed-in session,
            # for one view of the page that shows it, so reloading that page never issues
            # another token, and the secret is never in the cookie.
            return redirect(url_for("admin.api_token_issued", token_id=issued.token.id))
    return render_template("admin/api_token_form.html", form=form), (400 if form.errors else 200)


@bp.get("/api-tokens/<int:token_id>/issued")
@administrators_only
def api_token_issued(token_id: int):
    """The token just issued, shown once: the secret is let go on the server as it is
    shown. Reloading the page, or coming back to it, says it can no longer be shown."""
    token = data.token_by_id(token_id) or abort(404)
    secret = commands.take_issued_secret(current_user.signed_in_session.id, token.id)
    return render_template(
        "admin/api_token_issued.html",
        token=token,
        secret=secret,
        roles=role_words(token.person.roles),
        scope=scope_words(token.person.roles, scopes.scope_names_by_person().get(token.person_id)),
    )


@bp.route("/api-tokens/<int:token_id>/revoke", methods=["GET", "POST"])
@administrators_only
def revoke_api_token(token_id: int):
    token = data.token_by_id(token_id) or abort(404)
    if token.revoked_at is not None:
        flash(f"The token {token.name} has already been revoked.")
        return redirect(url_for("admin.api_tokens"))
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            commands.revoke_token(current_user.id, token.id)
        except NotFound:
            abort(404)
        flash(
            f"The token {token.name} of {token.person.name} has been revoked. It no longer works.",
            "success",
        )
        return redirect(url_for("admin.api_tokens"))
    form.submit.label.text = "Revoke token"
    return render_template("admin/api_token_revoke.html", form=form, token=token)
