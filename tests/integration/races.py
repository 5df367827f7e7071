"""For tests of two changes at the same moment, on PostgreSQL: an application on a
database of its own, migrated and with the frameworks loaded, whose data is committed (the
race needs two real transactions, not the rolled-back one the other tests share)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import psycopg
import pytest
from flask import Flask
from flask_migrate import upgrade
from sqlalchemy.engine import make_url

from app import create_app
from app.cli import FRAMEWORKS_FOLDER
from app.data.frameworks import sync_frameworks
from app.extensions import db
from app.framework_files import read_framework_folder
from tests.databases import fresh_database_beside, postgres_url

T = TypeVar("T")
Statements = Sequence[tuple[str, tuple]]

needs_postgresql = pytest.mark.skipif(
    postgres_url() is None,
    reason="needs PostgreSQL: SQLite lets one writer in at a time, so there is no race to lose",
)


@contextmanager
def app_on_its_own_database(name: str, folder: Path) -> Iterator[tuple[Flask, str]]:
    """``(app, database URL)``; inside an application context until the caller's set-up
    commits and leaves it. The database is dropped afterwards."""
    with fresh_database_beside(postgres_url(), name, folder) as url:
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
        with app.app_context():
            upgrade()
            sync_frameworks(read_framework_folder(FRAMEWORKS_FOLDER))
            db.session.commit()
        try:
            yield app, url
        finally:
            with app.app_context():
                db.session.remove()
                db.engine.dispose()


def waits_for_another(
    url: str,
    holding: Statements,
    change: Callable[[], T],
    waiting: str,
    then: Statements = (),
) -> T:
    """Run ``change`` while another person's transaction is part-way through: its
    ``holding`` statements (SQL and parameters) have run and it is still open. Checks that
    ``change`` waits for it (``waiting`` says what it should have waited for), runs its
    ``then`` statements, commits it, and returns what ``change`` returned once it could go
    on (raising what it raised)."""
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["result"] = change()
        except BaseException as error:  # raised again below, in the test's thread
            outcome["error"] = error

    conninfo = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(conninfo) as other:
        for statement, parameters in holding:
            other.execute(statement, parameters)
        thread = threading.Thread(target=run)
        thread.start()
        thread.join(timeout=1.5)
        assert thread.is_alive(), f"it did not wait for {waiting}"
        for statement, parameters in then:
            other.execute(statement, parameters)
        other.commit()
    thread.join(timeout=10)
    assert not thread.is_alive()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["result"]  # type: ignore[return-value]
