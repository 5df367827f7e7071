"""What ``flask prepare`` does to a database: load the frameworks and the demo data."""

from __future__ import annotations

from app.commands import Conflict, command


@command
def load_frameworks(files):
    """Bring the database up to date with the framework files (each a new version if changed)."""
    from app.data.frameworks import sync_frameworks

    return sync_frameworks(files)


@command
def load_demo_data(password: str):
    """The demo portfolio, into a database with no projects yet."""
    from app.demo.loader import demo_data_present, load_demo

    if demo_data_present():
        raise Conflict("The database already has projects. Demo data loads only into an empty one.")
    return load_demo(password)
