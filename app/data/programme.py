"""Queries and changes for importing the programme spreadsheet."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.models import Directorate, Person, ProgrammeUpload, Project, TeamMembership
from app.rules.ids import can_be_an_id
from app.rules.permissions import TeamRole
from app.rules.programme_import import owner_emails, rows_from_table
from app.rules.programme_plan import ExistingProject, ImportPlan, Owner, plan_import


def plan_for(cells: list[list[str]]) -> tuple[list[str], ImportPlan | None]:
    """What importing the table ``cells`` would do now: the problems with the file as a
    whole (and no plan), or the plan, row by row."""
    rows, problems = rows_from_table(cells)
    if problems:
        return problems, None
    return [], plan_import(
        rows, projects_to_compare(), owners_by_email(owner_emails(rows)), directorate_names()
    )


def projects_to_compare() -> list[ExistingProject]:
    """Every project as the import compares it, with its service owners' email addresses.

    Two queries, whatever the number of projects."""
    owners: dict[int, set[str]] = {}
    for project_id, email in db.session.execute(
        select(TeamMembership.project_id, Person.email)
        .join(Person, Person.id == TeamMembership.person_id)
        .where(TeamMembership.team_role == TeamRole.SERVICE_OWNER.value)
    ):
        owners.setdefault(project_id, set()).add(email.lower())
    rows = db.session.execute(
        select(Project, Directorate.name)
        .outerjoin(Directorate, Directorate.id == Project.directorate_id)
        .order_by(Project.id)
    )
    return [
        ExistingProject(
            id=project.id,
            name=project.name,
            description=project.description or "",
            directorate=directorate,
            phase=project.phase,
            key_deliverables=project.key_deliverables or "",
            cashable_benefit=project.cashable_benefit,
            non_cashable_benefit=project.non_cashable_benefit,
            owner_emails=frozenset(owners.get(project.id, ())),
        )
        for project, directorate in rows
    ]


def owners_by_email(emails: Iterable[str]) -> dict[str, Owner]:
    """The people with these email addresses (compared in lower case), by lower-case email."""
    wanted = sorted({email.lower() for email in emails if email})
    if not wanted:
        return {}
    people = db.session.scalars(select(Person).where(func.lower(Person.email).in_(wanted)))
    return {
        person.email.lower(): Owner(person.email.lower(), person.name, person.is_active)
        for person in people
    }


def people_by_email(emails: Iterable[str]) -> dict[str, Person]:
    wanted = sorted({email.lower() for email in emails if email})
    if not wanted:
        return {}
    return {
        person.email.lower(): person
        for person in db.session.scalars(select(Person).where(func.lower(Person.email).in_(wanted)))
    }


def directorate_names() -> list[str]:
    return list(db.session.scalars(select(Directorate.name).order_by(Directorate.name)))


def directorates_by_folded_name() -> dict[str, Directorate]:
    return {
        " ".join(directorate.name.split()).casefold(): directorate
        for directorate in db.session.scalars(select(Directorate).order_by(Directorate.id))
    }


def projects_for_change(project_ids: Iterable[int]) -> dict[int, Project]:
    """The projects, read afresh with their teams, their rows held until the transaction ends
    (on databases that lock rows)."""
    ids = sorted(set(project_ids))
    if not ids:
        return {}
    projects = db.session.scalars(
        select(Project)
        .options(joinedload(Project.memberships).joinedload(TeamMembership.person))
        .where(Project.id.in_(ids))
        .order_by(Project.id)
        .with_for_update(of=Project)
        .execution_options(populate_existing=True)
    ).unique()
    return {project.id: project for project in projects}


# --- Uploads kept between preview and confirmation ----------------------------------------------


def keep_upload(person_id: int, filename: str, cells: list[list[str]]) -> ProgrammeUpload:
    upload = ProgrammeUpload(person_id=person_id, filename=filename[:255], cells=cells)
    db.session.add(upload)
    db.session.flush()
    return upload


def upload_for(upload_id: int, person_id: int, since: datetime) -> ProgrammeUpload | None:
    """The upload, if ``person_id`` made it and it is not older than ``since``."""
    if not can_be_an_id(upload_id):
        return None
    return db.session.scalar(
        select(ProgrammeUpload).where(
            ProgrammeUpload.id == upload_id,
            ProgrammeUpload.person_id == person_id,
            ProgrammeUpload.created_at >= since,
        )
    )


def forget_uploads(person_id: int, before: datetime) -> None:
    """Forget the person's earlier uploads, and anyone's older than ``before``."""
    db.session.execute(
        delete(ProgrammeUpload).where(
            (ProgrammeUpload.person_id == person_id) | (ProgrammeUpload.created_at < before)
        )
    )


def forget_upload(upload: ProgrammeUpload) -> None:
    db.session.delete(upload)
    db.session.flush()
