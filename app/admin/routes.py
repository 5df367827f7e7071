"""Administrators manage people: add them, change their roles, deactivate them."""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from app.access import role_required
from app.admin import bp
from app.admin.forms import AddPersonForm, ConfirmForm, EditPersonForm
from app.commands import Invalid, NotAllowed
from app.commands import people as people_commands
from app.data import people, scopes
from app.data.projects import directorates_in_order
from app.models import Person
from app.rules.permissions import ROLE_LABELS, Role, may_deactivate, scope_applies

administrators_only = role_required(Role.ADMINISTRATOR)


@dataclass(frozen=True)
class PersonRow:
    person: Person
    roles_text: str
    may_deactivate: bool


def role_words(roles: set[str]) -> str:
    """Roles in words, in order; a value the service does not know is shown as it is."""
    return ", ".join(ROLE_LABELS.get(role, role) for role in sorted(roles))


def _person_or_404(person_id: int) -> Person:
    return people.person_by_id(person_id) or abort(404)


def _email_taken_by_other(person_id: int | None):
    def taken(email: str) -> bool:
        existing = people.person_by_email(email or "")
        return existing is not None and existing.id != person_id

    return taken


def _show_errors(form, error: Invalid) -> None:
    for name, message in error.errors.items():
        field = getattr(form, name, None)
        (field.errors if field is not None else form.form_errors).append(message)


def _roles_text(person: Person, limited_to: list[str] | None) -> str:
    """Their roles in words, and the directorates they see if they are limited to some."""
    words = role_words(person.roles) + (" (can lead a panel)" if person.can_lead else "")
    if limited_to and scope_applies(person.roles):
        words = f"{words or 'No role'}. Sees only: {', '.join(limited_to)}"
    return words


@bp.get("/people")
@administrators_only
def people_list():
    limits = scopes.scope_names_by_person()
    rows = [
        PersonRow(
            person=person,
            roles_text=_roles_text(person, limits.get(person.id)),
            may_deactivate=person.is_active and may_deactivate(current_user.id, person.id),
        )
        for person in people.people_in_order()
    ]
    return render_template("admin/people.html", people_rows=rows)


@bp.route("/people/add", methods=["GET", "POST"])
@administrators_only
def add_person():
    form = AddPersonForm(
        email_taken=_email_taken_by_other(None),
        directorates=[(d.id, d.name) for d in directorates_in_order()],
    )
    if form.validate_on_submit():
        try:
            person = people_commands.add_person(
                current_user.id,
                form.name.data,
                form.email.data,
                form.roles.data or [],
                form.password.data,
                can_lead=bool(form.can_lead.data),
                directorate_ids=form.directorate_ids(),
            )
        except Invalid as error:
            _show_errors(form, error)
        else:
            flash(
                f"{person.name} has been added. Give them their password privately: "
                "they will choose their own when they first sign in.",
                "success",
            )
            return redirect(url_for("admin.people_list"))
    return render_template("admin/person_form.html", form=form, person=None, limitable=True)


@bp.route("/people/<int:person_id>/edit", methods=["GET", "POST"])
@administrators_only
def edit_person(person_id: int):
    person = _person_or_404(person_id)
    form = EditPersonForm(
        obj=person,
        email_taken=_email_taken_by_other(person.id),
        directorates=[(d.id, d.name) for d in directorates_in_order()],
    )
    # Administrators always see the whole programme: they are not offered a limit.
    limitable = scope_applies(person.roles)
    if not form.is_submitted():
        form.roles.data = sorted(person.roles)
        form.directorates.data = [str(i) for i in scopes.scope_rows_of(person.id)]
    if not limitable:
        form.directorates.data = []
    if form.validate_on_submit():
        try:
            people_commands.edit_person(
                current_user.id,
                person.id,
                form.name.data,
                form.email.data,
                form.roles.data or [],
                form.password.data or None,
                can_lead=bool(form.can_lead.data),
                directorate_ids=form.directorate_ids(),
            )
        except Invalid as error:
            _show_errors(form, error)
        else:
            flash(f"Changes to {person.name} have been saved.", "success")
            return redirect(url_for("admin.people_list"))
    return render_template("admin/person_form.html", form=form, person=person, limitable=limitable)


@bp.route("/people/<int:person_id>/deactivate", methods=["GET", "POST"])
@administrators_only
def deactivate_person(person_id: int):
    person = _person_or_404(person_id)
    if not may_deactivate(current_user.id, person.id):
        abort(403)
    return _confirm_active(person, active=False)


@bp.route("/people/<int:person_id>/reactivate", methods=["GET", "POST"])
@administrators_only
def reactivate_person(person_id: int):
    person = _person_or_404(person_id)
    return _confirm_active(person, active=True)


def _confirm_active(person: Person, active: bool):
    form = ConfirmForm()
    if person.is_active == active:
        return redirect(url_for("admin.people_list"))
    if form.validate_on_submit():
        try:
            people_commands.set_active(current_user.id, person.id, active)
        except NotAllowed:
            abort(403)
        if active:
            flash(f"{person.name} can sign in again.", "success")
        else:
            flash(f"{person.name} has been deactivated and can no longer sign in.", "success")
        return redirect(url_for("admin.people_list"))
    form.submit.label.text = "Reactivate account" if active else "Deactivate account"
    return render_template("admin/confirm_active.html", form=form, person=person, active=active)
