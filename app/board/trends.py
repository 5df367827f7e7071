"""Trends across the portfolio: the share of points rated green month by month, and each
project's overall rating over the same months, as charts with their data in tables."""

from __future__ import annotations

from flask import abort, render_template, request

from app import clock
from app.board import bp
from app.board.helpers import allowed, board_pages
from app.charts import percent_columns, rating_steps
from app.data.trends import rating_timelines, trend_projects
from app.rules.portfolio import BOARD_OVERALL_LABELS
from app.rules.portfolio_trends import green_share_summary
from app.rules.rating_timeline import (
    MOVEMENT_WORDS,
    green_share_from_timelines,
    month_ratings,
    movement,
    overall_by_month,
    project_summary,
    projects_summary,
)


@bp.get("/trends")
@board_pages
def trends():
    today = clock.today()
    scope = allowed()
    projects = trend_projects(scope)
    timelines = rating_timelines(scope)
    shares = green_share_from_timelines(timelines, today)
    by_project = overall_by_month(timelines, [project.id for project in projects], today)

    chosen = None
    wanted = request.args.get("project", "")
    if wanted:
        if not wanted.isdigit() or len(wanted) > 12:
            abort(404)
        chosen = next((p for p in projects if p.id == int(wanted)), None)
        if chosen is None:
            abort(404)

    movements = {project.id: movement(by_project[project.id]) for project in projects}
    project_chart = None
    if chosen is not None:
        series = month_ratings(by_project[chosen.id], today)
        project_chart = {
            "project": chosen,
            "series": series,
            "chart": rating_steps([(m.month, m.overall.value) for m in series]),
            "summary": project_summary(chosen.name, series),
        }
    return render_template(
        "board/trends.html",
        shares=shares,
        share_chart=percent_columns([(m.month, m.percent) for m in shares]),
        share_summary=green_share_summary(shares),
        projects=projects,
        by_project=by_project,
        movements=movements,
        movement_words=MOVEMENT_WORDS,
        projects_summary=projects_summary(movements.values()),
        project_chart=project_chart,
        overall_words=BOARD_OVERALL_LABELS,
    )
