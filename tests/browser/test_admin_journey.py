"""An administrator adds, changes, deactivates and reactivates a person, in a real browser."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import check_accessibility, sign_in, sign_out


def add_person_with_mistakes(page: Page, email: str) -> None:
    page.goto("/admin/people")
    page.get_by_role("button", name="Add a person").click()
    expect(page.locator("h1")).to_have_text("Add a person")

    # Nothing filled in: every required field gets a message.
    page.get_by_role("button", name="Add person").click()
    expect(page).to_have_title(re.compile(r"^Error: Add a person"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter their full name")
    expect(summary).to_contain_text("Enter their email address")
    expect(summary).to_contain_text("Enter a password")
    check_accessibility(page)

    # A bad email and a short password; the name typed is kept.
    page.get_by_label("Full name").fill("Grace Hopper")
    page.get_by_label("Email address").fill("grace-at-example")
    page.get_by_label("Password for their first sign-in").fill("short")
    page.get_by_role("button", name="Add person").click()
    expect(summary).to_contain_text("Enter an email address in the correct format")
    expect(summary).to_contain_text("Password must be between 12 and 128 characters")
    expect(page.get_by_label("Full name")).to_have_value("Grace Hopper")
    expect(page.get_by_label("Email address")).to_have_value("grace-at-example")

    # Someone else's email address.
    page.get_by_label("Email address").fill("BOARD@example.gov.uk")
    page.get_by_label("Password for their first sign-in").fill("a-long-enough-password")
    page.get_by_role("button", name="Add person").click()
    expect(summary).to_contain_text("Someone already has an account with this email address")

    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password for their first sign-in").fill("a-long-enough-password")
    page.get_by_label("Assessor").check()
    page.get_by_role("button", name="Add person").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Grace Hopper has been added"
    )
    row = page.get_by_role("row").filter(has_text=email)
    expect(row).to_contain_text("Assessor")
    expect(row).to_contain_text("Active")


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_administrator_manages_a_person(browser, live_server, javascript):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=javascript)
    page = context.new_page()
    page.set_default_timeout(10_000)
    email = f"grace.hopper.{'js' if javascript else 'nojs'}@example.gov.uk"
    try:
        sign_in(page, "admin@example.gov.uk")
        add_person_with_mistakes(page, email)

        # Change their roles.
        row = page.get_by_role("row").filter(has_text=email)
        row.get_by_role("link", name="Change").click()
        page.get_by_label("Board member").check()
        page.get_by_role("button", name="Save changes").click()
        expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
            "Changes to Grace Hopper have been saved"
        )
        expect(row).to_contain_text("Assessor, Board member")

        # The new person can sign in, once, with the password the administrator chose,
        # and then chooses their own.
        sign_out(page)
        page.goto("/sign-in")
        page.get_by_label("Email address").fill(email)
        page.get_by_label("Password", exact=True).fill("a-long-enough-password")
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Change your password")
        page.get_by_role("button", name="Change password").click()
        expect(page.locator(".govuk-error-summary")).to_contain_text("Enter your current password")
        check_accessibility(page)
        page.get_by_label("Current password", exact=True).fill("a-long-enough-password")
        page.get_by_label("New password", exact=True).fill("graces-own-password")
        page.get_by_label("Confirm new password").fill("graces-own-password")
        page.get_by_role("button", name="Change password").click()
        # A board member now: the portfolio is where they start.
        expect(page.get_by_role("heading", level=1)).to_have_text("Portfolio")
        expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
            "Your password has been changed"
        )
        menu = page.get_by_role("navigation", name="Menu")
        expect(menu.get_by_role("link", name="People")).to_have_count(0)
        sign_out(page)

        # Deactivate: they can no longer sign in.
        sign_in(page, "admin@example.gov.uk")
        page.goto("/admin/people")
        row.get_by_role("link", name="Deactivate").click()
        page.get_by_role("button", name="Deactivate account").click()
        expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
            "has been deactivated"
        )
        expect(row).to_contain_text("Deactivated")
        row.get_by_role("link", name="Reactivate").click()
        expect(page.locator("h1")).to_have_text("Reactivate Grace Hopper?")
        check_accessibility(page)
        page.get_by_role("link", name="Cancel").click()
        sign_out(page)

        page.goto("/sign-in")
        page.get_by_label("Email address").fill(email)
        page.get_by_label("Password", exact=True).fill("a-long-enough-password")
        page.get_by_role("button", name="Sign in").click()
        expect(page.locator(".govuk-error-summary")).to_contain_text(
            "Enter a correct email address and password"
        )

        # Reactivate.
        sign_in(page, "admin@example.gov.uk")
        page.goto("/admin/people")
        row.get_by_role("link", name="Reactivate").click()
        page.get_by_role("button", name="Reactivate account").click()
        expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
            "can sign in again"
        )
    finally:
        context.close()
