"""Trends across the portfolio: the share of points rated green month by month, and each
project's overall rating over the same months, as charts with their data in tables."""

from __future__ import annotations

from flask import abort, render_template, request, url_for

from app import clock
from app.board import bp
from app.board.helpers import allowed, board_pages
from app.charts import NOT_RATED, percent_columns, percent_rows, rating_steps
from app.data.trends import rating_timelines, trend_projects
from app.rules.ids import parse_id
from app.rules.pagination import page_links, page_number, page_window
from app.rules.portfolio import BOARD_OVERALL_LABELS
from app.rules.portfolio_trends import green_share_summary
from app.rules.rating_timeline import (
    MOVEMENT_WORDS,
    by_month,
    month_ratings,
    movement,
    project_summary,
    projects_summary,
)

# Projects listed a page: the demo programme's 74 on one page; a programme of 1,000 in ten.
PROJECTS_PAGE_SIZE = 100

# A project's chart drawn to fit a 320 pixel screen: small markers, every third month named.
NARROW_STEPS = {"width": 300, "left": 120, "radius": 6, "label_every": 3}


@bp.get("/trends")
@board_pages
def trends():
    today = clock.today()
    scope = allowed()
    projects = trend_projects(scope)
    timelines = rating_timelines(scope)
    shares, by_project = by_month(timelines, [project.id for project in projects], today)

    number = page_number(request.args.get("page"))
    window = number and page_window(number, PROJECTS_PAGE_SIZE, len(projects))
    if not window:
        abort(404)

    chosen = None
    wanted = request.args.get("project", "")
    if wanted:
        wanted_id = parse_id(wanted)
        if wanted_id is None:
            abort(404)
        chosen = next((p for p in projects if p.id == wanted_id), None)
        if chosen is None:
            abort(404)

    movements = {project.id: movement(by_project[project.id]) for project in projects}
    listed = projects[window.offset : window.offset + window.size]
    project_chart = None
    if chosen is not None:
        series = month_ratings(by_project[chosen.id], today)
        project_chart = {
            "project": chosen,
            "series": series,
            "chart": rating_steps([(m.month, m.overall.value) for m in series]),
            "narrow_chart": rating_steps(
                [(m.month, m.overall.value) for m in series], **NARROW_STEPS
            ),
            "summary": project_summary(chosen.name, series),
        }
    return render_template(
        "board/trends.html",
        shares=shares,
        share_chart=percent_columns([(m.month, m.percent) for m in shares]),
        share_rows_chart=percent_rows([(m.month, m.percent) for m in shares]),
        not_rated=NOT_RATED,
        share_summary=green_share_summary(shares),
        projects=listed,
        window=window,
        pagination=_pagination(window, chosen.id if chosen else None),
        page_query=f"&page={window.number}" if window.number > 1 else "",
        by_project=by_project,
        movements=movements,
        movement_words=MOVEMENT_WORDS,
        projects_summary=projects_summary(movements.values()),
        project_chart=project_chart,
        overall_words=BOARD_OVERALL_LABELS,
    )


def _pagination(window, project_id: int | None) -> dict | None:
    """The GOV.UK pagination component's parameters for the list of projects, or None for
    a single page."""
    if window.last == 1:
        return None

    def href(number: int) -> str:
        return url_for(".trends", page=number, project=project_id, _anchor="projects")

    params: dict = {
        "items": [
            {"ellipsis": True}
            if number is None
            else {"number": number, "href": href(number), "current": number == window.number}
            for number in page_links(window.number, window.last)
        ],
        "landmarkLabel": "Pages of the list of projects",
    }
    if window.has_previous:
        params["previous"] = {"href": href(window.number - 1)}
    if window.has_next:
        params["next"] = {"href": href(window.number + 1)}
    return params
