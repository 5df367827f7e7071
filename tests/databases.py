"""Test databases: SQLite files by default, PostgreSQL when TEST_DATABASE_URL is set.

Each layer that needs a database gets its own, so one layer's data never
leaks into another's.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.engine import make_url

from config import normalise_database_url


def postgres_url() -> str | None:
    url = os.environ.get("TEST_DATABASE_URL", "").strip()
    return normalise_database_url(url) if url else None


@contextmanager
def fresh_database(name: str, folder: Path) -> Iterator[str]:
    """Yield the URL of an empty database for one test layer, and drop it afterwards."""
    with fresh_database_beside(postgres_url(), name, folder) as url:
        yield url


@contextmanager
def fresh_database_beside(base: str | None, name: str, folder: Path) -> Iterator[str]:
    """An empty database: a SQLite file in ``folder`` when ``base`` is None, otherwise a new
    PostgreSQL database on ``base``'s server, dropped afterwards. Its name carries this
    process's id, so two runs against one server never drop each other's database."""
    if base is None:
        path = folder / f"{name}.db"
        path.unlink(missing_ok=True)
        yield f"sqlite:///{path}"
        path.unlink(missing_ok=True)
        return

    import psycopg

    url = make_url(base)
    database = f"{url.database}_{name}_{os.getpid()}"
    admin = url.set(drivername="postgresql", database="postgres")
    conninfo = admin.render_as_string(hide_password=False)

    def run(statement: str) -> None:
        with psycopg.connect(conninfo, autocommit=True) as connection:
            connection.execute(statement)

    run(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    run(f'CREATE DATABASE "{database}"')
    try:
        yield url.set(database=database).render_as_string(hide_password=False)
    finally:
        run(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
