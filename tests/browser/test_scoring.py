"""The panel's pages in a real browser and through axe: an assessor scores points, turns
what the team needs to do into an action, the lead writes the summary and agrees the
final ratings, and an amber evidence review verifies an action and revises a rating.

The panel assessments are made in the live server's app context (arranging them is
another part's pages), from a demo project's submitted self-assessment.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from app.commands import scoring as commands
from app.extensions import db
from app.models import Assessment, Judgement, Person, PersonRole, Point, TeamMembership
from tests.browser.conftest import check_accessibility, sign_in, sign_out
from tests.integration.factories import make_action, make_panel_assessment

LEAD = "assessor@example.gov.uk"


@pytest.fixture(scope="module")
def panels(live_server):
    """A formal assessment to score, and a published one followed by an amber evidence
    review, on a demo project none of the panel is in the team of."""
    with live_server.app.app_context():
        session = db.session
        lead = session.scalar(select(Person).where(Person.email == LEAD))
        assessors = list(
            session.scalars(
                select(Person)
                .join(PersonRole, PersonRole.person_id == Person.id)
                .where(PersonRole.role == "assessor", Person.id != lead.id)
                .order_by(Person.id)
            )
        )
        designer, observer = assessors[0], assessors[1]
        people = [lead.id, designer.id, observer.id]
        in_a_team = select(TeamMembership.project_id).where(TeamMembership.person_id.in_(people))
        source = session.scalar(
            select(Assessment)
            .where(
                Assessment.kind == "self_assessment",
                Assessment.status == "submitted",
                Assessment.project_id.not_in(in_a_team),
            )
            .order_by(Assessment.id)
            .limit(1)
        )
        project = source.project
        panel = [(lead, "lead"), (designer, "design"), (observer, "observer")]
        scoring = make_panel_assessment(
            session,
            project,
            kind="assessment",
            panel=panel,
            self_assessment=source,
            brief_description="Lets residents book and pay online.",
            brief_users="Residents and the staff who help them.",
            prototype_url="https://prototypes.example.gov.uk/booking",
        )
        first = make_panel_assessment(
            session,
            project,
            kind="assessment",
            panel=panel,
            status="published",
            self_assessment=source,
            summary="A careful team.",
            published_at=datetime(2026, 10, 1, tzinfo=UTC),
        )
        for point in session.scalars(
            select(Point).where(Point.version_id == first.framework_version_id)
        ):
            session.add(
                Judgement(
                    assessment_id=first.id,
                    point_id=point.id,
                    rating="amber" if point.number == 2 else "green",
                    done_well="Clear research.",
                    to_do="Test with more users." if point.number == 2 else "",
                )
            )
        session.commit()
        action = make_action(
            session,
            project,
            first,
            number=2,
            description="Test the service with screen reader users",
            source="panel",
        )
        review = make_panel_assessment(
            session,
            project,
            kind="amber_evidence_review",
            panel=[(lead, "lead"), (designer, "design")],
            self_assessment=source,
            follows=first,
        )
        found = {
            "scoring": scoring.id,
            "review": review.id,
            "first": first.id,
            "action": action.id,
            "designer": designer.email,
            "observer": observer.email,
            "lead_id": lead.id,
            "designer_id": designer.id,
            "points": [
                p.number
                for p in session.scalars(
                    select(Point)
                    .where(Point.version_id == scoring.framework_version_id)
                    .order_by(Point.number)
                )
            ],
        }
        session.remove()
    return found


def test_an_assessor_scores_points_and_the_lead_agrees_the_ratings(page: Page, live_server, panels):
    assessment = panels["scoring"]
    sign_in(page, panels["designer"])
    # The home page and the navigation lead to the assessments to review.
    expect(page.locator("#panels")).to_be_visible()
    page.get_by_role("link", name="Assessments to review").first.click()
    expect(page.locator("h1")).to_have_text("Assessments to review")
    check_accessibility(page)
    page.goto(f"/assessments/{assessment}")
    expect(page.locator("#brief")).to_contain_text("Lets residents book and pay online.")
    expect(page.locator(".govuk-task-list")).to_contain_text("Usually led by")
    check_accessibility(page)

    page.get_by_role("link", name="Read the team's self-assessment").click()
    expect(page.locator("h1")).to_have_text("The team's self-assessment")
    check_accessibility(page)
    page.go_back()

    page.locator(".govuk-task-list a").first.click()
    expect(page.locator("#team-answer")).to_contain_text("Team's rating")
    check_accessibility(page)
    page.get_by_label("Amber").check()
    page.get_by_label("What the team has done well").fill("Research with real residents.")
    page.get_by_label("What the team needs to do").fill(
        "Test with screen reader users\nPublish the accessibility statement"
    )
    page.get_by_role("button", name="Save point").click()
    # With things to do and no action made of them yet, saving stays on the point.
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        f"Point {panels['points'][0]} saved. Make each thing the team needs to do into an "
        f"action below, or go to point {panels['points'][1]}."
    )
    page.get_by_role("link", name="Back to the assessment").click()
    expect(page.locator(".govuk-task-list")).to_contain_text("Amber")

    # A "needs to do" item becomes an action on the project, due in three months.
    page.locator(".govuk-task-list a").first.click()
    page.locator("#to-do-items").get_by_role(
        "link", name="Publish the accessibility statement"
    ).click()
    expect(page.get_by_label("What needs to be done?")).to_have_value(
        "Publish the accessibility statement"
    )
    check_accessibility(page)
    page.get_by_role("button", name="Add action").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select who owns the action")
    check_accessibility(page)
    page.get_by_role("group", name="Who owns it?").get_by_role("radio").first.check()
    page.get_by_role("button", name="Add action").click()
    expect(page.locator("#panel-actions")).to_contain_text("Publish the accessibility statement")

    # The rest of the points are scored by the panel at once.
    with live_server.app.app_context():
        for number in panels["points"][1:]:
            commands.save_judgement(
                assessment,
                number,
                panels["designer_id"],
                commands.Scoring("green", "Good.", ""),
                "0",
            )
        db.session.remove()
    sign_out(page)

    # The observer reads but cannot score.
    sign_in(page, panels["observer"])
    page.goto(f"/assessments/{assessment}/points/{panels['points'][0]}")
    expect(page.locator("#panel-judgement")).to_contain_text("Amber")
    expect(page.get_by_role("button", name="Save point")).to_have_count(0)
    check_accessibility(page)
    sign_out(page)

    sign_in(page, LEAD)
    page.goto(f"/assessments/{assessment}/summary")
    expect(page.locator("#result")).to_contain_text("Amber")
    expect(page.locator("#result")).to_contain_text("any red makes it red")
    check_accessibility(page)
    page.get_by_label("I agree these are the panel's final ratings").check()
    page.get_by_role("button", name="Save summary").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the summary")
    check_accessibility(page)
    page.get_by_label("Summary of the assessment").fill("A service residents can use.")
    page.get_by_label("I agree these are the panel's final ratings").check()
    page.get_by_role("button", name="Save summary").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "final ratings agreed"
    )
    expect(page.locator("#report-step")).to_contain_text("Agreed by the lead")


def test_an_amber_evidence_review_verifies_an_action_and_revises_the_rating(
    page: Page, live_server, panels
):
    review = panels["review"]
    sign_in(page, LEAD)
    page.goto(f"/assessments/{review}")
    expect(page.locator(".govuk-task-list li")).to_have_count(1)
    page.get_by_role("link", name="Assessment, ").first.click()
    expect(page.locator("#report")).to_contain_text("A careful team.")
    check_accessibility(page)
    page.go_back()

    page.locator(".govuk-task-list a").first.click()
    expect(page.locator("#to-verify")).to_contain_text("screen reader users")
    page.locator("#to-verify").get_by_role("link", name="Test the service").click()
    expect(page.locator("h1")).to_have_text("Check an action")
    check_accessibility(page)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select whether the action")
    page.get_by_label("Yes, it is verified").check()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter what shows")
    check_accessibility(page)
    page.get_by_label("What did the panel see?").fill("Saw the research report.")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("#to-verify")).to_contain_text("Verified")

    page.get_by_label("Green").check()
    page.get_by_role("button", name="Save point").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter why the panel is changing the rating"
    )
    check_accessibility(page)
    page.get_by_label("Why is the panel changing the rating?").fill("The actions are done.")
    page.get_by_role("button", name="Save point").click()
    page.locator(".govuk-task-list a").first.click()
    expect(page.locator("#revision")).to_contain_text("Original rating Amber")
    expect(page.locator("#revision")).to_contain_text("The actions are done.")

    # The review's report keeps the verification record and the revised rating.
    page.goto(f"/assessments/{review}/report")
    expect(page.locator("#checked-2")).to_contain_text("Test the service with screen reader users")
    expect(page.locator("#checked-2")).to_contain_text("Verified by")
    expect(page.locator("#checked-2")).to_contain_text("Saw the research report.")
    expect(page.locator("#point-2-ratings")).to_contain_text("Original decision")
    expect(page.locator("#point-2-ratings")).to_contain_text("The actions are done.")
    check_accessibility(page)


def test_a_point_is_scored_without_javascript(page_without_javascript: Page, live_server, panels):
    page = page_without_javascript
    assessment = panels["scoring"]
    sign_in(page, panels["designer"])
    page.goto(f"/assessments/{assessment}/points/{panels['points'][-1]}")
    page.get_by_label("What the team has done well").fill("Works without scripts.")
    page.get_by_role("button", name="Save point").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("saved")
    page.goto(f"/assessments/{assessment}/points/{panels['points'][-1]}")
    expect(page.get_by_label("What the team has done well")).to_have_value("Works without scripts.")
    check_accessibility(page)
