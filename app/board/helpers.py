"""What every board page shares: the person's scope and the portfolio's rows in it."""

from __future__ import annotations

from flask import current_app
from flask_login import current_user

from app import clock
from app.access import role_required
from app.data.board import portfolio_rows, scope_of
from app.rules.permissions import Role
from app.rules.portfolio import ProjectRow

# Who may read the board's pages (app.rules.permissions.can_view_portfolio).
board_pages = role_required(Role.BOARD_MEMBER, Role.ORGANISER, Role.ADMINISTRATOR)


def allowed() -> frozenset[int] | None:
    """The directorates the signed-in person's portfolio is limited to (None: all)."""
    return scope_of(current_user.id)


def rows() -> list[ProjectRow]:
    """Every project in the signed-in person's scope, as the board's rows, by name."""
    return portfolio_rows(allowed(), clock.today(), current_app.config["STALE_AFTER_MONTHS"])
