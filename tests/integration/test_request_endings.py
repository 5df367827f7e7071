"""A request that only read ends its transaction with COMMIT, so psycopg keeps the statements
it has prepared; one that wrote and did not commit, or failed, still ends with ROLLBACK
(app.data.request_endings)."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from sqlalchemy import event, func, select

from app.data.request_endings import only_read
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
