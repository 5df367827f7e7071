"""Arranging assessments in a real browser: an organiser arranges a beta assessment with a
full panel, a conflict of interest is refused with its message, an assessor offers to fill
an open role and the organiser accepts. Every new page goes through axe.

The journeys work on a project made for them and removed afterwards, so the demo
portfolio other browser tests rely on is as it was.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import delete, select

from app.bank_holidays import england_and_wales
from app.extensions import db
from app.models import (
    Assessment,
    AuditEvent,
    ConflictOfInterest,
    Directorate,
    Framework,
    PanelMember,
    PanelOffer,
    Person,
    PhaseChange,
    Project,
    TeamMembership,
)
from app.rules.working_days import is_working_day
from tests.browser.conftest import DEMO_PASSWORD, check_accessibility, sign_out
from tests.conftest import TODAY

PROJECT = "Waste carrier permits (browser test)"
ORGANISER = "organiser@example.gov.uk"
CONFLICTED = "assessor@example.gov.uk"  # Tom Okafor, able to lead
OFFERING = "kwame.mensah@example.gov.uk"
# An assessment is held on a working day: the first one 21 or more days from TODAY.
DAY = TODAY + timedelta(days=21)
while not is_working_day(DAY, england_and_wales()):
    DAY += timedelta(days=1)


def sign_in_as(page: Page, email: str) -> None:
    page.goto("/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def _forget(app) -> None:
    with app.app_context():
        project_id = db.session.scalar(select(Project.id).where(Project.name == PROJECT))
        if project_id is None:
            return
        assessment_ids = select(Assessment.id).where(Assessment.project_id == project_id)
        member_ids = select(PanelMember.id).where(PanelMember.assessment_id.in_(assessment_ids))
        for statement in (
            delete(AuditEvent).where(AuditEvent.project_id == project_id),
            delete(PanelOffer).where(PanelOffer.panel_member_id.in_(member_ids)),
            delete(PanelMember).where(PanelMember.assessment_id.in_(assessment_ids)),
            delete(Assessment).where(Assessment.project_id == project_id),
            delete(ConflictOfInterest).where(ConflictOfInterest.project_id == project_id),
            delete(PhaseChange).where(PhaseChange.project_id == project_id),
            delete(TeamMembership).where(TeamMembership.project_id == project_id),
            delete(Project).where(Project.id == project_id),
        ):
            db.session.execute(statement)
        db.session.commit()


@pytest.fixture
def beta_project(live_server):
    """A project in private beta, due its beta assessment in ten days, with team@ as its
    service owner."""
    app = live_server.app
    _forget(app)
    with app.app_context():
        owner = db.session.scalar(select(Person).where(Person.email == "team@example.gov.uk"))
        project = Project(
            name=PROJECT,
            description="Lets businesses apply for a waste carrier permit online.",
            directorate=db.session.scalar(select(Directorate).order_by(Directorate.id)),
            phase="private_beta",
            framework=db.session.scalar(select(Framework).where(Framework.is_default.is_(True))),
            next_assessment_due=TODAY + timedelta(days=10),
        )
        project.memberships = [TeamMembership(person=owner, team_role="service_owner")]
        db.session.add(project)
        db.session.commit()
        project_id = project.id
    yield project_id
    _forget(app)


def fill_details(page: Page, lead: str) -> None:
    page.get_by_label("Day").fill(str(DAY.day))
    page.get_by_label("Month").fill(str(DAY.month))
    page.get_by_label("Year").fill(str(DAY.year))
    page.get_by_label("Start time").fill("10:00")
    page.get_by_label("Lead assessor").select_option(label=lead)
    for role, name in (
        ("User research", "Tom Whitfield"),
        ("Design", "Priya Patel"),
        ("Content design", "Gareth Evans"),
        ("Technical", "Siobhan Murphy"),
        ("Accessibility", "Open: let assessors offer to fill it"),
        ("Performance analyst", "Open: let assessors offer to fill it"),
        ("Product and delivery", "Nobody in this role"),
        ("Observer", "Nobody in this role"),
    ):
        page.get_by_label(role, exact=True).select_option(label=name)


def test_an_organiser_arranges_a_beta_assessment_with_a_full_panel(page, beta_project):
    # An assessor declares a conflict of interest with the project.
    sign_in_as(page, CONFLICTED)
    page.goto("/conflicts")
    check_accessibility(page)
    page.get_by_role("button", name="Declare the conflict").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select a project")
    check_accessibility(page)
    page.get_by_label("Project", exact=True).select_option(label=PROJECT)
    page.get_by_label("Why should you not assess this project?").fill(
        "I worked in this team until June."
    )
    page.get_by_role("button", name="Declare the conflict").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        f"Your conflict of interest with {PROJECT} has been recorded"
    )
    check_accessibility(page)
    sign_out(page)

    # The organiser starts from the queue.
    sign_in_as(page, ORGANISER)
    expect(page.locator("h1")).to_have_text("Assessments to arrange")
    row = page.get_by_role("row").filter(has_text=PROJECT)
    expect(row).to_contain_text("Next assessment due")
    check_accessibility(page)

    page.get_by_role("link", name="Arrange an assessment", exact=True).click()
    expect(page.locator("h1")).to_have_text("Which project, and what kind of assessment?")
    check_accessibility(page)
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select a project")
    check_accessibility(page)
    page.get_by_label("Project", exact=True).select_option(label=PROJECT)
    page.get_by_label("Assessment", exact=True).check()
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("h1")).to_have_text(f"Assessment for {PROJECT}")
    expect(page.get_by_label("What the service does and for whom")).to_have_value(
        "Lets businesses apply for a waste carrier permit online."
    )
    check_accessibility(page)

    # The conflicted assessor is marked in the choices, and refused as lead with the reason.
    fill_details(page, "Tom Okafor (declared a conflict of interest)")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Tom Okafor cannot sit on this panel: they have declared a conflict of interest "
        "with this project"
    )
    expect(page.get_by_label("Start time")).to_have_value("10:00")
    check_accessibility(page)

    page.get_by_label("Lead assessor").select_option(label="Amira Hussain")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("h1")).to_have_text("Check the assessment before you arrange it")
    expect(page.locator("#check-panel")).to_contain_text("Amira Hussain")
    expect(page.locator("#check-panel")).to_contain_text("Open: assessors can offer to fill it")
    check_accessibility(page)

    # Change goes back to the form with everything kept.
    page.get_by_role("button", name="Change the designer").click()
    expect(page.get_by_label("Design", exact=True).locator("option:checked")).to_have_text(
        "Priya Patel"
    )
    expect(page.get_by_label("Start time")).to_have_value("10:00")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Arrange the assessment").click()
    expect(page.locator(".govuk-panel")).to_contain_text("Assessment arranged")
    expect(page.locator(".govuk-panel")).to_contain_text("Private beta assessment")
    check_accessibility(page)

    # The panel page, a change of role, and the brief.
    page.get_by_role("link", name="See the panel").click()
    expect(page.locator("h1")).to_have_text("The panel")
    check_accessibility(page)
    page.get_by_role("link", name="Change the designer").click()
    expect(page.locator("h1")).to_have_text("Change the designer")
    check_accessibility(page)
    page.get_by_label("Who is in this role?").select_option(
        label="Tom Okafor (declared a conflict of interest)"
    )
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Tom Okafor cannot sit on this panel: they have declared a conflict of interest"
    )
    check_accessibility(page)
    page.get_by_role("link", name="Cancel").click()
    page.get_by_role("link", name="Read the team's brief").click()
    expect(page.locator("h1")).to_have_text("The team's brief")
    check_accessibility(page)
    page.goto("/assessments/feedback")
    expect(page.locator("h1")).to_have_text("Feedback from teams and panels")
    check_accessibility(page)
    page.goto("/assessments/queue")
    page.get_by_role("link", name="Declared conflicts of interest").click()
    expect(page.locator("h1")).to_have_text("Declared conflicts of interest")
    expect(page.locator("#conflicts")).to_contain_text("Tom Okafor")
    check_accessibility(page)
    sign_out(page)

    # An assessor offers to fill the open accessibility role.
    sign_in_as(page, OFFERING)
    page.get_by_role("link", name="Open panel roles").click()
    expect(page.locator("h1")).to_have_text("Open panel roles")
    check_accessibility(page)
    page.get_by_role("link", name=f"Offer to fill the accessibility role for {PROJECT}").click()
    expect(page.locator("h1")).to_have_text("Offer to be the accessibility specialist")
    check_accessibility(page)
    page.get_by_label("Anything the organiser should know (optional)").fill(
        "I audit council services for WCAG 2.2."
    )
    page.get_by_role("button", name="Offer to fill this role").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Your offer has been sent"
    )
    sign_out(page)

    # The organiser accepts the offer.
    sign_in_as(page, ORGANISER)
    page.get_by_role("row").filter(has_text=PROJECT).get_by_role("link", name="Panel").click()
    expect(page.locator("h1")).to_have_text("The panel")
    page.get_by_role("button", name="Accept Kwame Mensah's offer").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Kwame Mensah is on the panel as accessibility"
    )
    check_accessibility(page)


def test_arranging_works_without_javascript(page_without_javascript, beta_project):
    page = page_without_javascript
    sign_in_as(page, ORGANISER)
    page.goto("/assessments/arrange")
    page.get_by_label("Project", exact=True).select_option(label=PROJECT)
    page.get_by_label("Assessment", exact=True).check()
    page.get_by_role("button", name="Continue").click()
    fill_details(page, "Amira Hussain")
    page.get_by_label("Start time").fill("7:00")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter a start time between 08:00 and 18:00"
    )
    check_accessibility(page)
    page.get_by_label("Start time").fill("14:30")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("#check-assessment")).to_contain_text("14:30")
    check_accessibility(page)
    page.get_by_role("button", name="Arrange the assessment").click()
    expect(page.locator(".govuk-panel")).to_contain_text("Assessment arranged")
    page.get_by_role("link", name="See the panel").click()
    page.get_by_label("Panel role").select_option(label="Observer")
    page.get_by_role("button", name="Add to the panel").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "The observer role is open"
    )
    check_accessibility(page)
