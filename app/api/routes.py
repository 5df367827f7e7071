"""The API's routes. Each reads what the token holder may read, within their directorate
scope, and answers with JSON."""

from __future__ import annotations

import json

from flask import abort, current_app, g, jsonify, request

from app import clock
from app.access import api_access, public
from app.api import answers, bp
from app.api.openapi import openapi_document
from app.data import api as data
from app.data.board import directorates, portfolio_rows, scope_of
from app.data.projects import project_and_team_role
from app.data.ratings import point_ratings
from app.data.reports import (
    abilities_of,
    assessment_for_report,
    load_report,
    published_reports,
    published_results,
    readable_reports_of_project,
)
from app.models import Person
from app.reports.downloads import as_json
from app.reports.helpers import words_for
from app.rules.actions import ActionStatus, is_overdue
from app.rules.ids import parse_id
from app.rules.permissions import can_read_all_projects, can_read_project, can_view_portfolio
from app.rules.portfolio import in_scope
from app.rules.portfolio_figures import headline_figures
from app.rules.self_assessment import AssessmentKind

ACTION_STATUSES = {status.value for status in ActionStatus}
TRUE_WORDS = {"true": True, "false": False}


def _person() -> Person:
    return g.api_person


def _rows(person: Person, only=None):
    return portfolio_rows(
        scope_of(person.id), clock.today(), current_app.config["STALE_AFTER_MONTHS"], only
    )


def _readable(person: Person):
    """The ids of the projects the person reads, within their scope (a query)."""
    return data.readable_project_ids(
        person.id, can_read_all_projects(person.roles), scope_of(person.id)
    )


def _readable_project(project_id: int):
    """The project, if the person may read it: 404 if there is none, 403 if they may
    not read it or it is outside the directorates they are limited to."""
    person = _person()
    project, team_role = project_and_team_role(project_id, person.id)
    if project is None:
        abort(404)
    if not can_read_project(person.roles, team_role, project.directorate_id, scope_of(person.id)):
        abort(403)
    return project


@bp.get("/portfolio")
@api_access()
def portfolio():
    """The headline figures and every project's row, as the board's pages show them."""
    person = _person()
    if not can_view_portfolio(person.roles):
        abort(403)
    allowed = scope_of(person.id)
    today = clock.today()
    rows = portfolio_rows(allowed, today, current_app.config["STALE_AFTER_MONTHS"])
    return jsonify(
        {
            "as_at": today.isoformat(),
            "stale_after_months": current_app.config["STALE_AFTER_MONTHS"],
            "directorate_scope": answers.directorate_scope(
                directorates(allowed) if allowed is not None else None
            ),
            "headlines": answers.headlines(headline_figures(rows, today)),
            "projects": [answers.row(row) for row in rows],
        }
    )


@bp.get("/projects")
@api_access()
def projects():
    """The projects the person reads: every one for board members and administrators,
    otherwise those whose team they are in."""
    person = _person()
    rows = _rows(person, _readable(person))
    details = data.projects_by_id([row.id for row in rows]) if rows else {}
    return jsonify(
        {
            "projects": [
                {**answers.row(row), "confidential": details[row.id].confidential} for row in rows
            ]
        }
    )


@bp.get("/projects/<int:project_id>")
@api_access()
def project(project_id: int):
    found = _readable_project(project_id)
    rows = _rows(_person(), [found.id])
    if not rows:  # cannot happen: the project was just found in scope
        abort(404)
    return jsonify(answers.project(rows[0], found, data.team_of(found.id)))


@bp.get("/projects/<int:project_id>/assessments")
@api_access()
def project_assessments(project_id: int):
    """Every assessment of the project: self-assessments with their ratings, panel
    assessments with their result once published (where the person may read the report)."""
    found = _readable_project(project_id)
    assessments = data.project_assessments(found.id)
    own = [a.id for a in assessments if a.kind == AssessmentKind.SELF_ASSESSMENT.value]
    ratings = point_ratings(own) if own else {}
    readable = {a.id for a in readable_reports_of_project(found, _person())}
    published = [a for a in assessments if a.id in readable and a.status == "published"]
    results = published_results(published)
    return jsonify(
        {
            "project": answers.project_link(found.id, found.name),
            "assessments": [
                answers.assessment(
                    a, ratings.get(a.id), results.get(a.id), report_readable=a.id in readable
                )
                for a in assessments
            ],
        }
    )


@bp.get("/reports")
@api_access(open_with_public_reports=True)
def reports():
    """Published reports the person may read; without a token (where the service publishes
    reports), those of projects that are not confidential."""
    person = g.api_person
    if person is None:
        found = published_reports(None, readable_confidential=False)
    else:
        allowed = scope_of(person.id)
        found = [
            a
            for a in published_reports(
                person, readable_confidential=can_read_all_projects(person.roles)
            )
            if in_scope(a.project.directorate_id, allowed)
        ]
    results = published_results(found)
    return jsonify({"reports": [answers.report_item(a, results.get(a.id)) for a in found]})


@bp.get("/reports/<int:report_id>")
@api_access(open_with_public_reports=True)
def report(report_id: int):
    """One published report, as its JSON download has it."""
    person = g.api_person
    found = assessment_for_report(report_id)
    if found is None or found.status != "published":
        abort(404)
    if person is None:
        if found.project.confidential:
            abort(404)  # as the public report page: never a confidential project's
    elif not abilities_of(found, person).read_report or not in_scope(
        found.project.directorate_id, scope_of(person.id)
    ):
        abort(403)
    loaded = load_report(found)
    document = json.loads(as_json(loaded, words_for(loaded)))
    if person is None:
        _without_names(document)
    return jsonify(
        {
            "id": found.id,
            "project": answers.project_link(found.project_id, found.project.name),
            "published_at": answers.iso(found.published_at),
            **document,
        }
    )


def _without_names(document: dict) -> None:
    """A report for the public names no one, as the public report page does not."""
    for action in document.get("actions", []):
        action["owner"] = None
    for point in document.get("points", []):
        for checked in point.get("actions_checked", []):
            checked["verified_by"] = None


def _query_choice(name: str, choices: dict[str, object] | set[str]):
    value = request.args.get(name)
    if value is None:
        return None
    if value not in choices:
        abort(400, description=f"{name} must be one of: {', '.join(sorted(choices))}.")
    return choices[value] if isinstance(choices, dict) else value


def _query_id(name: str) -> int | None:
    value = request.args.get(name)
    if value is None:
        return None
    found = parse_id(value)
    if found is None:
        abort(400, description=f"{name} must be a project's id, a whole number.")
    return found


@bp.get("/actions")
@api_access()
def actions():
    """Actions on the projects the person reads, by project and due date. ``status`` and
    ``overdue`` narrow them; ``project`` picks one project."""
    status = _query_choice("status", ACTION_STATUSES)
    overdue = _query_choice("overdue", TRUE_WORDS)
    project_id = _query_id("project")
    today = clock.today()
    found = data.actions_in(
        _readable(_person()), statuses={status} if status else None, project_id=project_id
    )
    if overdue is not None:
        found = [a for a in found if is_overdue(a.status, a.due_date, today) is overdue]
    return jsonify({"actions": [answers.action(a, today) for a in found]})


@bp.get("/openapi.json")
@public
def openapi():
    """The API's OpenAPI description (public: it says what the API is, not what is in it)."""
    return jsonify(openapi_document(current_app.config["PUBLIC_REPORTS"]))
