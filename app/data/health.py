"""Whether the service can reach its database, for the health check."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from app.extensions import db


def database_reachable() -> bool:
    """True when a trivial query succeeds; the failure is left for the caller to log."""
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        return False
    return True
