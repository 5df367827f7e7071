"""The whole peer review journey in a real browser, as the people who do it.

A team submits its self-assessment; the organiser finds it in the queue and arranges a
private beta assessment with a panel, leaving one role open; an assessor offers to fill
it and the organiser accepts. The panel scores every point on the point pages and makes
a "needs to do" item into an action; the lead writes the summary, agrees the ratings and
sends the report. The team challenges a point, the lead answers, the team accepts, the
lead publishes. Another signed-in person reads the published report, with the team's
rating beside the panel's; the downloads answer with the right content types; the team
and the panel give feedback and the organiser sees the results. Then the amber result's
evidence review: the panel verifies the action it set and revises that point's rating, and
the new published report links to the first.

Each person has a browser context of their own, as they would. Every distinct page goes
through axe. The project is made for this test (with a completed self-assessment ready to
submit) and stays in the live server's database under a name no other test uses; the
team account leaves its team afterwards, so later tests see the team's projects as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import delete, select

from app.data.assessments import start_self_assessment
from app.extensions import db
from app.models import Answer, Directorate, Framework, Person, Project, TeamMembership
from tests.browser.conftest import DEMO_PASSWORD, check_accessibility, watch_for_errors
from tests.conftest import TODAY

PROJECT = "Garden waste collections (journey test)"
TEAM = "team@example.gov.uk"  # Jordan Ellis, the project's service owner
ORGANISER = "organiser@example.gov.uk"  # Priya Nair
LEAD = "amira.hussain@example.gov.uk"  # able to lead
DESIGNER = "assessor@example.gov.uk"  # Tom Okafor
RESEARCHER = "priya.patel@example.gov.uk"
OFFERING = "kwame.mensah@example.gov.uk"
READER = "board@example.gov.uk"  # Helen Marsh, on no panel and in no team
DAY = TODAY + timedelta(days=14)
CHALLENGED = 3  # the point the panel rates red and the team challenges
STILL_RED = 5  # a point left red: the result owes a reassessment of it


@pytest.fixture(scope="module")
def project_ready_to_submit(live_server) -> Iterator[int]:
    """A private beta project, team@ its service owner, with a self-assessment whose every
    point is answered (green) but not yet submitted."""
    app = live_server.app
    with app.app_context():
        session = db.session
        owner = session.scalar(select(Person).where(Person.email == TEAM))
        project = Project(
            name=PROJECT,
            description="Lets residents subscribe to fortnightly garden waste collections.",
            directorate=session.scalar(select(Directorate).order_by(Directorate.id)),
            phase="private_beta",
            framework=session.scalar(select(Framework).where(Framework.is_default.is_(True))),
            next_assessment_due=TODAY + timedelta(days=30),
        )
        project.memberships = [TeamMembership(person=owner, team_role="service_owner")]
        session.add(project)
        session.commit()
        assessment = start_self_assessment(project, owner.id)
        session.flush()
        for answer in session.scalars(select(Answer).where(Answer.assessment_id == assessment.id)):
            answer.evidence_account = "We tested the service with 40 residents."
            answer.self_rating = "green"
            answer.status = "completed"
        session.commit()
        found = project.id
        session.remove()
    yield found
    # Later tests count the team account's projects: it leaves this project's team (the
    # project and its reports stay, as a published record does).
    with app.app_context():
        db.session.execute(delete(TeamMembership).where(TeamMembership.project_id == found))
        db.session.commit()
        db.session.remove()


def person_page(browser: Browser, live_server, email: str, errors: list[str]) -> Page:
    """A signed-in browser of its own for ``email``."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1024, "height": 800})
    page = context.new_page()
    page.set_default_timeout(10_000)
    watch_for_errors(page, errors)
    page.goto("/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    return page


def success(page: Page):
    return page.locator(".govuk-notification-banner--success")


def test_the_peer_review_journey(browser, live_server, project_ready_to_submit):
    errors: list[str] = []
    team = person_page(browser, live_server, TEAM, errors)
    organiser = person_page(browser, live_server, ORGANISER, errors)
    lead = person_page(browser, live_server, LEAD, errors)
    designer = person_page(browser, live_server, DESIGNER, errors)
    researcher = person_page(browser, live_server, RESEARCHER, errors)
    offering = person_page(browser, live_server, OFFERING, errors)
    reader = person_page(browser, live_server, READER, errors)
    try:
        _journey(
            project_ready_to_submit, team, organiser, lead, designer, researcher, offering, reader
        )
    finally:
        for page in (team, organiser, lead, designer, researcher, offering, reader):
            page.context.close()
    assert not errors, f"the pages reported errors: {errors}"


def _journey(project, team, organiser, lead, designer, researcher, offering, reader) -> None:
    # --- The team submits its self-assessment -----------------------------------------------
    team.get_by_role("link", name=PROJECT, exact=True).click()
    expect(team.locator("h1")).to_contain_text(PROJECT)
    check_accessibility(team)
    team.get_by_role("link", name="Assessments", exact=True).click()
    check_accessibility(team)
    team.get_by_role("button", name="Continue self-assessment").click()
    check_accessibility(team)
    team.get_by_role("button", name="Check your answers").click()
    check_accessibility(team)
    team.get_by_label("I confirm that").check()
    team.get_by_role("button", name="Submit for peer review").click()
    expect(team.locator(".govuk-panel")).to_contain_text("Self-assessment submitted")
    check_accessibility(team)

    # --- The organiser finds it in the queue and arranges the assessment --------------------
    organiser.goto("/")
    expect(organiser.locator("h1")).to_have_text("Assessments to arrange")
    waiting = organiser.get_by_role("row").filter(has_text=PROJECT)
    expect(waiting.filter(has_text="Submitted for peer review")).to_have_count(1)
    check_accessibility(organiser)
    # The beta assessment is due too: the organiser arranges that, built from the
    # self-assessment the team has just submitted.
    waiting.filter(has_text="Next assessment due").get_by_role("link").click()
    expect(organiser.locator("h1")).to_have_text(f"Assessment for {PROJECT}")
    check_accessibility(organiser)
    organiser.get_by_role("button", name="Continue").click()
    expect(organiser.locator(".govuk-error-summary")).to_be_visible()
    check_accessibility(organiser)
    organiser.get_by_label("Day").fill(str(DAY.day))
    organiser.get_by_label("Month").fill(str(DAY.month))
    organiser.get_by_label("Year").fill(str(DAY.year))
    organiser.get_by_label("Start time").fill("10:00")
    organiser.get_by_label("Who its users are (optional)").fill(
        "Residents with gardens, and the crews who collect the bins."
    )
    organiser.get_by_label("Lead assessor").select_option(label="Amira Hussain")
    for role, name in (
        ("User research", "Priya Patel"),
        ("Design", "Tom Okafor"),
        ("Accessibility", "Open: let assessors offer to fill it"),
    ):
        organiser.get_by_label(role, exact=True).select_option(label=name)
    organiser.get_by_role("button", name="Continue").click()
    expect(organiser.locator("h1")).to_have_text("Check the assessment before you arrange it")
    expect(organiser.locator("#check-panel")).to_contain_text("Amira Hussain")
    expect(organiser.locator("#check-panel")).to_contain_text("Open: assessors can offer")
    check_accessibility(organiser)
    organiser.get_by_role("button", name="Arrange the assessment").click()
    expect(organiser.locator(".govuk-panel")).to_contain_text("Assessment arranged")
    check_accessibility(organiser)
    assessment = int(re.search(r"/assessments/(\d+)/", organiser.url)[1])
    report = f"/assessments/{assessment}/report"

    # --- An assessor offers to fill the open role, and the organiser accepts ----------------
    offering.get_by_role("link", name="Open panel roles").click()
    expect(offering.locator("h1")).to_have_text("Open panel roles")
    check_accessibility(offering)
    offering.get_by_role("link", name=f"Offer to fill the accessibility role for {PROJECT}").click()
    check_accessibility(offering)
    offering.get_by_label("Anything the organiser should know (optional)").fill(
        "I audit council services for WCAG 2.2."
    )
    offering.get_by_role("button", name="Offer to fill this role").click()
    expect(success(offering)).to_contain_text("Your offer has been sent")

    organiser.goto("/")
    # Arranged, the project waits in the queue no longer: the self-assessment is in review.
    expect(waiting).to_have_count(1)
    expect(waiting).to_contain_text("Private beta assessment")
    organiser.get_by_role("link", name=f"Panel of {PROJECT}").click()
    expect(organiser.locator("h1")).to_have_text("The panel")
    check_accessibility(organiser)
    organiser.get_by_role("button", name="Accept Kwame Mensah's offer").click()
    expect(success(organiser)).to_contain_text("Kwame Mensah is on the panel as accessibility")
    # An observer's role, opened by mistake, is removed after a question.
    organiser.get_by_label("Panel role").select_option(label="Observer")
    organiser.get_by_role("button", name="Add to the panel").click()
    expect(success(organiser)).to_contain_text("The observer role is open")
    organiser.get_by_role("link", name="Remove the observer from the panel").click()
    expect(organiser.locator("h1")).to_have_text("Remove the open observer role?")
    check_accessibility(organiser)
    organiser.get_by_role("button", name="Yes, remove the role").click()
    expect(success(organiser)).to_contain_text("The observer role has been taken off the panel")

    # --- The panel reads the team's work and scores every point -----------------------------
    designer.get_by_role("link", name="Assessments to review").first.click()
    expect(designer.locator("h1")).to_have_text("Assessments to review")
    check_accessibility(designer)
    designer.get_by_role("link", name=PROJECT, exact=True).click()
    expect(designer.locator("#panel")).to_contain_text("Kwame Mensah")
    check_accessibility(designer)
    designer.get_by_role("link", name="Read the team's self-assessment").click()
    expect(designer.locator("h1")).to_have_text("The team's self-assessment")
    check_accessibility(designer)
    designer.go_back()
    designer.locator(".govuk-task-list a").first.click()
    expect(designer.locator("#team-answer")).to_contain_text("Green")
    check_accessibility(designer)
    designer.get_by_label("Amber").check()
    designer.get_by_label("What the team has done well").fill("Research with 40 residents.")
    designer.get_by_label("What the team needs to do").fill(
        "Test with screen reader users\nPublish the accessibility statement"
    )
    designer.get_by_role("button", name="Save point").click()
    # It stays on the point, so each "needs to do" item can become an action on the project.
    expect(success(designer)).to_contain_text(
        "Point 1 saved. Make each thing the team needs to do into an action below, "
        "or go to point 2."
    )
    expect(designer.locator("h1")).to_contain_text("1. ")
    designer.locator("#to-do-items").get_by_role(
        "link", name="Publish the accessibility statement"
    ).click()
    expect(designer.get_by_label("What needs to be done?")).to_have_value(
        "Publish the accessibility statement"
    )
    check_accessibility(designer)
    designer.get_by_role("group", name="Who owns it?").get_by_label("Jordan Ellis").check()
    designer.get_by_role("button", name="Add action").click()
    expect(success(designer)).to_contain_text("Action added")
    expect(designer.locator("#panel-actions")).to_contain_text(
        "Publish the accessibility statement"
    )
    expect(
        designer.locator("#to-do-items li").filter(has_text="Publish the accessibility")
    ).to_contain_text("Made into an action")

    # The designer scores points 2 to 7, going on from each to the next; the researcher
    # the rest. Point 3 is red.
    designer.get_by_role("link", name="Next point").click()
    for number in range(2, 8):
        expect(designer.locator("h1")).to_contain_text(f"{number}. ")
        designer.get_by_label("Red" if number in (CHALLENGED, STILL_RED) else "Green").check()
        designer.get_by_label("What the team has done well").fill("Clear evidence.")
        if number == CHALLENGED:
            designer.get_by_label("What the team needs to do").fill("Hire a user researcher")
        if number == STILL_RED:
            designer.get_by_label("What the team needs to do").fill("Test with more users")
        designer.get_by_role("button", name="Save point").click()
        expect(success(designer)).to_contain_text(f"Point {number} saved.")
        if number in (CHALLENGED, STILL_RED):
            # A red point with things to do stays until they are actions; go on anyway.
            success(designer).get_by_role("link", name=f"go to point {number + 1}").click()

    researcher.get_by_role("link", name="Assessments to review").first.click()
    researcher.get_by_role("link", name=PROJECT, exact=True).click()
    expect(researcher.locator("#details")).to_contain_text("7 of 14 points scored")
    researcher.locator(".govuk-task-list a").nth(7).click()
    for number in range(8, 15):
        expect(researcher.locator("h1")).to_contain_text(f"{number}. ")
        researcher.get_by_label("Green").check()
        researcher.get_by_label("What the team has done well").fill("Good work.")
        researcher.get_by_role("button", name="Save point").click()
    expect(success(researcher)).to_contain_text("Point 14 saved. Every point is scored.")
    expect(researcher.locator("#details")).to_contain_text("All 14 points scored")

    # --- The lead writes the summary, agrees the ratings and sends the report ---------------
    lead.get_by_role("link", name="Assessments to review").first.click()
    lead.get_by_role("link", name=PROJECT, exact=True).click()
    lead.get_by_role("link", name="Write the summary and agree the ratings").click()
    expect(lead.locator("#result")).to_contain_text("Red")
    check_accessibility(lead)
    lead.get_by_label("Summary of the assessment").fill("A service residents can use.")
    lead.get_by_label("I agree these are the panel's final ratings").check()
    lead.get_by_role("button", name="Save summary").click()
    expect(success(lead)).to_contain_text("final ratings agreed")
    # The overview has no link to the report yet: the lead goes by its address.
    lead.goto(report)
    check_accessibility(lead)
    lead.get_by_role("link", name="Send the report to the team").click()
    check_accessibility(lead)
    lead.get_by_role("button", name="Send the report").click()
    expect(success(lead)).to_contain_text("Report sent to the team")

    # --- The team challenges a point, the lead answers, the team accepts --------------------
    team.get_by_role("link", name="Your projects").first.click()
    team.get_by_role("link", name=PROJECT, exact=True).click()
    team.locator("#project-reports").get_by_role("link").first.click()
    expect(team.locator(f"#point-{CHALLENGED}")).to_contain_text("Red")
    check_accessibility(team)
    team.get_by_role("link", name="Accept or challenge the report").click()
    check_accessibility(team)
    team.get_by_label("No, we challenge one or more points").check()
    team.locator(f"#reason_{CHALLENGED}").fill("We hired a user researcher in October.")
    team.get_by_role("button", name="Send your answer").click()
    expect(success(team)).to_contain_text("You challenged the report")
    expect(team.locator(f"#challenge-{CHALLENGED}")).to_contain_text(
        "We hired a user researcher in October."
    )

    lead.goto(report)
    expect(lead.locator("#report-status")).to_have_text("Challenged by the team")
    lead.get_by_role("link", name="Answer the challenges").click()
    check_accessibility(lead)
    lead.get_by_label("Yes, the challenge is upheld").check()
    lead.get_by_role("radio", name="Amber", exact=True).check()
    lead.get_by_label("The panel's answer to the team").fill("We saw the contract: amber.")
    lead.get_by_role("button", name="Save the answers").click()
    expect(success(lead)).to_contain_text("You answered 1 challenge")
    # Upholding changed a rating, so the lead agrees the final ratings again.
    lead.get_by_role("link", name="Agree the final ratings").click()
    lead.get_by_label("I agree these are the panel's final ratings").check()
    lead.get_by_role("button", name="Save summary").click()
    expect(success(lead)).to_contain_text("final ratings agreed")
    lead.goto(report)
    lead.get_by_role("link", name="Send the report to the team again").click()
    lead.get_by_role("button", name="Send the report").click()
    expect(success(lead)).to_contain_text("Report sent to the team")

    team.reload()
    expect(team.locator(f"#challenge-{CHALLENGED}")).to_contain_text("We saw the contract")
    team.get_by_role("link", name="Accept or challenge the report").click()
    team.get_by_label("Yes, we accept the report").check()
    team.get_by_role("button", name="Send your answer").click()
    expect(success(team)).to_contain_text("You accepted the report")

    # --- The lead publishes -----------------------------------------------------------------
    lead.goto(report)
    lead.get_by_role("link", name="Publish the report").click()
    check_accessibility(lead)
    lead.get_by_role("button", name="Publish the report").click()
    expect(lead.locator("#report-status")).to_have_text("Published")
    expect(lead.locator("#result")).to_have_text("Overall result: Red")

    # --- Someone else reads the published report and its downloads --------------------------
    reader.goto(f"/projects/{project}")
    reader.locator("#project-reports").get_by_role("link").first.click()
    expect(reader).to_have_url(re.compile(re.escape(report) + "$"))
    expect(reader.locator("#report-status")).to_have_text("Published")
    point = reader.locator(f"#point-{CHALLENGED}")
    expect(point).to_contain_text("Amber")
    expect(point).to_contain_text("Team's own rating")
    expect(point).to_contain_text("Green")
    check_accessibility(reader)
    for suffix, kind in (
        ("docx", "wordprocessingml"),
        ("xlsx", "spreadsheetml"),
        ("csv", "text/csv"),
        ("json", "application/json"),
    ):
        link = (
            reader.locator("#downloads")
            .get_by_role("link")
            .filter(has_text=suffix.upper() if suffix != "docx" else "Word")
        )
        response = reader.request.get(link.first.get_attribute("href"))
        assert response.status == 200, suffix
        assert kind in response.headers["content-type"], (suffix, response.headers)

    # --- Feedback from the team and the panel; the organiser reads it -----------------------
    for page, comment in ((team, "Clear and fair."), (designer, "A well-prepared team.")):
        page.goto(report)
        page.get_by_role("link", name="Give feedback on the assessment").click()
        check_accessibility(page)
        for group in page.locator("fieldset").all():
            group.get_by_label("4", exact=True).check()
        page.get_by_label("Anything else you want to tell us (optional)").fill(comment)
        page.get_by_role("button", name="Send feedback").click()
        expect(success(page)).to_contain_text("Thank you")

    organiser.goto("/assessments/feedback")
    check_accessibility(organiser)
    expect(organiser.locator("main")).to_contain_text("Clear and fair.")
    expect(organiser.locator("main")).to_contain_text("A well-prepared team.")

    # --- The red result owes a reassessment of the red point --------------------------------
    reassessed = _reassessment(team, organiser, lead, designer, report)

    # --- The amber result it leaves owes an amber evidence review ----------------------------
    _amber_evidence_review(team, organiser, lead, designer, reassessed)


def _arrange_follow_up(organiser, reason: str, what: str, days_later: int) -> int:
    organiser.goto("/")
    owed = organiser.get_by_role("row").filter(has_text=PROJECT).filter(has_text=reason)
    owed.get_by_role("link", name=f"Arrange {what}").click()
    expect(organiser.locator("h1")).to_contain_text(PROJECT)
    check_accessibility(organiser)
    later = DAY + timedelta(days=days_later)
    organiser.get_by_label("Day").fill(str(later.day))
    organiser.get_by_label("Month").fill(str(later.month))
    organiser.get_by_label("Year").fill(str(later.year))
    organiser.get_by_label("Start time").fill("14:00")
    organiser.get_by_label("Lead assessor").select_option(label="Amira Hussain")
    organiser.get_by_label("Design", exact=True).select_option(label="Tom Okafor")
    organiser.get_by_role("button", name="Continue").click()
    organiser.get_by_role("button", name="Arrange the assessment").click()
    expect(organiser.locator(".govuk-panel")).to_contain_text("Assessment arranged")
    return int(re.search(r"/assessments/(\d+)/", organiser.url)[1])


def _send_accept_publish(team, lead, assessment: int, summary: str) -> str:
    """The lead agrees the ratings and sends the report; the team accepts; the lead
    publishes. Returns the report's address."""
    report = f"/assessments/{assessment}/report"
    lead.goto(f"/assessments/{assessment}")
    lead.get_by_role("link", name="Write the summary and agree the ratings").click()
    lead.get_by_label("Summary of the assessment").fill(summary)
    lead.get_by_label("I agree these are the panel's final ratings").check()
    lead.get_by_role("button", name="Save summary").click()
    expect(success(lead)).to_contain_text("final ratings agreed")
    lead.goto(report)
    lead.get_by_role("link", name="Send the report to the team").click()
    lead.get_by_role("button", name="Send the report").click()
    expect(success(lead)).to_contain_text("Report sent to the team")

    team.goto(report)
    team.get_by_role("link", name="Accept or challenge the report").click()
    team.get_by_label("Yes, we accept the report").check()
    team.get_by_role("button", name="Send your answer").click()
    expect(success(team)).to_contain_text("You accepted the report")

    lead.goto(report)
    lead.get_by_role("link", name="Publish the report").click()
    lead.get_by_role("button", name="Publish the report").click()
    expect(lead.locator("#report-status")).to_have_text("Published")
    return report


def _reassessment(team, organiser, lead, designer, first_report: str) -> str:
    """The organiser arranges the reassessment the red result owes; it covers only the red
    point; the panel rates it again; the new report carries the other points' ratings and
    links to the first. Returns the new report's address."""
    reassessment = _arrange_follow_up(organiser, "Red result published", "a reassessment", 35)
    designer.goto("/review")
    designer.get_by_role("row").filter(has_text="Reassessment").get_by_role(
        "link", name=PROJECT, exact=True
    ).click()
    check_accessibility(designer)
    # Only the point left red is in scope.
    expect(designer.locator(".govuk-task-list a")).to_have_count(1)
    designer.locator(".govuk-task-list a").first.click()
    expect(designer.locator("h1")).to_contain_text(f"{STILL_RED}. ")
    check_accessibility(designer)
    designer.get_by_label("Green").check()
    designer.get_by_label("What the team has done well").fill("They tested with 12 more users.")
    designer.get_by_role("button", name="Save point").click()
    expect(success(designer)).to_contain_text("Every point is scored")

    report = _send_accept_publish(team, lead, reassessment, "The red point is now met.")
    # Worst of the point rated again and the points carried from the first report.
    expect(lead.locator("#result")).to_have_text("Overall result: Amber")
    expect(lead.locator(f"#point-{STILL_RED}")).to_contain_text("Green")
    check_accessibility(lead)
    lead.locator("#earlier-reports").get_by_role("link").first.click()
    expect(lead).to_have_url(re.compile(re.escape(first_report) + "$"))
    return report


def _amber_evidence_review(team, organiser, lead, designer, first_report: str) -> None:
    """The organiser arranges the review the amber result owes; the panel verifies the
    action it set and revises the point's rating; the new report links to the first."""
    review = _arrange_follow_up(organiser, "Amber result published", "an amber evidence review", 70)

    designer.goto("/review")
    designer.get_by_role("row").filter(has_text="Amber evidence review").get_by_role(
        "link", name=PROJECT, exact=True
    ).click()
    expect(designer.locator("h1")).to_contain_text("mber evidence review")
    check_accessibility(designer)
    designer.locator(".govuk-task-list a").first.click()
    designer.locator("#to-verify").get_by_role(
        "link", name="Publish the accessibility statement"
    ).click()
    expect(designer.locator("h1")).to_have_text("Check an action")
    check_accessibility(designer)
    designer.get_by_label("Yes, it is verified").check()
    designer.get_by_label("What did the panel see?").fill(
        "The statement is on the service's website."
    )
    designer.get_by_role("button", name="Save", exact=True).click()
    expect(success(designer)).to_contain_text("Action verified")
    expect(designer.locator("#to-verify")).to_contain_text("Verified")
    check_accessibility(designer)
    designer.get_by_label("Green").check()
    designer.get_by_label("Why is the panel changing the rating?").fill("The action is done.")
    designer.get_by_role("button", name="Save point").click()
    expect(success(designer)).to_contain_text(f"Point 1 saved. Now point {CHALLENGED}.")
    designer.get_by_role("button", name="Save point").click()  # point 3 stays amber
    expect(success(designer)).to_contain_text("Every point is scored")

    _send_accept_publish(team, lead, review, "The accessibility work is done.")
    expect(lead.locator("#point-1")).to_contain_text("Green")
    check_accessibility(lead)
    lead.locator("#earlier-reports").get_by_role("link").first.click()
    expect(lead).to_have_url(re.compile(re.escape(first_report) + "$"))
