import time

from app.models import SignInAttempt
from app.rules.sign_in import MAX_FAILURES_PER_EMAIL


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
    for _ in range(MAX_FAILURES_PER_EMAIL):
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
