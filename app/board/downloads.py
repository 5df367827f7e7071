"""Downloads of the portfolio: an Excel workbook (the grid, the actions and the assessments),
the grid as CSV, and everything as JSON, each limited to the person's directorate scope.

The files hold what the board's pages hold; ``app.board.portfolio_files`` builds them. A
fixed number of queries, however many projects.
"""

from __future__ import annotations

from flask import current_app

from app import clock
from app.board import bp, portfolio_files
from app.board.helpers import allowed, board_pages, rows
from app.data.board import directorates
from app.data.portfolio_sheets import portfolio_actions, portfolio_assessments


def _download(suffix: str):
    today = clock.today()
    scope = allowed()
    portfolio = portfolio_files.Portfolio(
        today=today,
        limited_to=directorates(scope) if scope is not None else None,
        rows=rows(),
        actions=portfolio_actions(scope, today),
        assessments=portfolio_assessments(scope, today),
    )
    body = portfolio_files.BUILDERS[suffix](portfolio)
    name = portfolio_files.file_name(today, suffix)
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
