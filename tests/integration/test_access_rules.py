"""Every route declares who may use it; a route without a rule is never served."""

import pytest
from flask import Flask

from app import create_app
from app.access import rule_for

# Parameters that make every rule in the URL map buildable.
SAMPLE_VALUES = {
    "person_id": 1,
    "slug": "govuk-service-standard",
    "project_id": 1,
    "assessment_id": 1,
    "number": 1,
    "action_id": 1,
    "link_id": 1,
    "member_id": 1,
    "offer_id": 1,
    "conflict_id": 1,
    "report_id": 1,
    "upload_id": 1,
    "token_id": 1,
    "meeting_id": 1,
}

PANEL = "/assessments/<int:assessment_id>"
POINT = "/projects/<int:project_id>/assessments/<int:assessment_id>/points/<int:number>"

# A snapshot of the routes, so that removing or renaming one is a decision.
EXPECTED_ROUTES = {
    ("GET", "/"): "public",
    ("GET", "/home"): "signed_in",
    ("GET", "/accessibility"): "public",
    ("GET", "/privacy"): "public",
    ("GET", "/cookies"): "public",
    ("GET", "/healthz"): "public",
    ("GET", "/sign-in"): "public",
    ("POST", "/sign-in"): "public",
    ("POST", "/sign-out"): "public",
    ("POST", "/session/keep-alive"): "public",
    ("GET", "/account/password"): "signed_in",
    ("POST", "/account/password"): "signed_in",
    ("GET", "/actions"): "signed_in",
    ("GET", "/projects/new"): "role:administrator",
    ("POST", "/projects/new"): "role:administrator",
    ("GET", "/projects/<int:project_id>"): "project:read",
    ("GET", "/projects/<int:project_id>/edit"): "project:manage",
    ("POST", "/projects/<int:project_id>/edit"): "project:manage",
    ("GET", "/projects/<int:project_id>/team"): "project:read",
    ("GET", "/projects/<int:project_id>/team/add"): "project:manage",
    ("POST", "/projects/<int:project_id>/team/add"): "project:manage",
    ("GET", "/projects/<int:project_id>/team/<int:person_id>/role"): "project:manage",
    ("POST", "/projects/<int:project_id>/team/<int:person_id>/role"): "project:manage",
    ("GET", "/projects/<int:project_id>/team/<int:person_id>/remove"): "project:manage",
    ("POST", "/projects/<int:project_id>/team/<int:person_id>/remove"): "project:manage",
    ("GET", "/projects/<int:project_id>/phase"): "project:phase",
    ("POST", "/projects/<int:project_id>/phase"): "project:phase",
    ("POST", "/projects/<int:project_id>/phase/confirm"): "project:phase",
    ("GET", "/projects/<int:project_id>/history"): "project:read",
    ("GET", "/projects/<int:project_id>/actions"): "project:read",
    ("GET", "/projects/<int:project_id>/actions/<int:action_id>"): "project:read",
    ("GET", "/projects/<int:project_id>/actions/<int:action_id>/update"): "project:team",
    ("POST", "/projects/<int:project_id>/actions/<int:action_id>/update"): "project:team",
    ("GET", "/projects/<int:project_id>/assessments/"): "project:read",
    ("GET", "/projects/<int:project_id>/assessments/start"): "project:team",
    ("POST", "/projects/<int:project_id>/assessments/start"): "project:team",
    ("GET", "/projects/<int:project_id>/assessments/compare"): "project:read",
    ("GET", "/projects/<int:project_id>/assessments/<int:assessment_id>"): "project:read",
    ("GET", "/projects/<int:project_id>/assessments/<int:assessment_id>/owners"): "project:team",
    ("POST", "/projects/<int:project_id>/assessments/<int:assessment_id>/owners"): "project:team",
    ("GET", "/projects/<int:project_id>/assessments/<int:assessment_id>/points/<int:number>"): (
        "project:read"
    ),
    ("POST", "/projects/<int:project_id>/assessments/<int:assessment_id>/points/<int:number>"): (
        "project:team"
    ),
    ("GET", POINT + "/artefacts/add"): "project:team",
    ("POST", POINT + "/artefacts/add"): "project:team",
    ("GET", POINT + "/artefacts/attach"): "project:team",
    ("POST", POINT + "/artefacts/attach"): "project:team",
    ("GET", POINT + "/artefacts/<int:link_id>/change"): "project:team",
    ("POST", POINT + "/artefacts/<int:link_id>/change"): "project:team",
    ("GET", POINT + "/artefacts/<int:link_id>/remove"): "project:team",
    ("POST", POINT + "/artefacts/<int:link_id>/remove"): "project:team",
    ("GET", POINT + "/actions/add"): "project:team",
    ("POST", POINT + "/actions/add"): "project:team",
    ("GET", POINT + "/actions/<int:action_id>/change"): "project:team",
    ("POST", POINT + "/actions/<int:action_id>/change"): "project:team",
    ("GET", POINT + "/actions/<int:action_id>/remove"): "project:team",
    ("POST", POINT + "/actions/<int:action_id>/remove"): "project:team",
    ("GET", "/projects/<int:project_id>/assessments/<int:assessment_id>/check"): "project:read",
    ("POST", "/projects/<int:project_id>/assessments/<int:assessment_id>/submit"): "project:team",
    ("GET", "/projects/<int:project_id>/assessments/<int:assessment_id>/submitted"): (
        "project:read"
    ),
    ("GET", "/projects/<int:project_id>/assessments/<int:assessment_id>/return"): (
        "role:administrator"
    ),
    ("POST", "/projects/<int:project_id>/assessments/<int:assessment_id>/return"): (
        "role:administrator"
    ),
    ("GET", "/frameworks/"): "signed_in",
    ("GET", "/frameworks/<slug>"): "signed_in",
    ("GET", "/admin/people"): "role:administrator",
    ("GET", "/admin/people/add"): "role:administrator",
    ("POST", "/admin/people/add"): "role:administrator",
    ("GET", "/admin/people/<int:person_id>/edit"): "role:administrator",
    ("POST", "/admin/people/<int:person_id>/edit"): "role:administrator",
    ("GET", "/admin/people/<int:person_id>/deactivate"): "role:administrator",
    ("POST", "/admin/people/<int:person_id>/deactivate"): "role:administrator",
    ("GET", "/admin/people/<int:person_id>/reactivate"): "role:administrator",
    ("POST", "/admin/people/<int:person_id>/reactivate"): "role:administrator",
    ("GET", "/admin/import"): "role:administrator",
    ("POST", "/admin/import"): "role:administrator",
    ("GET", "/admin/import/<int:upload_id>"): "role:administrator",
    ("POST", "/admin/import/<int:upload_id>"): "role:administrator",
    ("GET", "/admin/import/template.xlsx"): "role:administrator",
    ("GET", "/admin/import/template.csv"): "role:administrator",
    ("GET", "/admin/import/programme.xlsx"): "role:administrator",
    ("GET", "/admin/api-tokens"): "role:administrator",
    ("GET", "/admin/api-tokens/issue"): "role:administrator",
    ("POST", "/admin/api-tokens/issue"): "role:administrator",
    ("GET", "/admin/api-tokens/<int:token_id>/issued"): "role:administrator",
    ("GET", "/admin/api-tokens/<int:token_id>/revoke"): "role:administrator",
    ("POST", "/admin/api-tokens/<int:token_id>/revoke"): "role:administrator",
    # The programme board's meetings and packs.
    ("GET", "/portfolio/meetings"): "role:administrator,board_member,organiser",
    ("POST", "/portfolio/meetings"): "role:administrator,organiser",
    ("GET", "/portfolio/meetings/<int:meeting_id>"): "role:administrator,board_member,organiser",
    ("GET", "/portfolio/meetings/<int:meeting_id>/pack"): (
        "role:administrator,board_member,organiser"
    ),
    ("GET", "/portfolio/meetings/<int:meeting_id>/remove"): "role:administrator,organiser",
    ("POST", "/portfolio/meetings/<int:meeting_id>/remove"): "role:administrator,organiser",
    # Arranging assessments (part 1 of peer review).
    ("GET", "/assessments/queue"): "role:administrator,organiser",
    ("GET", "/assessments/arrange"): "role:administrator,organiser",
    ("POST", "/assessments/arrange"): "role:administrator,organiser",
    ("GET", "/assessments/feedback"): "role:administrator,organiser",
    ("GET", "/assessments/<int:assessment_id>/arranged"): "assessment:organise",
    ("GET", "/assessments/<int:assessment_id>/panel"): "assessment:organise",
    ("POST", "/assessments/<int:assessment_id>/panel/add"): "assessment:organise",
    ("GET", "/assessments/<int:assessment_id>/panel/<int:member_id>"): "assessment:organise",
    ("POST", "/assessments/<int:assessment_id>/panel/<int:member_id>"): "assessment:organise",
    ("GET", "/assessments/<int:assessment_id>/panel/<int:member_id>/remove"): (
        "assessment:organise"
    ),
    ("POST", "/assessments/<int:assessment_id>/panel/<int:member_id>/remove"): (
        "assessment:organise"
    ),
    ("POST", "/assessments/<int:assessment_id>/offers/<int:offer_id>/accept"): (
        "assessment:organise"
    ),
    ("GET", "/assessments/<int:assessment_id>/brief"): "assessment:brief",
    ("POST", "/assessments/<int:assessment_id>/brief"): "assessment:brief",
    ("GET", "/panel-roles"): "role:assessor",
    ("GET", "/panel-roles/<int:member_id>/offer"): "role:assessor",
    ("POST", "/panel-roles/<int:member_id>/offer"): "role:assessor",
    ("GET", "/conflicts"): "role:assessor",
    ("POST", "/conflicts"): "role:assessor",
    ("POST", "/conflicts/<int:conflict_id>/withdraw"): "role:assessor",
    ("GET", "/assessments/conflicts"): "role:administrator,organiser",
    ("GET", "/review"): "role:assessor",
    ("GET", PANEL): "assessment:read_panel_work",
    ("GET", PANEL + "/self-assessment"): "assessment:read_panel_work",
    ("GET", PANEL + "/earlier/<int:report_id>"): "assessment:read_panel_work",
    ("GET", PANEL + "/points/<int:number>"): "assessment:read_panel_work",
    ("POST", PANEL + "/points/<int:number>"): "assessment:score",
    ("GET", PANEL + "/points/<int:number>/actions/add"): "assessment:score",
    ("POST", PANEL + "/points/<int:number>/actions/add"): "assessment:score",
    ("GET", PANEL + "/actions/<int:action_id>/verify"): "assessment:score",
    ("POST", PANEL + "/actions/<int:action_id>/verify"): "assessment:score",
    ("GET", PANEL + "/summary"): "assessment:read_panel_work",
    ("POST", PANEL + "/summary"): "assessment:lead",
    ("GET", "/assessments/<int:assessment_id>/report"): "assessment:read_report",
    ("GET", "/assessments/<int:assessment_id>/report/send"): "assessment:lead",
    ("POST", "/assessments/<int:assessment_id>/report/send"): "assessment:lead",
    ("GET", "/assessments/<int:assessment_id>/report/respond"): "assessment:team_answer",
    ("POST", "/assessments/<int:assessment_id>/report/respond"): "assessment:team_answer",
    ("GET", "/assessments/<int:assessment_id>/report/challenges"): "assessment:lead",
    ("POST", "/assessments/<int:assessment_id>/report/challenges"): "assessment:lead",
    ("GET", "/assessments/<int:assessment_id>/report/publish"): "assessment:lead",
    ("POST", "/assessments/<int:assessment_id>/report/publish"): "assessment:lead",
    ("GET", "/assessments/<int:assessment_id>/report/withdraw"): "assessment:withdraw",
    ("POST", "/assessments/<int:assessment_id>/report/withdraw"): "assessment:withdraw",
    ("GET", "/assessments/<int:assessment_id>/report/feedback"): "assessment:read_report",
    ("POST", "/assessments/<int:assessment_id>/report/feedback"): "assessment:read_report",
    ("GET", "/assessments/<int:assessment_id>/report.docx"): "assessment:read_report",
    ("GET", "/assessments/<int:assessment_id>/report.xlsx"): "assessment:read_report",
    ("GET", "/assessments/<int:assessment_id>/report.csv"): "assessment:read_report",
    ("GET", "/assessments/<int:assessment_id>/report.json"): "assessment:read_report",
    # The programme board's portfolio.
    ("GET", "/portfolio"): "role:administrator,board_member,organiser",
    ("GET", "/portfolio/grid"): "role:administrator,board_member,organiser",
    ("GET", "/portfolio/assessments-due"): "role:administrator,board_member,organiser",
    ("GET", "/portfolio/points"): "role:administrator,board_member,organiser",
    ("GET", "/portfolio/overdue-actions"): "role:administrator,board_member,organiser",
    ("GET", "/reports"): "signed_in",
    ("GET", "/portfolio/trends"): "role:administrator,board_member,organiser",
    ("GET", "/reports/<int:assessment_id>"): "public",
    # The read-only API: a token, never a session (tests/integration/test_api.py).
    ("GET", "/api/v1/portfolio"): "api",
    ("GET", "/api/v1/projects"): "api",
    ("GET", "/api/v1/projects/<int:project_id>"): "api",
    ("GET", "/api/v1/projects/<int:project_id>/assessments"): "api",
    ("GET", "/api/v1/reports"): "api:public_reports",
    ("GET", "/api/v1/reports/<int:report_id>"): "api:public_reports",
    ("GET", "/api/v1/actions"): "api",
    ("GET", "/api/v1/openapi.json"): "public",
    ("GET", "/portfolio/download/portfolio.xlsx"): "role:administrator,board_member,organiser",
    ("GET", "/portfolio/download/portfolio.csv"): "role:administrator,board_member,organiser",
    ("GET", "/portfolio/download/portfolio.json"): "role:administrator,board_member,organiser",
}


def routes(app: Flask):
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield method, rule


def test_every_route_has_an_access_rule(app):
    with app.test_request_context():
        missing = [rule.rule for _, rule in routes(app) if rule_for(rule.endpoint) is None]
    assert missing == []


def test_the_route_list_matches_the_snapshot(app):
    with app.test_request_context():
        actual = {(method, rule.rule): rule_for(rule.endpoint) for method, rule in routes(app)}
    assert actual == EXPECTED_ROUTES


def test_a_route_without_a_rule_is_refused():
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "TESTING": True})
    app.add_url_rule("/forgotten", "forgotten", lambda: "secret")
    response = app.test_client().get("/forgotten")
    assert response.status_code == 403
    assert b"secret" not in response.data


def _non_public_get_urls(app):
    """Every page that needs signing in (the API answers 401 instead: test_api.py)."""
    with app.test_request_context():
        from flask import url_for

        for method, rule in routes(app):
            access = rule_for(rule.endpoint)
            if method == "GET" and access != "public" and not access.startswith("api"):
                yield url_for(rule.endpoint, **{k: SAMPLE_VALUES[k] for k in rule.arguments})


def test_signed_out_people_are_sent_to_sign_in_from_every_private_page(app, client):
    for url in _non_public_get_urls(app):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.headers["Location"].startswith("/sign-in?next="), url


@pytest.mark.parametrize("role", [None, "board_member", "assessor"])
def test_only_administrators_reach_administration(app, client, signed_in_as, role):
    signed_in_as(*([role] if role else []))
    with app.test_request_context():
        admin_urls = [url for url in _non_public_get_urls(app) if url.startswith("/admin/")]
    assert admin_urls
    for url in admin_urls:
        assert client.get(url).status_code == 403, url
    response = client.submit("/admin/people/add", {"name": "X"}, token_from="/frameworks/")
    assert response.status_code == 403
