"""Every enumerated column refuses a value outside its list in app.rules, in the database
itself: the CHECK constraints the migrations add, tried on the migrated database."""

from __future__ import annotations

import pytest
from flask_migrate import upgrade
from sqlalchemy import CheckConstraint, inspect, select, text
from sqlalchemy.exc import IntegrityError

from app import create_app
from app.extensions import db
from app.models import (
    Artefact,
    Challenge,
    Feedback,
    Judgement,
    PanelMember,
    PhaseChange,
    PointPrompt,
)
from app.models.checks import ENUMERATED, allowed_values
from tests.databases import fresh_database
from tests.integration.factories import (
    answer,
    make_panel_assessment,
    make_project,
    start_assessment,
)
from tests.integration.project_data import add_action

COLUMNS = [(table, column) for table, columns in ENUMERATED.items() for column in columns]


@pytest.fixture
def a_row_in_every_table(database, make_person):
    """At least one row in each table that has an enumerated column."""
    person = make_person(["assessor"])
    project = make_project(database, team=[(person, "service_owner")])
    database.add(PhaseChange(project_id=project.id, to_phase="alpha", reason="Added"))
    assessment = start_assessment(database, project, person)
    point_id = answer(database, assessment, 1).point_id
    database.add(Judgement(assessment_id=assessment.id, point_id=point_id, rating="green"))
    database.add(Artefact(project_id=project.id, title="Report", url="https://x.test", kind="code"))
    add_action(database, project, assessment, 1)
    panel_assessment = make_panel_assessment(database, project, panel=[(person, "lead")])
    database.add(
        Challenge(
            assessment_id=panel_assessment.id,
            point_id=point_id,
            reason="We disagree",
            outcome="upheld",
        )
    )
    database.add(
        Feedback(
            assessment_id=panel_assessment.id,
            person_id=person.id,
            respondent="team",
            score_1=3,
            score_2=4,
            score_3=5,
        )
    )
    database.commit()
    assert database.scalar(select(PointPrompt.id).limit(1)) is not None
    assert database.scalar(select(PanelMember.id).limit(1)) is not None


@pytest.mark.parametrize(("table", "column"), COLUMNS, ids=[f"{t}.{c}" for t, c in COLUMNS])
def test_a_value_outside_the_list_is_refused_by_the_database(
    database, a_row_in_every_table, table, column
):
    row = database.scalar(text(f"SELECT MIN(id) FROM {table}"))
    assert row is not None
    with pytest.raises(IntegrityError) as refused, database.begin_nested():
        database.execute(
            text(f"UPDATE {table} SET {column} = 'purple' WHERE id = :id"), {"id": row}
        )
    assert f"ck_{table}_{column}" in str(refused.value)
    # Each value on the list passes the check (another rule, a unique one, may still refuse).
    for value in allowed_values(ENUMERATED[table][column]):
        try:
            with database.begin_nested():
                database.execute(
                    text(f"UPDATE {table} SET {column} = :value WHERE id = :id"),
                    {"value": value, "id": row},
                )
        except IntegrityError as error:
            assert f"ck_{table}_{column}" not in str(error)


def test_inserting_a_forged_value_is_refused_too(database, make_person):
    person = make_person()
    with pytest.raises(IntegrityError, match="ck_person_role_role"), database.begin_nested():
        database.execute(
            text("INSERT INTO person_role (person_id, role, granted_at) VALUES (:p, ' ', :t)"),
            {"p": person.id, "t": "2026-01-01"},
        )


def test_the_migrated_database_has_exactly_the_checks_the_models_declare(app):
    with app.app_context():
        inspector = inspect(db.engine)
        for table in db.metadata.tables.values():
            declared = {
                c.name for c in table.constraints if isinstance(c, CheckConstraint) and c.name
            }
            found = {c["name"] for c in inspector.get_check_constraints(table.name)}
            assert found == declared, table.name
            expected = {f"ck_{table.name}_{column}" for column in ENUMERATED.get(table.name, {})}
            assert declared == expected | RANGE_CHECKS.get(table.name, set()), table.name


# Checks that hold a number to a range rather than a column to a list.
RANGE_CHECKS = {"feedback": {"ck_feedback_score_1", "ck_feedback_score_2", "ck_feedback_score_3"}}


# --- What migration 0005 does with rows already outside a list --------------------------------


@pytest.fixture
def before_0005(tmp_path):
    with fresh_database("checks", tmp_path) as url:
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
        with app.app_context():
            upgrade(revision="0004")
            try:
                yield app
            finally:
                db.session.remove()
                db.engine.dispose()


def _run(*statements: str) -> None:
    with db.engine.begin() as connection:
        for statement in statements:
            connection.execute(text(statement))


STAMP = "'2026-01-01', '2026-01-01'"
PEOPLE_AND_A_FRAMEWORK = [
    "INSERT INTO person (email, name, is_active, session_token, created_at, updated_at) "
    f"VALUES ('a@x.test', 'A', true, 'token-a', {STAMP})",
    "INSERT INTO person (email, name, is_active, session_token, created_at, updated_at) "
    f"VALUES ('b@x.test', 'B', true, 'token-b', {STAMP})",
    "INSERT INTO framework (slug, name, short_name, organisation, published, url, description, "
    f"is_default, created_at, updated_at) VALUES ('f', 'F', 'F', 'O', '2019-01-01', "
    f"'https://x.test', 'd', true, {STAMP})",
]


def _project(name: str, phase: str, benefit: str | None = None) -> str:
    benefit_sql = "NULL" if benefit is None else f"'{benefit}'"
    return (
        "INSERT INTO project (name, description, phase, framework_id, non_cashable_benefit, "
        f"version, created_at, updated_at) VALUES ('{name}', '', '{phase}', 1, {benefit_sql}, 1, "
        f"{STAMP})"
    )


def _role(person: int, role: str) -> str:
    return (
        f"INSERT INTO person_role (person_id, role, granted_at) VALUES ({person}, '{role}', "
        "'2026-01-01')"
    )


def test_values_that_differ_only_in_case_or_spacing_are_repaired_and_empty_ones_cleared(
    before_0005,
):
    _run(
        *PEOPLE_AND_A_FRAMEWORK,
        _project("P1", " Alpha", "  "),
        _project("P2", "Private beta", "High"),
        _project("P3", "public-beta"),
        _role(1, "administrator"),
        _role(1, " Administrator "),  # a second grant of a role the person has
        _role(1, ""),  # grants nothing
        _role(2, "Board_member"),
    )
    upgrade()
    with db.engine.connect() as connection:
        projects = connection.execute(
            text("SELECT phase, non_cashable_benefit FROM project ORDER BY id")
        ).all()
        roles = connection.execute(
            text("SELECT person_id, role FROM person_role ORDER BY person_id, role")
        ).all()
    assert [tuple(row) for row in projects] == [
        ("alpha", None),
        ("private_beta", "high"),
        ("public_beta", None),
    ]
    assert [tuple(row) for row in roles] == [(1, "administrator"), (2, "board_member")]


def test_a_value_nobody_can_interpret_stops_the_migration_and_names_it(before_0005, capfd):
    _run(
        *PEOPLE_AND_A_FRAMEWORK,
        _project("P1", "gamma"),
        _project("P2", "gamma"),
        _project("P3", " Alpha"),
        _role(1, "superuser"),
    )
    with pytest.raises(SystemExit):  # Flask-Migrate logs the error and exits, as the CLI does
        upgrade()
    said = capfd.readouterr().err
    assert "project.phase = 'gamma' (2 rows)" in said
    assert "person_role.role = 'superuser' (1 row)" in said
    with db.engine.connect() as connection:
        phases = connection.execute(text("SELECT phase FROM project ORDER BY id")).scalars().all()
        checks = inspect(connection).get_check_constraints("project")
        version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    assert phases == ["gamma", "gamma", " Alpha"]  # nothing was changed, not even the repairs
    assert checks == []
    assert version == "0004"
