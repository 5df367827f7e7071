"""The read-only API: tokens, who reads what, directorate scope, public reports, JSON errors
and a fixed number of queries however long the lists."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from app.commands import api_tokens
from app.models import ApiToken, AuditEvent, Directorate, DirectorateScope
from app.rules.api_tokens import token_hash
from tests.integration.factories import (
    complete_every_point,
    make_action,
    make_project,
    start_assessment,
)
from tests.integration.query_count import counting_queries
from tests.integration.report_data import scored_report

PROBLEM = "application/problem+json"


@pytest.fixture
def admin(make_person):
    return make_person(["administrator"], name="Ada Admin")


@pytest.fixture
def token_for(admin):
    """Issue a token to ``person`` (as the administrator); returns its secret."""

    def issue(person, name="Dashboard"):
        return api_tokens.issue_token(admin.id, person.id, name).secret

    return issue


def get(client, url, secret=None, **kwargs):
    headers = {"Authorization": f"Bearer {secret}"} if secret else {}
    return client.get(url, headers=headers, **kwargs)


def submitted(database, project, person, rating="green"):
    assessment = start_assessment(database, project, person)
    complete_every_point(database, assessment, rating)
    assessment.status = "submitted"
    assessment.submitted_at = datetime(2026, 11, 2, 10, tzinfo=UTC)
    database.commit()
    return assessment


def in_directorate(database, project, name):
    directorate = database.scalar(select(Directorate).where(Directorate.name == name))
    project.directorate = directorate or Directorate(name=name)
    database.commit()
    return project.directorate


def assert_problem(response, status):
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    assert response.mimetype == PROBLEM
    body = response.get_json()
    assert body["status"] == status and body["title"] and body["detail"]
    return body


# --- Authentication -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "header",
    [
        None,
        "",
        "Bearer",
        "Basic dXNlcjpwYXNz",
        "Bearer not a token",
        "Bearer ssa_" + "x" * 43,
        "Bearer " + "y" * 500,
    ],
    ids=["none", "empty", "no-token", "basic", "spaces", "unknown", "too-long"],
)
def test_no_or_bad_token_is_401_json(client, header):
    headers = {"Authorization": header} if header is not None else {}
    response = client.get("/api/v1/portfolio", headers=headers)
    assert_problem(response, 401)
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert "Location" not in response.headers


def test_a_token_reads_the_api_and_its_scheme_is_any_case(client, make_person, token_for):
    board = make_person(["board_member"])
    secret = token_for(board)
    assert get(client, "/api/v1/portfolio", secret).status_code == 200
    response = client.get("/api/v1/portfolio", headers={"Authorization": f"bearer {secret}"})
    assert response.status_code == 200


def test_a_signed_in_session_is_not_a_token(client, signed_in_as):
    signed_in_as("administrator")
    response = client.get("/api/v1/portfolio")
    assert_problem(response, 401)


def test_a_revoked_token_is_refused(client, database, admin, make_person, token_for):
    board = make_person(["board_member"])
    secret = token_for(board)
    token = database.scalar(select(ApiToken).where(ApiToken.token_hash == token_hash(secret)))
    api_tokens.revoke_token(admin.id, token.id)
    body = assert_problem(get(client, "/api/v1/portfolio", secret), 401)
    assert "revoked" in body["detail"]


def test_a_deactivated_persons_token_is_refused(client, database, make_person, token_for):
    board = make_person(["board_member"])
    secret = token_for(board)
    board.is_active = False
    database.commit()
    body = assert_problem(get(client, "/api/v1/projects", secret), 401)
    assert "deactivated" in body["detail"]


def test_deactivating_someone_revokes_their_tokens_for_good(
    client, database, admin, make_person, token_for
):
    from app.commands.people import set_active

    board = make_person(["board_member"])
    secret = token_for(board)
    set_active(admin.id, board.id, False)
    set_active(admin.id, board.id, True)
    body = assert_problem(get(client, "/api/v1/portfolio", secret), 401)
    assert "revoked" in body["detail"]


def test_only_the_hash_is_kept_and_issuing_is_audited(database, admin, make_person):
    board = make_person(["board_member"], name="Bo Board")
    issued = api_tokens.issue_token(admin.id, board.id, "  Board dashboard  ")
    assert issued.secret.startswith("ssa_") and len(issued.secret) > 40
    token = database.get(ApiToken, issued.token.id)
    assert token.token_hash == token_hash(issued.secret) != issued.secret
    assert token.name == "Board dashboard" and token.issued_by_id == admin.id
    event = database.scalar(
        select(AuditEvent).where(
            AuditEvent.subject_type == "api_token", AuditEvent.verb == "issued"
        )
    )
    assert event.actor_id == admin.id and "Bo Board" in event.summary
    assert issued.secret not in str(event.changes) + event.summary


def test_issuing_checks_the_person_the_name_and_the_actor(admin, make_person):
    board = make_person(["board_member"])
    gone = make_person(["board_member"], active=False)
    with pytest.raises(api_tokens.Invalid) as refused:
        api_tokens.issue_token(admin.id, gone.id, "")
    assert set(refused.value.errors) == {"person", "name"}
    api_tokens.issue_token(admin.id, board.id, "Dashboard")
    with pytest.raises(api_tokens.Invalid) as refused:
        api_tokens.issue_token(admin.id, board.id, "Dashboard")
    assert refused.value.errors == {"name": api_tokens.NAME_TAKEN}
    with pytest.raises(api_tokens.NotAllowed):
        api_tokens.issue_token(board.id, board.id, "My own")


def test_last_used_is_written_at_most_once_a_minute(app, client, database, make_person, token_for):
    board = make_person(["board_member"])
    secret = token_for(board)
    token = database.scalar(select(ApiToken).where(ApiToken.token_hash == token_hash(secret)))
    assert token.last_used_at is None
    get(client, "/api/v1/projects", secret)
    database.refresh(token)
    first = token.last_used_at
    assert first is not None
    with counting_queries(app) as statements:
        get(client, "/api/v1/projects", secret)
    assert not [s for s in statements if s.lstrip().upper().startswith("UPDATE")]
    token.last_used_at = datetime.now(UTC) - timedelta(minutes=2)
    database.commit()
    get(client, "/api/v1/projects", secret)
    database.refresh(token)
    assert token.last_used_at.replace(tzinfo=None) > first.replace(tzinfo=None)


# --- Who reads what ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("roles", "status"),
    [
        (["board_member"], 200),
        (["organiser"], 200),
        (["administrator"], 200),
        (["assessor"], 403),
        ([], 403),
    ],
)
def test_the_portfolio_is_for_the_board_organisers_and_administrators(
    client, make_person, token_for, roles, status
):
    secret = token_for(make_person(roles))
    response = get(client, "/api/v1/portfolio", secret)
    assert response.status_code == status
    if status == 403:
        assert_problem(response, 403)


def test_the_portfolio_has_headlines_and_each_points_rating_with_whose_it_is(
    client, database, make_person, token_for
):
    team = make_person()
    red = make_project(database, "Blue Badge", phase="private_beta", team=[(team, "member")])
    assessment = submitted(database, red, team, "red")
    make_action(database, red, assessment, due_date=date(2020, 1, 1))
    make_project(database, "Waste collection", phase="discovery")
    secret = token_for(make_person(["board_member"]))

    body = get(client, "/api/v1/portfolio", secret).get_json()

    assert body["directorate_scope"] is None
    assert body["headlines"]["projects"] == 2
    assert body["headlines"]["by_overall"]["red"] == 1
    assert body["headlines"]["by_stage"]["delivery"] == 1
    rows = {row["name"]: row for row in body["projects"]}
    blue = rows["Blue Badge"]
    assert blue["overall"] == "red" and blue["stage"] == "delivery"
    assert len(blue["points"]) == 14
    assert blue["points"][0] == {
        "number": 1,
        "title": blue["points"][0]["title"],
        "rating": "red",
        "source": "team",
        "label": "Red",
        "words": "Red, team's self-rating",
    }
    assert blue["actions"]["overdue"] >= 1
    assert blue["url"] == f"/api/v1/projects/{red.id}"
    waste = rows["Waste collection"]
    assert waste["overall"] == "not_assessed" and waste["staleness"]["stale"] is True
    assert waste["points"][0]["source"] is None


def test_a_team_member_reads_only_their_own_projects(client, database, make_person, token_for):
    member = make_person()
    own = make_project(database, "Own project", team=[(member, "member")])
    other = make_project(database, "Other project")
    make_action(database, own, description="Ours")
    make_action(database, other, description="Theirs")
    secret = token_for(member)

    listed = get(client, "/api/v1/projects", secret).get_json()["projects"]
    assert [p["name"] for p in listed] == ["Own project"]
    project = get(client, f"/api/v1/projects/{own.id}", secret).get_json()
    assert project["team"] == [{"name": member.name, "team_role": "member"}]
    assert project["confidential"] is False
    assert_problem(get(client, f"/api/v1/projects/{other.id}", secret), 403)
    assert_problem(get(client, f"/api/v1/projects/{other.id}/assessments", secret), 403)
    assert_problem(get(client, "/api/v1/projects/999999", secret), 404)
    actions = get(client, "/api/v1/actions", secret).get_json()["actions"]
    assert [a["description"] for a in actions] == ["Ours"]


def test_a_board_member_limited_to_a_directorate_sees_only_it(
    client, database, make_person, token_for
):
    board = make_person(["board_member"])
    team = make_person()
    mine = make_project(database, "Adult social care portal", team=[(team, "member")])
    theirs = make_project(database, "Highways faults", team=[(team, "member")])
    ours = in_directorate(database, mine, "Adults")
    in_directorate(database, theirs, "Highways")
    database.add(DirectorateScope(person_id=board.id, directorate_id=ours.id))
    database.commit()
    make_action(database, mine, description="Ours")
    make_action(database, theirs, description="Theirs")
    scored_report(database, theirs, team, [], status="published", published_at=datetime.now(UTC))
    kept = scored_report(
        database, mine, team, [], status="published", published_at=datetime.now(UTC)
    )
    secret = token_for(board)

    portfolio = get(client, "/api/v1/portfolio", secret).get_json()
    assert portfolio["directorate_scope"] == [{"id": ours.id, "name": ours.name}]
    assert [p["name"] for p in portfolio["projects"]] == ["Adult social care portal"]
    assert portfolio["headlines"]["projects"] == 1
    listed = get(client, "/api/v1/projects", secret).get_json()["projects"]
    assert [p["name"] for p in listed] == ["Adult social care portal"]
    assert_problem(get(client, f"/api/v1/projects/{theirs.id}", secret), 403)
    reports = get(client, "/api/v1/reports", secret).get_json()["reports"]
    assert [r["id"] for r in reports] == [kept.id]
    actions = get(client, "/api/v1/actions", secret).get_json()["actions"]
    assert [a["description"] for a in actions] == ["Ours"]


def test_assessments_carry_ratings_and_readable_reports(client, database, make_person, token_for):
    team = make_person()
    project = make_project(database, "Blue Badge", team=[(team, "service_owner")])
    report = scored_report(
        database,
        project,
        team,
        [],
        status="published",
        published_at=datetime.now(UTC),
        ratings={3: "red"},
    )
    secret = token_for(team)

    body = get(client, f"/api/v1/projects/{project.id}/assessments", secret).get_json()

    assert body["project"]["id"] == project.id
    kinds = {a["kind"]: a for a in body["assessments"]}
    own = kinds["self_assessment"]
    assert own["ratings"][2] == {"number": 3, "team": "green", "panel": "red"}
    panel = kinds["assessment"]
    assert panel["report_url"] == f"/api/v1/reports/{report.id}"
    assert panel["result"]["overall"] == "red"
    detail = get(client, panel["report_url"], secret).get_json()
    assert detail["id"] == report.id and detail["points"][2]["panel_rating"] == "red"


# --- Reports, and reports for the public ---------------------------------------------------


def _reports(database, make_person):
    team = make_person()
    open_project = make_project(database, "Open project", team=[(team, "member")])
    hidden = make_project(database, "Hidden project", team=[(team, "member")])
    hidden.confidential = True
    database.commit()
    published = scored_report(
        database,
        open_project,
        team,
        [],
        status="published",
        published_at=datetime.now(UTC),
        actions_per_point=1,
    )
    confidential = scored_report(
        database, hidden, team, [], status="published", published_at=datetime.now(UTC)
    )
    draft = scored_report(database, open_project, team, [], status="sent")
    return published, confidential, draft


def test_reports_need_a_token_unless_the_service_publishes_them(
    app, client, database, make_person, monkeypatch
):
    published, confidential, draft = _reports(database, make_person)
    monkeypatch.setitem(app.config, "PUBLIC_REPORTS", False)
    assert_problem(client.get("/api/v1/reports"), 401)
    assert_problem(client.get(f"/api/v1/reports/{published.id}"), 401)

    monkeypatch.setitem(app.config, "PUBLIC_REPORTS", True)
    listed = client.get("/api/v1/reports").get_json()["reports"]
    assert [r["id"] for r in listed] == [published.id]
    report = client.get(f"/api/v1/reports/{published.id}").get_json()
    assert report["project"]["name"] == "Open project"
    assert report["actions"] and all(a["owner"] is None for a in report["actions"])
    assert "Sam Lee" not in str(report)
    assert_problem(client.get(f"/api/v1/reports/{confidential.id}"), 404)
    assert_problem(client.get(f"/api/v1/reports/{draft.id}"), 404)
    # A bad token is refused even where reports are public: the caller meant to sign in.
    assert_problem(get(client, "/api/v1/reports", "ssa_" + "z" * 43), 401)
    # The rest of the API still needs a token.
    assert_problem(client.get("/api/v1/projects"), 401)


def test_confidential_reports_only_for_those_who_may_read_them(
    client, database, make_person, token_for
):
    published, confidential, _ = _reports(database, make_person)
    board = token_for(make_person(["board_member"]))
    stranger = token_for(make_person())
    assert {r["id"] for r in get(client, "/api/v1/reports", board).get_json()["reports"]} == {
        published.id,
        confidential.id,
    }
    assert [r["id"] for r in get(client, "/api/v1/reports", stranger).get_json()["reports"]] == [
        published.id
    ]
    assert get(client, f"/api/v1/reports/{confidential.id}", board).status_code == 200
    assert_problem(get(client, f"/api/v1/reports/{confidential.id}", stranger), 403)
    named = get(client, f"/api/v1/reports/{published.id}", stranger).get_json()
    assert any(a["owner"] == "Sam Lee" for a in named["actions"])


# --- Errors are JSON -----------------------------------------------------------------------


def test_errors_under_the_api_are_json_never_pages(client, make_person, token_for):
    secret = token_for(make_person(["board_member"]))
    assert_problem(get(client, "/api/v1/no-such-thing", secret), 404)
    assert_problem(client.get("/api/nothing"), 404)
    assert_problem(get(client, "/api/v1/projects/99999999999999999999", secret), 404)
    assert_problem(get(client, "/api/v1/reports/123456", secret), 404)
    response = client.post("/api/v1/portfolio", headers={"Authorization": f"Bearer {secret}"})
    assert_problem(response, 405)
    assert "GET" in response.headers["Allow"]
    body = assert_problem(get(client, "/api/v1/actions?status=lost", secret), 400)
    assert "status must be one of" in body["detail"]
    assert_problem(get(client, "/api/v1/actions?overdue=maybe", secret), 400)
    assert_problem(get(client, "/api/v1/actions?project=-1", secret), 400)
    # Pages outside the API keep their HTML error pages.
    assert client.get("/no-such-page").mimetype == "text/html"


def test_actions_filter_by_status_overdue_and_project(client, database, make_person, token_for):
    project = make_project(database, "Blue Badge")
    other = make_project(database, "Other")
    make_action(database, project, description="Late", due_date=date(2020, 1, 1))
    make_action(database, project, description="Done", status="done")
    make_action(database, other, description="Elsewhere")
    secret = token_for(make_person(["board_member"]))

    def names(query):
        body = get(client, "/api/v1/actions" + query, secret).get_json()
        return sorted(a["description"] for a in body["actions"])

    assert names("") == ["Done", "Elsewhere", "Late"]
    assert names("?overdue=true") == ["Late"]
    assert names("?status=done") == ["Done"]
    assert names(f"?project={other.id}") == ["Elsewhere"]


def test_the_openapi_description_is_public_and_valid(client, app, monkeypatch):
    from openapi_spec_validator import validate

    for public in (False, True):
        monkeypatch.setitem(app.config, "PUBLIC_REPORTS", public)
        response = client.get("/api/v1/openapi.json")
        assert response.status_code == 200
        document = response.get_json()
        validate(document)
        assert set(document["paths"]) == {
            "/portfolio",
            "/projects",
            "/projects/{project_id}",
            "/projects/{project_id}/assessments",
            "/reports",
            "/reports/{report_id}",
            "/actions",
        }
        opens = document["paths"]["/reports"]["get"].get("security")
        assert (opens == [{"bearer": []}, {}]) is public


# --- Query counts --------------------------------------------------------------------------


def _programme(database, team, count, start):
    for n in range(start, start + count):
        project = make_project(database, f"Project {n:03}", team=[(team, "member")])
        assessment = submitted(database, project, team, "amber")
        make_action(database, project, assessment, description=f"Action {n}")
        scored_report(
            database, project, team, [], status="published", published_at=datetime.now(UTC)
        )


@pytest.mark.parametrize(
    "url",
    ["/api/v1/portfolio", "/api/v1/projects", "/api/v1/reports", "/api/v1/actions"],
)
def test_lists_take_the_same_number_of_queries_however_long(
    app, client, database, make_person, token_for, url
):
    team = make_person()
    secret = token_for(make_person(["board_member"]))
    _programme(database, team, 2, 0)
    get(client, url, secret)  # the token's first use is written down once
    with counting_queries(app) as few:
        assert get(client, url, secret).status_code == 200
    _programme(database, team, 4, 2)
    with counting_queries(app) as many:
        body = get(client, url, secret).get_json()
    assert len(many) == len(few), url
    assert body


def test_a_projects_assessments_take_a_fixed_number_of_queries(
    app, client, database, make_person, token_for
):
    team = make_person()
    project = make_project(database, "Blue Badge", team=[(team, "member")])
    secret = token_for(make_person(["board_member"]))
    url = f"/api/v1/projects/{project.id}/assessments"
    scored_report(database, project, team, [], status="published", published_at=datetime.now(UTC))
    get(client, url, secret)
    with counting_queries(app) as few:
        get(client, url, secret)
    for _ in range(3):
        scored_report(
            database, project, team, [], status="published", published_at=datetime.now(UTC)
        )
    with counting_queries(app) as many:
        body = get(client, url, secret).get_json()
    assert len(body["assessments"]) == 8
    assert len(many) == len(few)
