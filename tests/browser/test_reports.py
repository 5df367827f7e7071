"""The report's journey in a browser: the lead sends the report, the team challenges one
point, the lead answers, the team accepts, the lead publishes, and the report shows it all.
Then printing, feedback, withdrawing, the published list, a public report and the downloads.
Every page is checked with axe; the team answers one report without JavaScript.

The panel's work (judgements, agreed ratings) is made directly in the live server's
database, as the scoring part would leave it.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from app.extensions import db
from app.models import Person
from tests.browser.conftest import check_accessibility, sign_in
from tests.conftest import DEMO_PASSWORD
from tests.integration.factories import make_project
from tests.integration.report_data import scored_report

LEAD = "assessor@example.gov.uk"
TEAM = "team@example.gov.uk"
ORGANISER = "organiser@example.gov.uk"


def _person(email: str) -> Person:
    return db.session.scalar(select(Person).where(Person.email == email))


def make_reports(live_server, name: str, statuses: tuple[str, ...]) -> list[int]:
    """A project ``name`` whose service owner is the demo team account, and one scored
    panel assessment led by the demo assessor per status."""
    with live_server.app.app_context():
        session = db.session
        team = _person(TEAM)
        project = make_project(session, name=name, team=[(team, "service_owner")])
        ids = []
        for status in statuses:
            assessment = scored_report(
                session,
                project,
                team,
                panel=[(_person(LEAD), "lead")],
                status=status,
                ratings={3: "amber", 5: "red"},
                actions_per_point=0,
            )
            ids.append(assessment.id)
        session.remove()
    return ids


def new_page(browser, live_server, javascript: bool = True) -> Page:
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 1024, "height": 800},
        java_script_enabled=javascript,
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page


def test_send_challenge_answer_accept_publish(browser, live_server):
    (report_id,) = make_reports(live_server, "Report journey service", ("in_review",))
    url = f"/assessments/{report_id}/report"
    lead = new_page(browser, live_server)
    team = new_page(browser, live_server)
    sign_in(lead, LEAD)
    sign_in(team, TEAM)

    lead.goto(url)
    expect(lead.locator("h1")).to_have_text("Report journey service alpha assessment report")
    expect(lead.locator("#report-summary")).to_contain_text("Result")
    check_accessibility(lead)
    lead.get_by_role("link", name="Send the report to the team").click()
    check_accessibility(lead)
    lead.get_by_role("button", name="Send the report").click()
    expect(lead.locator(".govuk-notification-banner--success")).to_contain_text(
        "Report sent to the team"
    )

    team.goto(url)
    team.get_by_role("link", name="Accept or challenge the report").click()
    check_accessibility(team)
    team.get_by_role("button", name="Send your answer").click()
    expect(team.locator(".govuk-error-summary")).to_contain_text("Select whether your team accepts")
    check_accessibility(team)
    team.get_by_label("No, we challenge one or more points").check()
    team.locator("#reason_5").fill("We hired a user researcher in October.")
    team.get_by_role("button", name="Send your answer").click()
    expect(team.locator(".govuk-notification-banner--success")).to_contain_text(
        "You challenged the report"
    )
    expect(team.locator("#challenge-5")).to_contain_text("We hired a user researcher in October.")

    lead.goto(url)
    expect(lead.locator("#report-status")).to_have_text("Challenged by the team")
    lead.get_by_role("link", name="Answer the challenges").click()
    check_accessibility(lead)
    lead.get_by_label("Yes, the challenge is upheld").check()
    # Only ratings better than the red challenged are offered; nothing keeps it.
    expect(lead.get_by_role("radio", name="Red", exact=True)).to_have_count(0)
    expect(lead.locator("select")).to_have_count(0)
    expect(lead.locator("main form")).to_contain_text(
        "Upholding the challenge gives the point a better rating than Red"
    )
    lead.get_by_role("radio", name="Amber", exact=True).check()
    lead.get_by_label("The panel's answer to the team").fill("We saw the contract: amber, not red.")
    check_accessibility(lead)
    lead.get_by_role("button", name="Save the answers").click()
    expect(lead.locator(".govuk-notification-banner--success")).to_contain_text(
        "You answered 1 challenge. You upheld 1"
    )
    # Upholding changed the ratings: the lead agrees them again before sending.
    expect(lead.locator("#challenge-progress")).to_have_text(
        "The team challenged 1 point; you have answered it."
    )
    expect(lead.locator("#send-problems")).to_contain_text("Agree the final ratings")
    expect(lead.locator("#point-5")).to_contain_text("Original decision")
    check_accessibility(lead)
    lead.get_by_role("link", name="Agree the final ratings").click()
    check_accessibility(lead)
    lead.get_by_label("I agree these are the panel's final ratings").check()
    lead.get_by_role("button", name="Save summary").click()
    expect(lead.locator(".govuk-notification-banner--success")).to_contain_text(
        "final ratings agreed"
    )
    lead.goto(url)
    lead.get_by_role("link", name="Send the report to the team again").click()
    lead.get_by_role("button", name="Send the report").click()

    team.goto(url)
    team.get_by_role("link", name="Accept or challenge the report").click()
    team.get_by_label("Yes, we accept the report").check()
    team.get_by_role("button", name="Send your answer").click()
    expect(team.locator(".govuk-notification-banner--success")).to_contain_text(
        "You accepted the report"
    )

    lead.goto(url)
    lead.get_by_role("link", name="Publish the report").click()
    check_accessibility(lead)
    lead.get_by_role("button", name="Publish the report").click()
    expect(lead.locator("#report-status")).to_have_text("Published")
    expect(lead.locator("#point-5")).to_contain_text("Amber")
    expect(lead.locator("#challenge-5")).to_contain_text("We saw the contract: amber, not red.")
    expect(lead.locator("#challenge-5")).to_contain_text("panel changed its decision")
    expect(lead.locator("#result")).to_have_text("Overall result: Amber")
    check_accessibility(lead)

    # Printed on A4: no navigation, no buttons, link addresses shown.
    lead.emulate_media(media="print")
    expect(lead.locator(".govuk-service-navigation")).to_be_hidden()
    expect(lead.locator("#downloads")).to_be_hidden()
    expect(lead.locator(".govuk-phase-banner")).to_be_hidden()
    after = lead.evaluate(
        "() => getComputedStyle(document.querySelector('main a[href^=\"/\"]'), '::after').content"
    )
    assert "(" in after and "/" in after, after
    lead.emulate_media(media="screen")

    # Feedback from the team, once.
    team.goto(url)
    team.get_by_role("link", name="Give feedback on the assessment").click()
    check_accessibility(team)
    team.get_by_role("button", name="Send feedback").click()
    expect(team.locator(".govuk-error-summary")).to_contain_text(
        "Select how well the assessment was organised"
    )
    check_accessibility(team)
    for group in team.locator("fieldset").all():
        group.get_by_label("4", exact=True).check()
    team.get_by_label("Anything else you want to tell us (optional)").fill("Clear and fair.")
    team.get_by_role("button", name="Send feedback").click()
    expect(team.locator(".govuk-notification-banner--success")).to_contain_text("Thank you")
    expect(team.get_by_role("link", name="Give feedback on the assessment")).to_have_count(0)

    # The downloads, through the signed-in browser.
    for suffix, kind in (
        ("docx", "wordprocessingml"),
        ("xlsx", "spreadsheetml"),
        ("csv", "text/csv"),
        ("json", "application/json"),
    ):
        response = team.request.get(f"{url}.{suffix}")
        assert response.status == 200 and kind in response.headers["content-type"], suffix

    # The list of published reports.
    team.goto("/reports")
    expect(team.locator("h1")).to_have_text("Published reports")
    expect(team.get_by_role("link", name="Report journey service")).to_be_visible()
    check_accessibility(team)

    # The public report, while the service publishes reports.
    live_server.app.config["PUBLIC_REPORTS"] = True
    try:
        public = new_page(browser, live_server)
        public.goto(f"/reports/{report_id}")
        expect(public.locator("h1")).to_have_text("Report journey service alpha assessment report")
        expect(public.locator("#downloads")).to_have_count(0)
        check_accessibility(public)
        public.context.close()
    finally:
        live_server.app.config["PUBLIC_REPORTS"] = False
    lead.context.close()
    team.context.close()


def test_the_organiser_withdraws_an_assessment(browser, live_server):
    (report_id,) = make_reports(live_server, "Withdrawn report service", ("in_review",))
    page = new_page(browser, live_server)
    # An organiser's home page is not "Your projects" (an organiser in no team lands on
    # the queue), so sign in and wait only for the sign-out button.
    page.goto("/sign-in")
    page.get_by_label("Email address").fill(ORGANISER)
    page.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    page.goto(f"/assessments/{report_id}/report")
    page.get_by_role("link", name="Withdraw this assessment").click()
    check_accessibility(page)
    page.get_by_role("button", name="Withdraw the assessment").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter why the assessment is withdrawn"
    )
    check_accessibility(page)
    page.get_by_label("Why is the assessment withdrawn?").fill("The team paused the work.")
    page.get_by_role("button", name="Withdraw the assessment").click()
    expect(page.locator("#report-status")).to_have_text("Withdrawn")
    expect(page.locator("#withdrawn")).to_contain_text("The team paused the work.")
    page.context.close()


def test_the_team_answers_without_javascript(browser, live_server):
    (report_id,) = make_reports(live_server, "No script report service", ("sent",))
    page = new_page(browser, live_server, javascript=False)
    sign_in(page, TEAM)
    page.goto(f"/assessments/{report_id}/report/respond")
    # Without JavaScript every point's reason box shows under the challenge choice.
    expect(page.locator("#reason_3")).to_be_visible()
    check_accessibility(page)
    page.get_by_label("No, we challenge one or more points").check()
    page.locator("#reason_3").fill("Our research covers this.")
    page.get_by_role("button", name="Send your answer").click()
    expect(page.locator("#challenge-3")).to_contain_text("Our research covers this.")
    check_accessibility(page)
    page.context.close()


@pytest.fixture(autouse=True)
def _no_public_reports(live_server):
    yield
    live_server.app.config["PUBLIC_REPORTS"] = False


def test_the_panels_rating_counts_on_the_home_and_project_pages(browser, live_server):
    make_reports(live_server, "Rating that counts service", ("published",))
    page = new_page(browser, live_server)
    sign_in(page, TEAM)
    page.goto("/home")
    row = page.locator("#projects tbody tr", has_text="Rating that counts service")
    expect(row).to_contain_text("Panel's rating, which counts: Red")
    expect(row).to_contain_text("Team's own rating: Green")
    expect(row.locator(".govuk-tag--red")).to_have_count(1)
    check_accessibility(page)
    row.get_by_role("link", name="Rating that counts service", exact=True).click()
    overall = page.locator(".govuk-summary-list__row", has_text="Overall rating")
    expect(overall).to_contain_text("Panel's rating, which counts: Red")
    expect(overall).to_contain_text("Team's own rating: Green")
    check_accessibility(page)
