"""The pages that add an artefact to a point, attach one the project already has, change
one and take one off the point. Each page has one form and one main button; each change
is one command (what these pages do alike is in ``point_pages.py``)."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from app import clock
from app.access import project_rule
from app.commands import points as commands
from app.data import artefacts as artefact_data
from app.rules.evidence import ARTEFACT_TITLE_LIMIT
from app.rules.self_assessment import team_can_edit
from app.rules.text import quoted_in_a_sentence
from app.self_assessment import bp
from app.self_assessment.point_forms import ArtefactForm, AttachArtefactForm
from app.self_assessment.point_pages import (
    attempt,
    changed_first,
    found_or_back,
    remove_page,
    saved_at_the_same_time,
)
from app.self_assessment.points import editable_point, point_ref
from app.templating import format_date

_POINT = "/<int:assessment_id>/points/<int:number>"
GONE = "That artefact is no longer on this point."


def _artefact_form(formdata=True) -> ArtefactForm:
    form = ArtefactForm() if formdata else ArtefactForm(formdata=None)
    form.dated.description = (
        f"When it was written or last updated. For example, 27 3 {clock.today().year}"
    )
    return form


def _artefact_choice(artefact) -> tuple[int, str]:
    # Dates as every page shows them: 12 July 2026.
    label = (
        f"{artefact.title} ({format_date(artefact.dated)})" if artefact.dated else artefact.title
    )
    return artefact.id, label


@bp.route(f"{_POINT}/artefacts/add", methods=["GET", "POST"])
@project_rule("team")
def add_artefact(project, assessment_id: int, number: int):
    assessment, answer, refusal = editable_point(project, assessment_id, number)
    if refusal is not None:
        return refusal
    form = _artefact_form()
    status = 200
    if form.validate_on_submit():
        outcome = attempt(
            project,
            assessment,
            number,
            form,
            lambda: commands.add_artefact(
                point_ref(project, assessment, number),
                current_user.id,
                form.title.data,
                form.url.data,
                form.kind.data,
                form.dated.data,
            ),
            lambda artefact: f"Artefact “{artefact.title}” added to point {number}.",
        )
        if outcome.response is not None:
            return outcome.response
        if outcome.conflicted:
            saved_at_the_same_time(form, "title")
        status = outcome.status
    linked = {link.artefact_id for link in answer.artefact_links}
    return render_template(
        "self_assessment/artefact.html",
        project=project,
        assessment=assessment,
        answer=answer,
        form=form,
        heading="Add an artefact",
        attachable=any(a.id not in linked for a in artefact_data.project_artefacts(project.id)),
    ), status


@bp.route(f"{_POINT}/artefacts/attach", methods=["GET", "POST"])
@project_rule("team")
def attach_artefact(project, assessment_id: int, number: int):
    assessment, answer, refusal = editable_point(project, assessment_id, number)
    if refusal is not None:
        return refusal
    linked = {link.artefact_id for link in answer.artefact_links}
    choices = [
        _artefact_choice(artefact)
        for artefact in artefact_data.project_artefacts(project.id)
        if artefact.id not in linked
    ]
    if not choices:
        flash("Every artefact the project already has supports this point.")
        return redirect(
            url_for(
                ".add_artefact", project_id=project.id, assessment_id=assessment.id, number=number
            )
        )
    form = AttachArtefactForm()
    form.set_choices(choices)
    status = 200
    if form.validate_on_submit():
        outcome = attempt(
            project,
            assessment,
            number,
            form,
            lambda: commands.attach_artefact(
                point_ref(project, assessment, number), current_user.id, form.artefact_id
            ),
            lambda artefact: f"Artefact “{artefact.title}” now supports point {number}.",
        )
        if outcome.response is not None:
            return outcome.response
        if outcome.conflicted:
            saved_at_the_same_time(form, "artefact")
        status = outcome.status
    return render_template(
        "self_assessment/artefact_attach.html",
        project=project,
        assessment=assessment,
        answer=answer,
        form=form,
    ), status


def _link_or_back(project, assessment, answer, link_id: int):
    found = artefact_data.artefact_link(answer, link_id)
    return found_or_back(project, assessment, answer, found, GONE)


@bp.route(f"{_POINT}/artefacts/<int:link_id>/change", methods=["GET", "POST"])
@project_rule("team")
def change_artefact(project, assessment_id: int, number: int, link_id: int):
    assessment, answer, refusal = editable_point(project, assessment_id, number)
    if refusal is not None:
        return refusal
    link, gone = _link_or_back(project, assessment, answer, link_id)
    if gone is not None:
        return gone
    artefact = link.artefact
    form = _artefact_form()
    form.submit.label.text = "Save changes"
    status, conflict = 200, None
    if not form.is_submitted():
        form.version.data = commands.artefact_version(artefact)
        form.title.data, form.url.data = artefact.title, artefact.url
        form.kind.data, form.dated.data = artefact.kind, artefact.dated
    elif form.validate():
        outcome = attempt(
            project,
            assessment,
            number,
            form,
            lambda: commands.change_artefact(
                point_ref(project, assessment, number),
                current_user.id,
                link_id,
                form.title.data,
                form.url.data,
                form.kind.data,
                form.dated.data,
                form.version.data,
            ),
            lambda _: f"Artefact “{form.title.data.strip()}” changed.",
        )
        if outcome.response is not None:
            return outcome.response
        if outcome.conflicted:
            # Someone changed it first (or saved the point at the same moment): keep what
            # this person typed, against the artefact as it is now.
            link, gone = _link_or_back(project, assessment, answer, link_id)
            if gone is not None:
                return gone
            artefact = link.artefact
            conflict = changed_first(form, artefact, commands.artefact_version, "title")
        status = outcome.status
    return render_template(
        "self_assessment/artefact.html",
        project=project,
        assessment=assessment,
        answer=answer,
        form=form,
        heading="Change an artefact",
        other_points=artefact_data.other_points_supported(artefact.id, answer),
        kept_as_it_was=any(
            not team_can_edit(status) for status in artefact_data.statuses_linking(artefact.id)
        ),
        conflict=conflict,
    ), status


@bp.route(f"{_POINT}/artefacts/<int:link_id>/remove", methods=["GET", "POST"])
@project_rule("team")
def remove_artefact(project, assessment_id: int, number: int, link_id: int):
    assessment, answer, refusal = editable_point(project, assessment_id, number)
    if refusal is not None:
        return refusal
    link, gone = _link_or_back(project, assessment, answer, link_id)
    if gone is not None:
        return gone
    title = quoted_in_a_sentence(link.artefact.title, ARTEFACT_TITLE_LIMIT)
    return remove_page(
        project,
        assessment,
        answer,
        missing_answer=f"Select yes if you want to remove “{title}” from this point",
        question=f"Are you sure you want to remove “{title}” from point {number}?",
        hint="The project keeps the artefact, so you can attach it to this point again.",
        remove=lambda: commands.remove_artefact(
            point_ref(project, assessment, number), current_user.id, link_id
        ),
        done=lambda _: f"Artefact “{title}” removed from point {number}.",
    )
