"""Every page, as each role that can see it, through axe-core (WCAG 2.2 A and AA)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import check_accessibility, sign_in

ANONYMOUS_PAGES = ["/", "/sign-in", "/accessibility", "/privacy", "/cookies"]
SIGNED_IN_PAGES = [
    "/home",
    "/actions",
    "/frameworks/",
    "/frameworks/govuk-service-standard",
    "/frameworks/local-government-digital-service-standard",
    "/frameworks/nhs-service-standard?phase=alpha",
    "/accessibility",
    "/privacy",
    "/cookies",
    "/account/password",
]
ADMIN_PAGES = ["/admin/people", "/admin/people/add", "/projects/new", "/home?name=blue&phase=alpha"]
ROLES = {
    "admin@example.gov.uk": SIGNED_IN_PAGES + ADMIN_PAGES,
    "board@example.gov.uk": SIGNED_IN_PAGES,
    "assessor@example.gov.uk": SIGNED_IN_PAGES,
    "team@example.gov.uk": SIGNED_IN_PAGES,
}


def visit(page: Page, path: str, status: int = 200) -> None:
    response = page.goto(path)
    assert response is not None and response.status == status, f"{path}: {response.status}"
    expect(page.locator("h1")).to_have_count(1)
    check_accessibility(page)


@pytest.mark.parametrize("path", ANONYMOUS_PAGES)
def test_public_pages(page, path):
    visit(page, path)


@pytest.mark.parametrize("email", list(ROLES))
def test_every_page_for_each_role(page, email):
    sign_in(page, email)
    for path in ROLES[email]:
        visit(page, path)


def test_every_page_without_javascript(page_without_javascript):
    """The pages as the server sends them, checked by axe in a copy (see check_accessibility)."""
    page = page_without_javascript
    for path in ANONYMOUS_PAGES:
        visit(page, path)
    sign_in(page, "admin@example.gov.uk")
    for path in ROLES["admin@example.gov.uk"]:
        visit(page, path)


def test_the_navigation_shows_only_what_each_role_may_use(page):
    sign_in(page, "board@example.gov.uk")
    navigation = page.get_by_role("navigation", name="Menu")
    expect(navigation.get_by_role("link", name="Frameworks")).to_be_visible()
    expect(navigation.get_by_role("link", name="People")).to_have_count(0)
    visit(page, "/admin/people", status=403)
    expect(page.locator("h1")).to_have_text("You do not have permission to see this page")


def test_admin_pages_for_one_person(page):
    sign_in(page, "admin@example.gov.uk")
    page.goto("/admin/people")
    row = page.get_by_role("row").filter(has_text="board@example.gov.uk")
    row.get_by_role("link", name="Change").click()
    expect(page.locator("h1")).to_have_text("Change Helen Marsh")
    check_accessibility(page)
    page.goto("/admin/people")
    row.get_by_role("link", name="Deactivate").click()
    expect(page.locator("h1")).to_have_text("Deactivate Helen Marsh?")
    check_accessibility(page)


def test_error_pages(page):
    visit(page, "/no-such-page", status=404)
    expect(page.locator("h1")).to_have_text("Page not found")
    sign_in(page, "admin@example.gov.uk")
    visit(page, "/frameworks/no-such-framework", status=404)


def test_forms_with_errors_pass_the_check(page):
    page.goto("/sign-in")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_title(re.compile(r"^Error: Sign in"))
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    check_accessibility(page)


def test_health_check_answers(page):
    response = page.goto("/healthz")
    assert response.status == 200
    assert response.json() == {"status": "ok", "database": "ok"}
