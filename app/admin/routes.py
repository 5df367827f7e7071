"""Administrators manage people: add them, change their roles, deactivate them."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from app.access import role_required
from app.admin import bp
from app.admin.forms import AddPersonForm, ConfirmForm, EditPersonForm
from app.data import people
from app.extensions import db
from app.models import Person
from app.rules.permissions import Role, may_change_roles, may_deactivate

administrators_only = role_required(Role.ADMINISTRATOR)


def _person_or_404(person_id: int) -> Person:
    return db.session.get(Person, person_id) or abort(404)


def _email_taken_by_other(person_id: int | None):
    def taken(email: str) -> bool:
        existing = people.person_by_email(email or "")
        return existing is not None and existing.id != person_id

    return taken


@bp.get("/people")
@administrators_only
def people_list():
    return render_template("admin/people.html", people=people.people_in_order())


@bp.route("/people/add", methods=["GET", "POST"])
@administrators_only
def add_person():
    form = AddPersonForm(email_taken=_email_taken_by_other(None))
    if form.validate_on_submit():
        person = people.create_person(
            form.name.data,
            form.email.data,
            form.roles.data or [],
            form.password.data,
            actor_id=current_user.id,
        )
        db.session.commit()
        flash(f"{person.name} has been added. Give them their password privately.", "success")
        return redirect(url_for("admin.people_list"))
    return render_template("admin/person_form.html", form=form, person=None)


@bp.route("/people/<int:person_id>/edit", methods=["GET", "POST"])
@administrators_only
def edit_person(person_id: int):
    person = _person_or_404(person_id)
    form = EditPersonForm(obj=person, email_taken=_email_taken_by_other(person.id))
    if not form.is_submitted():
        form.roles.data = sorted(person.roles)
    if form.validate_on_submit():
        roles = form.roles.data or []
        if not may_change_roles(current_user.id, person.id, roles):
            form.roles.errors.append("You cannot remove the administrator role from yourself")
        else:
            people.update_person(person, form.name.data, form.email.data, roles, current_user.id)
            if form.password.data:
                people.set_password(person, form.password.data, current_user.id)
            db.session.commit()
            flash(f"Changes to {person.name} have been saved.", "success")
            return redirect(url_for("admin.people_list"))
    return render_template("admin/person_form.html", form=form, person=person)


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
        people.set_active(person, active, current_user.id)
        db.session.commit()
        if active:
            flash(f"{person.name} can sign in again.", "success")
        else:
            flash(f"{person.name} has been deactivated and can no longer sign in.", "success")
        return redirect(url_for("admin.people_list"))
    form.submit.label.text = "Reactivate account" if active else "Deactivate account"
    return render_template("admin/confirm_active.html", form=form, person=person, active=active)
