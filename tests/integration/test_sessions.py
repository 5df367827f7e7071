"""Sessions end on the server, within their limits, and typed work outlives them."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from app.models import KeptWork, SignedInSession
from app.models.people import session_token_hash
from app.rules.permissions import TeamRole
from tests.conftest import DEMO_PASSWORD
from tests.integration.conftest import FormClient
from tests.integration.factories import answer, make_project, start_assessment
from tests.integration.query_count import counting_queries


@pytest.fixture
def other_browser(app, database):
    return FormClient(app.test_client())


def session_cookie(client) -> str:
    return client.get_cookie("session").value


def test_a_cookie_copied_before_sign_out_is_refused_after_it(app, client, make_person, database):
    person = make_person()
    client.sign_in(person.email)
    copied = session_cookie(client)
    assert client.get("/home").status_code == 200

    client.submit("/sign-out", token_from="/home")

    thief = app.test_client()
    thief.set_cookie("session", copied)
    response = thief.get("/home")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/sign-in")
    # Nor can it write: a post with the copied cookie's CSRF token is sent to sign in.
    with thief.session_transaction() as state:
        token = state.get("csrf_token")
    response = thief.post("/account/password", data={"csrf_token": token or ""})
    assert response.status_code in (302, 400)
    assert response.status_code != 200


def test_signing_in_again_after_sign_out_works(client, make_person):
    person = make_person()
    client.sign_in(person.email)
    client.submit("/sign-out", token_from="/home")
    client.sign_in(person.email)
    assert client.get("/home").status_code == 200


def test_the_sign_in_response_stamps_the_session_times(client, make_person):
    person = make_person()
    before = time.time()
    client.sign_in(person.email)
    with client.session_transaction() as state:
        assert state["last_seen"] >= before
        assert state["signed_in_at"] >= before


def test_the_cookie_set_by_sign_in_times_out(app, client, make_person):
    """The cookie the sign-in response sets, unused for longer than the idle timeout."""
    person = make_person()
    response = client.sign_in(person.email)
    cookie = response.headers["Set-Cookie"].split(";")[0].split("=", 1)[1]
    idle = app.config["SESSION_IDLE_MINUTES"] * 60
    later = time.time() + idle + 5
    replay = app.test_client()
    replay.set_cookie("session", cookie)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(time, "time", lambda: later)
        response = replay.get("/home")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/sign-in")


def test_a_session_without_last_seen_has_ended(client, make_person):
    person = make_person()
    client.sign_in(person.email)
    with client.session_transaction() as state:
        del state["last_seen"]
    response = client.get("/home", follow_redirects=True)
    assert "You have been signed out" in response.get_data(as_text=True)
    assert client.get("/home").status_code == 302


def test_a_session_ends_a_working_day_after_signing_in_however_busy(app, client, make_person):
    person = make_person()
    client.sign_in(person.email)
    with client.session_transaction() as state:
        state["signed_in_at"] = time.time() - app.config["SESSION_MAX_HOURS"] * 3600 - 5
        state["last_seen"] = time.time()
    response = client.get("/home", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "You have been signed out because you signed in more than 8 hours ago" in page
    assert client.get("/home").status_code == 302


def test_stay_signed_in_extends_the_session(app, client, make_person):
    person = make_person()
    client.sign_in(person.email)
    nearly = time.time() - app.config["SESSION_IDLE_MINUTES"] * 60 + 30
    with client.session_transaction() as state:
        state["last_seen"] = nearly
    response = client.submit("/session/keep-alive", token_from="/home")
    assert response.status_code == 200
    assert response.json["signed_in"] is True
    with client.session_transaction() as state:
        assert state["last_seen"] > nearly + 20
    assert client.post("/session/keep-alive").status_code == 400  # no CSRF token


def test_stay_signed_in_after_the_session_ended_says_so(app, client, make_person):
    person = make_person()
    client.sign_in(person.email)
    token = client.csrf_token("/home")
    with client.session_transaction() as state:
        state["last_seen"] = time.time() - app.config["SESSION_IDLE_MINUTES"] * 60 - 5
    response = client.post("/session/keep-alive", data={"csrf_token": token})
    assert response.status_code == 401
    assert response.json["signed_in"] is False


def test_signed_in_pages_carry_the_timeout_warning(app, client, make_person):
    person = make_person()
    client.sign_in(person.email)
    page = client.get("/home").get_data(as_text=True)
    assert 'id="app-timeout-warning"' in page
    assert 'role="alertdialog"' in page
    assert "timeout-warning.js" in page
    client.submit("/sign-out", token_from="/home")
    assert 'id="app-timeout-warning"' not in client.get("/sign-in").get_data(as_text=True)


def test_hsts_in_production_only(client):
    assert "Strict-Transport-Security" not in client.get("/").headers


def test_hsts_header_in_production():
    from app import create_app
    from tests.conftest import config_for_tests

    app = create_app(
        config_for_tests(
            {"APP_ENV": "production", "SECRET_KEY": "s" * 40},
            SQLALCHEMY_DATABASE_URI="sqlite://",
        )
    )
    response = app.test_client().get("/")
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


# --- Sessions on the server: one row for each signed-in browser ------------------------------


def _rows(database, person) -> list[SignedInSession]:
    database.expire_all()
    return list(
        database.scalars(
            select(SignedInSession)
            .where(SignedInSession.person_id == person.id)
            .order_by(SignedInSession.id)
        )
    )


def _shift(database, row: SignedInSession, **seconds_back) -> None:
    """Move a session's server times back, as if they had happened that long ago."""
    for name, seconds in seconds_back.items():
        moment = getattr(row, name)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        setattr(row, name, moment - timedelta(seconds=seconds))
    database.commit()


def test_signing_in_starts_a_session_on_the_server_keeping_only_its_hash(
    client, make_person, database
):
    person = make_person()
    client.sign_in(person.email)
    [row] = _rows(database, person)
    assert row.ended_at is None
    assert len(row.token_hash) == 64
    with client.session_transaction() as state:
        token = state["_user_id"]
    assert token != row.token_hash and token not in row.token_hash
    assert row.token_hash == session_token_hash(token)
    assert row.user_agent  # the test client's, for a list of signed-in browsers later


def test_a_copied_cookie_is_refused_after_its_owners_idle_timeout(
    app, client, make_person, database
):
    # A review found a copied cookie, kept busy, outlived its owner's idle timeout until the
    # absolute limit: the person's token only changed when they signed out.
    person = make_person()
    client.sign_in(person.email)
    thief = app.test_client()
    thief.set_cookie("session", session_cookie(client))
    assert thief.get("/home").status_code == 200  # the copy, kept busy
    # The owner walks away; when their browser next asks, their session has ended...
    with client.session_transaction() as state:
        state["last_seen"] = time.time() - app.config["SESSION_IDLE_MINUTES"] * 60 - 5
    assert client.get("/home").headers["Location"].startswith("/sign-in")
    # ...on the server too: the busy copy is refused from then on.
    response = thief.get("/home")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/sign-in")
    [row] = _rows(database, person)
    assert row.ended_at is not None


def test_the_server_ends_a_session_idle_too_long_whatever_the_cookie_says(
    app, client, make_person, database
):
    person = make_person()
    client.sign_in(person.email)
    [row] = _rows(database, person)
    idle = app.config["SESSION_IDLE_MINUTES"] * 60
    _shift(database, row, created_at=idle + 120, last_seen_at=idle + 61)
    response = client.get("/home", follow_redirects=True)
    assert "You have been signed out because you had not done anything" in response.get_data(
        as_text=True
    )
    assert _rows(database, person)[0].ended_at is not None


def test_the_server_ends_a_session_a_working_day_after_it_began(app, client, make_person, database):
    person = make_person()
    client.sign_in(person.email)
    [row] = _rows(database, person)
    _shift(database, row, created_at=app.config["SESSION_MAX_HOURS"] * 3600 + 5)
    response = client.get("/home", follow_redirects=True)
    assert "because you signed in more than 8 hours ago" in response.get_data(as_text=True)
    assert client.get("/home").status_code == 302


def test_signing_out_in_one_browser_leaves_the_other_signed_in(
    client, other_browser, make_person, database
):
    # A review found signing out anywhere signed the person out everywhere.
    person = make_person()
    client.sign_in(person.email)
    other_browser.sign_in(person.email)
    assert [row.ended_at for row in _rows(database, person)] == [None, None]
    client.submit("/sign-out", token_from="/home")
    assert client.get("/home").status_code == 302
    assert other_browser.get("/home").status_code == 200
    first, second = _rows(database, person)
    assert first.ended_at is not None and second.ended_at is None


def test_changing_a_password_ends_the_other_sessions_and_keeps_this_one(
    client, other_browser, make_person, database
):
    person = make_person()
    other_browser.sign_in(person.email)
    client.sign_in(person.email)
    response = client.submit(
        "/account/password",
        {
            "current_password": DEMO_PASSWORD,
            "new_password": "my-very-own-password",
            "confirm_password": "my-very-own-password",
        },
    )
    assert response.status_code == 302
    assert client.get("/home").status_code == 200
    assert other_browser.get("/home").status_code == 302
    rows = _rows(database, person)
    # Both sessions from before ended; this browser carries on in a new one.
    assert [row.ended_at is None for row in rows] == [False, False, True]


def test_a_password_set_by_an_administrator_or_deactivation_ends_every_session(
    client, other_browser, make_person, database
):
    from app.commands import people as people_commands

    admin = make_person(roles=["administrator"])
    person = make_person()
    client.sign_in(person.email)
    other_browser.sign_in(person.email)
    people_commands.edit_person(
        admin.id, person.id, person.name, person.email, [], "a-password-for-one-sign-in"
    )
    assert [row.ended_at is None for row in _rows(database, person)] == [False, False]
    assert client.get("/home").status_code == 302
    assert other_browser.get("/home").status_code == 302

    client.sign_in(person.email, "a-password-for-one-sign-in")
    people_commands.set_active(admin.id, person.id, False)
    assert all(row.ended_at is not None for row in _rows(database, person))
    assert client.get("/home").status_code == 302


def test_the_session_and_the_person_are_found_in_one_query(app, client, make_person, database):
    person = make_person()
    client.sign_in(person.email)
    client.get("/cookies")
    with counting_queries(app) as statements:
        assert client.get("/cookies").status_code == 200
    # The bare page: one statement finds the session, the person and their roles, and the
    # session's last request is not written on every request.
    assert len(statements) == 1, statements
    assert "signed_in_session" in statements[0] and "person_role" in statements[0]


def test_the_server_notes_the_latest_request_once_a_minute(app, client, make_person, database):
    person = make_person()
    client.sign_in(person.email)
    [row] = _rows(database, person)
    signed_in_at = row.last_seen_at
    client.get("/cookies")
    assert _rows(database, person)[0].last_seen_at == signed_in_at  # too soon to note
    _shift(database, row, created_at=90, last_seen_at=90)
    with counting_queries(app) as statements:
        client.get("/cookies")
    assert sum(statement.lstrip().upper().startswith("UPDATE") for statement in statements) == 1
    noted = _rows(database, person)[0].last_seen_at
    if noted.tzinfo is None:
        noted = noted.replace(tzinfo=UTC)
    assert datetime.now(UTC) - noted < timedelta(seconds=30)


# --- Work typed when the session ran out -------------------------------------------------------

EVIDENCE = ("We tested the service with 12 users. " * 200)[:5000]


@pytest.fixture
def point_page(database, make_person):
    member = make_person(name="Priya Shah")
    project = make_project(database, team=[(member, TeamRole.MEMBER.value)])
    assessment = start_assessment(database, project, member)
    url = f"/projects/{project.id}/assessments/{assessment.id}/points/1"
    return member, assessment, url


def _post_after_timeout(app, client, url, fields, token_from=None):
    token = client.csrf_token(token_from or url)
    with client.session_transaction() as state:
        state["last_seen"] = time.time() - app.config["SESSION_IDLE_MINUTES"] * 60 - 5
    return client.post(url, data={**fields, "csrf_token": token})


def _version(client, url) -> str:
    page = client.get(url).get_data(as_text=True)
    marker = 'name="version" type="hidden" value="'
    start = page.index(marker) + len(marker)
    return page[start : page.index('"', start)]


def test_evidence_sent_after_the_timeout_comes_back_after_signing_in(
    app, client, point_page, database
):
    member, assessment, url = point_page
    client.sign_in(member.email)
    fields = {"evidence_account": EVIDENCE, "version": _version(client, url)}
    response = _post_after_timeout(app, client, url, fields)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/sign-in")
    sign_in_page = client.get("/sign-in").get_data(as_text=True)
    assert "We have kept what you sent" in sign_in_page
    # Nothing was saved: the session had ended.
    assert not answer(database, assessment, 1).evidence_account

    response = client.sign_in(member.email)
    assert response.headers["Location"] == url
    page = client.get(url).get_data(as_text=True)
    assert EVIDENCE in page
    assert "We have kept what you typed: check it and save it again" in page
    # Once only, and nothing is left behind.
    assert EVIDENCE not in client.get(url).get_data(as_text=True)
    assert database.scalar(select(func.count(KeptWork.id))) == 0


def test_kept_work_never_holds_passwords_or_tokens(app, client, point_page, database):
    member, _, url = point_page
    client.sign_in(member.email)
    _post_after_timeout(app, client, url, {"evidence_account": "kept", "password": "secret"})
    kept = database.scalar(select(KeptWork))
    assert kept.fields == {"evidence_account": ["kept"]}
    assert kept.person_id == member.id


def test_someone_else_signing_in_does_not_get_the_kept_work(
    app, client, point_page, make_person, database
):
    member, _, url = point_page
    client.sign_in(member.email)
    _post_after_timeout(app, client, url, {"evidence_account": EVIDENCE})
    other = make_person(name="Someone Else")
    response = client.sign_in(other.email)
    assert response.headers["Location"] == "/home"
    assert EVIDENCE not in client.get("/home").get_data(as_text=True)


def test_a_post_to_an_address_that_is_not_a_page_returns_to_the_page_it_came_from(
    app, client, point_page
):
    member, assessment, _ = point_page
    task_list = f"/projects/{assessment.project_id}/assessments/{assessment.id}"
    client.sign_in(member.email)
    token = client.csrf_token(task_list)
    with client.session_transaction() as state:
        state["last_seen"] = time.time() - app.config["SESSION_IDLE_MINUTES"] * 60 - 5
    client.post(
        f"{task_list}/submit",
        data={"csrf_token": token, "confirm": "yes"},
        headers={"Referer": f"http://localhost{task_list}"},
    )
    assert client.sign_in(member.email).headers["Location"] == task_list


def test_a_post_from_elsewhere_to_an_address_that_is_not_a_page_is_not_kept(
    app, client, point_page, database
):
    member, assessment, _ = point_page
    task_list = f"/projects/{assessment.project_id}/assessments/{assessment.id}"
    client.sign_in(member.email)
    token = client.csrf_token(task_list)
    with client.session_transaction() as state:
        state["last_seen"] = time.time() - app.config["SESSION_IDLE_MINUTES"] * 60 - 5
    client.post(f"{task_list}/submit", data={"csrf_token": token, "confirm": "yes"})
    assert database.scalar(select(func.count(KeptWork.id))) == 0
    assert client.sign_in(member.email).headers["Location"] == "/home"


def test_kept_work_waits_while_a_new_password_is_chosen(app, client, point_page, database):
    member, _, url = point_page
    member.password_must_change = True
    database.commit()
    client.sign_in(member.email)
    _post_after_timeout(app, client, url, {"evidence_account": EVIDENCE}, "/account/password")
    response = client.sign_in(member.email)
    assert response.headers["Location"] == "/account/password"
    response = client.submit(
        "/account/password",
        {
            "current_password": "demo-password-2026",
            "new_password": "my-very-own-password",
            "confirm_password": "my-very-own-password",
        },
    )
    assert response.headers["Location"] == url
    assert EVIDENCE in client.get(url).get_data(as_text=True)


def test_a_post_to_a_page_that_takes_no_posts_keeps_nothing(app, client, point_page, database):
    # A review replayed an ended session's cookie against GET-only pages, which skip the
    # CSRF check, and stored a megabyte a request.
    member, assessment, _ = point_page
    client.sign_in(member.email)
    _post_after_timeout(
        app, client, f"/projects/{assessment.project_id}", {"x": "y" * 1000}, token_from="/home"
    )
    assert database.scalar(select(func.count(KeptWork.id))) == 0


def test_each_person_has_at_most_one_piece_of_kept_work(app, client, point_page, database):
    member, _, url = point_page
    for attempt in range(3):
        client.sign_in(member.email)
        _post_after_timeout(app, client, url, {"evidence_account": f"attempt {attempt}"})
    kept = database.scalars(select(KeptWork)).all()
    assert [work.fields for work in kept] == [{"evidence_account": ["attempt 2"]}]


def test_a_cookie_long_past_the_absolute_limit_keeps_nothing(app, client, point_page, database):
    member, _, url = point_page
    client.sign_in(member.email)
    token = client.csrf_token(url)
    with client.session_transaction() as state:
        state["signed_in_at"] = time.time() - 20 * 24 * 3600
    client.post(url, data={"evidence_account": "replayed", "csrf_token": token})
    assert database.scalar(select(func.count(KeptWork.id))) == 0
