"""Each demo account signs in and sees the areas its role allows."""

import pytest
from playwright.sync_api import expect
from sqlalchemy import distinct, func, select

from app.extensions import db
from app.models import Person, TeamMembership
from tests.browser.conftest import check_accessibility, sign_in, sign_out

NAVIGATION = {
    "admin@example.gov.uk": [
        "Portfolio",
        "Your projects",
        "Your actions",
        "Frameworks",
        "Reports",
        "Assessments",
        "People",
        "API tokens",
        "Import the programme",
    ],
    "board@example.gov.uk": ["Portfolio", "Your projects", "Your actions", "Frameworks", "Reports"],
    "assessor@example.gov.uk": [
        "Your projects",
        "Your actions",
        "Frameworks",
        "Reports",
        "Assessments to review",
        "Open panel roles",
    ],
    "team@example.gov.uk": ["Your projects", "Your actions", "Frameworks", "Reports"],
}
# Beside Sign out, for everyone.
ACCOUNT_LINKS = ["Password"]


@pytest.mark.parametrize("email", list(NAVIGATION))
def test_demo_account_signs_in_and_out(page, email):
    sign_in(page, email)
    links = page.get_by_role("navigation", name="Menu").get_by_role("link")
    expect(links).to_have_text(NAVIGATION[email] + ACCOUNT_LINKS)
    sign_out(page)
    expect(page.locator(".govuk-notification-banner")).to_contain_text("You have signed out")
    check_accessibility(page)


def test_team_member_sees_their_projects(page, live_server):
    # Four demo projects from the start, one whose panel has sent its report to the team,
    # and any that earlier browser tests made with this account in the team.
    with live_server.app.app_context():
        teams = db.session.scalar(
            select(func.count(distinct(TeamMembership.project_id)))
            .join(Person, Person.id == TeamMembership.person_id)
            .where(Person.email == "team@example.gov.uk")
        )
        db.session.remove()
    assert teams >= 5
    sign_in(page, "team@example.gov.uk")
    rows = page.locator("#projects tbody tr")
    expect(rows).to_have_count(teams)
    expect(page.locator("#projects")).to_contain_text("Service owner")


def test_start_page_leads_to_sign_in(page_without_javascript):
    page = page_without_javascript
    page.goto("/")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("h1")).to_have_text("Sign in to Service Standard assessments")


def test_signing_in_returns_to_the_page_asked_for(page):
    page.goto("/frameworks/nhs-service-standard")
    expect(page.locator("h1")).to_contain_text("Sign in")
    page.get_by_label("Email address").fill("board@example.gov.uk")
    page.get_by_label("Password", exact=True).fill("demo-password-2026")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("h1")).to_have_text("NHS service standard")
