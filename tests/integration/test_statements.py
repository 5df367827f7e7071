"""The accessibility statement and privacy notice give the addresses the organisation set."""

import re

import pytest

from app import create_app
from config import load_config

CONTACT = "digital-team@borough.example.gov.uk"
DATA_PROTECTION = "dpo@borough.example.gov.uk"


@pytest.fixture(scope="module")
def client():
    # Configured as the environment would configure it, so settings derived from these follow.
    config = load_config({"CONTACT_EMAIL": CONTACT, "DATA_PROTECTION_EMAIL": DATA_PROTECTION})
    app = create_app(config | {"SQLALCHEMY_DATABASE_URI": "sqlite://", "TESTING": True})
    return app.test_client()


def mail_links(page: str) -> set[str]:
    return set(re.findall(r'href="mailto:([^"]+)"', page))


def test_the_accessibility_statement_gives_the_contact_address(client):
    page = client.get("/accessibility").get_data(as_text=True)
    assert mail_links(page) == {CONTACT}
    assert f">{CONTACT}</a>" in page
    assert "contact the team that runs the service</a>" not in page


def test_the_accessibility_statement_is_honest_and_dated(client):
    page = client.get("/accessibility").get_data(as_text=True)
    assert "partially compliant" in page
    assert "fully compliant" not in page
    assert "Preparation of this accessibility statement" in page
    assert "This statement was prepared on 30 November 2026." in page
    assert "It was last reviewed on 30 November 2026." in page
    assert "axe-core" in page
    assert "375 pixels wide" in page
    assert "keyboard" in page


def test_the_privacy_notice_gives_the_contact_and_data_protection_addresses(client):
    page = client.get("/privacy").get_data(as_text=True)
    assert mail_links(page) == {CONTACT, DATA_PROTECTION}
    assert "data protection officer" in page
    assert "contact the team that runs the service</a>" not in page
