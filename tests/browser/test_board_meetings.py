"""Board meetings in a real browser: an organiser records a meeting; a board member sees what
changed since the last meeting and print-previews the board pack, which fits A4."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from playwright.sync_api import Page, expect
from sqlalchemy import select

from app.data.board import portfolio_rows
from app.extensions import db
from app.models import BoardMeeting
from app.rules.portfolio_changes import snapshot
from tests.browser.conftest import check_accessibility
from tests.conftest import DEMO_PASSWORD, TODAY

ORGANISER = "organiser@example.gov.uk"
BOARD = "board@example.gov.uk"
# A4 is 210 mm wide; less the 15 mm margins either side, 180 mm at 96 pixels an inch.
A4_PRINTABLE_WIDTH = round(180 / 25.4 * 96)


def sign_in(page: Page, email: str) -> None:
    """Sign in, wherever the service then lands this person."""
    page.goto("/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).not_to_have_url(re.compile(r"/sign-in"))


def long_date(day) -> str:
    return f"{day.day} {day:%B %Y}"


def test_an_organiser_records_a_meeting(page: Page):
    sign_in(page, ORGANISER)
    page.goto("/portfolio/meetings")
    expect(page.locator("h1")).to_have_text("Board meetings")
    check_accessibility(page)

    day = TODAY + timedelta(days=35)
    date_group = page.get_by_role("group", name="Date of the meeting")
    date_group.get_by_label("Day").fill("31")
    date_group.get_by_label("Month").fill("2")
    date_group.get_by_label("Year").fill(str(day.year))
    page.get_by_role("button", name="Record the meeting").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Date of the meeting must be a real date")
    expect(date_group.get_by_label("Day")).to_have_value("31")
    expect(page).to_have_title(re.compile("^Error: "))
    check_accessibility(page)

    date_group.get_by_label("Day").fill(str(day.day))
    date_group.get_by_label("Month").fill(str(day.month))
    date_group.get_by_label("Year").fill(str(day.year))
    page.get_by_role("button", name="Record the meeting").click()
    expect(page.locator("h1")).to_have_text(f"Board meeting on {long_date(day)}")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("recorded")
    check_accessibility(page)

    page.get_by_role("link", name="All board meetings").click()
    expect(page.get_by_role("link", name=long_date(day), exact=True)).to_be_visible()


def _meetings_with_a_change(live_server) -> tuple[int, str]:
    """A meeting four weeks ago whose kept figures had one alpha project still in discovery,
    and a meeting next week: (the next meeting's id, the project's name)."""
    last, upcoming = TODAY - timedelta(days=28), TODAY + timedelta(days=7)
    with live_server.app.app_context():
        rows = portfolio_rows(None, last)
        moved = next(row for row in rows if row.facts.phase == "alpha")
        figures = snapshot(rows, last)
        figures["projects"][str(moved.id)]["phase"] = "discovery"
        for day, kept in ((last, figures), (upcoming, None)):
            meeting = db.session.scalar(select(BoardMeeting).where(BoardMeeting.held_on == day))
            if meeting is None:
                meeting = BoardMeeting(held_on=day)
                db.session.add(meeting)
            if kept is not None:
                meeting.figures, meeting.figures_taken_at = kept, datetime.now(UTC)
        db.session.commit()
        meeting_id = db.session.scalar(
            select(BoardMeeting.id).where(BoardMeeting.held_on == upcoming)
        )
        db.session.remove()
    return meeting_id, moved.facts.name


def test_a_board_member_sees_what_changed_and_prints_the_pack(page: Page, live_server):
    _, moved = _meetings_with_a_change(live_server)
    upcoming, last = TODAY + timedelta(days=7), TODAY - timedelta(days=28)
    sign_in(page, BOARD)
    page.goto("/portfolio/meetings")
    expect(page.get_by_role("heading", name="Record a meeting")).to_have_count(0)
    page.get_by_role("link", name=long_date(upcoming), exact=True).click()
    expect(page.locator("h1")).to_have_text(f"Board meeting on {long_date(upcoming)}")
    expect(page.locator("#what-changed")).to_have_text(
        f"What changed since the meeting on {long_date(last)}"
    )
    expect(page.locator("main")).to_contain_text("This meeting has not happened yet")
    phases = page.get_by_role("region", name=re.compile("^Projects that changed phase"))
    change = phases.get_by_role("row").filter(has_text=moved)
    expect(change).to_contain_text("Moved on from discovery (concept) to alpha (design)")
    expect(page.get_by_role("link", name="Remove this meeting")).to_have_count(0)
    check_accessibility(page)

    page.get_by_role("link", name="Board pack").click()
    expect(page.locator("h1")).to_have_text(f"Board pack: meeting on {long_date(upcoming)}")
    for heading in (
        "Headline figures",
        f"What changed since the meeting on {long_date(last)}",
        "Points rated red and their actions",
        "Overdue",
        "Assessments due",
    ):
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    check_accessibility(page)

    # Print preview: on A4 paper's width, nothing wider than the page, navigation and footer
    # gone, table headers repeated on each page, and no row split across two pages.
    page.set_viewport_size({"width": A4_PRINTABLE_WIDTH, "height": 1000})
    page.emulate_media(media="print")
    for hidden in (".govuk-service-navigation", ".govuk-footer", ".govuk-phase-banner"):
        expect(page.locator(hidden).first).to_be_hidden()
    expect(page.locator(".govuk-back-link")).to_be_hidden()
    widest = page.evaluate("document.documentElement.scrollWidth")
    assert widest <= A4_PRINTABLE_WIDTH, widest
    right_edges = page.evaluate(
        "[...document.querySelectorAll('main table')].map(t => t.getBoundingClientRect().right)"
    )
    assert right_edges and max(right_edges) <= A4_PRINTABLE_WIDTH, right_edges
    styles = page.evaluate(
        """() => {
          const table = document.querySelector('.app-board-pack .govuk-table');
          return [getComputedStyle(table.tHead).display,
                  getComputedStyle(table.tBodies[0].rows[0]).breakInside];
        }"""
    )
    assert styles == ["table-header-group", "avoid"], styles
    page.screenshot(path=str(_artefact("board-pack-print.png")), full_page=True)

    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    sizes = {
        (round(float(w)), round(float(h)))
        for w, h in re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    }
    assert sizes == {(595, 842)}, sizes  # A4 in points
    _artefact("board-pack.pdf").write_bytes(pdf)


def _artefact(name: str):
    from pathlib import Path

    folder = Path("test-results")
    folder.mkdir(exist_ok=True)
    return folder / name


def test_the_meeting_pages_without_javascript(page_without_javascript: Page, live_server):
    page = page_without_javascript
    meeting_id, _ = _meetings_with_a_change(live_server)
    with live_server.app.app_context():
        # The meeting four weeks ago: removable, with a warning that its figures go too.
        past_id = db.session.scalar(
            select(BoardMeeting.id).where(BoardMeeting.held_on == TODAY - timedelta(days=28))
        )
        db.session.remove()
    sign_in(page, ORGANISER)
    for path in (
        "/portfolio/meetings",
        f"/portfolio/meetings/{meeting_id}",
        f"/portfolio/meetings/{meeting_id}/pack",
        f"/portfolio/meetings/{meeting_id}/remove",
        f"/portfolio/meetings/{past_id}/remove",
    ):
        response = page.goto(path)
        assert response is not None and response.status == 200, path
        expect(page.locator("h1")).to_have_count(1)
        check_accessibility(page)
