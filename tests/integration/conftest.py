"""Integration tests: the Flask test client against a real, migrated database.

The schema is built once with the real Alembic migrations and the frameworks
are loaded once; each test then runs inside a transaction that is rolled back,
so tests never see each other's data.
"""

from __future__ import annotations

import re

import pytest
from flask_migrate import upgrade
from sqlalchemy import event, select
from sqlalchemy.orm import scoped_session, sessionmaker

from app import create_app
from app.cli import FRAMEWORKS_FOLDER
from app.data.frameworks import sync_frameworks
from app.data.people import create_person, hash_password
from app.extensions import db
from app.framework_files import read_framework_folder
from tests.conftest import DEMO_PASSWORD, config_for_tests
from tests.databases import fresh_database

CSRF_FIELD = re.compile(
    r'name="csrf_token" type="hidden" value="([^"]+)"|'
    r'type="hidden" name="csrf_token" value="([^"]+)"'
)


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    with fresh_database("integration", tmp_path_factory.mktemp("db")) as url:
        app = create_app(config_for_tests(SQLALCHEMY_DATABASE_URI=url))
        with app.app_context():
            if db.engine.dialect.name == "sqlite":
                _sqlite_savepoints(db.engine)
            upgrade()
            sync_frameworks(read_framework_folder(FRAMEWORKS_FOLDER))
            db.session.commit()
        yield app
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


def _sqlite_savepoints(engine) -> None:
    """pysqlite's own transaction handling breaks SAVEPOINT; let SQLAlchemy do it."""

    @event.listens_for(engine, "connect")
    def connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def begin(connection):
        connection.exec_driver_sql("BEGIN")


@pytest.fixture
def database(app):
    """A session whose every commit is undone when the test ends.

    No application context stays open during the test: each request must get
    its own, as in production, or ``g`` would leak from one request to the next.
    """
    with app.app_context():
        connection = db.engine.connect()
    outer = connection.begin()
    session = _SharedSession(
        sessionmaker(bind=connection, join_transaction_mode="create_savepoint")
    )
    original, db.session = db.session, session
    try:
        yield session
        _kept_standings_are_true(session)
    finally:
        session.registry().close()
        db.session = original
        outer.rollback()
        connection.close()


def _kept_standings_are_true(session) -> None:
    """After every test, each project's standing kept for the board is what working it out
    afresh gives: whatever the test changed, through commands, pages or factories, was
    kept up to date at its commit (``app.data.standings``). What it left unsaved is undone
    first."""
    from app.data.standings import Standing, work_out
    from app.models import ProjectStanding

    session.rollback()
    kept = {
        row.project_id: Standing.from_stored(row.facts)
        for row in session.scalars(select(ProjectStanding))
        if row.facts is not None
    }
    fresh = work_out(kept)
    stale = {key: (kept[key], fresh.get(key)) for key in kept if fresh.get(key) != kept[key]}
    assert not stale, f"standings kept out of date (kept, afresh): {stale}"


class _SharedSession(scoped_session):
    """One session for the test and the requests it makes.

    Flask-SQLAlchemy removes the session after each request; here that only
    expires what it holds, so the next request reads afresh from the database
    while the test's own objects stay usable.
    """

    def remove(self) -> None:
        if self.registry.has():
            self.registry().expire_all()


class FormClient:
    """The Flask test client, plus helpers that send forms the way a browser does."""

    def __init__(self, client):
        self.client = client

    def __getattr__(self, name):
        return getattr(self.client, name)

    def csrf_token(self, url: str) -> str:
        page = self.client.get(url, follow_redirects=True)
        match = CSRF_FIELD.search(page.get_data(as_text=True))
        assert match, f"no CSRF token on {url} (status {page.status_code})"
        return match.group(1) or match.group(2)

    def submit(
        self,
        url: str,
        data: dict | None = None,
        follow_redirects: bool = False,
        token_from: str | None = None,
    ):
        """GET the form page for its CSRF token, then POST ``data`` to ``url``."""
        fields = dict(data or {})
        fields["csrf_token"] = self.csrf_token(token_from or url)
        return self.client.post(url, data=fields, follow_redirects=follow_redirects)

    def sign_in(self, email: str, password: str = DEMO_PASSWORD):
        response = self.submit("/sign-in", {"email": email, "password": password})
        assert response.status_code == 302, response.get_data(as_text=True)[:2000]
        return response


@pytest.fixture
def client(app, database):
    return FormClient(app.test_client())


# Hashing is deliberately slow; most test people share one hash of the demo password.
DEMO_HASH = hash_password(DEMO_PASSWORD)


@pytest.fixture
def make_person(database):
    counter = {"n": 0}

    def make(roles=(), name=None, email=None, password=DEMO_PASSWORD, active=True):
        counter["n"] += 1
        person = create_person(
            name or f"Test Person {counter['n']}",
            email or f"person{counter['n']}@example.gov.uk",
            [getattr(r, "value", r) for r in roles],
            password_hash=DEMO_HASH if password == DEMO_PASSWORD else hash_password(password),
        )
        person.is_active = active
        database.commit()
        return person

    return make


@pytest.fixture
def signed_in_as(client, make_person):
    """Sign the test client in as a new person with ``roles``; returns the person."""

    def sign_in(*roles):
        person = make_person(roles)
        client.sign_in(person.email)
        return person

    return sign_in
