"""The command-line tasks: ``frameworks load``, ``users create`` and ``demo load``."""

import shutil

import pytest
import yaml
from sqlalchemy import func, select

from app.cli import FRAMEWORKS_FOLDER
from app.data.frameworks import framework_by_slug
from app.models import FrameworkVersion, Person, Project

SLUGS = (
    "govuk-service-standard",
    "local-government-digital-service-standard",
    "nhs-service-standard",
)
PASSWORD = "a-long-enough-password"


@pytest.fixture
def runner(app, database):
    return app.test_cli_runner()


def create_user(runner, *extra, email="kim.lee@example.gov.uk", password=PASSWORD):
    return runner.invoke(
        args=[
            *("users", "create", "--email", email, "--name", "Kim Lee", "--password", password),
            *extra,
        ]
    )


def test_loading_frameworks_again_changes_nothing(runner, database):
    for _ in range(2):
        result = runner.invoke(args=["frameworks", "load"])
        assert result.exit_code == 0, result.output
    for slug in SLUGS:
        assert f"{slug}: version 1 (unchanged)" in result.output
    assert database.scalar(select(func.count(FrameworkVersion.id))) == len(SLUGS)


def test_a_broken_framework_file_is_named_with_its_point_and_field(runner, tmp_path, database):
    for path in FRAMEWORKS_FOLDER.glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    broken = tmp_path / "nhs-service-standard.yaml"
    data = yaml.safe_load(broken.read_text(encoding="utf-8"))
    data["points"][2]["title"] = ""
    broken.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")

    result = runner.invoke(args=["frameworks", "load", "--folder", str(tmp_path)])

    assert result.exit_code != 0
    assert "nhs-service-standard.yaml" in result.output
    assert "point 3" in result.output
    assert "title" in result.output
    # Nothing was loaded from the folder with the broken file.
    assert database.scalar(select(func.count(FrameworkVersion.id))) == len(SLUGS)


def test_a_changed_framework_file_loads_as_a_new_version(runner, tmp_path, database):
    for path in FRAMEWORKS_FOLDER.glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    changed = tmp_path / "govuk-service-standard.yaml"
    data = yaml.safe_load(changed.read_text(encoding="utf-8"))
    data["points"][0]["summary"] = "A new summary for point 1."
    changed.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")

    result = runner.invoke(args=["frameworks", "load", "--folder", str(tmp_path)])

    assert result.exit_code == 0, result.output
    assert "govuk-service-standard: version 2 (new version)" in result.output
    assert "nhs-service-standard: version 1 (unchanged)" in result.output
    versions = framework_by_slug("govuk-service-standard").versions
    assert versions[-1].points[0].summary == "A new summary for point 1."


def test_creating_an_administrator(runner, database):
    result = create_user(runner, "--role", "administrator")
    assert result.exit_code == 0, result.output
    assert "Created Kim Lee <kim.lee@example.gov.uk> with roles: administrator." in result.output
    person = database.scalar(select(Person).where(Person.email == "kim.lee@example.gov.uk"))
    assert person.name == "Kim Lee"
    assert person.roles == {"administrator"}


def test_the_created_person_can_sign_in(runner, client):
    assert create_user(runner, "--role", "assessor", "--role", "board_member").exit_code == 0
    response = client.sign_in("kim.lee@example.gov.uk", PASSWORD)
    # The password given on the command line is for one sign-in: they choose their own.
    assert response.headers["Location"] == "/account/password"
    assert "Change your password" in client.get("/account/password").get_data(as_text=True)


def test_a_short_password_is_refused(runner, database):
    result = create_user(runner, password="too-short")
    assert result.exit_code != 0
    assert "The password must be between 12 and 128 characters." in result.output
    assert database.scalar(select(Person).where(Person.email == "kim.lee@example.gov.uk")) is None


def test_an_email_already_in_use_is_refused(runner, make_person, database):
    make_person(email="kim.lee@example.gov.uk")
    result = create_user(runner, email="Kim.Lee@example.gov.uk")
    assert result.exit_code != 0
    assert "Someone already has an account with Kim.Lee@example.gov.uk." in result.output
    assert database.scalar(select(func.count(Person.id))) == 1


def test_an_unknown_role_is_refused(runner, database):
    result = create_user(runner, "--role", "superuser")
    assert result.exit_code != 0
    assert "superuser" in result.output
    assert database.scalar(select(Person).where(Person.email == "kim.lee@example.gov.uk")) is None


@pytest.mark.parametrize("name", ["", "   ", "N" * 121])
def test_a_missing_or_overlong_name_is_refused(runner, database, name):
    result = runner.invoke(
        args=[
            *("users", "create", "--email", "kim.lee@example.gov.uk"),
            *("--name", name, "--password", PASSWORD),
        ]
    )
    assert result.exit_code != 0
    assert "Enter a name of 120 characters or fewer." in result.output
    assert database.scalar(select(Person).where(Person.email == "kim.lee@example.gov.uk")) is None


def test_demo_data_is_refused_where_it_is_turned_off(app, runner, database):
    original = app.config["LOAD_DEMO_DATA"]
    app.config["LOAD_DEMO_DATA"] = False
    try:
        result = runner.invoke(args=["demo", "load"])
    finally:
        app.config["LOAD_DEMO_DATA"] = original
    assert result.exit_code != 0
    assert "Demo data is never loaded in production." in result.output
    assert database.scalar(select(func.count(Project.id))) == 0


def test_prepare_migrates_loads_and_leaves_a_second_run_alone(tmp_path):
    """What ``make run`` does before serving, on a database of its own."""
    from app import create_app

    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'prepare.db'}"})
    runner = app.test_cli_runner()
    first = runner.invoke(args=["prepare"])
    assert first.exit_code == 0, first.output
    assert "govuk-service-standard: version 1 (new version)" in first.output
    assert "Demo data loaded: " in first.output
    second = runner.invoke(args=["prepare"])
    assert second.exit_code == 0, second.output
    assert "govuk-service-standard: version 1 (unchanged)" in second.output
    assert "the database already has projects, so nothing was loaded" in second.output
    with app.app_context():
        from app.extensions import db

        assert db.session.scalar(select(func.count(Project.id))) == 74
        db.engine.dispose()
