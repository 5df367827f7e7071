"""The compliance grid's table: every cell says its rating and whose it is, and 1,000
projects stay well under a megabyte."""

import re
from datetime import date, timedelta

from app.board.grid_html import grid_table, rating_cell
from app.rules.portfolio import ActionState, FrameworkInfo, ProjectFacts, project_row
from app.rules.portfolio_grid import GridQuery, grid_rows, parse_grid_query
from app.rules.ratings import Rating, RatingSource

TODAY = date(2026, 12, 3)
STANDARD = FrameworkInfo(1, "Service Standard", tuple((n, f"Point {n}") for n in range(1, 15)))
MET = FrameworkInfo(2, "Met or not", ((1, "One"),), "met_not_met")


def href(query):
    found = query.query_string()
    return "/portfolio/grid" + (f"?{found}" if found else "")


def facts(number, ratings=None, framework=STANDARD, **extra):
    return ProjectFacts(
        id=number,
        name=f"Project <{number}> & co's",
        framework=framework,
        phase="alpha",
        directorate_id=1,
        directorate="Adults & Health",
        ratings=ratings or {},
        **extra,
    )


def draw(rows, query=None, project_href=lambda i: f"/projects/{i}"):
    query = query or GridQuery()
    [grid] = grid_rows(rows, query)
    return str(grid_table(grid, query, href, project_href, "caption", "grid-1"))


def test_each_cell_says_the_rating_and_whose_it_is():
    assert rating_cell(Rating.RED, RatingSource.PANEL, "Red") == (
        '<td class="r">Red <small>panel</small></td>'
    )
    assert rating_cell(Rating.GREEN, RatingSource.TEAM, "Green") == (
        '<td class="g">Green <small>team</small></td>'
    )
    assert rating_cell(None, None, "Not assessed") == "<td>Not <small>assessed</small></td>"


def test_a_row_has_the_project_overall_points_and_its_flags():
    row = project_row(
        facts(
            7,
            {1: ("red", None), 2: ("green", "amber")},
            next_assessment_due=TODAY - timedelta(days=1),
            actions=(ActionState(1, "open", TODAY - timedelta(days=3)),),
        ),
        TODAY,
    )
    html = draw([row])
    body = html.split("<tbody>")[1]
    assert '<th scope="row"><a href="/projects/7">Project &lt;7&gt; &amp; co&#39;s</a></th>' in body
    cells = re.findall(r"<td[^>]*>(.*?)</td>", body)
    assert cells[0] == "Red"  # overall
    assert cells[1] == "1"  # red points
    assert cells[2] == "Red <small>team</small>"
    assert cells[3] == "Amber <small>panel</small>"
    assert cells[4] == "Not <small>assessed</small>"
    assert cells[-5:] == [
        "Alpha (design)",
        "Adults &amp; Health",
        "<strong>Never assessed</strong>",
        "2 December 2026 <strong>Overdue</strong>",
        "1",
    ]


def test_a_panel_rating_in_its_frameworks_words():
    row = project_row(facts(1, {1: ("red", "green")}, framework=MET), TODAY)
    assert '<td class="g">Met <small>panel</small></td>' in draw([row])


def test_headings_sort_and_say_which_is_sorted():
    rows = [project_row(facts(1), TODAY)]
    query = parse_grid_query({"sort": "point-2", "direction": "desc", "phase": "alpha"})
    html = draw(rows, query)
    assert (
        '<th scope="col" aria-sort="descending"><a href="/portfolio/grid?phase=alpha&amp;'
        'sort=point-2" title="Point 2: Point 2"><span class="govuk-visually-hidden">Point </span>2'
        '<span class="govuk-visually-hidden">: Point 2</span></a>'
        '<span aria-hidden="true"> ▼</span></th>'
    ) in html
    assert html.count('aria-sort="none"') == 21  # 14 points and 8 columns, less the sorted one


def test_a_points_heading_is_its_number_with_its_title_for_screen_readers_and_as_a_tooltip():
    framework = FrameworkInfo(3, "Titled", ((1, "Understand users & their needs"),))
    html = draw([project_row(facts(1, framework=framework), TODAY)])
    assert (
        'title="Point 1: Understand users &amp; their needs">'
        '<span class="govuk-visually-hidden">Point </span>1'
        '<span class="govuk-visually-hidden">: Understand users &amp; their needs</span></a>'
    ) in html


def test_a_thousand_projects_stay_well_under_a_megabyte():
    ratings = {n: ("amber", "red" if n % 3 == 0 else None) for n in range(1, 15)}
    rows = [
        project_row(
            facts(
                n,
                ratings if n % 4 else {},
                self_assessment_changed=TODAY - timedelta(days=n % 200),
                next_assessment_due=TODAY + timedelta(days=n % 90),
            ),
            TODAY,
        )
        for n in range(1, 1001)
    ]
    # Each name links to its project with the way back to the grid as it was.
    html = draw(rows, project_href=lambda i: f"/projects/{i}?back=/portfolio/grid%3Fphase%3Dalpha")
    assert html.count("<tr>") == 1001
    assert len(html.encode()) < 900_000
