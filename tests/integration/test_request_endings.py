"""A request that only read ends its transaction with COMMIT, so psycopg keeps the statements
it has prepared; one that wrote and did not commit, or failed, still ends with ROLLBACK
(app.data.request_endings)."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import UTC, datetime

import pytest
from sqlalchemy import event, func, insert, select, text

from app.data.request_endings import drop_what_was_left, is_read, only_read
from app.extensions import db
from app.models import Directorate

NAME = "Directorate written and never committed"


@contextmanager
def endings(app):
    """The ways the engine's transactions end inside the block, in order."""
    seen: list[str] = []
    with app.app_context():
        engine = db.engine

    def committed(_connection):
        seen.append("commit")

    def rolled_back(_connection):
        seen.append("rollback")

    event.listen(engine, "commit", committed)
    event.listen(engine, "rollback", rolled_back)
    try:
        yield seen
    finally:
        event.remove(engine, "commit", committed)
        event.remove(engine, "rollback", rolled_back)


def _count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).where(Directorate.name == NAME))


def test_a_request_that_only_read_ends_with_commit(app):
    with endings(app) as seen, app.app_context():
        db.session.execute(select(Directorate.id)).all()
        assert only_read(db.session)
    assert seen == ["commit"]


def test_a_request_that_wrote_without_committing_ends_with_rollback(app):
    with endings(app) as seen, app.app_context():
        db.session.add(Directorate(name=NAME))
        db.session.flush()
        assert not only_read(db.session)
    assert seen == ["rollback"]
    assert _count(app) == 0


def test_a_change_waiting_to_be_flushed_is_rolled_back(app):
    with endings(app) as seen, app.app_context():
        db.session.execute(select(Directorate.id)).all()
        db.session.add(Directorate(name=NAME))
        assert not only_read(db.session)
    assert seen == ["rollback"]
    assert _count(app) == 0


def test_a_request_that_failed_ends_with_rollback(app):
    with endings(app) as seen, pytest.raises(RuntimeError), app.app_context():
        db.session.execute(select(Directorate.id)).all()
        raise RuntimeError("the page broke")
    assert seen == ["rollback"]


def test_a_read_page_through_the_client_ends_with_commit(app):
    with endings(app) as seen:
        assert app.test_client().get("/healthz").status_code == 200
    assert seen == ["commit"]


def test_sql_sent_around_the_session_counts_as_a_write(app):
    with endings(app) as seen, app.app_context():
        db.session.execute(
            text("INSERT INTO directorate (name, created_at, updated_at) VALUES (:n, :t, :t)"),
            {"n": NAME, "t": datetime.now(UTC)},
        )
        assert not only_read(db.session)
    assert seen == ["rollback"]
    assert _count(app) == 0
    with endings(app) as seen, app.app_context():
        db.session.connection().execute(insert(Directorate).values(name=NAME))
        assert not only_read(db.session)
    assert seen == ["rollback"]
    assert _count(app) == 0


def test_a_write_is_forgotten_once_committed(app):
    with app.app_context():
        db.session.add(Directorate(name=NAME))
        db.session.commit()
        try:
            db.session.execute(select(Directorate.id)).all()
            assert only_read(db.session)
        finally:
            db.session.execute(text("DELETE FROM directorate WHERE name = :name"), {"name": NAME})
            db.session.commit()
    assert _count(app) == 0


def test_what_a_view_left_uncommitted_is_dropped_before_a_later_command(app):
    with app.app_context():
        db.session.add(Directorate(name=NAME))
        db.session.flush()
        drop_what_was_left()
        assert not db.session().in_transaction()
        db.session.commit()  # as the command that notes the session seen would
    assert _count(app) == 0


@pytest.mark.parametrize(
    ("statement", "read"),
    [
        ("SELECT 1", True),
        ("  select * from project", True),
        ("BEGIN", True),
        ("SAVEPOINT sa_1", True),
        ("INSERT INTO directorate (name) VALUES ('x')", False),
        ("update project set name = 'x'", False),
        ("WITH gone AS (DELETE FROM project RETURNING id) SELECT id FROM gone", False),
        ("DROP TABLE project", False),
        ("", False),
    ],
)
def test_which_sql_text_counts_as_a_read(statement, read):
    assert is_read(statement, None) is read
