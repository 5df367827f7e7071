"""The other self-assessment pages, in a real browser and through axe: sharing out points,
starting, reading and comparing earlier assessments, and returning one to the team."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from app.demo import content
from tests.browser.conftest import check_accessibility, sign_in
from tests.browser.test_self_assessment_journey import project_id

# The demo team member's projects: one in alpha with an earlier discovery
# self-assessment, and beta and live ones whose self-assessments were submitted.
ALPHA_PROJECT = content.PROJECTS[30]["name"]
BETA_PROJECT = content.PROJECTS[57]["name"]
LIVE_PROJECT = content.PROJECTS[70]["name"]


def test_earlier_assessments_can_be_read_and_compared(page, live_server):
    sign_in(page, "team@example.gov.uk")
    page.goto(f"/projects/{project_id(live_server, ALPHA_PROJECT)}/assessments/")
    table = page.get_by_role("table", name="All assessments of this project, newest first")
    expect(table.get_by_role("row")).to_have_count(3)  # heading, alpha draft, discovery

    # The same one twice is a mistake the form explains.
    later = page.get_by_label("Later assessment")
    page.get_by_label("Earlier assessment").select_option(later.input_value())
    page.get_by_role("button", name="Compare ratings").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose two different assessments")
    check_accessibility(page)
    page.locator(".govuk-error-summary a").click()
    expect(later).to_be_focused()

    # Chosen the wrong way round, the one started first is still the earlier.
    page.get_by_label("Earlier assessment").select_option(later.input_value())
    later.select_option(index=1)
    page.get_by_role("button", name="Compare ratings").click()
    expect(page.locator("h1")).to_have_text("Compare assessments")
    expect(page.get_by_role("table")).to_contain_text("1. Understand users and their needs")
    expect(page.get_by_role("columnheader").nth(1)).to_contain_text(
        "Earlier: Self-assessment, discovery"
    )
    check_accessibility(page)

    # The earlier, submitted one opens read-only.
    page.go_back()
    table.get_by_role("link", name=re.compile("Self-assessment")).last.click()
    expect(page.locator(".govuk-inset-text")).to_contain_text("It can no longer be changed")
    expect(page.get_by_role("link", name="Share out the points")).to_have_count(0)
    page.get_by_role("link", name=re.compile(r"^1\. ")).click()
    expect(page.get_by_role("button", name="Save and continue")).to_have_count(0)
    expect(page.locator(".govuk-summary-list")).to_contain_text("Team's rating")
    check_accessibility(page)
    page.get_by_role("link", name="Back to the task list").click()
    page.get_by_role("button", name="View all answers").click()
    expect(page.locator("h1")).to_have_text("Self-assessment answers")
    check_accessibility(page)


def test_starting_a_self_assessment_and_sharing_out_the_points(page, live_server):
    sign_in(page, "team@example.gov.uk")
    page.goto(f"/projects/{project_id(live_server, LIVE_PROJECT)}/assessments/")
    page.get_by_role("button", name="Start a self-assessment").click()
    expect(page.locator("h1")).to_have_text("Start a self-assessment for live")
    check_accessibility(page)
    page.get_by_role("button", name="Start self-assessment").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Self-assessment started"
    )
    expect(page.get_by_text("You have completed 0 of 14 points.")).to_be_visible()
    expect(
        page.locator(".govuk-task-list__status").filter(has_text="Not yet started")
    ).to_have_count(14)
    page.get_by_role("link", name="Share out the points").click()
    expect(page.locator("h1")).to_have_text("Share out the points")
    check_accessibility(page)
    page.get_by_label("14. Operate a reliable service").select_option(label="Jordan Ellis")
    page.get_by_role("button", name="Save owners").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Point owners saved"
    )
    item = page.locator(".govuk-task-list__item").filter(has_text="14. Operate a reliable service")
    expect(item).to_contain_text("Owner: Jordan Ellis")
    # Owners see their points on their home page.
    page.get_by_role("link", name="Your projects").click()
    points = page.get_by_role("table", name=re.compile("Points given to you"))
    expect(points).to_contain_text("14. Operate a reliable service")


def test_an_administrator_returns_a_submitted_self_assessment(page, live_server):
    sign_in(page, "admin@example.gov.uk")
    page.goto(f"/projects/{project_id(live_server, BETA_PROJECT)}/assessments/")
    page.get_by_role("link", name=re.compile("Self-assessment")).first.click()
    page.get_by_role("button", name="Return to the team").click()
    expect(page.locator("h1")).to_have_text("Return the self-assessment to the team")
    check_accessibility(page)
    page.get_by_role("button", name="Return to the team").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter why the self-assessment is going back to the team"
    )
    check_accessibility(page)
    page.get_by_label("Why is it going back to the team?").fill(
        "Point 7 needs the penetration test results."
    )
    page.get_by_role("button", name="Return to the team").click()
    banner = page.locator(".govuk-notification-banner").filter(has_text="returned this")
    expect(banner).to_contain_text("Point 7 needs the penetration test results.")
    check_accessibility(page)
