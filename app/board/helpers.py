"""What every board page shares: the person's scope and the portfolio's rows in it."""

from __future__ import annotations

from flask import current_app
from flask_login import current_user

from app import clock
from app.access import current_scope, role_required
from app.board import bp
from app.data.board import directorate_names, portfolio_rows
from app.rules.permissions import Role
from app.rules.portfolio import ProjectRow

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
def _scope_line() -> dict[str, object]:
    """Every board page says, at the top, what a limited person's view is limited to
    (base.html shows board/_scope.html)."""
    if not current_user.is_authenticated:
        return {}
    return {"scope_names": directorate_names(allowed())}


def rows() -> list[ProjectRow]:
    """Every project in the signed-in person's scope, as the board's rows, by name."""
    return portfolio_rows(allowed(), clock.today(), current_app.config["STALE_AFTER_MONTHS"])
