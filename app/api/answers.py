"""The API's answers: the service's values as plain JSON (dates as ISO 8601 text)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, date, datetime

from flask import url_for

from app.models import Action, Assessment, Project
from app.rules.actions import is_overdue
from app.rules.phases import phase_label
from app.rules.portfolio import ProjectRow
from app.rules.portfolio_figures import Headlines
from app.rules.reports import outcome_word
from app.rules.self_assessment import ASSESSMENT_KIND_LABELS, AssessmentKind


def iso(value: date | datetime | None) -> str | None:
    """A date, or a time with its zone (a time the database gave back without one is UTC,
    as everywhere in the service)."""
    if value is None:
        return None
    if isinstance(value, datetime) and value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.isoformat()


def directorate_scope(directorates: list[tuple[int, str]] | None) -> list[dict] | None:
    """The directorates a person's answers are limited to, or None for the whole programme:
    the same words in the API and the portfolio's JSON download."""
    if directorates is None:
        return None
    return [{"id": directorate_id, "name": name} for directorate_id, name in directorates]


def project_link(project_id: int, name: str) -> dict:
    return {
        "id": project_id,
        "name": name,
        "url": url_for("api.project", project_id=project_id),
    }


def row(row: ProjectRow) -> dict:
    """One project's row of the board: each point's rating that counts and whose it is."""
    facts = row.facts
    titles = dict(facts.framework.points)
    return {
        "id": facts.id,
        "name": facts.name,
        "url": url_for("api.project", project_id=facts.id),
        "page": url_for("projects.show", project_id=facts.id),
        "directorate": (
            {"id": facts.directorate_id, "name": facts.directorate}
            if facts.directorate_id is not None
            else None
        ),
        "phase": facts.phase,
        "phase_label": phase_label(facts.phase),
        "stage": row.stage.value if row.stage else None,
        "framework": {"id": facts.framework.id, "name": facts.framework.name},
        "overall": row.board_overall.value,
        "overall_words": row.overall_words,
        "points": [
            {
                "number": cell.number,
                "title": titles.get(cell.number, ""),
                "rating": cell.rating.rating.value if cell.rating.rating else None,
                "source": cell.rating.source.value if cell.rating.source else None,
                "label": cell.rating.label,
                "words": cell.rating.words,
            }
            for cell in row.cells
        ],
        "red_points": list(row.red_points),
        "staleness": {
            "last_changed": iso(row.staleness.last_changed),
            "stale": row.staleness.stale,
            "words": row.staleness.words,
        },
        "actions": {"open": row.open_actions, "overdue": row.overdue_actions},
        "moved_on_past_red": row.moved_on_past_red,
        "next_assessment_due": iso(facts.next_assessment_due),
        "assessment_overdue": row.assessment_overdue,
        "reports_overdue": facts.reports_overdue,
    }


def headlines(figures: Headlines) -> dict:
    return asdict(figures)


def project(found: ProjectRow, details: Project, team: list[tuple[str, str]]) -> dict:
    return {
        **row(found),
        "description": details.description,
        "key_deliverables": details.key_deliverables,
        "confidential": details.confidential,
        "cashable_benefit": details.cashable_benefit,
        "non_cashable_benefit": details.non_cashable_benefit,
        "team": [{"name": name, "team_role": team_role} for name, team_role in team],
        "assessments_url": url_for("api.project_assessments", project_id=details.id),
        "actions_url": url_for("api.actions", project=details.id),
    }


def assessment(
    found: Assessment,
    ratings: dict[int, tuple[str | None, str | None]] | None,
    result: object | None,
    report_readable: bool,
) -> dict:
    """One assessment of a project. A self-assessment carries each point's team rating and
    the panel's over it; a published panel assessment whose report the person may read
    carries its result and where to read it."""
    version = found.framework_version
    answer = {
        "id": found.id,
        "kind": found.kind,
        "kind_label": ASSESSMENT_KIND_LABELS.get(found.kind, "Assessment"),
        "phase": found.phase,
        "phase_label": phase_label(found.phase),
        "status": found.status,
        "framework": {
            "id": version.framework_id,
            "name": version.framework.short_name or version.framework.name,
            "version": version.number,
        },
        "started_at": iso(found.created_at),
        "submitted_at": iso(found.submitted_at),
        "assessment_date": iso(found.assessment_date),
        "published_at": iso(found.published_at),
        "ratings": None,
        "result": None,
        "report_url": None,
    }
    if found.kind == AssessmentKind.SELF_ASSESSMENT.value:
        answer["ratings"] = [
            {"number": number, "team": team, "panel": panel}
            for number, (team, panel) in sorted((ratings or {}).items())
        ]
    elif report_readable and found.status == "published":
        answer["report_url"] = url_for("api.report", report_id=found.id)
        answer["result"] = _result(found, result)
    return answer


def _result(found: Assessment, result: object | None) -> dict | None:
    overall = getattr(result, "overall", None)
    if overall is None:
        return None
    value = overall.value
    words = (
        outcome_word(found.framework_version.panel_outcomes, value)
        if value in ("green", "amber", "red")
        else "Not decided"
    )
    return {"overall": value, "words": words}


def report_item(found: Assessment, result: object | None) -> dict:
    project = found.project
    return {
        "id": found.id,
        "url": url_for("api.report", report_id=found.id),
        "project": {
            **project_link(project.id, project.name),
            "directorate": project.directorate.name if project.directorate else None,
        },
        "kind": found.kind,
        "kind_label": ASSESSMENT_KIND_LABELS.get(found.kind, "Assessment"),
        "phase": found.phase,
        "phase_label": phase_label(found.phase),
        "assessment_date": iso(found.assessment_date),
        "published_at": iso(found.published_at),
        "result": _result(found, result),
    }


def action(found: Action, today: date) -> dict:
    return {
        "id": found.id,
        "project": project_link(found.project_id, found.project.name),
        "point": found.point_number,
        "description": found.description,
        "owner": found.owner.name if found.owner else found.owner_name,
        "due": iso(found.due_date),
        "status": found.status,
        "source": found.source,
        "overdue": is_overdue(found.status, found.due_date, today),
    }
