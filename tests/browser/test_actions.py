"""A team member works off an action: filters, opens it, marks it done, sees the history.

The demo data is shared by every browser test, so each test picks whichever
action is open when it runs rather than a fixed one.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from app.extensions import db
from app.models import Project
from tests.browser.conftest import check_accessibility, sign_in

TEAM = "team@example.gov.uk"
ADMIN = "admin@example.gov.uk"
# Two of the four demo projects team@example.gov.uk is in, both with open actions.
JOURNEY_PROJECT = "Office 365 smart working rollout"
CONFLICT_PROJECT = "Webchat for the customer contact centre"


def actions_url(live_server, project_name: str) -> str:
    with live_server.app.app_context():
        project_id = db.session.scalar(select(Project.id).where(Project.name == project_name))
        db.session.remove()
    assert project_id is not None, project_name
    return f"/projects/{project_id}/actions"


def rows(page: Page):
    return page.locator("main table tbody tr")


def apply_filters(page: Page) -> None:
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator("h1")).to_have_text("Actions")


def filter_the_list(page: Page, javascript: bool) -> None:
    """Every filter narrows the list and is still chosen afterwards."""
    page.get_by_label("Only overdue actions").check()
    apply_filters(page)
    expect(page.get_by_label("Only overdue actions")).to_be_checked()
    expect(page.locator("#filter-summary")).to_contain_text("overdue only")
    for index in range(rows(page).count()):
        expect(rows(page).nth(index)).to_contain_text("Overdue")
    check_accessibility(page)

    page.get_by_role("link", name="Clear filters").click()
    page.get_by_label("Open", exact=True).uncheck()
    page.get_by_label("In progress").uncheck()
    page.get_by_label("Done").check()
    page.get_by_label("Point").select_option(index=1)
    chosen = page.get_by_label("Point").input_value()
    apply_filters(page)
    expect(page.get_by_label("Done")).to_be_checked()
    expect(page.get_by_label("Open", exact=True)).not_to_be_checked()
    expect(page.get_by_label("Point")).to_have_value(chosen)
    expect(page.locator("#filter-summary")).to_contain_text(f"done, point {chosen}")
    if rows(page).count() == 0:
        expect(page.locator("main")).to_contain_text("No actions match these filters")
    for index in range(rows(page).count()):
        expect(rows(page).nth(index).locator(".govuk-tag").first).to_have_text("Done")
    page.get_by_role("link", name="Clear filters").click()
    expect(page.get_by_label("Open", exact=True)).to_be_checked()


def mark_the_first_open_action_done(page: Page, javascript: bool) -> str:
    first = rows(page).first.get_by_role("link")
    description = first.inner_text()
    first.click()
    expect(page.locator("h1")).to_have_text("Action")
    expect(page.locator("main")).to_contain_text(description)
    check_accessibility(page)

    page.get_by_role("button", name="Update this action").click()
    expect(page.locator("h1")).to_have_text("Update this action")
    note = page.get_by_label("What was done?")
    if javascript:
        expect(note).to_be_hidden()  # revealed only for "Done"
    else:
        expect(note).to_be_visible()  # without JavaScript every field shows
    check_accessibility(page)

    # Done without saying what was done.
    page.get_by_label("Done", exact=True).check()
    expect(note).to_be_visible()
    page.get_by_role("button", name="Save changes").click()
    expect(page).to_have_title(re.compile(r"^Error: Update this action"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter what was done")
    if javascript:
        expect(summary).to_be_focused()
    expect(page.get_by_label("Done", exact=True)).to_be_checked()
    check_accessibility(page)

    summary.get_by_role("link", name="Enter what was done").click()
    note.fill("Ran the sessions and published the findings.")
    page.get_by_label("Link to evidence (optional)").fill(
        "https://sharepoint.example.gov.uk/research/findings"
    )
    page.get_by_role("button", name="Save changes").click()

    banner = page.locator(".govuk-notification-banner--success")
    expect(banner).to_contain_text("Action updated.")
    expect(banner).to_contain_text("to Done")
    expect(page.locator("h1")).to_have_text("Action")
    history = page.get_by_role("table")
    expect(history).to_contain_text("Jordan Ellis")
    expect(history.locator("tbody tr").first).to_contain_text("to Done")
    expect(history).to_contain_text("Completion note added")
    expect(page.get_by_role("link", name="https://sharepoint.example.gov.uk/research/findings"))
    check_accessibility(page)
    return description


def journey(page: Page, live_server, javascript: bool) -> None:
    sign_in(page, TEAM)
    url = actions_url(live_server, JOURNEY_PROJECT)
    page.goto(url)
    expect(page.locator("h1")).to_have_text("Actions")
    expect(page.locator(".govuk-caption-l")).to_have_text(JOURNEY_PROJECT)
    check_accessibility(page)
    filter_the_list(page, javascript)

    description = mark_the_first_open_action_done(page, javascript)

    # Back to the list, which by default shows only open actions.
    page.get_by_role("link", name="Back", exact=True).click()
    expect(page).to_have_url(re.compile(re.escape(url) + "$"))
    expect(page.locator("main table")).not_to_contain_text(description)
    page.get_by_label("Done").check()
    apply_filters(page)
    expect(page.locator("main table")).to_contain_text(description)


def test_a_team_member_works_off_an_action(page, live_server):
    journey(page, live_server, javascript=True)


def test_a_team_member_works_off_an_action_without_javascript(page_without_javascript, live_server):
    journey(page_without_javascript, live_server, javascript=False)


def test_your_actions_lead_to_each_action_and_back(page):
    sign_in(page, TEAM)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Your actions").click()
    expect(page.locator("h1")).to_have_text("Your actions")
    check_accessibility(page)
    link = page.locator("main table a").first
    description = link.inner_text()
    link.click()
    expect(page.locator("main")).to_contain_text(description)
    page.get_by_role("link", name="Back", exact=True).click()
    expect(page.locator("h1")).to_have_text("Your actions")


@pytest.fixture
def second_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def test_two_people_update_the_same_action_at_once(page, second_page, live_server):
    url = actions_url(live_server, CONFLICT_PROJECT)
    sign_in(page, TEAM)
    sign_in(second_page, ADMIN)

    # Both open the same action's update page.
    page.goto(url)
    rows(page).first.get_by_role("link").click()
    action_url = page.url
    page.get_by_role("button", name="Update this action").click()
    second_page.goto(action_url)
    second_page.get_by_role("button", name="Update this action").click()

    # The administrator saves first.
    second_page.get_by_label("Not doing", exact=True).check()
    second_page.get_by_label("Why is the team not doing this action?").fill(
        "The contact centre is replacing webchat next year."
    )
    second_page.get_by_role("button", name="Save changes").click()
    expect(second_page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Action updated."
    )

    # The team member's save is refused, and nothing they typed is lost.
    page.get_by_label("Done", exact=True).check()
    page.get_by_label("What was done?").fill("Agreed it at the service review.")
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator("main")).to_contain_text(
        "Sam Adeyemi changed this action while you were updating it"
    )
    theirs = page.locator(".govuk-summary-card").filter(has_text="What Sam Adeyemi saved")
    mine = page.locator(".govuk-summary-card").filter(has_text="What you typed")
    expect(theirs).to_contain_text("The contact centre is replacing webchat next year.")
    expect(theirs).to_contain_text("Not doing")
    expect(mine).to_contain_text("Agreed it at the service review.")
    expect(mine).to_contain_text("Done")
    expect(page.get_by_label("What was done?")).to_have_value("Agreed it at the service review.")
    expect(page.get_by_label("Done", exact=True)).to_be_checked()
    check_accessibility(page)

    # They merge the two and save again.
    page.get_by_label("What was done?").fill(
        "Agreed at the service review; webchat is being replaced next year."
    )
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Status changed from Not doing to Done"
    )
    history = page.get_by_role("table")
    expect(history.locator("tbody tr").nth(0)).to_contain_text("Jordan Ellis")
    expect(history.locator("tbody tr").nth(1)).to_contain_text("Sam Adeyemi")
