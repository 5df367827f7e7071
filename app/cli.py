"""Command-line tasks: ``flask prepare``, ``flask frameworks load``, ``flask demo load``,
``flask users create``."""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext

from app.data import people
from app.extensions import db
from app.framework_files import FrameworkFileError, read_framework_folder
from app.rules.permissions import Role
from app.rules.sign_in import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH

MAX_NAME_LENGTH = 120  # as the Full name field in the admin's form
FRAMEWORKS_FOLDER = Path(__file__).resolve().parent.parent / "assessments"

frameworks_cli = AppGroup("frameworks", help="Load the frameworks in assessments/.")
demo_cli = AppGroup("demo", help="Demo data.")
users_cli = AppGroup("users", help="Manage people from the command line.")


@frameworks_cli.command("load")
@click.option(
    "--folder",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=FRAMEWORKS_FOLDER,
    show_default=True,
)
def load_frameworks(folder: Path) -> None:
    """Check every framework file and bring the database up to date with them."""
    from app.data.frameworks import sync_frameworks

    try:
        files = read_framework_folder(folder)
    except FrameworkFileError as error:
        raise click.ClickException(f"Framework file problem: {error}") from error
    results = sync_frameworks(files)
    db.session.commit()
    for result in results:
        state = "new version" if result.changed else "unchanged"
        click.echo(f"{result.slug}: version {result.version} ({state})")


@demo_cli.command("load")
@click.option("--if-empty", is_flag=True, help="Do nothing if the database already has projects.")
def load_demo_data(if_empty: bool) -> None:
    """Load the demo portfolio of 74 projects and one account per role."""
    from app.demo.loader import demo_data_present, load_demo

    if not current_app.config["LOAD_DEMO_DATA"]:
        raise click.ClickException("Demo data is never loaded in production.")
    if demo_data_present():
        if if_empty:
            click.echo("Demo data: the database already has projects, so nothing was loaded.")
            return
        raise click.ClickException(
            "The database already has projects. Demo data loads only into an empty one."
        )
    summary = load_demo(current_app.config["DEMO_PASSWORD"])
    db.session.commit()
    click.echo(
        f"Demo data loaded: {summary.people} people, {summary.projects} projects, "
        f"{summary.assessments} self-assessments, {summary.actions} actions."
    )


@users_cli.command("create")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option(
    "--role",
    "roles",
    multiple=True,
    type=click.Choice([r.value for r in Role]),
    help="Repeat for several roles.",
)
@click.password_option(help="Asked for if not given.")
def create_user(email: str, name: str, roles: tuple[str, ...], password: str) -> None:
    """Give someone an account."""
    if not MIN_PASSWORD_LENGTH <= len(password) <= MAX_PASSWORD_LENGTH:
        raise click.ClickException(
            f"The password must be between {MIN_PASSWORD_LENGTH} and "
            f"{MAX_PASSWORD_LENGTH} characters."
        )
    name = name.strip()
    if not name or len(name) > MAX_NAME_LENGTH:
        raise click.ClickException(f"Enter a name of {MAX_NAME_LENGTH} characters or fewer.")
    if "@" not in email or len(email) > 254:
        raise click.ClickException("Enter an email address in the correct format.")
    if people.person_by_email(email):
        raise click.ClickException(f"Someone already has an account with {email}.")
    person = people.create_person(name, email, roles, password)
    db.session.commit()
    click.echo(f"Created {person.name} <{person.email}> with roles: {', '.join(roles) or 'none'}.")


@click.command("prepare")
@with_appcontext
@click.pass_context
def prepare(context: click.Context) -> None:
    """Everything ``make run`` needs before serving, in one go: migrate the database, load
    the frameworks and, into an empty database outside production, the demo data."""
    from flask_migrate import upgrade

    upgrade()
    context.invoke(load_frameworks)
    if current_app.config["LOAD_DEMO_DATA"]:
        context.invoke(load_demo_data, if_empty=True)


def init_cli(app: Flask) -> None:
    app.cli.add_command(prepare)
    app.cli.add_command(frameworks_cli)
    app.cli.add_command(demo_cli)
    app.cli.add_command(users_cli)
