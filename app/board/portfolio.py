"""The portfolio: the board's home with its headline figures, the compliance grid, each
point across the portfolio, and the overdue actions. Read only: every page is a GET and
its filters live in the address, so it works without JavaScript and can be shared."""

from __future__ import annotations

from flask import abort, render_template, request, url_for
from flask_login import current_user

from app import clock
from app.board import bp
from app.board.grid_html import grid_table
from app.board.helpers import allowed, board_pages, grid_query, project_href, rows
from app.data.board import arranged_among_due
from app.data.board_actions import overdue_actions as load_overdue_actions
from app.rules import board_actions
from app.rules.pagination import page_links, page_number, page_window
from app.rules.permissions import can_organise_assessments
from app.rules.phases import PHASE_ORDER, Phase
from app.rules.portfolio import BOARD_OVERALL_LABELS, STAGE_LABELS, BoardOverall, Stage
from app.rules.portfolio_figures import (
    DUE_SOON_DAYS,
    assessments_due,
    assessments_overdue,
    by_point,
    days_overdue,
    due_words,
    headline_figures,
    overdue_words,
    still_to_arrange,
)
from app.rules.portfolio_grid import (
    FLAG_LABELS,
    FLAGS,
    GridQuery,
    grid_rows,
    showing_words,
)
from app.rules.projects import phase_words

# The phases behind each of the programme's words, for the figures' links to the grid.
STAGE_PHASES = {
    Stage.CONCEPT: (Phase.DISCOVERY,),
    Stage.DESIGN: (Phase.ALPHA,),
    Stage.DELIVERY: (Phase.PRIVATE_BETA, Phase.PUBLIC_BETA, Phase.LIVE),
    Stage.CLOSED: (Phase.RETIRED,),
}


ACTIONS_PAGE_SIZE = 100


def _grid_href(query: GridQuery) -> str:
    found = query.query_string()
    return url_for("board.grid") + (f"?{found}" if found else "")


@bp.get("")
@board_pages
def home():
    today = clock.today()
    every_row = rows()
    figures = headline_figures(every_row, today, arranged=arranged_among_due(every_row, today))
    return render_template(
        "board/home.html",
        figures=figures,
        scoped=allowed() is not None,
        today=today,
        due_soon_days=DUE_SOON_DAYS,
        stages=[(stage.value, STAGE_LABELS[stage], STAGE_PHASES[stage]) for stage in Stage],
        phases=[(phase.value, phase_words(phase.value)) for phase in PHASE_ORDER],
        overall=[(bucket.value, BOARD_OVERALL_LABELS[bucket]) for bucket in BoardOverall],
    )


@bp.get("/assessments-due")
@board_pages
def assessments_due_list():
    today = clock.today()
    every_row = rows()
    arranged = arranged_among_due(every_row, today)
    due = assessments_due(every_row, today, arranged)
    overdue = assessments_overdue(every_row, today, arranged)
    return render_template(
        "board/assessments_due.html",
        due=due,
        overdue=[(item, days_overdue(item.due, today)) for item in overdue],
        overdue_words=overdue_words(len(overdue), still_to_arrange(overdue)),
        due_words=due_words(len(due), still_to_arrange(due)),
        due_soon_days=DUE_SOON_DAYS,
        may_arrange=can_organise_assessments(current_user.roles),
    )


@bp.get("/grid")
@board_pages
def grid():
    every_row = rows()
    query, directorates, frameworks = grid_query(every_row)
    names = {
        "directorate_names": dict(directorates),
        "framework_names": dict(frameworks),
    }
    found = grid_rows(every_row, query)
    shown = sum(len(framework_grid.rows) for framework_grid in found)
    href = project_href()
    tables = []
    for framework_grid in found:
        count = len(framework_grid.rows)
        caption = f"{framework_grid.framework.name}: {count} project{'' if count == 1 else 's'}"
        table = grid_table(
            framework_grid,
            query,
            _grid_href,
            href,
            caption=caption,
            table_id=f"grid-{framework_grid.framework.id}",
        )
        tables.append((framework_grid.framework, caption, table))
    return render_template(
        "board/grid.html",
        query=query,
        tables=tables,
        showing=showing_words(shown, len(every_row), query, **names),
        directorates=directorates,
        frameworks=frameworks,
        phases=[(phase.value, phase_words(phase.value)) for phase in PHASE_ORDER],
        overall=[(bucket.value, BOARD_OVERALL_LABELS[bucket]) for bucket in BoardOverall],
        flags=[(flag, FLAG_LABELS[flag].capitalize()) for flag in FLAGS],
        sort_pairs=[pair for pair in query.pairs() if pair[0] in ("sort", "direction")],
        shown=shown,
    )


@bp.get("/points")
@board_pages
def points():
    every_row = rows()
    frameworks = by_point(every_row)
    names = {row.id: row.facts.name for row in every_row}
    chosen = _chosen_point(frameworks)
    return render_template(
        "board/points.html",
        frameworks=frameworks,
        chosen=chosen,
        names=names,
        point_href=_point_grid_href,
    )


def _point_grid_href(framework_id: int, number: int) -> str:
    """The grid of one framework's projects, sorted by a point: red first, then amber,
    green, and not assessed last."""
    return _grid_href(GridQuery(frameworks=(framework_id,), sort=f"point-{number}"))


def _chosen_point(frameworks):
    """The point whose projects are listed (``?framework=1&point=3``), if it is one."""
    framework_id, number = request.args.get("framework", ""), request.args.get("point", "")
    for framework_points in frameworks:
        if str(framework_points.framework.id) != framework_id[:12]:
            continue
        for tally in framework_points.points:
            if str(tally.number) == number[:4]:
                return framework_points.framework, tally
    return None


@bp.get("/overdue-actions")
@board_pages
def overdue_actions():
    every_action = load_overdue_actions(allowed(), clock.today())
    directorates = board_actions.directorates(every_action)
    owners = board_actions.owners(every_action)
    directorate_id = board_actions.chosen_directorate(
        request.args.get("directorate"), [key for key, _ in directorates]
    )
    owner = board_actions.chosen_owner(request.args.get("owner"), [key for key, _ in owners])
    shown = board_actions.filtered_actions(every_action, directorate_id, owner)
    number = page_number(request.args.get("page"))
    if number is None:
        abort(404)
    # A shared address whose page has gone (actions were closed since) shows the last one.
    window = page_window(number, ACTIONS_PAGE_SIZE, len(shown)) or page_window(
        -(-len(shown) // ACTIONS_PAGE_SIZE) or 1, ACTIONS_PAGE_SIZE, len(shown)
    )
    filters = {
        key: value
        for key, value in (("directorate", directorate_id), ("owner", owner))
        if value is not None
    }
    return render_template(
        "board/overdue_actions.html",
        actions=shown[window.offset : window.offset + window.size],
        shown=len(shown),
        total=len(every_action),
        window=window,
        pagination=_pagination(window, filters),
        directorates=directorates,
        owners=owners,
        directorate_id=directorate_id,
        owner=owner,
    )


def _pagination(window, filters: dict) -> dict | None:
    """The GOV.UK pagination component's parameters, or None for a single page."""
    if window.last == 1:
        return None

    def href(number: int) -> str:
        return url_for("board.overdue_actions", **filters, page=number)

    params: dict = {
        "items": [
            {"ellipsis": True}
            if number is None
            else {"number": number, "href": href(number), "current": number == window.number}
            for number in page_links(window.number, window.last)
        ],
        "landmarkLabel": "Pages of overdue actions",
    }
    if window.has_previous:
        params["previous"] = {"href": href(window.number - 1)}
    if window.has_next:
        params["next"] = {"href": href(window.number + 1)}
    return params
