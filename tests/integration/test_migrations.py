"""The Alembic migrations build exactly the schema the models describe, and take it down again."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import PrimaryKeyConstraint, UniqueConstraint, inspect

from app import create_app
from app.extensions import db
from tests.databases import fresh_database

MODEL_TABLES = set(db.metadata.tables)


@pytest.fixture
def empty_app(tmp_path):
    with fresh_database("migrations", tmp_path) as url:
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
        with app.app_context():
            try:
                yield app
            finally:
                db.session.remove()
                db.engine.dispose()


def table_names() -> set[str]:
    return set(inspect(db.engine).get_table_names())


def test_upgrade_builds_the_models_and_downgrade_removes_them(empty_app):
    assert not table_names() & MODEL_TABLES

    upgrade()
    assert MODEL_TABLES - table_names() == set()

    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, db.metadata)
    assert differences == [], "the models and the migrations disagree: run flask db migrate"

    downgrade(revision="base")
    assert not table_names() & MODEL_TABLES


def test_every_foreign_key_column_has_an_index():
    """Joins and cascades on a foreign key need an index that starts with it."""
    foreign_keys, unindexed = 0, []
    for table in db.metadata.tables.values():
        leading = {index.columns.values()[0].name for index in table.indexes}
        leading |= {
            constraint.columns.values()[0].name
            for constraint in table.constraints
            if isinstance(constraint, UniqueConstraint | PrimaryKeyConstraint)
        }
        for column in table.columns:
            if column.foreign_keys:
                foreign_keys += 1
                if column.name not in leading:
                    unindexed.append(f"{table.name}.{column.name}")
    assert foreign_keys > 20
    assert unindexed == []


def test_one_draft_at_a_time_keeps_the_newest_of_drafts_made_before_it(empty_app):
    """Migration 0003 withdraws older duplicate drafts before it adds its unique index."""
    from sqlalchemy import text

    upgrade(revision="0002")
    with db.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO framework (slug, name, short_name, organisation, published, url, "
                "description, is_default, created_at, updated_at) VALUES ('f', 'F', 'F', 'O', "
                "'2019-01-01', 'https://x.example', 'd', true, '2026-01-01', '2026-01-01')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO framework_version (framework_id, number, content_hash, source_file, "
                "loaded_at) VALUES (1, 1, 'h', 'f.yaml', '2026-01-01')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO project (name, description, phase, framework_id, version, "
                "created_at, updated_at) VALUES ('P', '', 'alpha', 1, 1, '2026-01-01', "
                "'2026-01-01')"
            )
        )
        for _ in range(3):
            connection.execute(
                text(
                    "INSERT INTO assessment (project_id, framework_version_id, phase, kind, "
                    "status, version, created_at, updated_at) VALUES (1, 1, 'alpha', "
                    "'self_assessment', 'draft', 1, '2026-01-01', '2026-01-01')"
                )
            )
    upgrade()
    with db.engine.connect() as connection:
        statuses = connection.execute(text("SELECT id, status FROM assessment ORDER BY id")).all()
    assert [status for _, status in statuses] == ["withdrawn", "withdrawn", "draft"]
