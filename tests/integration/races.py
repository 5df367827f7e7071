"""For tests of two changes at the same moment, on PostgreSQL: an application on a
database of its own, migrated and with the frameworks loaded, whose data is committed (the
race needs two real transactions, not the rolled-back one the other tests share)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from flask import Flask
from flask_migrate import upgrade

from app import create_app
from app.cli import FRAMEWORKS_FOLDER
from app.data.frameworks import sync_frameworks
from app.extensions import db
from app.framework_files import read_framework_folder
from tests.databases import fresh_database_beside, postgres_url

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
