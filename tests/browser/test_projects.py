"""Projects in a real browser: every page through axe, and the journeys that matter most.

The journeys work on projects made for them and removed afterwards, so the
demo portfolio that other browser tests rely on is as it was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import delete, select

from app.audit import record
from app.data.assessments import start_self_assessment
from app.extensions import db
from app.models import (
    Action,
    Answer,
    Assessment,
    AuditEvent,
    Directorate,
    Framework,
    Person,
    PhaseChange,
    Project,
    TeamMembership,
)
from tests.browser.conftest import check_accessibility, sign_in, sign_out
from tests.conftest import TODAY

RED_PROJECT = "Library room bookings (browser test)"
NEW_PROJECT = "Registrars' ceremony bookings (browser test {})"
STAFF_EMAIL = "fiona.macleod@example.gov.uk"
DELIVERY_MANAGER_EMAIL = "daniel.okafor@example.gov.uk"


def visit(page: Page, path: str, heading: str | None = None) -> None:
    response = page.goto(path)
    assert response is not None and response.status == 200, f"{path}: {response.status}"
    expect(page.locator("h1")).to_have_count(1)
    if heading:
        expect(page.locator("h1")).to_contain_text(heading)
    check_accessibility(page)


def _person(email: str) -> Person:
    return db.session.scalar(select(Person).where(Person.email == email))


def _forget_project(app, name: str) -> None:
    """Remove a project these tests made, and everything recorded about it."""
    with app.app_context():
        project_id = db.session.scalar(select(Project.id).where(Project.name == name))
        if project_id is None:
            return
        assessment_ids = select(Assessment.id).where(Assessment.project_id == project_id)
        for statement in (
            delete(AuditEvent).where(AuditEvent.project_id == project_id),
            delete(PhaseChange).where(PhaseChange.project_id == project_id),
            delete(Action).where(Action.project_id == project_id),
            delete(Answer).where(Answer.assessment_id.in_(assessment_ids)),
            delete(Assessment).where(Assessment.project_id == project_id),
            delete(TeamMembership).where(TeamMembership.project_id == project_id),
            delete(Project).where(Project.id == project_id),
        ):
            db.session.execute(statement)
        db.session.commit()


@dataclass(frozen=True)
class RedProject:
    id: int
    manager_id: int

    @property
    def url(self) -> str:
        return f"/projects/{self.id}"


@pytest.fixture
def red_project(live_server):
    """A project in discovery whose service owner is team@, with two red points, an open
    action from one of them, and a history long enough to need a second page."""
    app = live_server.app
    _forget_project(app, RED_PROJECT)
    with app.app_context():
        owner = _person("team@example.gov.uk")
        manager = _person(DELIVERY_MANAGER_EMAIL)
        project = Project(
            name=RED_PROJECT,
            description="Lets residents book rooms in county libraries.",
            directorate=db.session.scalar(select(Directorate).order_by(Directorate.id)),
            phase="discovery",
            framework=db.session.scalar(select(Framework).where(Framework.is_default.is_(True))),
            cashable_benefit=45000,
            non_cashable_benefit="moderate",
            next_assessment_due=TODAY + timedelta(days=40),
        )
        project.memberships = [
            TeamMembership(person=owner, team_role="service_owner"),
            TeamMembership(person=manager, team_role="delivery_manager"),
        ]
        db.session.add(project)
        db.session.flush()
        db.session.add(
            PhaseChange(
                project_id=project.id,
                to_phase="discovery",
                changed_by_id=owner.id,
                reason="Added to the programme",
            )
        )
        assessment = start_self_assessment(project, owner.id)
        for item in db.session.scalars(select(Answer).where(Answer.assessment_id == assessment.id)):
            item.self_rating = "red" if item.point.number in (2, 5) else "green"
            item.status = "completed"
            if item.point.number == 2:
                db.session.add(
                    Action(
                        project_id=project.id,
                        assessment_id=assessment.id,
                        point_id=item.point_id,
                        point_number=2,
                        description="Map the whole booking journey, offline too",
                        owner_id=owner.id,
                        due_date=TODAY - timedelta(days=3),
                        status="open",
                    )
                )
        for number in range(30):
            record(
                owner.id,
                "updated",
                "project",
                project.id,
                "Changed the project",
                {"cashable_benefit": [40000 + number, 40001 + number]},
                project_id=project.id,
            )
        db.session.commit()
        made = RedProject(id=project.id, manager_id=manager.id)
    yield made
    _forget_project(app, RED_PROJECT)


# --- Every page, as those who use it ----------------------------------------------------------


def test_project_pages_for_the_service_owner(page, red_project):
    sign_in(page, "team@example.gov.uk")
    base = red_project.url
    for path, heading in [
        ("/home", "Your projects"),
        (base, RED_PROJECT),
        (f"{base}/edit", "Change project details"),
        (f"{base}/team", "Team"),
        (f"{base}/team/add", "Add a person to the team"),
        (f"{base}/team/{red_project.manager_id}/role", "role in the team"),
        (f"{base}/team/{red_project.manager_id}/remove", "Remove"),
        (f"{base}/phase", "Move to another phase"),
        (f"{base}/history", "History"),
        (f"{base}/history?page=2", "History"),
    ]:
        visit(page, path, heading)
    expect(page.locator(".govuk-pagination")).to_be_visible()

    # The role page's heading is its caption and question, not markup shown as text.
    visit(page, f"{base}/team/{red_project.manager_id}/role")
    heading = page.get_by_role("heading", level=1)
    expect(heading).not_to_contain_text("<span")
    expect(heading.locator(".govuk-caption-l")).to_have_text(RED_PROJECT)
    expect(heading).to_contain_text("What is Daniel Okafor\u2019s role in the team?")


def test_project_pages_for_a_board_member(page, red_project):
    sign_in(page, "board@example.gov.uk")
    visit(page, "/home?name=blue&phase=alpha", "Your projects")
    expect(page.get_by_label("Project name contains")).to_have_value("blue")
    expect(page.locator("#projects tbody tr")).to_have_count(1)
    visit(page, "/home?name=nothing-like-this", "Your projects")
    expect(page.get_by_text("No projects match your filters")).to_be_visible()
    visit(page, red_project.url, RED_PROJECT)
    expect(page.get_by_role("link", name=re.compile("^Change"))).to_have_count(0)
    visit(page, f"{red_project.url}/team", "Team")
    visit(page, f"{red_project.url}/history", "History")


def test_project_forms_with_errors_pass_the_check(page, red_project):
    sign_in(page, "team@example.gov.uk")
    base = red_project.url

    page.goto(f"{base}/edit")
    page.get_by_label("Cashable benefit").fill("lots")
    page.get_by_label("Day").fill("31")
    page.get_by_label("Month").fill("2")
    page.get_by_role("button", name="Save changes").click()
    expect(page).to_have_title(re.compile(r"^Error: Change project details"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Next assessment date must be")
    expect(page.get_by_label("Cashable benefit")).to_have_value("lots")
    check_accessibility(page)

    page.goto(f"{base}/team/add")
    page.get_by_label("Email address").fill("nobody@example.gov.uk")
    page.get_by_role("button", name="Add to the team").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("There is no account with this email address")
    expect(summary).to_contain_text("Select their role in the team")
    check_accessibility(page)

    # team@ is the only service owner: no stepping down, no leaving.
    page.goto(f"{base}/team")
    page.get_by_role("link", name="Change role of Jordan Ellis").click()
    page.get_by_label("Team member").check()
    page.get_by_role("button", name="Save team role").click()
    expect(summary).to_contain_text("Jordan Ellis is the only service owner")
    check_accessibility(page)
    page.goto(f"{base}/team")
    page.get_by_role("link", name="Remove Jordan Ellis from the team").click()
    expect(page.locator(".govuk-warning-text")).to_contain_text("the only service owner")
    check_accessibility(page)

    page.goto(f"{base}/phase")
    page.get_by_role("button", name="Move the project").click()
    expect(summary).to_contain_text("Select the phase the project is moving to")
    expect(summary).to_contain_text("Enter why the project is moving to this phase")
    check_accessibility(page)


def test_someone_else_saving_first_is_shown_without_losing_what_was_typed(
    page, live_server, red_project
):
    sign_in(page, "team@example.gov.uk")
    page.goto(f"{red_project.url}/edit")
    page.get_by_label("Description").fill("Book rooms and equipment online.")
    with live_server.app.app_context():  # someone else saves in the meantime
        db.session.get(Project, red_project.id).description = "Book study rooms online."
        db.session.commit()
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Someone else saved changes to this project while you were editing it"
    )
    expect(page.get_by_text("Book study rooms online.")).to_be_visible()
    expect(page.get_by_label("Description")).to_have_value("Book rooms and equipment online.")
    check_accessibility(page)


# --- Journeys, with and without JavaScript ----------------------------------------------------


def _context(browser, live_server, javascript: bool) -> Page:
    context = browser.new_context(base_url=live_server.url, java_script_enabled=javascript)
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_an_administrator_adds_a_project_and_its_team_then_changes_it(
    browser, live_server, javascript
):
    name = NEW_PROJECT.format("with JavaScript" if javascript else "without JavaScript")
    page = _context(browser, live_server, javascript)
    try:
        sign_in(page, "admin@example.gov.uk")
        page.get_by_role("button", name="Add a project").click()
        expect(page.locator("h1")).to_have_text("Add a project")

        # Nothing filled in: a message for each required answer.
        page.get_by_role("button", name="Add project").click()
        expect(page).to_have_title(re.compile(r"^Error: Add a project"))
        summary = page.locator(".govuk-error-summary")
        for message in (
            "Enter the project name",
            "Enter a description of the project",
            "Select a directorate, or add a new one",
            "Select the phase the project is in",
            "Select the non-cashable benefit, or select not known yet",
        ):
            expect(summary).to_contain_text(message)
        if javascript:
            expect(summary).to_be_focused()
        check_accessibility(page)

        # A name already taken, and pence in the benefit; what was typed stays.
        page.get_by_label("Project name").fill("Blue Badge applications")
        page.get_by_label("Description").fill("Book weddings and civil partnerships online.")
        page.get_by_label("Directorate", exact=True).select_option(label="Families and Communities")
        page.get_by_label("Alpha (design)").check()
        page.get_by_label("Cashable benefit").fill("12000.50")
        page.get_by_label("Moderate").check()
        page.get_by_role("button", name="Add project").click()
        expect(summary).to_contain_text("A project with this name already exists")
        expect(summary).to_contain_text("Cashable benefit must be a whole number of pounds")
        expect(page.get_by_label("Description")).to_have_value(
            "Book weddings and civil partnerships online."
        )
        expect(page.get_by_label("Alpha (design)")).to_be_checked()

        page.get_by_label("Project name").fill(name)
        page.get_by_label("Cashable benefit").fill("12,000")
        page.get_by_label("Day").fill("1")
        page.get_by_label("Month").fill("3")
        page.get_by_label("Year").fill(str(TODAY.year + 1))
        page.get_by_role("button", name="Add project").click()

        # Straight on to the team.
        expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
            f"{name} has been added. Now add its team."
        )
        expect(page.locator("h1")).to_have_text("Team")
        page.get_by_role("button", name="Add a person to the team").click()
        page.get_by_label("Email address").fill(STAFF_EMAIL.upper())
        page.get_by_label("Service owner").check()
        page.get_by_role("button", name="Add to the team").click()
        expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
            "Fiona MacLeod has been added to the team as service owner."
        )
        expect(page.get_by_role("row").filter(has_text=STAFF_EMAIL)).to_contain_text(
            "Service owner"
        )

        # Change it.
        page.get_by_role("link", name="Back to the project").click()
        expect(page.locator("h1")).to_have_text(name)
        page.get_by_role("link", name="Change next assessment due").click()
        page.get_by_label("Day").fill("15")
        page.get_by_role("button", name="Save changes").click()
        expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
            "The project's details have been saved."
        )
        rows = page.locator(".govuk-summary-list")
        expect(rows).to_contain_text(f"15 March {TODAY.year + 1}")
        expect(rows).to_contain_text("£12,000 a year")
        expect(rows).to_contain_text("Alpha (design)")
        expect(rows).to_contain_text("Fiona MacLeod")
        check_accessibility(page)

        page.get_by_role("link", name="History of changes").click()
        history = page.locator("#history")
        expect(history).to_contain_text("Added Fiona MacLeod to the team as service owner")
        expect(history).to_contain_text(
            f"Next assessment due changed from 1 March {TODAY.year + 1} "
            f"to 15 March {TODAY.year + 1}"
        )
        expect(page.locator("#phase-changes")).to_contain_text("Added to the programme")
    finally:
        page.context.close()
        _forget_project(live_server.app, name)


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_a_service_owner_moves_a_project_on_past_red_points(
    browser, live_server, red_project, javascript
):
    page = _context(browser, live_server, javascript)
    try:
        sign_in(page, "team@example.gov.uk")
        page.get_by_role("link", name=RED_PROJECT, exact=True).click()
        page.get_by_role("link", name="Change phase").click()
        expect(page.locator("h1")).to_have_text("Move to another phase")
        # The team's draft for discovery will be withdrawn: it says so before anything moves.
        expect(page.locator("#withdraw-warning")).to_contain_text(
            "Your team\u2019s self-assessment for discovery is still in progress. "
            "Moving to another phase withdraws it: it can still be read, but not changed "
            "or submitted."
        )
        page.get_by_label("Alpha (design)").check()
        page.get_by_label("Why is it moving to this phase?").fill(
            "Discovery showed residents want to book online."
        )
        # Moving on into alpha means an assessment is due: the page asks when.
        page.get_by_role("button", name="Move the project").click()
        expect(page.locator(".govuk-error-summary")).to_contain_text(
            "Enter when the next assessment is due"
        )
        check_accessibility(page)
        due = TODAY + timedelta(days=120)
        page.locator("#next_assessment_due-day").fill(str(due.day))
        page.locator("#next_assessment_due-month").fill(str(due.month))
        page.locator("#next_assessment_due-year").fill(str(due.year))
        page.get_by_role("button", name="Move the project").click()

        # Red points stand in the way: the confirmation lists them.
        expect(page.locator("h1")).to_have_text("Check before moving on with red points")
        expect(page.locator("main")).to_contain_text("2 points are rated red")
        expect(page.locator("main")).to_contain_text("Map the whole booking journey")
        expect(page.locator("main")).to_contain_text("Overdue")
        expect(page.locator("#red-points")).to_contain_text(
            "Your team\u2019s self-assessment for discovery, in progress"
        )
        expect(page.locator("#withdraw-warning")).to_contain_text("Moving to alpha withdraws it")
        check_accessibility(page)

        # Going back to change an answer keeps them.
        page.get_by_role("button", name="Change these answers").click()
        expect(page.get_by_label("Alpha (design)")).to_be_checked()
        expect(page.get_by_label("Why is it moving to this phase?")).to_have_value(
            "Discovery showed residents want to book online."
        )
        expect(page.locator("#next_assessment_due-year")).to_have_value(str(due.year))
        page.get_by_role("button", name="Move the project").click()
        expect(page.locator("main")).to_contain_text(f"{due.day} {due:%B %Y}")

        # Moving on anyway needs a reason.
        page.get_by_role("button", name="Move to alpha (design) anyway").click()
        expect(page).to_have_title(re.compile(r"^Error: Check before moving on"))
        expect(page.locator(".govuk-error-summary")).to_contain_text(
            "Enter why the project should move on despite its red points"
        )
        check_accessibility(page)
        page.get_by_label("Why should the project move on anyway?").fill(
            "Points 2 and 5 are the first things the alpha will fix."
        )
        page.get_by_role("button", name="Move to alpha (design) anyway").click()

        expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
            f"{RED_PROJECT} has moved to alpha (design)."
        )
        expect(page.locator(".govuk-summary-list").last).to_contain_text("Alpha (design)")
        overrides = page.locator("#moved-on-with-red-points")
        expect(overrides.locator(".govuk-warning-text")).to_contain_text(
            "no assessment has been submitted since"
        )
        expect(overrides).to_contain_text("Points 2 and 5 are the first things the alpha will fix.")
        check_accessibility(page)
        sign_out(page)

        # The board sees it, and that the discovery draft was withdrawn.
        sign_in(page, "board@example.gov.uk")
        page.goto("/home?name=Library+room+bookings")
        row = page.locator("#projects tbody tr")
        expect(row).to_contain_text("Moved on with red points")
        expect(row).to_contain_text("discovery, withdrawn")
        expect(row).to_contain_text("Not assessed")
        check_accessibility(page)
        page.get_by_role("link", name=RED_PROJECT, exact=True).click()
        card = page.locator("#moved-on-with-red-points .govuk-summary-card")
        expect(card).to_have_count(1)
        first_row = card.locator(".govuk-summary-list__row").first
        expect(first_row).to_contain_text("Discovery (concept)")
        expect(card).to_contain_text("Jordan Ellis")
        expect(card).to_contain_text("Points 2 and 5")
        check_accessibility(page)
    finally:
        page.context.close()
