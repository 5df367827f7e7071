"""How a request's transaction ends: with COMMIT when the request only read.

Flask-SQLAlchemy ends every request by closing its session, which rolls back whatever
transaction is open. psycopg forgets every statement it has prepared on a connection at each
ROLLBACK (a rolled-back transaction may have dropped what they refer to), so each request
began with none prepared, and PostgreSQL parsed and planned every query afresh: on the team's
pages that was over half of the database's time, several times what running them took.

A transaction that wrote nothing ends the same either way, so a request that only read ends
its transaction with COMMIT, and the statements psycopg prepares (a query run five times on a
connection) stay prepared for the next request. It still ends with ROLLBACK when:

- any statement since the last COMMIT or ROLLBACK was not a read: an ORM flush, a bulk
  change, or SQL sent around the session (each statement is looked at as it is sent, on every
  engine: ``_note_statement``);
- the session holds changes not yet flushed;
- the request raised an error nothing handled (the 500 page). An error a handler turned into
  a page (403, 404, a refusal) is not passed on by Flask: the checks above decide.

Deployment: statements stay prepared on pooled connections between requests. Restart the
service after a migration (a plan cached for a table whose columns changed is refused), and
behind a PgBouncer that pools by transaction, turn psycopg's preparing off.
"""

from __future__ import annotations

from flask import Flask, g, has_app_context
from sqlalchemy import Engine, event
from sqlalchemy.orm import Session
from sqlalchemy.sql import CompoundSelect, Select

from app.extensions import db

_WROTE = "request_wrote"
# The first words of SQL sent as text that reads, or only starts or marks a transaction.
_READS = ("SELECT", "SHOW", "EXPLAIN", "BEGIN", "SAVEPOINT", "RELEASE")
_installed = False


def install(app: Flask) -> None:
    """End each request's read-only transaction with COMMIT. Registered after
    Flask-SQLAlchemy, so it runs before the session is closed."""
    global _installed
    if not _installed:
        event.listen(Engine, "before_cursor_execute", _note_statement)
        event.listen(Engine, "commit", _forget_writes)
        event.listen(Engine, "rollback", _forget_writes)
        _installed = True
    app.teardown_appcontext(_end_reading)


def is_read(statement: str, context) -> bool:
    """Whether the statement only reads: a SELECT built by SQLAlchemy, or SQL text that
    starts with a word of ``_READS``. Anything else (a change, DDL, a data-changing WITH
    sent as text) counts as a write."""
    if context is not None and (
        context.isinsert or context.isupdate or context.isdelete or context.isddl
    ):
        return False
    compiled = getattr(context, "compiled", None)
    if isinstance(getattr(compiled, "statement", None), Select | CompoundSelect):
        return True
    words = statement.lstrip().split(None, 1)
    return bool(words) and words[0].upper() in _READS


def _note_statement(_connection, _cursor, statement, _parameters, context, _many) -> None:
    if has_app_context() and not is_read(statement, context):
        setattr(g, _WROTE, True)


def _forget_writes(_connection) -> None:
    if has_app_context():
        g.pop(_WROTE, None)


def only_read(session: Session) -> bool:
    """Nothing has been written since the last COMMIT or ROLLBACK in this request, and the
    session has nothing waiting to be."""
    wrote = has_app_context() and g.get(_WROTE, False)
    return not (wrote or session.new or session.dirty or session.deleted)


def drop_what_was_left() -> None:
    """Roll back what the request wrote and did not commit (a view that flushed, then
    refused), so a command that runs after the view (noting the session seen) does not
    commit it with its own change."""
    session = db.session()
    if session.in_transaction() and not only_read(session):
        session.rollback()


def _end_reading(exception: BaseException | None) -> None:
    session = db.session()
    if exception is not None or not session.in_transaction() or not only_read(session):
        return  # closing the session rolls it back
    try:
        session.commit()
    except Exception:
        session.rollback()
