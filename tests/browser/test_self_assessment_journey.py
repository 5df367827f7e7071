"""A team member completes a whole self-assessment in a real browser, with and without JavaScript.

Nothing is made by hand: the test signs in as the demo team member, opens one of
their demo projects, meets each validation error on the way, completes all 14
points (evidence, artefacts, every rating, actions for amber and red), checks the
answers and submits.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from app.demo import content
from app.extensions import db
from app.models import Project
from tests.browser.conftest import check_accessibility, sign_in
from tests.conftest import TODAY

# The demo team member's draft self-assessments: one project each way.
JOURNEY_PROJECTS = {
    "with-js": content.PROJECTS[0]["name"],
    "without-js": content.PROJECTS[30]["name"],
}
RATINGS = ["Green", "Amber", "Red"]
DUE = TODAY + timedelta(days=45)


def project_id(live_server, name: str) -> int:
    with live_server.app.app_context():
        return db.session.scalar(select(Project.id).where(Project.name == name))


def error_summary(page: Page):
    return page.locator(".govuk-error-summary")


def fill_date(page: Page, legend: str, day: date | None = None, parts=None) -> None:
    group = page.get_by_role("group", name=legend)
    day_text, month_text, year_text = parts or (str(day.day), str(day.month), str(day.year))
    group.get_by_label("Day").fill(day_text)
    group.get_by_label("Month").fill(month_text)
    group.get_by_label("Year").fill(year_text)


def open_point(page: Page, number: int) -> None:
    page.get_by_role("link", name=re.compile(rf"^{number}\. ")).click()
    expect(page.locator("h1")).to_contain_text(f"{number}. ")


def success_banner(page: Page):
    return page.locator(".govuk-notification-banner--success")


def meet_the_point_errors(page: Page, javascript: bool) -> None:
    """Each rule on the point page and its artefact and action pages, once, with what was
    typed kept each time.

    Point 14 is not yet started in the demo drafts, so every rule can be met there.
    """
    open_point(page, 14)
    evidence = page.get_by_label("Your evidence")

    # Saving without saying whether the point is complete: nothing typed is lost.
    evidence.fill("We check the service's uptime every week.")
    page.get_by_role("button", name="Save and continue").click()
    expect(page).to_have_title(re.compile("^Error: "))
    expect(error_summary(page)).to_contain_text("Select yes if you have completed this point")
    expect(evidence).to_have_value("We check the service's uptime every week.")
    check_accessibility(page)

    # Complete, with nothing written and no rating: both are asked for.
    evidence.fill("")
    page.get_by_label("Yes", exact=True).check()
    page.get_by_role("button", name="Save and continue").click()
    expect(error_summary(page)).to_contain_text(
        "Enter your evidence before you mark this point as completed"
    )
    expect(error_summary(page)).to_contain_text(
        "Select a rating before you mark this point as completed"
    )

    # Complete, but not rated: the evidence is saved and the rating asked for.
    evidence.fill("We check the service's uptime every week.")
    page.get_by_label("Yes", exact=True).check()
    page.get_by_role("button", name="Save and continue").click()
    expect(error_summary(page)).not_to_contain_text("Enter your evidence")
    expect(error_summary(page)).to_contain_text(
        "Select a rating before you mark this point as completed"
    )
    expect(page.get_by_text("Your evidence and rating have been saved")).to_be_visible()
    expect(evidence).to_have_value("We check the service's uptime every week.")

    # An artefact on its own page: nothing filled in, then a link that is not a web address.
    page.get_by_role("button", name="Add an artefact").click()
    expect(page.locator("h1")).to_have_text("Add an artefact")
    check_accessibility(page)
    page.get_by_role("button", name="Add artefact").click()
    expect(error_summary(page)).to_contain_text("Enter a title for the artefact")
    expect(error_summary(page)).to_contain_text("Enter a link to the artefact")
    expect(error_summary(page)).to_contain_text("Select the type of artefact")
    page.get_by_label("Title").fill("Research findings")
    page.get_by_label("Link", exact=True).fill("javascript:alert(1)")
    page.get_by_label("Type").select_option(label="Research")
    fill_date(page, "Date (optional)", parts=("31", "2", "2026"))
    page.get_by_role("button", name="Add artefact").click()
    expect(error_summary(page)).to_contain_text("Enter a link that starts with https:// or http://")
    expect(error_summary(page)).to_contain_text("Date must be a real date")
    expect(page.get_by_label("Title")).to_have_value("Research findings")
    check_accessibility(page)
    page.get_by_role("link", name="Cancel").click()

    # Attaching without choosing one of the project's artefacts.
    page.get_by_role("button", name="Choose an artefact the project already has").click()
    check_accessibility(page)
    page.get_by_role("button", name="Attach artefact").click()
    expect(error_summary(page)).to_contain_text("Select an artefact to attach")
    check_accessibility(page)
    page.get_by_role("link", name="Back to point 14").click()

    # An action with nothing filled in, then one due in the past.
    page.get_by_role("button", name="Add an action").click()
    expect(page.locator("h1")).to_have_text("Add an action")
    check_accessibility(page)
    page.get_by_role("button", name="Add action").click()
    expect(error_summary(page)).to_contain_text("Enter what needs to be done")
    expect(error_summary(page)).to_contain_text("Select who owns the action")
    expect(error_summary(page)).to_contain_text("Enter the date the action is due")
    page.get_by_label("What needs to be done?").fill("Set up uptime alerts")
    page.get_by_role("group", name="Who owns it?").get_by_label("Jordan Ellis").check()
    fill_date(page, "When is it due?", TODAY - timedelta(days=3))
    page.get_by_role("button", name="Add action").click()
    expect(error_summary(page)).to_contain_text("Due date must be today or in the future")
    expect(page.get_by_label("What needs to be done?")).to_have_value("Set up uptime alerts")
    check_accessibility(page)
    page.get_by_role("link", name="Cancel").click()

    # Amber needs an action in the plan before the point is complete.
    page.get_by_label("Amber", exact=True).check()
    page.get_by_label("Yes", exact=True).check()
    page.get_by_role("button", name="Save and continue").click()
    expect(error_summary(page)).to_contain_text(
        "Add at least one action for an amber or red point before you mark it as completed"
    )
    expect(page.get_by_label("Amber", exact=True)).to_be_checked()
    # Saved as amber, so the action page says an action without a date gets 3 months.
    page.get_by_role("button", name="Add an action").click()
    expect(
        page.get_by_text("This point is rated amber: if you leave the date blank")
    ).to_be_visible()
    page.get_by_role("link", name="Back to point 14").click()
    page.get_by_role("link", name="Back to the task list").click()


def add_artefact(page: Page, title: str, number: int) -> None:
    page.get_by_role("button", name=re.compile("^Add (an|another) artefact$")).click()
    page.get_by_label("Title").fill(title)
    page.get_by_label("Link", exact=True).fill(f"https://sharepoint.example.gov.uk/p{number}")
    page.get_by_label("Type").select_option(label="Other")
    fill_date(page, "Date (optional)", TODAY - timedelta(days=number))
    page.get_by_role("button", name="Add artefact").click()
    expect(success_banner(page)).to_contain_text(f"Artefact “{title}” added to point {number}")
    expect(page.get_by_role("link", name=f"{title} (opens in new tab)")).to_be_visible()


def add_action(page: Page, description: str) -> None:
    page.get_by_role("button", name=re.compile("^Add (an|another) action$")).click()
    page.get_by_label("What needs to be done?").fill(description)
    page.get_by_role("group", name="Who owns it?").get_by_label("Jordan Ellis").check()
    fill_date(page, "When is it due?", DUE)
    page.get_by_role("button", name="Add action").click()
    expect(success_banner(page)).to_contain_text("Action added")
    expect(page.locator("#actions ~ dl.govuk-summary-list").first).to_contain_text(description)


def complete_point(page: Page, number: int, rating: str) -> None:
    open_point(page, number)
    if number % 4:
        add_artefact(page, f"Artefact for point {number}", number)
    else:
        # Every fourth point uses an artefact the project already has.
        page.get_by_role("button", name="Choose an artefact the project already has").click()
        page.get_by_text(f"Artefact for point {number - 1} (").click()
        page.get_by_role("button", name="Attach artefact").click()
        expect(success_banner(page)).to_contain_text(f"now supports point {number}")
    if rating in ("Amber", "Red"):
        add_action(page, f"Close the gap on point {number}")
    page.get_by_label("Your evidence").fill(
        f"Evidence for point {number}: what we did, who we spoke to and what we learned.\n"
        "See the linked artefacts."
    )
    page.get_by_label(rating, exact=True).check()
    page.get_by_label("Yes", exact=True).check()
    page.get_by_role("button", name="Save and continue").click()
    expect(page.locator("h1")).to_have_text("Self-assessment")
    expect(success_banner(page)).to_contain_text(f"Point {number} saved")


def change_and_remove(page: Page) -> None:
    """On point 1: change its artefact and an action, and remove one, each on its own page."""
    open_point(page, 1)
    artefacts = page.locator("#artefacts + .govuk-summary-list")
    row = artefacts.locator(".govuk-summary-list__row").filter(has_text="Artefact for point 1 (")
    row.get_by_role("button", name=re.compile("^Change")).click()
    expect(page.locator("h1")).to_have_text("Change an artefact")
    check_accessibility(page)
    page.get_by_label("Title").fill("Artefact for point 1, second version")
    page.get_by_role("button", name="Save changes").click()
    expect(success_banner(page)).to_contain_text("second version")
    check_accessibility(page)

    add_action(page, "An action to take out again")
    plan = page.locator("#actions + p + .govuk-summary-list")
    row = plan.locator(".govuk-summary-list__row").filter(has_text="Close the gap on point 1")
    row.get_by_role("button", name=re.compile("^Change")).click()
    expect(page.locator("h1")).to_have_text("Change an action")
    check_accessibility(page)
    page.get_by_label("What needs to be done?").fill("Close the gap on point 1, with the council")
    page.get_by_role("button", name="Save changes").click()
    expect(success_banner(page)).to_contain_text("Action changed on point 1")

    row = plan.locator(".govuk-summary-list__row").filter(has_text="An action to take out again")
    row.get_by_role("button", name=re.compile("^Remove")).click()
    expect(page.locator("h1")).to_contain_text(
        "Are you sure you want to remove the action “An action to take out again”?"
    )
    check_accessibility(page)
    page.get_by_role("button", name="Continue").click()
    expect(error_summary(page)).to_contain_text("Select yes if you want to remove this action")
    check_accessibility(page)
    page.get_by_label("Yes", exact=True).check()
    page.get_by_role("button", name="Continue").click()
    expect(success_banner(page)).to_contain_text("removed from point 1")
    expect(plan).not_to_contain_text("An action to take out again")
    expect(plan).to_contain_text("Close the gap on point 1, with the council")
    check_accessibility(page)
    page.get_by_role("link", name="Back to the task list").click()


def run_journey(page: Page, name: str, javascript: bool) -> None:
    sign_in(page, "team@example.gov.uk")
    # From "Your projects" to the project, then to its assessments.
    page.get_by_role("link", name=name, exact=True).click()
    expect(page.locator("h1")).to_have_text(name)
    page.get_by_role("link", name="Assessments", exact=True).click()
    expect(page.locator("h1")).to_have_text("Assessments")
    check_accessibility(page)
    page.get_by_role("button", name="Continue self-assessment").click()
    expect(page.locator("h1")).to_have_text("Self-assessment")
    check_accessibility(page)

    # Checking answers before every point is done explains why it cannot be submitted.
    page.get_by_role("button", name="Check your answers").click()
    expect(page.locator(".govuk-inset-text")).to_contain_text("before you can submit")
    expect(page.get_by_role("button", name="Submit for peer review")).to_have_count(0)
    page.get_by_role("link", name="Back to the task list").click()

    meet_the_point_errors(page, javascript)

    for number in range(1, 15):
        complete_point(page, number, RATINGS[number % 3])
    change_and_remove(page)

    expect(page.get_by_text("The team has completed 14 of 14 points.")).to_be_visible()
    expect(page.get_by_role("heading", name="Self-assessment complete")).to_be_visible()
    page.get_by_role("button", name="Check your answers").click()
    expect(page.locator("h1")).to_have_text("Check your answers before you submit")
    cards = page.locator(".govuk-summary-card")
    expect(cards).to_have_count(14)
    expect(cards.nth(0)).to_contain_text("Amber")
    expect(cards.nth(0)).to_contain_text("Close the gap on point 1, with the council")
    expect(cards.nth(0)).to_contain_text("Artefact for point 1, second version")
    expect(cards.nth(2)).to_contain_text("Green")
    expect(cards.nth(3)).to_contain_text("Artefact for point 3")  # one artefact, two points
    # The overall rating: any red makes it red.
    expect(page.locator(".govuk-summary-list").first).to_contain_text("Red")
    check_accessibility(page)

    # A Change link goes back to the point, which leads back to check answers.
    cards.nth(2).get_by_role("link", name="Change").click()
    expect(page.locator("h1")).to_contain_text("3. ")
    expect(page.get_by_role("link", name="Back to check your answers")).to_be_visible()
    page.go_back()

    # Submitting asks the team to confirm the evidence is accurate.
    page.get_by_role("button", name="Submit for peer review").click()
    expect(page).to_have_title(re.compile("^Error: "))
    expect(error_summary(page)).to_contain_text("Confirm that the evidence is accurate")
    check_accessibility(page)
    page.get_by_label("I confirm that, to the best of my knowledge").check()
    page.get_by_role("button", name="Submit for peer review").click()
    expect(page.locator(".govuk-panel")).to_contain_text("Self-assessment submitted")
    # The rating is shown, but not inside the green panel.
    expect(page.locator(".govuk-panel")).not_to_contain_text("Red")
    expect(page.locator("#submitted-rating")).to_contain_text("Red")
    check_accessibility(page)

    # Submitted: the team can read it but not change it.
    page.get_by_role("link", name="View the self-assessment you submitted").click()
    expect(page.locator("h1")).to_have_text("Self-assessment answers")
    expect(page.get_by_role("link", name="Change")).to_have_count(0)

    # The assessments page says what was submitted and offers no second one for the phase.
    page.get_by_role("link", name="Back to the task list").click()
    page.get_by_role("link", name="Back to assessments").click()
    expect(page.locator("#under-review")).to_contain_text("is with the peer assessors")
    expect(page.get_by_role("button", name="Start a self-assessment")).to_have_count(0)
    check_accessibility(page)


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_team_member_completes_and_submits_a_self_assessment(browser, live_server, javascript):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=javascript)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        run_journey(page, JOURNEY_PROJECTS["with-js" if javascript else "without-js"], javascript)
    finally:
        context.close()
