"""Everyone can change their own password."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import select

from app.models import AuditEvent, Person
from tests.conftest import DEMO_PASSWORD
from tests.integration.conftest import FormClient
from tests.integration.test_projects import error_summary

URL = "/account/password"
NEW = "my-very-own-password"


def change(client, current=DEMO_PASSWORD, new=NEW, confirm=None):
    return client.submit(
        URL,
        {
            "current_password": current,
            "new_password": new,
            "confirm_password": new if confirm is None else confirm,
        },
    )


def test_every_signed_in_page_links_to_changing_your_password(signed_in_as, client):
    signed_in_as()
    assert f'href="{URL}"' in client.get("/home").get_data(as_text=True)


def test_changing_your_password(app, signed_in_as, client, database):
    person = signed_in_as()
    response = change(client)
    assert response.status_code == 302
    assert response.headers["Location"] == "/home"
    assert "Your password has been changed" in client.get("/home").get_data(as_text=True)
    database.expire_all()
    assert not database.get(Person, person.id).password_must_change
    assert database.scalar(
        select(AuditEvent).where(
            AuditEvent.subject_id == person.id, AuditEvent.verb == "password_changed"
        )
    )
    # The new password works and the old one does not.
    client.submit("/sign-out", token_from="/home")
    client.sign_in(person.email, NEW)
    other = FormClient(app.test_client())
    response = other.submit("/sign-in", {"email": person.email, "password": DEMO_PASSWORD})
    assert "Enter a correct email address and password" in response.get_data(as_text=True)


def test_changing_your_password_signs_out_your_other_sessions(app, signed_in_as, client):
    person = signed_in_as()
    elsewhere = FormClient(app.test_client())
    elsewhere.sign_in(person.email)
    change(client)
    assert client.get("/home").status_code == 200
    assert elsewhere.get("/home").status_code == 302


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"current": ""}, "Enter your current password"),
        ({"current": "not-my-password"}, "Your current password is not correct"),
        ({"new": ""}, "Enter a new password"),
        ({"new": "too-short"}, "New password must be between 12 and 128 characters"),
        ({"confirm": "something-different"}, "Passwords must match"),
        ({"new": DEMO_PASSWORD}, "New password must be different from your current password"),
    ],
    ids=["no current", "wrong current", "no new", "short", "mismatch", "same"],
)
def test_mistakes_get_govuk_errors_and_change_nothing(
    signed_in_as, client, database, fields, message
):
    person = signed_in_as()
    before = person.password_hash
    response = change(client, **fields)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<title>Error: Change your password" in page
    assert "govuk-error-summary" in page
    assert message in page
    database.expire_all()
    assert database.get(Person, person.id).password_hash == before


def test_a_file_sent_as_a_password_is_refused_clearly(signed_in_as, client, database):
    person = signed_in_as()
    before = person.password_hash
    data = {
        "current_password": DEMO_PASSWORD,
        "new_password": (io.BytesIO(b"a file, not a password"), "new.txt"),
        "confirm_password": NEW,
        "csrf_token": client.csrf_token(URL),
    }
    response = client.post(URL, data=data, content_type="multipart/form-data")
    assert response.status_code == 200
    assert "Enter new password as text, not a file" in response.get_data(as_text=True)
    database.expire_all()
    assert database.get(Person, person.id).password_hash == before


def test_signing_in_with_a_password_you_chose_goes_straight_on(client, make_person):
    person = make_person()
    assert client.sign_in(person.email).headers["Location"] == "/home"


@pytest.mark.parametrize("forced", [False, True], ids=["own choice", "set by an administrator"])
def test_every_mistake_is_shown_at_once(client, make_person, database, forced):
    # A review found the forced change told people one mistake a try: a wrong current
    # password only once everything else was right.
    person = make_person()
    person.password_must_change = forced
    database.commit()
    response = client.sign_in(person.email)
    assert response.headers["Location"] == (URL if forced else "/home")
    response = change(client, current="not-my-password", new="too-short", confirm="")
    assert response.status_code == 200
    assert error_summary(response) == [
        "Your current password is not correct",
        "New password must be between 12 and 128 characters",
        "Confirm your new password",
    ]
    response = change(client, current="not-my-password", confirm="something-different")
    assert error_summary(response) == [
        "Your current password is not correct",
        "Passwords must match",
    ]
    # Each field says its own first mistake only, and the summary matches the fields.
    response = change(client, current="", new=DEMO_PASSWORD, confirm="x")
    assert error_summary(response) == ["Enter your current password", "Passwords must match"]
    database.expire_all()
    assert database.get(Person, person.id).password_must_change is forced


def test_a_wrong_current_password_and_a_reused_one_are_said_together(signed_in_as, client):
    signed_in_as()
    response = change(client, current="not-my-password", new="not-my-password")
    assert error_summary(response) == [
        "Your current password is not correct",
        "New password must be different from your current password",
    ]
