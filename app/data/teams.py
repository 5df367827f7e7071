"""Queries and changes for a project's team."""

from __future__ import annotations

from sqlalchemy import case, select
from sqlalchemy.orm import joinedload

from app.audit import record
from app.extensions import db
from app.models import Person, Project, TeamMembership
from app.rules.ids import can_be_an_id
from app.rules.teams import TEAM_ROLE_ORDER, team_role_label

SUBJECT_TYPE = "team_membership"

_ROLE_RANK = case(
    {role.value: rank for rank, role in enumerate(TEAM_ROLE_ORDER)},
    value=TeamMembership.team_role,
    else_=len(TEAM_ROLE_ORDER),
)


def team_members(project_id: int) -> list[TeamMembership]:
    """The team, service owners first, then delivery managers, then everyone else, by name."""
    return list(
        db.session.scalars(
            select(TeamMembership)
            .join(TeamMembership.person)
            .options(joinedload(TeamMembership.person))
            .where(TeamMembership.project_id == project_id)
            .order_by(_ROLE_RANK, Person.name, Person.id)
        )
    )


def team_roles(project_id: int) -> dict[int, str]:
    """``{person id: team role}`` for the project's team."""
    return dict(
        db.session.execute(
            select(TeamMembership.person_id, TeamMembership.team_role).where(
                TeamMembership.project_id == project_id
            )
        ).all()
    )


def hold_team(project_id: int) -> None:
    """Hold the project's row until the transaction ends, so changes to one team queue.

    Checks such as "a project keeps at least one service owner" read the whole team;
    without this, two people removing the last two service owners at the same moment
    would each see one left and both succeed. (SQLite ignores it: it lets one writer
    in at a time anyway.)
    """
    db.session.execute(select(Project.id).where(Project.id == project_id).with_for_update())


def membership(project_id: int, person_id: int) -> TeamMembership | None:
    if not can_be_an_id(person_id):
        return None
    return db.session.scalar(
        select(TeamMembership)
        .options(joinedload(TeamMembership.person))
        .where(TeamMembership.project_id == project_id, TeamMembership.person_id == person_id)
    )


def added_summary(name: str, team_role: str) -> str:
    """How the audit trail words someone joining the team."""
    return f"Added {name} to the team as {team_role_label(team_role).lower()}"


def add_member(project: Project, person: Person, team_role: str, actor_id: int) -> TeamMembership:
    member = TeamMembership(project_id=project.id, person_id=person.id, team_role=team_role)
    db.session.add(member)
    db.session.flush()
    record(
        actor_id,
        "added",
        SUBJECT_TYPE,
        member.id,
        added_summary(person.name, team_role),
        {"team_role": [None, team_role]},
        project_id=project.id,
    )
    return member


def change_role(member: TeamMembership, team_role: str, actor_id: int) -> bool:
    """Give the member another team role; False when it is the role they already have."""
    before = member.team_role
    if before == team_role:
        return False
    member.team_role = team_role
    record(
        actor_id,
        "updated",
        SUBJECT_TYPE,
        member.id,
        f"Changed the team role of {member.person.name}",
        {"team_role": [before, team_role]},
        project_id=member.project_id,
    )
    return True


def remove_member(member: TeamMembership, actor_id: int) -> None:
    record(
        actor_id,
        "removed",
        SUBJECT_TYPE,
        member.id,
        f"Removed {member.person.name} from the team",
        {"team_role": [member.team_role, None]},
        project_id=member.project_id,
    )
    db.session.delete(member)
