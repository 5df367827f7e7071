"""Downloads of the portfolio: an Excel workbook (the grid, the actions and the assessments),
the grid as CSV, and everything as JSON, each limited to the person's directorate scope.

The files hold what the board's pages hold; ``app.board.portfolio_files`` builds them. A
fixed number of queries, however many projects.
"""

from __future__ import annotations

from flask import current_app

from app import clock
from app.board import bp, portfolio_files
from app.board.helpers import allowed, board_pages, grid_query, rows
from app.data.board import directorates
from app.data.portfolio_sheets import portfolio_actions, portfolio_assessments
from app.rules.portfolio_grid import filter_words, filtered


def _download(suffix: str):
    """The file of every project in scope, or, given the grid's filters in the address (its
    "Download these projects" links), of the projects the grid shows, with their actions
    and assessments. Sorting does not apply: files are by project name."""
    today = clock.today()
    scope = allowed()
    chosen = rows()
    query, directorate_choices, framework_choices = grid_query(chosen)
    actions = portfolio_actions(scope, today)
    assessments = portfolio_assessments(scope, today)
    words = filter_words(
        query,
        directorate_names=dict(directorate_choices),
        framework_names=dict(framework_choices),
    )
    if query.any_filter:
        chosen = filtered(chosen, query)
        ids = {row.id for row in chosen}
        actions = [line for line in actions if line.project_id in ids]
        assessments = [line for line in assessments if line.project_id in ids]
    portfolio = portfolio_files.Portfolio(
        today=today,
        limited_to=directorates(scope) if scope is not None else None,
        rows=chosen,
        actions=actions,
        assessments=assessments,
        filters=words,
    )
    body = portfolio_files.BUILDERS[suffix](portfolio)
    name = portfolio_files.file_name(today, suffix, filtered=query.any_filter)
    return current_app.response_class(
        body,
        mimetype=portfolio_files.MIMETYPES[suffix],
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
        },
    )


@bp.get("/download/portfolio.xlsx")
@board_pages
def download_xlsx():
    return _download("xlsx")


@bp.get("/download/portfolio.csv")
@board_pages
def download_csv():
    return _download("csv")


@bp.get("/download/portfolio.json")
@board_pages
def download_json():
    return _download("json")
