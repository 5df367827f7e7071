"""The portfolio in a real browser, as a board member: the headline figures, the compliance
grid's filters and sorting, a project opened from it, points across the portfolio and the
overdue actions; every page through axe, with JavaScript and without, and on a narrow
screen. The demo portfolio is read, never changed."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.conftest import check_accessibility, sign_in, watched_page

BOARD = "board@example.gov.uk"


def figure(page: Page, table_id: str, name: str) -> int:
    row = page.locator(f"#{table_id} tbody tr").filter(has=page.get_by_text(name, exact=True))
    return int(row.get_by_role("link").inner_text().split()[0])


def grid_rows(page: Page):
    return page.locator("table.app-grid tbody tr")


def test_a_board_member_reads_the_figures_and_follows_them_to_the_grid(page: Page):
    sign_in(page, BOARD)
    expect(page).to_have_url(re.compile(r"/portfolio$"))
    expect(page.get_by_role("navigation", name="Menu").get_by_role("link", name="Portfolio"))
    check_accessibility(page)
    red = figure(page, "by-overall", "Red")
    design = figure(page, "by-stage", "Design")
    assert red > 0 and design > 0
    expect(page.locator("#red-and-actions")).to_contain_text("Points rated red")
    expect(page.locator("#benefits")).to_contain_text("a year")

    page.locator("#by-overall").get_by_role("link", name=re.compile(r"projects rated red")).click()
    expect(page.locator("h1")).to_have_text("Compliance grid")
    expect(page.locator("#showing")).to_contain_text(f"Showing {red} of ")
    expect(page.locator("#showing")).to_contain_text("red overall")
    expect(grid_rows(page)).to_have_count(red)
    for overall in grid_rows(page).locator("td:nth-child(2)").all_inner_texts():
        assert overall == "Red"
    check_accessibility(page)

    page.goto("/portfolio")
    page.locator("#by-stage").get_by_role("link", name=re.compile("projects in design")).click()
    expect(grid_rows(page)).to_have_count(design)


def test_the_grid_filters_sorts_and_opens_a_project(page: Page):
    sign_in(page, BOARD)
    page.get_by_role("link", name=re.compile("Compliance grid")).click()
    expect(page.locator("h1")).to_have_text("Compliance grid")
    # The heading shows while the rest is still arriving: count the rows once it has all.
    page.wait_for_load_state("load")
    everyone = grid_rows(page).count()
    assert everyone >= 74

    # Filter: alpha projects with red points.
    page.get_by_role("group", name="Phase").get_by_label("Alpha (design)").check()
    page.get_by_label("Has red points").check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"phase=alpha.*red=yes"))
    expect(page.locator("#showing")).to_contain_text("alpha, has red points")
    page.wait_for_load_state("load")
    shown = grid_rows(page).count()
    assert 0 < shown < everyone
    for phase in grid_rows(page).locator("td:nth-last-child(5)").all_inner_texts():
        assert phase == "Alpha (design)"
    expect(page.get_by_label("Has red points")).to_be_checked()
    check_accessibility(page)

    # Sort by name, Z to A, then by point 1: the filters stay.
    header = page.locator("table.app-grid thead th").first
    expect(header).to_have_attribute("aria-sort", "ascending")
    names = grid_rows(page).locator("th").all_inner_texts()
    header.get_by_role("link", name="Project").click()
    expect(page.locator("table.app-grid thead th").first).to_have_attribute(
        "aria-sort", "descending"
    )
    expect(grid_rows(page).locator("th")).to_have_text(sorted(names, reverse=True))
    page.locator("table.app-grid thead").get_by_role("link", name=re.compile(r"^Point 1\b")).click()
    expect(page).to_have_url(re.compile(r"phase=alpha.*red=yes.*sort=point-1"))
    expect(page.locator("table.app-grid thead th[aria-sort='ascending']")).to_contain_text("1")
    expect(grid_rows(page)).to_have_count(shown)
    ratings = grid_rows(page).locator("td:nth-child(4)").all_inner_texts()
    order = {"Red": 0, "Amber": 1, "Green": 2}
    ranks = [order.get(text.split()[0], 3) for text in ratings]
    assert ranks == sorted(ranks)
    # Each rating says whose it is.
    assert all(text.split()[-1] in ("panel", "team", "assessed") for text in ratings)

    # The address can be shared: opened afresh, it shows the same grid.
    address = page.url
    page.goto(address)
    expect(grid_rows(page)).to_have_count(shown)

    first = grid_rows(page).first.locator("th a")
    name = first.inner_text()
    first.click()
    expect(page.locator("h1")).to_contain_text(name)


def test_points_across_the_portfolio_and_the_projects_behind_a_number(page: Page):
    sign_in(page, BOARD)
    page.get_by_role("link", name=re.compile("Points across the portfolio")).click()
    expect(page.locator("h1")).to_have_text("Points across the portfolio")
    check_accessibility(page)
    weakest = page.locator("main table tbody tr").first
    red = weakest.locator("td").nth(1).inner_text()
    assert int(red.split()[0]) > 0
    weakest.locator("td").nth(1).get_by_role("link").click()
    expect(page.locator("#projects-red")).to_contain_text(f"Red: {red.split()[0]} project")
    check_accessibility(page)
    page.get_by_role("link", name=re.compile(r"See these projects in the compliance grid")).click()
    expect(page.locator("h1")).to_have_text("Compliance grid")
    expect(page.locator("table.app-grid thead th[aria-sort='ascending']")).to_have_count(1)


def test_overdue_actions_filtered_by_owner(page: Page):
    sign_in(page, BOARD)
    page.locator("#board-pages").get_by_role("link", name="Overdue actions").click()
    expect(page.locator("h1")).to_have_text("Overdue actions")
    check_accessibility(page)
    rows = page.locator("#overdue-actions tbody tr")
    everyone = rows.count()
    assert everyone > 0
    owners = page.get_by_label("Owner").locator("option").all_inner_texts()
    owner = owners[1]
    page.get_by_label("Owner").select_option(label=owner)
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"owner="))
    # The address changes as the new page starts to load: wait for its rows, not the old.
    page.wait_for_load_state("load")
    expect(page.get_by_label("Owner")).to_have_value(re.compile("."))
    expect(rows).not_to_have_count(0)
    assert 0 < rows.count() <= everyone
    for shown in rows.locator("td:nth-child(4)").all_inner_texts():
        assert shown.endswith(owner)
    expect(page.get_by_label("Owner")).to_have_value(re.compile("."))
    check_accessibility(page)


def test_the_portfolio_without_javascript(page_without_javascript: Page):
    page = page_without_javascript
    sign_in(page, BOARD)
    for path in [
        "/portfolio",
        "/portfolio/points",
        "/portfolio/overdue-actions",
        "/portfolio/assessments-due",
    ]:
        page.goto(path)
        check_accessibility(page)
    page.goto("/portfolio/grid")
    page.get_by_role("group", name="Overall rating").get_by_label("Amber").check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator("#showing")).to_contain_text("amber overall")
    page.locator("table.app-grid thead").get_by_role("link", name="Overall rating").click()
    expect(page).to_have_url(re.compile(r"overall=amber.*sort=overall"))
    expect(page.locator("table.app-grid thead th").nth(1)).to_have_attribute(
        "aria-sort", "ascending"
    )
    check_accessibility(page)


def test_the_grid_scrolls_inside_its_own_region_on_a_narrow_screen(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 320, "height": 800})
    with watched_page(context) as page:
        sign_in(page, BOARD)
        for path in ["/portfolio", "/portfolio/points", "/portfolio/grid"]:
            page.goto(path)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 320, f"{path} is {width}px wide"
            check_accessibility(page)
        region = page.get_by_role("region", name=re.compile(r"Service Standard: \d+ projects"))
        region.focus()
        expect(region).to_be_focused()
        page.keyboard.press("ArrowRight")
        assert region.evaluate("box => box.scrollWidth > box.clientWidth")


def test_the_grids_headings_stay_in_view_and_many_points_fit_across(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 800})
    with watched_page(context) as page:
        sign_in(page, BOARD)
        page.goto("/portfolio/grid")
        region = page.get_by_role("region", name=re.compile(r"Service Standard: \d+ projects"))
        heading = region.locator("thead th").nth(3)
        expect(heading).to_contain_text("1")
        # Every point of the Service Standard fits across at desktop width.
        right = region.evaluate("box => box.getBoundingClientRect().right")
        points = region.locator("thead th a[title^='Point ']")
        fitting = [
            box["x"] + box["width"] <= right
            for box in (points.nth(i).bounding_box() for i in range(points.count()))
        ]
        assert points.count() == 14 and sum(fitting) >= 14, fitting
        # Down a long grid the headings stay at the top of the region.
        region.evaluate("box => box.scrollBy(0, 1500)")
        assert region.evaluate("box => box.scrollTop") > 1000
        top = region.evaluate("box => box.getBoundingClientRect().top")
        assert abs(heading.bounding_box()["y"] - top) < 2
        # Keyboard users scroll it too.
        region.focus()
        page.keyboard.press("End")
        check_accessibility(page)


def test_an_organiser_arranges_an_overdue_assessment_from_the_list(page: Page):
    sign_in(page, "organiser@example.gov.uk")
    page.goto("/portfolio")
    page.locator("#headline-figures, main").get_by_role(
        "link", name=re.compile(r"with an assessment overdue")
    ).first.click()
    expect(page.get_by_role("heading", name="Overdue", exact=True)).to_be_visible()
    overdue = page.locator("#assessments-overdue tbody tr")
    expect(overdue).not_to_have_count(0)
    check_accessibility(page)
    arrange = page.locator("#assessments-overdue").get_by_role(
        "link", name=re.compile(r"^Arrange an assessment for ")
    )
    expect(arrange.first).to_be_visible()
    name = " ".join(arrange.first.text_content().split()).removeprefix("Arrange an assessment for ")
    arrange.first.click()
    expect(page.get_by_label("Project")).to_have_value(re.compile(r"^\d+$"))
    expect(page.get_by_label("Project").locator("option:checked")).to_have_text(name)
    expect(page.locator(".govuk-error-summary")).to_have_count(0)
    check_accessibility(page)
