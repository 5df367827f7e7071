"""The API's OpenAPI 3.1 description, served at /api/v1/openapi.json."""

from __future__ import annotations

from app.rules.actions import ActionStatus
from app.rules.ids import LARGEST_ID
from app.rules.portfolio import BoardOverall, Stage

NULLABLE_STRING = {"type": ["string", "null"]}
NULLABLE_DATE = {"type": ["string", "null"], "format": "date"}
NULLABLE_TIME = {"type": ["string", "null"], "format": "date-time"}
COUNTS = {"type": "object", "additionalProperties": {"type": "integer", "minimum": 0}}
ID = {"type": "integer", "minimum": 1, "maximum": LARGEST_ID}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _object(properties: dict, required: list[str] | None = None) -> dict:
    return {
        "type": "object",
        "properties": properties,
        "required": required if required is not None else list(properties),
    }


SCHEMAS = {
    "Problem": _object(
        {
            "type": {"type": "string"},
            "title": {"type": "string"},
            "status": {"type": "integer"},
            "detail": {"type": "string"},
        }
    ),
    "Directorate": _object({"id": ID, "name": {"type": "string"}}),
    "ProjectLink": _object({"id": ID, "name": {"type": "string"}, "url": {"type": "string"}}),
    "PointRating": _object(
        {
            "number": {"type": "integer"},
            "title": {"type": "string"},
            "rating": {"enum": ["green", "amber", "red", None]},
            "source": {
                "enum": ["panel", "team", None],
                "description": "Whose rating counts: the panel's once published, else the "
                "team's latest submitted self-rating.",
            },
            "label": {"type": "string"},
            "words": {"type": "string"},
        }
    ),
    "ProjectRow": _object(
        {
            "id": ID,
            "name": {"type": "string"},
            "url": {"type": "string"},
            "page": {"type": "string"},
            "directorate": {"oneOf": [{"type": "null"}, _ref("Directorate")]},
            "phase": {"type": "string"},
            "phase_label": {"type": "string"},
            "stage": {"enum": [stage.value for stage in Stage] + [None]},
            "framework": _object({"id": {"type": "integer"}, "name": {"type": "string"}}),
            "overall": {"enum": [bucket.value for bucket in BoardOverall]},
            "overall_words": {"type": "string"},
            "points": {"type": "array", "items": _ref("PointRating")},
            "red_points": {"type": "array", "items": {"type": "integer"}},
            "staleness": _object(
                {
                    "last_changed": NULLABLE_DATE,
                    "stale": {"type": "boolean"},
                    "words": {"type": "string"},
                }
            ),
            "actions": _object(
                {
                    "open": {"type": "integer", "minimum": 0},
                    "overdue": {"type": "integer", "minimum": 0},
                }
            ),
            "moved_on_past_red": {"type": "boolean"},
            "next_assessment_due": NULLABLE_DATE,
            "assessment_overdue": {"type": "boolean"},
            "reports_overdue": {"type": "integer", "minimum": 0},
        }
    ),
    "Headlines": _object(
        {
            "projects": {"type": "integer"},
            "by_stage": COUNTS,
            "by_phase": COUNTS,
            "by_overall": COUNTS,
            "red_points": {"type": "integer"},
            "projects_with_red": {"type": "integer"},
            "open_actions": {"type": "integer"},
            "overdue_actions": {"type": "integer"},
            "assessments_due_soon": {"type": "integer"},
            "assessments_overdue": {"type": "integer"},
            "reports_overdue": {"type": "integer"},
            "cashable_benefit": {"type": "integer", "description": "Pounds a year."},
            "non_cashable": COUNTS,
        }
    ),
    "Portfolio": _object(
        {
            "as_at": {"type": "string", "format": "date"},
            "stale_after_months": {"type": "integer"},
            "directorate_scope": {
                "type": ["array", "null"],
                "items": _ref("Directorate"),
                "description": "The directorates the token holder is limited to; null: all.",
            },
            "headlines": _ref("Headlines"),
            "projects": {"type": "array", "items": _ref("ProjectRow")},
        }
    ),
    "ProjectList": _object(
        {
            "projects": {
                "type": "array",
                "items": {
                    "allOf": [
                        _ref("ProjectRow"),
                        _object({"confidential": {"type": "boolean"}}),
                    ]
                },
            }
        }
    ),
    "Project": {
        "allOf": [
            _ref("ProjectRow"),
            _object(
                {
                    "description": {"type": "string"},
                    "key_deliverables": {"type": "string"},
                    "confidential": {"type": "boolean"},
                    "cashable_benefit": {"type": ["integer", "null"]},
                    "non_cashable_benefit": NULLABLE_STRING,
                    "team": {
                        "type": "array",
                        "items": _object(
                            {"name": {"type": "string"}, "team_role": {"type": "string"}}
                        ),
                    },
                    "assessments_url": {"type": "string"},
                    "actions_url": {"type": "string"},
                }
            ),
        ]
    },
    "Result": {
        "oneOf": [
            {"type": "null"},
            _object({"overall": {"type": "string"}, "words": {"type": "string"}}),
        ]
    },
    "Assessment": _object(
        {
            "id": ID,
            "kind": {"type": "string"},
            "kind_label": {"type": "string"},
            "phase": {"type": "string"},
            "phase_label": {"type": "string"},
            "status": {"type": "string"},
            "framework": _object(
                {
                    "id": {"type": "integer"},
                    "name": {"type": "string"},
                    "version": {"type": "integer"},
                }
            ),
            "started_at": NULLABLE_TIME,
            "submitted_at": NULLABLE_TIME,
            "assessment_date": NULLABLE_DATE,
            "published_at": NULLABLE_TIME,
            "ratings": {
                "type": ["array", "null"],
                "description": "A self-assessment's ratings: the team's and the panel's over it.",
                "items": _object(
                    {
                        "number": {"type": "integer"},
                        "team": NULLABLE_STRING,
                        "panel": NULLABLE_STRING,
                    }
                ),
            },
            "result": _ref("Result"),
            "report_url": NULLABLE_STRING,
        }
    ),
    "AssessmentList": _object(
        {
            "project": _ref("ProjectLink"),
            "assessments": {"type": "array", "items": _ref("Assessment")},
        }
    ),
    "ReportItem": _object(
        {
            "id": ID,
            "url": {"type": "string"},
            "project": {"allOf": [_ref("ProjectLink"), _object({"directorate": NULLABLE_STRING})]},
            "kind": {"type": "string"},
            "kind_label": {"type": "string"},
            "phase": {"type": "string"},
            "phase_label": {"type": "string"},
            "assessment_date": NULLABLE_DATE,
            "published_at": NULLABLE_TIME,
            "result": _ref("Result"),
        }
    ),
    "ReportList": _object({"reports": {"type": "array", "items": _ref("ReportItem")}}),
    "Report": _object(
        {
            "id": ID,
            "project": _ref("ProjectLink"),
            "published_at": NULLABLE_TIME,
            "title": {"type": "string"},
            "phase": {"type": "string"},
            "kind": {"type": "string"},
            "result": {"type": "string"},
            "points": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "number": {"type": "integer"},
                        "title": {"type": "string"},
                        "team_rating": NULLABLE_STRING,
                        "panel_rating": NULLABLE_STRING,
                        "done_well": {"type": "string"},
                        "to_do": {"type": "string"},
                    },
                    "required": ["number", "title"],
                },
            },
            "actions": {"type": "array", "items": {"type": "object"}},
        }
    ),
    "Action": _object(
        {
            "id": ID,
            "project": _ref("ProjectLink"),
            "point": {"type": ["integer", "null"]},
            "description": {"type": "string"},
            "owner": NULLABLE_STRING,
            "due": NULLABLE_DATE,
            "status": {"enum": [status.value for status in ActionStatus]},
            "source": {"type": "string"},
            "overdue": {"type": "boolean"},
        }
    ),
    "ActionList": _object({"actions": {"type": "array", "items": _ref("Action")}}),
}


def _problem(description: str) -> dict:
    return {
        "description": description,
        "content": {"application/problem+json": {"schema": _ref("Problem")}},
    }


def _answer(schema: str, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": _ref(schema)}}}


UNAUTHORISED = _problem(
    "No API token, or one that is unknown, revoked or whose holder is deactivated."
)
FORBIDDEN = _problem("The token holder may not read this (their roles or directorate scope).")
NOT_FOUND = _problem("There is no such thing, or it is not published.")
BAD_REQUEST = _problem("A query parameter is not one the API knows how to read.")
PROJECT_ID = {
    "name": "project_id",
    "in": "path",
    "required": True,
    "schema": ID,
}
REPORT_ID = {
    "name": "report_id",
    "in": "path",
    "required": True,
    "schema": ID,
}


def _get(summary: str, answer: dict, problems: dict, parameters=(), security=None) -> dict:
    operation = {
        "summary": summary,
        "responses": {"200": answer, **problems},
    }
    if parameters:
        operation["parameters"] = list(parameters)
    if security is not None:
        operation["security"] = security
    return {"get": operation}


def openapi_document(public_reports: bool) -> dict:
    """The description. Where the service publishes reports (``public_reports``), the
    reports' operations may be called without a token."""
    token = {"401": UNAUTHORISED}
    reports_security = [{"bearer": []}, {}] if public_reports else None
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Service Standard assessments API",
            "version": "1.0.0",
            "description": (
                "Read-only JSON about the programme: the portfolio, projects, their "
                "assessments, published reports and actions. Send an API token an "
                "administrator issued you as `Authorization: Bearer <token>`. Every answer is "
                "limited to what the token's holder may read, and to the directorates they "
                "are limited to. Errors are problem details (RFC 9457)."
            ),
        },
        "servers": [{"url": "/api/v1"}],
        "security": [{"bearer": []}],
        "paths": {
            "/portfolio": _get(
                "Headline figures and every project's row (board members, organisers and "
                "administrators)",
                _answer("Portfolio", "The portfolio."),
                {**token, "403": FORBIDDEN},
            ),
            "/projects": _get(
                "The projects the token holder reads",
                _answer("ProjectList", "The projects."),
                token,
            ),
            "/projects/{project_id}": _get(
                "One project",
                _answer("Project", "The project."),
                {**token, "403": FORBIDDEN, "404": NOT_FOUND},
                [PROJECT_ID],
            ),
            "/projects/{project_id}/assessments": _get(
                "Every assessment of one project",
                _answer("AssessmentList", "The project's assessments, newest first."),
                {**token, "403": FORBIDDEN, "404": NOT_FOUND},
                [PROJECT_ID],
            ),
            "/reports": _get(
                "Published reports",
                _answer("ReportList", "Published reports, newest first."),
                token,
                security=reports_security,
            ),
            "/reports/{report_id}": _get(
                "One published report",
                _answer("Report", "The report."),
                {**token, "403": FORBIDDEN, "404": NOT_FOUND},
                [REPORT_ID],
                security=reports_security,
            ),
            "/actions": _get(
                "Actions on the projects the token holder reads",
                _answer("ActionList", "Actions, by project and due date."),
                {**token, "400": BAD_REQUEST},
                [
                    {
                        "name": "status",
                        "in": "query",
                        "schema": {"enum": [status.value for status in ActionStatus]},
                    },
                    {"name": "overdue", "in": "query", "schema": {"enum": ["true", "false"]}},
                    {
                        "name": "project",
                        "in": "query",
                        "schema": ID,
                    },
                ],
            ),
        },
        "components": {
            "securitySchemes": {
                "bearer": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "An API token an administrator issued.",
                }
            },
            "schemas": SCHEMAS,
        },
    }
