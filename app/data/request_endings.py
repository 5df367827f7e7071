"""How a request's transaction ends: with COMMIT when the request only read.

Flask-SQLAlchemy ends every request by closing its session, which rolls back whatever
transaction is open. psycopg forgets every statement it has prepared on a connection at each
ROLLBACK (a rolled-back transaction may have dropped what they refer to), so each request
began with none prepared, and PostgreSQL parsed and planned every query afresh: on the team's
pages that was over half of the database's time, several times what running them took.

A transaction that wrote nothing ends the same either way, so a request that read and did not
fail ends its transaction with COMMIT, and the statements psycopg prepares (a query run five
times on a connection) stay prepared for the next request. A request that raised, or whose
session flushed or executed a change that was not committed (a command that refused and
rolled back has no transaction left open), still ends with ROLLBACK.
"""

from __future__ import annotations

from flask import Flask
from sqlalchemy import event
from sqlalchemy.orm import Session

from app.extensions import db

_WROTE = "request_endings.wrote"
_installed = False


def install(app: Flask) -> None:
    """End each request's read-only transaction with COMMIT. Registered after
    Flask-SQLAlchemy, so it runs before the session is closed."""
    global _installed
    if not _installed:
        event.listen(Session, "after_flush", _note_write)
        event.listen(Session, "do_orm_execute", _note_bulk_write)
        event.listen(Session, "after_commit", _forget)
        event.listen(Session, "after_rollback", _forget)
        _installed = True
    app.teardown_appcontext(_end_reading)


def _note_write(session: Session, _flush_context) -> None:
    session.info[_WROTE] = True


def _note_bulk_write(state) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        state.session.info[_WROTE] = True


def _forget(session: Session) -> None:
    session.info.pop(_WROTE, None)


def only_read(session: Session) -> bool:
    """The session's open transaction has written nothing and has nothing waiting to."""
    return not (session.info.get(_WROTE) or session.new or session.dirty or session.deleted)


def _end_reading(exception: BaseException | None) -> None:
    session = db.session()
    if exception is not None or not session.in_transaction() or not only_read(session):
        return  # closing the session rolls it back
    try:
        session.commit()
    except Exception:
        session.rollback()
