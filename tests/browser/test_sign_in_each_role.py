"""Each demo account signs in and sees the areas its role allows."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import check_accessibility, sign_in, sign_out

NAVIGATION = {
    "admin@example.gov.uk": [
        "Your projects",
        "Your actions",
        "Frameworks",
        "Reports",
        "Assessments",
        "People",
        "Import the programme",
    ],
    "board@example.gov.uk": ["Your projects", "Your actions", "Frameworks", "Reports"],
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


def test_team_member_sees_their_projects(page):
    sign_in(page, "team@example.gov.uk")
    rows = page.locator("#projects tbody tr")
    # Four projects from the start, and one whose panel has sent its report to the team.
    expect(rows).to_have_count(5)
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
