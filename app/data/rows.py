"""Plain rows for the queries that read thousands of them."""

from __future__ import annotations

from sqlalchemy import Executable
from sqlalchemy.engine import Row

from app.extensions import db


def plain_rows(statement: Executable, parameters: dict | None = None) -> list[Row]:
    """Run a query of columns through the session's own connection and transaction.

    Its rows skip the ORM's row handling, which at a thousand projects cost the board's
    pages more than the queries did. What the session holds unsaved is flushed first, as
    the ORM would before a query, so the rows include it. All are fetched at once: one
    at a time cost as much again."""
    db.session.flush()
    return db.session.connection().execute(statement, parameters or {}).all()
