"""Command-line tasks: ``flask prepare``, ``flask frameworks load``, ``flask demo load``,
``flask users create``."""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext

from app.commands import Conflict, Invalid, setup
from app.commands import people as people_commands
from app.framework_files import FrameworkFileError, read_framework_folder
from app.rules.permissions import Role
from app.rules.sign_in import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH

MAX_NAME_LENGTH = people_commands.MAX_NAME_LENGTH  # as the Full name field in the admin's form
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
    try:
        files = read_framework_folder(folder)
    except FrameworkFileError as error:
        raise click.ClickException(f"Framework file problem: {error}") from error
    results = setup.load_frameworks(files)
    for result in results:
        state = "new version" if result.changed else "unchanged"
        click.echo(f"{result.slug}: version {result.version} ({state})")


@demo_cli.command("load")
@click.option("--if-empty", is_flag=True, help="Do nothing if the database already has projects.")
def load_demo_data(if_empty: bool) -> None:
    """Load the demo portfolio of 74 projects and one account per role."""
    if not current_app.config["LOAD_DEMO_DATA"]:
        raise click.ClickException("Demo data is never loaded in production.")
    try:
        summary = setup.load_demo_data(current_app.config["DEMO_PASSWORD"])
    except Conflict as error:
        if if_empty:
            click.echo("Demo data: the database already has projects, so nothing was loaded.")
            return
        raise click.ClickException(error.message) from error
    click.echo(
        f"Demo data loaded: {summary.people} people, {summary.projects} projects, "
        f"{summary.assessments} self-assessments, {summary.panel_assessments} panel "
        f"assessments, {summary.actions} actions."
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
    """Give someone an account. The password works for their first sign-in only: they then
    choose their own."""
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
    try:
        person = people_commands.add_person(None, name, email, roles, password)
    except Invalid as error:
        if "email" in error.errors and "already" in error.errors["email"]:
            raise click.ClickException(f"Someone already has an account with {email}.") from error
        raise click.ClickException(error.message) from error
    click.echo(
        f"Created {person.name} <{person.email}> with roles: {', '.join(roles) or 'none'}. "
        "They will choose their own password when they first sign in."
    )


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
