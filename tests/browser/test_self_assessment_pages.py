"""The other self-assessment pages, in a real browser and through axe: sharing out points,
starting, reading and comparing earlier assessments, and returning one to the team."""

from __future__ import annotations

import re

from playwright.sync_api import expect
from sqlalchemy import select

from app.demo import content
from app.extensions import db
from app.models import Assessment
from tests.browser.conftest import check_accessibility, sign_in, sign_out
from tests.browser.test_self_assessment_journey import project_id

# The demo team member's projects: one in alpha with an earlier discovery
# self-assessment, and beta and live ones whose self-assessments were submitted.
ALPHA_PROJECT = content.PROJECTS[30]["name"]
BETA_PROJECT = content.PROJECTS[57]["name"]
LIVE_PROJECT = content.PROJECTS[70]["name"]


def test_earlier_assessments_can_be_read_and_compared(page, live_server):
    sign_in(page, "team@example.gov.uk")
    page.goto(f"/projects/{project_id(live_server, ALPHA_PROJECT)}/assessments/")
    # Drafts are kept apart from submitted ones, their ratings "so far". In a whole run the
    # no-JavaScript journey (test_self_assessment_journey.py) has already submitted this
    # project's alpha draft, so either state may be found here.
    drafts = page.get_by_role("table", name=re.compile("^In progress"))
    table = page.get_by_role(
        "table", name="Submitted, reviewed and withdrawn assessments, newest first"
    )
    expect(table).to_be_visible()
    if drafts.count():
        expect(drafts.get_by_role("row")).to_have_count(2)  # heading, alpha draft
        expect(drafts).to_contain_text("so far")
        expect(table.get_by_role("row")).to_have_count(2)  # heading, discovery
    else:
        expect(table.get_by_role("row")).to_have_count(3)  # heading, alpha, discovery
    expect(table).not_to_contain_text("so far")

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


def test_a_submitted_self_assessment_stops_a_second_one_for_the_phase(page, live_server):
    sign_in(page, "team@example.gov.uk")
    page.goto(f"/projects/{project_id(live_server, LIVE_PROJECT)}/assessments/")
    banner = page.locator("#under-review")
    expect(banner).to_contain_text("The self-assessment for live is with the peer assessors")
    expect(banner).to_contain_text("an administrator can return it to your team")
    expect(page.get_by_role("button", name="Start a self-assessment")).to_have_count(0)
    check_accessibility(page)


def _publish_the_live_self_assessment(live_server) -> None:
    """Stands in for peer review (not built yet): the live project's report is published,
    so the team may start again, from it."""
    project = project_id(live_server, LIVE_PROJECT)
    with live_server.app.app_context():
        live = db.session.scalar(
            select(Assessment).where(Assessment.project_id == project, Assessment.phase == "live")
        )
        live.status = "published"
        db.session.commit()


def _someone_else_gives_point_13_away(live_server) -> None:
    from app.models import Answer, Person, Point, TeamMembership

    project = project_id(live_server, LIVE_PROJECT)
    with live_server.app.app_context():
        draft = db.session.scalar(
            select(Assessment).where(Assessment.project_id == project, Assessment.status == "draft")
        )
        point_13 = db.session.scalar(
            select(Answer)
            .join(Answer.point)
            .where(Answer.assessment_id == draft.id, Point.number == 13)
        )
        others = db.session.scalars(
            select(TeamMembership.person_id)
            .join(Person, Person.id == TeamMembership.person_id)
            .where(TeamMembership.project_id == project, Person.is_active.is_(True))
            .where(Person.email != "team@example.gov.uk")
            .order_by(TeamMembership.person_id)
        )
        other = next(person for person in others if person != point_13.owner_id)
        point_13.owner_id = other
        db.session.commit()


def test_starting_from_last_time_and_sharing_out_the_points(page, live_server):
    _publish_the_live_self_assessment(live_server)
    sign_in(page, "team@example.gov.uk")
    page.goto(f"/projects/{project_id(live_server, LIVE_PROJECT)}/assessments/")
    page.get_by_role("button", name="Start a self-assessment").click()
    expect(page.locator("h1")).to_have_text("Start a self-assessment for live")
    # Choosing nothing is explained.
    page.get_by_role("button", name="Start self-assessment").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select how you want to start")
    check_accessibility(page)
    page.get_by_label("Start from the live self-assessment").check()
    page.get_by_role("button", name="Start self-assessment").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Self-assessment started"
    )
    expect(page.get_by_text("The team has completed 0 of 14 points.")).to_be_visible()
    expect(
        page.locator(".govuk-task-list__status").filter(has_text="Carried over from live: check it")
    ).to_have_count(14)
    check_accessibility(page)
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

    # Someone else gives point 13 away while this person is choosing: the conflict page.
    page.get_by_role("link", name="Share out the points").click()
    point_13 = page.get_by_label(
        "13. Use and contribute to open standards, common components and patterns"
    )
    jordan = page.get_by_label("14. Operate a reliable service").input_value()
    choice = "" if point_13.input_value() == jordan else jordan
    _someone_else_gives_point_13_away(live_server)
    point_13.select_option(value=choice)
    page.get_by_role("button", name="Save owners").click()
    expect(page.locator("#owners-conflict")).to_contain_text(
        "Someone else changed the owners of some points"
    )
    expect(point_13).to_have_value(choice)  # what they chose is kept
    check_accessibility(page)
    page.get_by_role("button", name="Save owners").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Point owners saved"
    )
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

    # The team sees it flagged on their home page, with the reason.
    sign_out(page)
    sign_in(page, "team@example.gov.uk")
    returned = page.locator("#returned-self-assessments")
    expect(returned).to_contain_text(BETA_PROJECT)
    expect(returned).to_contain_text("Point 7 needs the penetration test results.")
    expect(page.get_by_role("table", name="Projects whose team you are in")).to_contain_text(
        "Returned to the team"
    )
    check_accessibility(page)
