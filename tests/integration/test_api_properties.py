"""Property-based tests of the API from its own OpenAPI description (schemathesis): every
operation, called with generated parameters, with a token of each kind and with none,
answers as the description says and never with a server error."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import negative_data_rejection
from sqlalchemy import select

from app.api.openapi import openapi_document
from app.commands import api_tokens
from app.models import ApiToken
from app.rules.api_tokens import token_hash
from tests.integration.factories import make_action, make_project
from tests.integration.report_data import scored_report

EXAMPLES = 5  # per operation: the whole file runs in well under a minute


@pytest.fixture
def api_callers(database, make_person):
    """Some programme to read, and the Authorization headers to read it with: a board
    member's token, a team member's, a revoked one, and none (test_api.py tries the rest)."""
    admin = make_person(["administrator"])
    team = make_person()
    project = make_project(database, "Blue Badge", team=[(team, "service_owner")])
    report = scored_report(
        database, project, team, [], status="published", published_at=datetime.now(UTC)
    )
    make_action(database, project, report, due_date=date(2020, 1, 1))
    board = api_tokens.issue_token(admin.id, make_person(["board_member"]).id, "Board").secret
    member = api_tokens.issue_token(admin.id, team.id, "Team").secret
    revoked = api_tokens.issue_token(admin.id, team.id, "Old").secret
    token = database.scalar(select(ApiToken).where(ApiToken.token_hash == token_hash(revoked)))
    api_tokens.revoke_token(admin.id, token.id)
    return [
        {"Authorization": f"Bearer {board}"},
        {"Authorization": f"Bearer {member}"},
        {"Authorization": f"Bearer {revoked}"},
        {},
    ]


# The description as the service serves it where reports are public (the widest: the
# reports' operations may go without a token); the tests call the app itself (WSGI).
schema = schemathesis.openapi.from_dict(openapi_document(public_reports=True))


def _call_as_everyone(case, app, callers) -> None:
    """Every check schemathesis has but one: the API ignores query parameters it does not
    know (as a web page does: ``?utm_source=``), where schemathesis expects a 400. A
    known parameter with a wrong value is refused with 400, and checked."""
    case.operation.schema.app = app  # every call, the checks' own probes too, goes to it
    for headers in callers:
        response = case.call_and_validate(
            app=app, headers=headers, excluded_checks=[negative_data_rejection]
        )
        assert response.status_code < 500


# The same examples every run (a failure in CI is one anyone can run again), none kept.
CHECKED = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@schema.parametrize()
@CHECKED
def test_every_operation_answers_as_described_and_never_fails(case, app, api_callers, monkeypatch):
    monkeypatch.setitem(app.config, "PUBLIC_REPORTS", False)
    _call_as_everyone(case, app, api_callers)


@schema.include(path_regex="^/reports").parametrize()
@CHECKED
def test_reports_answer_as_described_where_they_are_public(case, app, api_callers, monkeypatch):
    monkeypatch.setitem(app.config, "PUBLIC_REPORTS", True)
    _call_as_everyone(case, app, api_callers)
