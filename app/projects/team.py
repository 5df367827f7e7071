"""A project's team: who is in it, adding people, changing their role, removing them."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from app.access import current_scope, project_rule
from app.commands import Invalid, NotAllowed, NotFound
from app.commands import projects as commands
from app.data import teams
from app.data.people import person_by_email
from app.models import Project, TeamMembership
from app.projects import bp
from app.projects.forms import AddMemberForm, RemoveMemberForm, TeamRoleForm, add_errors
from app.rules.permissions import can_manage_people, can_manage_project, can_read_project
from app.rules.teams import last_owner_message, team_change_problem, team_role_label


@bp.get("/<int:project_id>/team")
@project_rule("read")
def team(project: Project):
    return render_template(
        "projects/team.html", project=project, members=teams.team_members(project.id)
    )


@bp.route("/<int:project_id>/team/add", methods=["GET", "POST"])
@project_rule("manage")
def add_member(project: Project):
    may_add_people = can_manage_people(current_user.roles)
    form = AddMemberForm(
        find_person=person_by_email,
        team=teams.team_roles(project.id),
        may_add_people=may_add_people,
    )
    if form.validate_on_submit():
        person = form.person
        try:
            commands.add_team_member(current_user, project.id, person.id, form.team_role.data)
        except Invalid as invalid:  # added by someone else a moment ago, for example
            add_errors(form, invalid.errors, "email")
        else:
            role = team_role_label(form.team_role.data).lower()
            flash(f"{person.name} has been added to the team as {role}.", "success")
            return redirect(url_for(".team", project_id=project.id))
    return render_template(
        "projects/add_member.html",
        project=project,
        form=form,
        # Someone who may add people is linked to doing it; anyone else asks an administrator.
        add_person_href=url_for("admin.add_person") if may_add_people else None,
    )


def _member(project: Project, person_id: int) -> TeamMembership:
    return teams.membership(project.id, person_id) or abort(404)


def _after_own_change(project: Project, team_role: str | None):
    """Where to go once the person has changed their own place in the team."""
    if can_manage_project(current_user.roles, team_role):
        return redirect(url_for(".team", project_id=project.id))
    if can_read_project(current_user.roles, team_role, project.directorate_id, current_scope()):
        return redirect(url_for(".show", project_id=project.id))
    return redirect(url_for("main.home"))


@bp.route("/<int:project_id>/team/<int:person_id>/role", methods=["GET", "POST"])
@project_rule("manage")
def change_role(project: Project, person_id: int):
    member = _member(project, person_id)
    name = member.person.name
    form = TeamRoleForm(data={"team_role": member.team_role})
    if form.validate_on_submit():
        new_role = form.team_role.data
        try:
            changed = commands.change_team_role(current_user, project.id, person_id, new_role)
        except NotFound:
            abort(404)
        except Invalid as invalid:
            add_errors(form, invalid.errors, "team_role")
        else:
            if changed:
                flash(f"{name} is now {team_role_label(new_role).lower()}.", "success")
            if person_id == current_user.id:
                return _after_own_change(project, new_role)
            return redirect(url_for(".team", project_id=project.id))
    return render_template("projects/change_role.html", project=project, member=member, form=form)


@bp.route("/<int:project_id>/team/<int:person_id>/remove", methods=["GET", "POST"])
@project_rule("manage")
def remove_member(project: Project, person_id: int):
    member = _member(project, person_id)
    name = member.person.name
    form = RemoveMemberForm()
    problem = None
    if form.validate_on_submit():
        try:
            commands.remove_team_member(current_user, project.id, person_id)
        except NotFound:
            abort(404)
        except NotAllowed as refusal:
            problem = refusal.message
        else:
            flash(f"{name} has been removed from the team.", "success")
            if person_id == current_user.id:
                return _after_own_change(project, None)
            return redirect(url_for(".team", project_id=project.id))
    elif team_change_problem(teams.team_roles(project.id), person_id, None):
        problem = last_owner_message(name, removing=True)
    return render_template(
        "projects/remove_member.html",
        project=project,
        member=member,
        form=form,
        problem=problem,
    )
