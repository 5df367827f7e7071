import io
import time

import pytest

from app.models import SignInAttempt
from app.rules.sign_in import MAX_FAILURES_PER_ADDRESS, MAX_FAILURES_PER_EMAIL_FROM_ADDRESS
from tests.integration.conftest import FormClient


def test_sign_in_page_has_the_named_fields(client):
    page = client.get("/sign-in").get_data(as_text=True)
    assert 'name="email"' in page
    assert 'name="password"' in page
    assert 'name="csrf_token"' in page


def test_signing_in_goes_home(client, make_person):
    person = make_person(name="Ada Lovelace")
    response = client.submit("/sign-in", {"email": person.email, "password": "demo-password-2026"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/home"
    home = client.get("/home").get_data(as_text=True)
    assert "Ada Lovelace" in home


def test_email_is_not_case_sensitive(client, make_person):
    person = make_person()
    response = client.submit(
        "/sign-in", {"email": person.email.upper(), "password": "demo-password-2026"}
    )
    assert response.status_code == 302


def test_wrong_password_shows_one_message_and_keeps_the_email(client, make_person, database):
    person = make_person()
    response = client.submit("/sign-in", {"email": person.email, "password": "wrong-password"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<title>Error: Sign in" in page
    assert "govuk-error-summary" in page
    assert "Enter a correct email address and password" in page
    assert f'value="{person.email}"' in page
    assert database.query(SignInAttempt).filter_by(succeeded=False).count() == 1


def test_unknown_email_gets_the_same_message(client):
    response = client.submit(
        "/sign-in", {"email": "nobody@example.gov.uk", "password": "whatever-it-is"}
    )
    assert "Enter a correct email address and password" in response.get_data(as_text=True)


def test_empty_and_malformed_fields_get_govuk_messages(client):
    page = client.submit("/sign-in", {"email": "", "password": ""}).get_data(as_text=True)
    assert "Enter your email address" in page
    assert "Enter your password" in page
    page = client.submit("/sign-in", {"email": "not-an-email", "password": "x"}).get_data(
        as_text=True
    )
    assert "Enter an email address in the correct format" in page
    assert 'value="not-an-email"' in page


def test_overlong_input_is_refused_politely(client):
    response = client.submit("/sign-in", {"email": "a" * 300 + "@x.gov.uk", "password": "p" * 500})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Email address must be 254 characters or fewer" in page
    assert "Password must be 128 characters or fewer" in page


def test_deactivated_people_cannot_sign_in(client, make_person):
    person = make_person(active=False)
    response = client.submit("/sign-in", {"email": person.email, "password": "demo-password-2026"})
    assert "Enter a correct email address and password" in response.get_data(as_text=True)


def test_repeated_failures_are_throttled(client, make_person):
    person = make_person()
    for _ in range(MAX_FAILURES_PER_EMAIL_FROM_ADDRESS):
        client.submit("/sign-in", {"email": person.email, "password": "wrong-password"})
    # Even the right password is refused while throttled.
    response = client.submit("/sign-in", {"email": person.email, "password": "demo-password-2026"})
    assert response.status_code == 429
    assert "too many attempts to sign in" in response.get_data(as_text=True)


def test_next_only_goes_to_this_site(client, make_person):
    person = make_person()
    data = {"email": person.email, "password": "demo-password-2026"}
    token = client.csrf_token("/sign-in")
    response = client.post("/sign-in?next=/frameworks/", data={**data, "csrf_token": token})
    assert response.headers["Location"] == "/frameworks/"
    client.post("/sign-out", data={"csrf_token": client.csrf_token("/frameworks/")})
    for hostile in ("https://evil.example", "//evil.example", "/\\evil.example"):
        token = client.csrf_token("/sign-in")
        response = client.post(f"/sign-in?next={hostile}", data={**data, "csrf_token": token})
        assert response.headers["Location"] == "/home", hostile
        client.post("/sign-out", data={"csrf_token": client.csrf_token("/home")})


def test_sign_out_needs_a_post_with_a_token(client, make_person):
    person = make_person()
    client.sign_in(person.email)
    assert client.get("/sign-out").status_code == 405
    assert client.post("/sign-out").status_code == 400  # no CSRF token
    assert client.get("/home").status_code == 200
    response = client.submit("/sign-out", token_from="/home", follow_redirects=True)
    assert "You have signed out" in response.get_data(as_text=True)
    assert client.get("/home").status_code == 302


def test_idle_sessions_are_signed_out(app, client, make_person):
    person = make_person()
    client.sign_in(person.email)
    with client.session_transaction() as state:
        state["last_seen"] = time.time() - app.config["SESSION_IDLE_MINUTES"] * 60 - 5
    response = client.get("/home", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "You have been signed out because you had not done anything" in page
    assert client.get("/home").status_code == 302


def test_session_cookie_is_httponly_and_lax(client, make_person):
    person = make_person()
    response = client.sign_in(person.email)
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_session_is_renewed_on_sign_in(client, make_person):
    person = make_person()
    client.get("/sign-in")
    with client.session_transaction() as state:
        state["planted"] = "by someone else"
    client.sign_in(person.email)
    with client.session_transaction() as state:
        assert "planted" not in state


def test_passwords_are_stored_with_a_key_derivation_function(make_person):
    person = make_person()
    assert person.password_hash.startswith("scrypt:")


def test_a_file_sent_as_the_password_is_refused_clearly(client, make_person):
    person = make_person()
    data = {
        "email": person.email,
        "password": (io.BytesIO(b"demo-password-2026"), "password.txt"),
        "csrf_token": client.csrf_token("/sign-in"),
    }
    response = client.post("/sign-in", data=data, content_type="multipart/form-data")
    assert response.status_code == 200
    assert "Enter your password as text, not a file" in response.get_data(as_text=True)
    assert client.get("/home").status_code == 302


def _attempt(client, email, password, address, forwarded_for=None):
    token = client.csrf_token("/sign-in")
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    return client.post(
        "/sign-in",
        data={"email": email, "password": password, "csrf_token": token},
        environ_base={"REMOTE_ADDR": address},
        headers=headers,
    )


def test_someone_who_knows_only_an_email_cannot_lock_its_owner_out(app, make_person):
    person = make_person()
    attacker = FormClient(app.test_client())
    for _ in range(MAX_FAILURES_PER_EMAIL_FROM_ADDRESS + 2):
        _attempt(attacker, person.email, "a-wrong-guess", "198.51.100.7")
    assert _attempt(attacker, person.email, "demo-password-2026", "198.51.100.7").status_code == 429

    owner = FormClient(app.test_client())
    response = _attempt(owner, person.email, "demo-password-2026", "192.0.2.10")
    assert response.status_code == 302
    assert response.headers["Location"] == "/home"


@pytest.fixture
def app_behind_a_proxy(app):
    from app import create_app
    from tests.conftest import config_for_tests

    return create_app(
        config_for_tests(
            {"TRUSTED_PROXIES": "1"}, SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"]
        )
    )


def test_behind_a_trusted_proxy_the_throttle_counts_each_client(
    app_behind_a_proxy, make_person, database
):
    """Everyone arrives from the proxy's address; ProxyFix finds each client's own."""
    proxy = "10.0.0.2"
    guesser = FormClient(app_behind_a_proxy.test_client())
    for number in range(MAX_FAILURES_PER_ADDRESS):
        _attempt(guesser, f"nobody{number}@example.gov.uk", "wrong", proxy, "203.0.113.5")
    refused = _attempt(guesser, "nobody@example.gov.uk", "wrong", proxy, "203.0.113.5")
    assert refused.status_code == 429

    person = make_person()
    colleague = FormClient(app_behind_a_proxy.test_client())
    response = _attempt(colleague, person.email, "demo-password-2026", proxy, "203.0.113.99")
    assert response.status_code == 302
    addresses = {row.address for row in database.query(SignInAttempt)}
    assert addresses == {"203.0.113.5", "203.0.113.99"}


def test_without_trusted_proxies_a_forwarded_address_is_ignored(client, make_person, database):
    person = make_person()
    _attempt(client, person.email, "wrong", "10.0.0.2", "203.0.113.5")
    assert {row.address for row in database.query(SignInAttempt)} == {"10.0.0.2"}
