"""Administrators issue API tokens (seen once), list them and revoke them."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from app.models import ApiToken, AuditEvent, SignedInSession
from app.rules.api_tokens import token_hash
from app.rules.permissions import Role
from tests.integration.query_count import counting_queries

TOKEN = re.compile(r'<code id="api-token">(ssa_[A-Za-z0-9_-]+)</code>')


@pytest.fixture
def admin(signed_in_as):
    return signed_in_as(Role.ADMINISTRATOR)


def test_the_people_page_links_to_the_tokens(client, admin):
    page = client.get("/admin/people").get_data(as_text=True)
    assert 'href="/admin/api-tokens"' in page
    page = client.get("/admin/api-tokens").get_data(as_text=True)
    assert "No tokens have been issued yet." in page
    assert 'href="/admin/api-tokens/issue"' in page


def test_the_navigation_leads_to_the_tokens(client, admin):
    nav = '<a class="govuk-service-navigation__link" href="/admin/api-tokens"'
    assert nav in client.get("/admin/people").get_data(as_text=True)
    page = client.get("/admin/api-tokens").get_data(as_text=True)
    assert f"{nav} aria-current" in page


def test_the_tokens_show_which_directorates_they_answer_for(client, database, admin, make_person):
    from app.commands.api_tokens import issue_token
    from app.models import Directorate, DirectorateScope

    north = Directorate(name="North")
    south = Directorate(name="South")
    database.add_all([north, south])
    database.flush()
    limited = make_person([Role.BOARD_MEMBER], name="Limited Person")
    everything = make_person([Role.BOARD_MEMBER], name="Whole Programme")
    database.add_all(
        [
            DirectorateScope(person_id=limited.id, directorate_id=south.id),
            DirectorateScope(person_id=limited.id, directorate_id=north.id),
        ]
    )
    database.commit()
    issue_token(admin.id, limited.id, "Limited")
    issue_token(admin.id, everything.id, "Everything")
    page = client.get("/admin/api-tokens").get_data(as_text=True)
    assert "Directorates" in page
    assert "North, South" in page
    assert "All directorates" in page


def test_issuing_shows_the_token_once_and_keeps_only_its_hash(
    app, client, database, admin, make_person
):
    board = make_person([Role.BOARD_MEMBER], name="Grace Hopper")
    form = client.get("/admin/api-tokens/issue").get_data(as_text=True)
    assert "Grace Hopper (" in form

    response = client.submit(
        "/admin/api-tokens/issue", {"person": str(board.id), "name": "Board dashboard"}
    )
    # Post/redirect/get: the page that shows the token is a GET, shown once.
    assert response.status_code == 302
    shown_at = response.headers["Location"]
    held_after_issuing = app.session_interface.get_signing_serializer(app).loads(
        client.get_cookie("session").value
    )
    assert "ssa_" not in repr(held_after_issuing)
    response = client.get(shown_at)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "govuk-notification-banner--success" in page
    assert "This is the only time it is shown" in page
    secret = TOKEN.search(page).group(1)
    token = database.scalar(select(ApiToken).where(ApiToken.person_id == board.id))
    assert token.token_hash == token_hash(secret)
    assert response.headers["Cache-Control"] == "no-store"

    # The secret was never in the cookie (signed, not encrypted), only on the server.
    assert secret not in repr(held_after_issuing)
    signed_in = database.scalar(
        select(SignedInSession).where(SignedInSession.person_id == admin.id)
    )
    database.refresh(signed_in)
    assert signed_in.issued_token_secret is None  # let go once shown

    # Reloading the page issues nothing and no longer shows the token.
    again = client.get(shown_at).get_data(as_text=True)
    assert "The token can no longer be shown" in again
    assert secret not in again
    assert len(database.scalars(select(ApiToken.id)).all()) == 1

    # The list never shows it again.
    listed = client.get("/admin/api-tokens").get_data(as_text=True)
    assert "Board dashboard" in listed and "Grace Hopper" in listed
    assert secret not in listed
    assert "Never" in listed  # not used yet
    used = client.get("/api/v1/portfolio", headers={"Authorization": f"Bearer {secret}"})
    assert used.status_code == 200
    assert "Never" not in client.get("/admin/api-tokens").get_data(as_text=True)


@pytest.mark.parametrize(
    ("fields", "messages"),
    [
        ({"person": "", "name": ""}, ["Select the person the token is for", "Enter a name"]),
        ({"person": "999999", "name": "x"}, ["Select the person the token is for"]),
        ({"person": "abc", "name": "x" * 101}, ["Name must be 100 characters or fewer"]),
        # Digits to Python but not ids: a full-width one, a superscript.
        ({"person": "\uff11", "name": "x"}, ["Select the person the token is for"]),
        ({"person": "\u00b2", "name": "x"}, ["Select the person the token is for"]),
    ],
)
def test_the_form_shows_govuk_errors_and_keeps_what_was_typed(
    client, database, admin, fields, messages
):
    response = client.submit("/admin/api-tokens/issue", fields)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "<title>Error: Issue an API token" in page
    assert "govuk-error-summary" in page
    for message in messages:
        assert message in page
    if fields["name"]:
        assert f'value="{fields["name"]}"' in page
    assert database.scalar(select(ApiToken.id)) is None


def test_a_name_the_person_already_uses_is_refused(client, admin, make_person):
    board = make_person([Role.BOARD_MEMBER])
    fields = {"person": str(board.id), "name": "Dashboard"}
    assert client.submit("/admin/api-tokens/issue", fields).status_code == 302
    response = client.submit("/admin/api-tokens/issue", fields)
    assert response.status_code == 400
    assert "already has a token with this name" in response.get_data(as_text=True)


def test_issuing_without_the_csrf_token_is_refused(client, database, admin, make_person):
    board = make_person([Role.BOARD_MEMBER])
    response = client.post("/admin/api-tokens/issue", data={"person": board.id, "name": "X"})
    assert response.status_code == 400
    assert database.scalar(select(ApiToken.id)) is None


def test_revoking_asks_first_then_the_token_stops_working(client, database, admin, make_person):
    board = make_person([Role.BOARD_MEMBER], name="Grace Hopper")
    page = client.submit(
        "/admin/api-tokens/issue",
        {"person": str(board.id), "name": "Dashboard"},
        follow_redirects=True,
    ).get_data(as_text=True)
    secret = TOKEN.search(page).group(1)
    token = database.scalar(select(ApiToken))
    url = f"/admin/api-tokens/{token.id}/revoke"

    confirm = client.get(url).get_data(as_text=True)
    assert "Revoke the token Dashboard?" in confirm and "Grace Hopper" in confirm
    assert token.revoked_at is None

    response = client.submit(url, {}, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "has been revoked" in page and "Revoked" in page
    database.refresh(token)
    assert token.revoked_at is not None and token.revoked_by_id == admin.id
    assert database.scalar(
        select(AuditEvent.id).where(
            AuditEvent.subject_type == "api_token", AuditEvent.verb == "revoked"
        )
    )
    answer = client.get("/api/v1/portfolio", headers={"Authorization": f"Bearer {secret}"})
    assert answer.status_code == 401
    # Revoking again changes nothing and says so.
    again = client.get(url, follow_redirects=True).get_data(as_text=True)
    assert "already been revoked" in again
    assert client.get("/admin/api-tokens/999999/revoke").status_code == 404


def test_the_list_takes_the_same_number_of_queries_however_many_tokens(
    app, client, admin, make_person
):
    from app.commands.api_tokens import issue_token, revoke_token

    def issue(count):
        for _ in range(count):
            person = make_person([Role.BOARD_MEMBER])
            token = issue_token(admin.id, person.id, "Dashboard").token
            revoke_token(admin.id, token.id)

    issue(2)
    with counting_queries(app) as few:
        client.get("/admin/api-tokens")
    issue(5)
    with counting_queries(app) as many:
        page = client.get("/admin/api-tokens").get_data(as_text=True)
    assert page.count("Revoked") >= 7
    assert len(many) == len(few)
