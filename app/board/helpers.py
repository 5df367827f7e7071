"""What every board page shares: the person's scope and the portfolio's rows in it."""

from __future__ import annotations

from flask import current_app, request, url_for
from flask_login import current_user

from app import clock
from app.access import current_scope, role_required
from app.board import bp
from app.data.board import directorate_names, portfolio_rows
from app.rules.permissions import Role, can_read_all_projects
from app.rules.portfolio import ProjectRow
from app.rules.portfolio_figures import BENEFIT_LEVELS
from app.rules.portfolio_grid import GridQuery, parse_grid_query

BOARD_REFUSAL = (
    "Only the programme board can see the portfolio",
    "The portfolio pages are for board members, assessment organisers and administrators. "
    "You can see your own projects and panels from your home page. If you need to see the "
    "whole portfolio, ask an administrator to give you the board member role.",
)
# Who may read the board's pages (app.rules.permissions.can_view_portfolio).
board_pages = role_required(
    Role.BOARD_MEMBER, Role.ORGANISER, Role.ADMINISTRATOR, refusal=BOARD_REFUSAL
)


def allowed() -> frozenset[int] | None:
    """The directorates the signed-in person's portfolio is limited to (None: all; always
    None for an administrator)."""
    return current_scope()


@bp.context_processor
def _board_context() -> dict[str, object]:
    """Every board page says, at the top, what a limited person's view is limited to
    (base.html shows board/_scope.html), links project names only for people who may
    open them (``project_href``), and lists benefit levels in one order (``benefit_levels``)."""
    if not current_user.is_authenticated:
        return {}
    return {
        "scope_names": directorate_names(allowed()),
        "project_href": project_href(),
        "benefit_levels": BENEFIT_LEVELS,
    }


_PROJECT_ID_PLACEHOLDER = 987654321


def project_href():
    """A project's page from its id, without a ``url_for`` for each of 1,000 rows. None for
    someone who may not read every project (an organiser): names are shown without links.
    The page's back link returns to this board page, as it is (``back``)."""
    if not can_read_all_projects(current_user.roles):
        return None
    here = request.full_path.rstrip("?")
    example = url_for("projects.show", project_id=_PROJECT_ID_PLACEHOLDER, back=here)
    before, after = example.split(str(_PROJECT_ID_PLACEHOLDER), 1)
    return lambda project_id: f"{before}{project_id}{after}"


def rows() -> list[ProjectRow]:
    """Every project in the signed-in person's scope, as the board's rows, by name."""
    return portfolio_rows(allowed(), clock.today(), current_app.config["STALE_AFTER_MONTHS"])


def grid_query(every_row: list[ProjectRow]) -> tuple[GridQuery, list, list]:
    """The grid's filters and sort from the address (the grid page's, or a download's), with
    the directorates and frameworks it offers as ``[(id, name)]``, by name."""
    directorates = sorted(
        {
            (row.facts.directorate_id, row.facts.directorate)
            for row in every_row
            if row.facts.directorate_id is not None
        },
        key=lambda item: (item[1].lower(), item[0]),
    )
    frameworks = sorted(
        {(row.facts.framework.id, row.facts.framework.name) for row in every_row},
        key=lambda item: (item[1].lower(), item[0]),
    )
    point_numbers = {n for row in every_row for n in row.facts.framework.numbers}
    query = parse_grid_query(
        request.args.to_dict(flat=False),
        known_directorates=[key for key, _ in directorates],
        known_frameworks=[key for key, _ in frameworks],
        point_numbers=point_numbers,
    )
    return query, directorates, frameworks
