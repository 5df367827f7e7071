"""Every kind of page fits a 375px-wide screen without scrolling sideways (WCAG 1.4.10 Reflow),
and a 320px one, which is what a 1280px-wide window shows when zoomed to 400%.

Only a table may be wider than the screen, and then it scrolls inside its own container,
which keyboard users can reach and screen readers hear named after the table. On these
screens every table's rows are stacked, each cell with its column name, so no cell sits
off-screen: a row's rating, due date and status are there without scrolling sideways.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from app.extensions import db
from app.models import Action, Answer, ArtefactLink, Assessment, Person, Point, TeamMembership
from tests.browser.conftest import check_accessibility, sign_in, watched_page
from tests.browser.test_actions import JOURNEY_PROJECT, actions_url
from tests.browser.test_self_assessment_journey import project_id
from tests.browser.test_self_assessment_pages import ALPHA_PROJECT, BETA_PROJECT

# A phone, with and without JavaScript; and the width WCAG's reflow criterion names.
SCREENS = [(375, True), (375, False), (320, True)]

# Each table must sit in the shared container (macros/tables.html), focusable and named.
TABLES_OUTSIDE_A_NAMED_CONTAINER = """() => [...document.querySelectorAll("table")]
  .filter(table => {
    const box = table.parentElement;
    return !(box.classList.contains("app-table-container")
      && box.getAttribute("role") === "region"
      && box.getAttribute("tabindex") === "0"
      && box.getAttribute("aria-label") === table.caption?.textContent.trim());
  })
  .map(table => table.caption?.textContent.trim() || table.outerHTML.slice(0, 80))"""


# Table cells (data and row headers) any part of which is outside the screen.
CELLS_OFF_SCREEN = """() => {
  const screen = document.documentElement.clientWidth;
  return [...document.querySelectorAll("table td, table tbody th")]
    .filter(cell => {
      const box = cell.getBoundingClientRect();
      return box.width > 0 && (box.left < 0 || box.right > screen + 0.5);
    })
    .map(cell => `${cell.dataset.label || "?"}: ${cell.textContent.trim().slice(0, 40)}`);
}"""


@pytest.fixture(
    params=SCREENS,
    ids=[f"{width}px-{'with' if js else 'without'}-js" for width, js in SCREENS],
)
def narrow_page(request, browser, live_server) -> Page:
    width, javascript = request.param
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": width, "height": 800},
        java_script_enabled=javascript,
    )
    with watched_page(context) as page:
        yield page


def fits(page: Page) -> None:
    """The page does not scroll sideways, every table is in a named container, and axe passes."""
    expect(page.locator("h1")).to_have_count(1)
    screen = page.viewport_size["width"]
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= screen, f"{page.url} is {width}px wide on a {screen}px screen"
    assert page.evaluate(TABLES_OUTSIDE_A_NAMED_CONTAINER) == [], page.url
    assert page.evaluate(CELLS_OFF_SCREEN) == [], page.url
    if page.locator("body.govuk-frontend-supported").count():
        # Without JavaScript, axe checks a copy in a wide window (see check_accessibility),
        # which test_every_page does already.
        check_accessibility(page)


def visit(page: Page, path: str) -> None:
    response = page.goto(path)
    assert response is not None and response.status == 200, path
    fits(page)


def test_the_board_pages_fit(narrow_page, live_server):
    sign_in(narrow_page, "board@example.gov.uk")
    project = project_id(live_server, BETA_PROJECT)
    for path in [
        "/home",
        "/actions",
        "/frameworks/",
        f"/projects/{project}",
        f"/projects/{project}/assessments/",
        f"/projects/{project}/actions",
        f"/projects/{project}/team",
        f"/projects/{project}/history",
        "/portfolio",
        "/portfolio/trends",
        f"/portfolio/trends?project={project}",
    ]:
        visit(narrow_page, path)


def test_the_team_pages_fit(narrow_page, live_server):
    page = narrow_page
    sign_in(page, "team@example.gov.uk")
    for path in ["/home", "/actions", actions_url(live_server, JOURNEY_PROJECT)]:
        visit(page, path)
    page.locator("main tbody tr").first.get_by_role("link").click()
    expect(page.locator("h1")).to_have_text("Action")
    fits(page)

    visit(page, f"/projects/{project_id(live_server, ALPHA_PROJECT)}/assessments/")
    page.get_by_role("button", name="Compare ratings").click()
    expect(page.locator("h1")).to_have_text("Compare assessments")
    fits(page)


def a_point_with_artefacts_and_actions(live_server, email: str) -> str:
    """The address of a point, in a draft of one of this person's projects, with both."""
    with live_server.app.app_context():
        found = db.session.execute(
            select(Answer.assessment_id, Assessment.project_id, Point.number)
            .join(Answer.assessment)
            .join(Answer.point)
            .join(TeamMembership, TeamMembership.project_id == Assessment.project_id)
            .join(Person, Person.id == TeamMembership.person_id)
            .join(ArtefactLink, ArtefactLink.answer_id == Answer.id)
            .join(
                Action,
                (Action.assessment_id == Answer.assessment_id)
                & (Action.point_number == Point.number),
            )
            .where(Person.email == email, Assessment.status == "draft")
            .order_by(Answer.id)
            .limit(1)
        ).first()
        db.session.remove()
    assert found, f"no draft of {email}'s projects has a point with artefacts and actions"
    assessment, project, number = found
    return f"/projects/{project}/assessments/{assessment}/points/{number}"


def test_a_point_page_fits_and_its_lists_wrap(narrow_page, live_server):
    """Artefacts and actions are summary lists whose Change and Remove buttons show in full."""
    page = narrow_page
    sign_in(page, "team@example.gov.uk")
    visit(page, a_point_with_artefacts_and_actions(live_server, "team@example.gov.uk"))
    artefacts = page.locator("#artefacts + dl .govuk-summary-list__row")
    actions = page.locator("#actions ~ dl.govuk-summary-list").first.locator(
        ".govuk-summary-list__row"
    )
    assert artefacts.count() and actions.count()
    screen = page.viewport_size["width"]
    for row in [*artefacts.all(), *actions.all()]:
        for name in ("Change", "Remove"):
            box = row.get_by_role("button", name=re.compile(f"^{name} ")).bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= screen
    for row in artefacts.all():
        title = row.get_by_role("link", name=re.compile(r"\(opens in new tab\)$")).inner_text()
        title = title.removesuffix(" (opens in new tab)")
        expect(row.get_by_role("button", name=re.compile("^Remove "))).to_have_accessible_name(
            f"Remove {title} from this point"
        )


def test_the_administrator_pages_fit(narrow_page):
    sign_in(narrow_page, "admin@example.gov.uk")
    for path in ["/home", "/admin/people"]:
        visit(narrow_page, path)


@pytest.mark.parametrize("path", ["/", "/sign-in", "/accessibility", "/privacy", "/cookies"])
def test_the_public_pages_fit(narrow_page, path):
    visit(narrow_page, path)


def columns_on_screen(page: Page, path: str, columns: list[str]) -> None:
    """Each named column has cells, each cell shows its column name and is on screen, and
    the table is still a table to screen readers, with its column headers."""
    visit(page, path)
    screen = page.viewport_size["width"]
    for column in columns:
        expect(page.get_by_role("columnheader", name=column).first).to_be_attached()
        cells = page.locator(f'main [role="cell"][data-label="{column}"]')
        assert cells.count(), (path, column)
        for cell in cells.all():
            box = cell.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= screen, (
                path,
                column,
                box,
            )
            shown = cell.evaluate("cell => getComputedStyle(cell, '::before').content")
            assert column in shown, (path, column, shown)


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_at_320px_ratings_due_dates_and_statuses_are_on_screen(browser, live_server, javascript):
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 320, "height": 800},
        java_script_enabled=javascript,
    )
    with watched_page(context) as page:
        sign_in(page, "team@example.gov.uk")
        columns_on_screen(page, "/home", ["Phase", "Overall rating", "Actions"])
        columns_on_screen(page, "/actions", ["Due", "Status"])
        columns_on_screen(page, actions_url(live_server, JOURNEY_PROJECT), ["Due", "Status"])
        project = project_id(live_server, ALPHA_PROJECT)
        columns_on_screen(page, f"/projects/{project}/assessments/", ["Status", "Overall rating"])
