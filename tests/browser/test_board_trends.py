"""The board's trends in a browser: a board member reads the share of points rated green and
each project's overall rating over the last 12 months, in the charts' tables, then chooses a
project to see its own chart. Every page passes axe; the charts need no JavaScript."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.conftest import check_accessibility, sign_in
from tests.conftest import DEMO_PASSWORD

BOARD = "board@example.gov.uk"


def test_a_board_member_reads_the_trends_tables(page: Page):
    sign_in(page, BOARD)
    response = page.goto("/portfolio/trends")
    assert response is not None and response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text("Trends")
    check_accessibility(page)

    # The green share: a chart named by its title, its one-sentence summary, and its figures.
    chart = page.get_by_role("img", name="Share of points rated green, month by month")
    expect(chart).to_be_visible()
    expect(page.locator("#green-share-summary")).to_contain_text("The share of points rated green")
    shares = page.get_by_role("table", name="Points rated green, month by month")
    expect(shares.locator("tbody tr")).to_have_count(12)
    expect(shares.get_by_role("columnheader", name="Share green")).to_be_visible()
    last = shares.locator("tbody tr").last.locator("td").last
    expect(last).to_have_text(re.compile(r"^(\d+%|Not rated)$"))

    # Each project's overall rating, then and now, with what changed.
    projects = page.get_by_role("table", name="Each project's overall rating, then and now")
    expect(page.locator("#projects-summary")).to_contain_text("compared with 12 months ago")
    rows = projects.locator("tbody tr")
    assert rows.count() >= 10
    first_row = rows.first
    expect(first_row.locator("td").nth(3)).to_have_text(
        re.compile(r"^(Better|Worse|No change|First assessed|No longer assessed)$")
    )

    # Choosing a project shows its chart and its months as a table.
    name = first_row.get_by_role("link").inner_text()
    first_row.get_by_role("link").click()
    expect(page.get_by_role("heading", level=2, name=f"{name}: overall rating")).to_be_visible()
    chart_name = f"Overall rating of {name}, month by month"
    expect(page.get_by_role("img", name=chart_name)).to_be_visible()
    months = page.get_by_role("table", name=f"{name}: overall rating, month by month")
    expect(months.locator("tbody tr")).to_have_count(12)
    expect(months.locator("tbody tr").last.locator("td").last).to_have_text(
        re.compile(r"^(Green|Amber|Red|Not yet assessed)$")
    )
    check_accessibility(page)


def test_the_charts_need_no_javascript(page_without_javascript: Page):
    page = page_without_javascript
    page.goto("/sign-in")
    page.get_by_label("Email address").fill(BOARD)
    page.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto("/portfolio/trends")
    expect(page.locator("svg[role=img]")).to_have_count(2)  # wide and narrow, one shown
    expect(page.locator("svg[role=img]:visible")).to_have_count(1)
    expect(page.get_by_role("table", name="Points rated green, month by month")).to_be_visible()
    check_accessibility(page)


def test_the_charts_text_is_in_the_pages_font_and_readable_at_320_pixels(browser, live_server):
    """Not the browser's default serif font; and on a 320 pixel screen the chart shown is the
    narrow drawing, its labels drawn at least 12 pixels high, on a page that does not scroll
    sideways."""
    for width in (1024, 320):
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": width, "height": 800}
        )
        page = context.new_page()
        sign_in(page, BOARD)
        page.goto("/portfolio/trends")
        chart = page.locator("svg.app-chart:visible")
        expect(chart).to_have_count(1)
        fonts = page.evaluate(
            """() => [getComputedStyle(document.querySelector("h1")).fontFamily,
              getComputedStyle(document.querySelector("svg.app-chart text")).fontFamily]"""
        )
        assert fonts[0] == fonts[1] and "serif" not in fonts[1].replace("sans-serif", ""), fonts
        smallest = page.evaluate(
            """() => Math.min(...[...document.querySelectorAll("svg.app-chart text")]
              .filter(text => text.getBoundingClientRect().height > 0)
              .map(text => text.getBoundingClientRect().height))"""
        )
        assert smallest >= 12, f"{width}px: chart text {smallest}px high"
        if width == 320:
            expect(chart).to_have_class(re.compile("app-chart--narrow"))
            scroll = page.evaluate("document.documentElement.scrollWidth")
            assert scroll <= width, f"the trends page is {scroll}px wide"
        context.close()
