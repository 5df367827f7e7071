"""Every page, as each role that can see it, through axe-core (WCAG 2.2 A and AA)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import check_accessibility, sign_in

ANONYMOUS_PAGES = ["/", "/sign-in", "/accessibility", "/privacy", "/cookies"]
SIGNED_IN_PAGES = [
    "/home",
    "/actions",
    "/frameworks/",
    "/frameworks/govuk-service-standard",
    "/frameworks/local-government-digital-service-standard",
    "/frameworks/nhs-service-standard?phase=alpha",
    "/accessibility",
    "/privacy",
    "/cookies",
    "/account/password",
]
ADMIN_PAGES = [
    "/admin/people",
    "/admin/people/add",
    "/admin/import",
    "/projects/new",
    "/home?name=blue&phase=alpha",
]
ROLES = {
    "admin@example.gov.uk": SIGNED_IN_PAGES + ADMIN_PAGES,
    "board@example.gov.uk": SIGNED_IN_PAGES,
    "assessor@example.gov.uk": [*SIGNED_IN_PAGES, "/review"],
    "team@example.gov.uk": SIGNED_IN_PAGES,
}


def visit(page: Page, path: str, status: int = 200) -> None:
    response = page.goto(path)
    assert response is not None and response.status == status, f"{path}: {response.status}"
    expect(page.locator("h1")).to_have_count(1)
    check_accessibility(page)


@pytest.mark.parametrize("path", ANONYMOUS_PAGES)
def test_public_pages(page, path):
    visit(page, path)


@pytest.mark.parametrize("email", list(ROLES))
def test_every_page_for_each_role(page, email):
    sign_in(page, email)
    for path in ROLES[email]:
        visit(page, path)


def test_every_page_without_javascript(page_without_javascript):
    """The pages as the server sends them, checked by axe in a copy (see check_accessibility)."""
    page = page_without_javascript
    for path in ANONYMOUS_PAGES:
        visit(page, path)
    sign_in(page, "admin@example.gov.uk")
    for path in ROLES["admin@example.gov.uk"]:
        visit(page, path)


def test_the_navigation_shows_only_what_each_role_may_use(page):
    sign_in(page, "board@example.gov.uk")
    navigation = page.get_by_role("navigation", name="Menu")
    expect(navigation.get_by_role("link", name="Frameworks")).to_be_visible()
    expect(navigation.get_by_role("link", name="People")).to_have_count(0)
    expect(navigation.get_by_role("link", name="Import the programme")).to_have_count(0)
    visit(page, "/admin/import", status=403)
    visit(page, "/admin/people", status=403)
    expect(page.locator("h1")).to_have_text("You do not have permission to see this page")


def test_admin_pages_for_one_person(page):
    sign_in(page, "admin@example.gov.uk")
    page.goto("/admin/people")
    row = page.get_by_role("row").filter(has_text="board@example.gov.uk")
    row.get_by_role("link", name="Change").click()
    expect(page.locator("h1")).to_have_text("Change Helen Marsh")
    check_accessibility(page)
    page.goto("/admin/people")
    row.get_by_role("link", name="Deactivate").click()
    expect(page.locator("h1")).to_have_text("Deactivate Helen Marsh?")
    check_accessibility(page)


def test_error_pages(page):
    visit(page, "/no-such-page", status=404)
    expect(page.locator("h1")).to_have_text("Page not found")
    sign_in(page, "admin@example.gov.uk")
    visit(page, "/frameworks/no-such-framework", status=404)


def test_forms_with_errors_pass_the_check(page):
    page.goto("/sign-in")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_title(re.compile(r"^Error: Sign in"))
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    check_accessibility(page)


def test_health_check_answers(page):
    response = page.goto("/healthz")
    assert response.status == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def _team_point(page: Page, live_server, number: int, index: int = 30) -> str:
    """The address of a point of one of the demo team member's drafts (alpha by default).

    Files run in name order, so this runs before the journey submits these drafts."""
    from app.demo import content
    from tests.browser.test_self_assessment_journey import project_id

    project = project_id(live_server, content.PROJECTS[index]["name"])
    page.goto(f"/projects/{project}/assessments/")
    page.get_by_role("button", name="Continue self-assessment").click()
    page.get_by_role("link", name=re.compile(rf"^{number}\. ")).click()
    return page.url


def test_the_pages_of_a_point(page, live_server):
    """Each page that adds, changes or removes something on a point, opened and left alone."""
    sign_in(page, "team@example.gov.uk")
    discovery = _team_point(page, live_server, 2, index=0)
    point = _team_point(page, live_server, 2)
    check_accessibility(page)
    links = {
        "artefacts/add": "Add an artefact",
        "artefacts/attach": "Choose an artefact the project already has",
        "actions/add": "Add an action",
    }
    for path, heading in links.items():
        visit(page, f"{point}/{path}")
        expect(page.locator("h1")).to_contain_text(heading)
    for section, headings in (
        ("#artefacts", ("Change an artefact", "Are you sure you want to remove")),
        ("#actions", ("Change an action", "Are you sure you want to remove the action")),
    ):
        for name, heading in zip(("Change", "Remove"), headings, strict=True):
            _open_a_point_with(page, [point, discovery], section)
            rows = page.locator(f"{section} ~ dl.govuk-summary-list").first
            rows.get_by_role("button", name=re.compile(f"^{name}")).first.click()
            expect(page.locator("h1")).to_contain_text(heading)
            check_accessibility(page)


def _open_a_point_with(page: Page, points: list[str], section: str) -> None:
    """The first point of the drafts whose ``section`` (artefacts or actions) lists something."""
    for point in points:
        for number in range(1, 14):
            page.goto(re.sub(r"/points/\d+$", f"/points/{number}", point))
            if page.locator(f"{section} ~ dl.govuk-summary-list").count():
                return
    raise AssertionError(f"no point of the demo drafts has anything under {section}")


def test_leaving_a_point_with_unsaved_changes_warns_first(page, live_server):
    """With JavaScript: typing and then leaving asks first; leaving untouched, or saving,
    does not."""
    sign_in(page, "team@example.gov.uk")
    point = _team_point(page, live_server, 13)
    dialogs: list[str] = []

    def answer(dialog) -> None:
        dialogs.append(dialog.type)
        dialog.accept()

    page.on("dialog", answer)
    page.get_by_role("link", name="Back to the task list").click()
    expect(page.locator("h1")).to_have_text("Self-assessment")
    assert dialogs == []

    page.goto(point)
    evidence = page.get_by_label("Your evidence")
    evidence.fill(evidence.input_value() + " Typed and not saved.")
    page.get_by_role("link", name="Back to the task list").click()
    expect(page.locator("h1")).to_have_text("Self-assessment")
    assert dialogs == ["beforeunload"]

    page.goto(point)
    evidence.fill(evidence.input_value() + " Typed and saved.")
    page.get_by_label("No, I'll come back later").check()
    page.get_by_role("button", name="Save and continue").click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_focused()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Point 13 saved")
    page.get_by_role("link", name=re.compile(r"^13\. ")).click()
    page.get_by_role("link", name="Back to the task list").click()
    expect(page.locator("h1")).to_have_text("Self-assessment")
    assert dialogs == ["beforeunload"]


def test_a_point_artefact_changed_by_someone_else_or_added_twice(page, live_server):
    """The conflict page of an artefact changed meanwhile, and the error of one added twice."""
    from app.extensions import db
    from app.models import Artefact

    sign_in(page, "team@example.gov.uk")
    discovery = _team_point(page, live_server, 2, index=0)
    point = _team_point(page, live_server, 2)
    _open_a_point_with(page, [point, discovery], "#artefacts")
    here = page.url
    rows = page.locator("#artefacts ~ dl.govuk-summary-list").first
    rows.get_by_role("button", name=re.compile("^Change")).first.click()
    expect(page.locator("h1")).to_contain_text("Change an artefact")
    title = page.get_by_label("Title").input_value()
    version = page.locator("input[name=version]").input_value()
    with live_server.app.app_context():  # someone else changes it meanwhile
        artefact = db.session.get(Artefact, int(version.split(".")[0]))
        artefact.title = f"{title} (second edition)"
        db.session.commit()
    page.get_by_label("Title").fill(f"{title}, checked")
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Someone else changed this artefact while you were editing it"
    )
    expect(page.get_by_label("Title")).to_have_value(f"{title}, checked")
    check_accessibility(page)

    page.goto(f"{here}/artefacts/add")
    page.get_by_label("Title").fill(f"{title} (second edition)")
    page.get_by_label("Link").fill("https://example.gov.uk/a-new-link")
    page.get_by_label("Type").select_option(index=1)
    page.get_by_role("button", name="Add artefact").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "This point already has an artefact with this title"
    )
    check_accessibility(page)
