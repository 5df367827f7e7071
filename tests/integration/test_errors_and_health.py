"""Error pages are in the service's own layout; the health check tells the truth."""

import pytest

from app import create_app
from app.access import public

SERVICE_NAME = "Service Standard assessments"
FOOTER_LINKS = ("Accessibility statement", "Privacy", "Cookies")


def assert_in_the_service_layout(page: str) -> None:
    assert "govuk-service-navigation__service-name" in page
    assert SERVICE_NAME in page
    assert "govuk-footer" in page
    for link in FOOTER_LINKS:
        assert f">{link}</a>" in page
    assert 'id="main-content"' in page


def test_page_not_found(client):
    response = client.get("/no-such-page")
    page = response.get_data(as_text=True)
    assert response.status_code == 404
    assert_in_the_service_layout(page)
    assert "<title>Page not found - Service Standard assessments" in page
    assert "If you typed the web address, check it is correct." in page


def test_method_not_allowed(client):
    response = client.get("/sign-out")
    page = response.get_data(as_text=True)
    assert response.status_code == 405
    assert_in_the_service_layout(page)
    assert "There is a problem with your request" in page
    assert "That page cannot be used in this way." in page


def test_too_large_a_request(app, client):
    too_big = "x" * (app.config["MAX_CONTENT_LENGTH"] + 1)
    response = client.post("/sign-in", data={"email": too_big, "password": "x"})
    page = response.get_data(as_text=True)
    assert response.status_code == 413
    assert_in_the_service_layout(page)
    assert "The information you sent is too large" in page


def test_a_form_without_its_token_says_nothing_was_saved(client):
    response = client.post("/sign-in", data={"email": "someone@example.gov.uk", "password": "x"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert_in_the_service_layout(page)
    assert "Your session has expired or the form was out of date" in page
    assert "Nothing you sent has been saved." in page


def test_a_form_with_a_forged_token_is_refused(client):
    response = client.post(
        "/sign-in",
        data={"email": "someone@example.gov.uk", "password": "x", "csrf_token": "forged"},
    )
    assert response.status_code == 400
    assert "Nothing you sent has been saved." in response.get_data(as_text=True)


@pytest.fixture
def failing_app():
    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": "sqlite://", "TESTING": False, "PROPAGATE_EXCEPTIONS": False}
    )

    @public
    def broken():
        raise RuntimeError("something went wrong inside")

    app.add_url_rule("/broken", "broken", broken)
    return app


def test_an_unexpected_error_shows_the_friendly_page(failing_app):
    response = failing_app.test_client().get("/broken")
    page = response.get_data(as_text=True)
    assert response.status_code == 500
    assert_in_the_service_layout(page)
    assert "Sorry, there is a problem with the service" in page
    assert "Try again later." in page
    assert "something went wrong inside" not in page
    assert "Traceback" not in page


def test_health_check(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.is_json
    assert response.get_json()["status"] == "ok"


def test_health_check_fails_when_the_database_cannot_be_reached():
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": "sqlite:////nonexistent-dir/x/y.db",
            "TESTING": False,
            "PROPAGATE_EXCEPTIONS": False,
        }
    )
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["status"] == "unavailable"


def test_a_confidential_report_refused_says_why_not_ask_for_roles(app, database, make_person):
    from app.rules.permissions import Role
    from tests.integration.conftest import FormClient
    from tests.integration.factories import make_panel_assessment, make_project

    organiser = make_person([Role.ORGANISER], name="Olive Organiser")
    lead = make_person([Role.ASSESSOR], name="Lena Lead")
    outsider = make_person(name="Otto Outsider")
    project = make_project(database)
    assessment = make_panel_assessment(
        database, project, status="published", panel=[(lead, "lead")]
    )
    project.confidential = True
    database.commit()
    for person in (organiser, outsider):
        client = FormClient(app.test_client())
        client.sign_in(person.email)
        response = client.get(f"/assessments/{assessment.id}/report")
        page = response.get_data(as_text=True)
        assert response.status_code == 403
        assert_in_the_service_layout(page)
        assert "This project is confidential" in page
        assert (
            "Only its team, its panel, the programme board and administrators can read its "
            "reports and the panel&#39;s work." in page
        )
        assert "change your roles" not in page
    # A page refused for another reason keeps the general advice.
    page = client.get("/assessments/queue").get_data(as_text=True)
    assert "change your roles" in page and "confidential" not in page
