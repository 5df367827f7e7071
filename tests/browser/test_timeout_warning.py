"""The timeout warning (with JavaScript) and typed work kept after a timeout (without)."""

from __future__ import annotations

import re
import time
from contextlib import contextmanager

from playwright.sync_api import Page, expect
from sqlalchemy import select

from app.extensions import db
from app.models import Answer, Assessment, Person, Point, TeamMembership
from tests.browser.conftest import check_accessibility, sign_in
from tests.conftest import DEMO_PASSWORD

EVIDENCE = ("Twelve people tried the prototype in the library; eleven finished. " * 80)[:5000]


@contextmanager
def settings(live_server, **changes):
    """Change the live server's settings for a moment (tests run one at a time)."""
    config = live_server.app.config
    before = {name: config[name] for name in changes}
    config.update(changes)
    try:
        yield
    finally:
        config.update(before)


def a_draft_point(live_server, email: str) -> str:
    with live_server.app.app_context():
        found = db.session.execute(
            select(Answer.assessment_id, Assessment.project_id, Point.number)
            .join(Answer.assessment)
            .join(Answer.point)
            .join(TeamMembership, TeamMembership.project_id == Assessment.project_id)
            .join(Person, Person.id == TeamMembership.person_id)
            .where(Person.email == email, Assessment.status == "draft")
            .order_by(Answer.id)
            .limit(1)
        ).first()
        db.session.remove()
    assessment, project, number = found
    return f"/projects/{project}/assessments/{assessment}/points/{number}"


def test_the_warning_takes_focus_passes_axe_and_stay_signed_in_keeps_the_session(
    page: Page, live_server
):
    sign_in(page, "team@example.gov.uk")
    idle_seconds = live_server.app.config["SESSION_IDLE_MINUTES"] * 60
    # Warn almost at once: two seconds after the page loads.
    with settings(live_server, SESSION_WARNING_SECONDS=idle_seconds - 2):
        page.goto("/actions")
    dialog = page.get_by_role("alertdialog", name=re.compile("about to be signed out"))
    expect(dialog).to_be_visible(timeout=8_000)
    expect(dialog).to_be_focused()
    expect(dialog).to_have_attribute("aria-modal", "true")
    expect(dialog).to_contain_text("we will sign you out in")
    expect(page.locator(".app-timeout-warning__announcer")).to_have_attribute("aria-live", "polite")
    expect(dialog.get_by_role("button", name="Sign out")).to_be_visible()
    check_accessibility(page)

    with page.expect_response("**/session/keep-alive") as answer:
        dialog.get_by_role("button", name="Stay signed in").click()
    assert answer.value.status == 200
    assert answer.value.json()["signed_in"] is True
    expect(dialog).to_be_hidden()
    page.goto("/home")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your projects")


def test_the_warning_says_so_when_time_runs_out_and_leaves_the_page_as_it_is(
    page: Page, live_server
):
    sign_in(page, "team@example.gov.uk")
    with settings(live_server, SESSION_IDLE_MINUTES=0.05, SESSION_WARNING_SECONDS=2):
        page.goto("/actions")
        expect(page.get_by_role("alertdialog", name="You have been signed out")).to_be_visible(
            timeout=8_000
        )
        check_accessibility(page)
    page.get_by_role("button", name="Close").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your actions")


def test_without_javascript_a_save_after_the_timeout_keeps_the_evidence(
    page_without_javascript: Page, live_server
):
    page = page_without_javascript
    sign_in(page, "team@example.gov.uk")
    point = a_draft_point(live_server, "team@example.gov.uk")
    # Three seconds of doing nothing is enough to be signed out, for this test only.
    with settings(live_server, SESSION_IDLE_MINUTES=0.05):
        page.goto(point)
        page.locator("textarea[name=evidence_account]").fill(EVIDENCE)
        time.sleep(3.5)
        page.get_by_role("button", name="Save and continue").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Sign in")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("We have kept what you sent")

    page.get_by_label("Email address").fill("team@example.gov.uk")
    page.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    assert page.url.endswith(point)
    expect(page.locator("textarea[name=evidence_account]")).to_have_value(EVIDENCE)
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "We have kept what you typed: check it and save it again"
    )
    check_accessibility(page)
