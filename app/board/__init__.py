"""The programme board's pages: the portfolio and its headline figures, the compliance
grid, points across the portfolio, overdue actions, trends, board meetings with what
changed since the one before, the board pack, and downloads of the portfolio.

Every page reads the portfolio through app.board.helpers, which applies the signed-in
person's directorate scope.
"""

from flask import Blueprint

bp = Blueprint("board", __name__, url_prefix="/portfolio")

from app.board import downloads, meetings, portfolio, trends  # noqa: E402,F401
