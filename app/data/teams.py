"""Queries and changes for a project's team."""

from __future__ import annotations

from sqlalchemy import bindparam, case, select
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.models import Assessment, PanelMember, Person, TeamMembership
from app.rules.ids import can_be_an_id
from app.rules.reports import PANEL_KINDS
from app.rules.self_assessment import AssessmentStatus
from app.rules.teams import TEAM_ROLE_ORDER

_ROLE_RANK = case(
    {role.value: rank for rank, role in enumerate(TEAM_ROLE_ORDER)},
    value=TeamMembership.team_role,
    else_=len(TEAM_ROLE_ORDER),
)


def team_members(project_id: int) -> list[TeamMembership]:
    """The team, service owners first, then delivery managers, then everyone else, by name
    (each person's roles are loaded only if something asks for them)."""
    return list(db.session.scalars(_TEAM_MEMBERS, {"project_id": project_id}))


# Built once: every project page asks for it.
_TEAM_MEMBERS = (
    select(TeamMembership)
    .join(TeamMembership.person)
    .options(joinedload(TeamMembership.person).lazyload(Person.role_grants))
    .where(TeamMembership.project_id == bindparam("project_id"))
    .order_by(_ROLE_RANK, Person.name, Person.id)
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


def membership(project_id: int, person_id: int, for_change: bool = False) -> TeamMembership | None:
    """The person's place in the project's team, with the person; read afresh when it is
    ``for_change``."""
    if not can_be_an_id(person_id):
        return None
    query = (
        select(TeamMembership)
        .options(joinedload(TeamMembership.person))
        .where(TeamMembership.project_id == project_id, TeamMembership.person_id == person_id)
    )
    if for_change:
        query = query.execution_options(populate_existing=True)
    return db.session.scalar(query)


def add_member(project_id: int, person_id: int, team_role: str) -> TeamMembership:
    member = TeamMembership(project_id=project_id, person_id=person_id, team_role=team_role)
    db.session.add(member)
    db.session.flush()
    return member


def set_role(member: TeamMembership, team_role: str) -> None:
    member.team_role = team_role
    db.session.flush()


def remove_member(member: TeamMembership) -> None:
    db.session.delete(member)
    db.session.flush()


def person_or_none(person_id: int) -> Person | None:
    """Anyone with an account, to be added to a team."""
    return db.session.get(Person, person_id) if can_be_an_id(person_id) else None


def sits_on_open_panel(project_id: int, person_id: int) -> bool:
    """Whether the person sits on the panel of one of the project's assessments that is
    still open (not published or withdrawn)."""
    return (
        db.session.scalar(
            select(PanelMember.id)
            .join(Assessment, Assessment.id == PanelMember.assessment_id)
            .where(
                PanelMember.person_id == person_id,
                Assessment.project_id == project_id,
                Assessment.kind.in_(PANEL_KINDS),
                Assessment.status.not_in(
                    (AssessmentStatus.PUBLISHED.value, AssessmentStatus.WITHDRAWN.value)
                ),
            )
            .limit(1)
        )
        is not None
    )
