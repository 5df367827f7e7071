"""make run's welcome message says the demo accounts' password only if it is the real one."""

from __future__ import annotations

from app.welcome import welcome_message
from tests.conftest import DEMO_PASSWORD


def test_the_password_is_printed_when_the_demo_accounts_have_it(app, make_person):
    make_person(email="admin@example.gov.uk")
    message = welcome_message(app, "5000")
    assert "admin@example.gov.uk" in message
    assert f"Password: {DEMO_PASSWORD}" in message


def test_a_changed_demo_password_is_not_printed_as_if_it_worked(app, make_person):
    """Loaded with one DEMO_PASSWORD, run again with another (or none)."""
    make_person(email="admin@example.gov.uk", password="the-password-at-first-load")
    message = welcome_message(app, "5000")
    assert DEMO_PASSWORD not in message
    assert "the one DEMO_PASSWORD held when the demo data was loaded" in message


def test_without_demo_accounts_it_says_how_to_make_one(app, database):
    message = welcome_message(app, "5000")
    assert "There are no demo accounts" in message
    assert "users create" in message
