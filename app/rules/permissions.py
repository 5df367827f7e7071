"""Who may do what. Plain functions of roles and team roles."""

from __future__ import annotations

from collections.abc import Collection
from enum import StrEnum


class Role(StrEnum):
    ADMINISTRATOR = "administrator"
    BOARD_MEMBER = "board_member"
    ASSESSOR = "assessor"


ROLE_LABELS = {
    Role.ADMINISTRATOR: "Administrator",
    Role.BOARD_MEMBER: "Board member",
    Role.ASSESSOR: "Assessor",
}

ROLE_HINTS = {
    Role.ADMINISTRATOR: "Manages people, projects, panels and frameworks.",
    Role.BOARD_MEMBER: "Reads every project and assessment, changes nothing.",
    Role.ASSESSOR: "Can be put on the panel of an assessment.",
}


class TeamRole(StrEnum):
    SERVICE_OWNER = "service_owner"
    DELIVERY_MANAGER = "delivery_manager"
    MEMBER = "member"


TEAM_ROLE_LABELS = {
    TeamRole.SERVICE_OWNER: "Service owner",
    TeamRole.DELIVERY_MANAGER: "Delivery manager",
    TeamRole.MEMBER: "Team member",
}


def _has(roles: Collection[str], role: Role) -> bool:
    return role.value in roles


def can_manage_people(roles: Collection[str]) -> bool:
    return _has(roles, Role.ADMINISTRATOR)


def can_read_all_projects(roles: Collection[str]) -> bool:
    return _has(roles, Role.ADMINISTRATOR) or _has(roles, Role.BOARD_MEMBER)


def can_add_projects(roles: Collection[str]) -> bool:
    return _has(roles, Role.ADMINISTRATOR)


def can_read_project(roles: Collection[str], team_role: str | None) -> bool:
    return can_read_all_projects(roles) or team_role is not None


def can_edit_team_work(roles: Collection[str], team_role: str | None) -> bool:
    """The team's parts of a project: its self-assessments, evidence and actions."""
    return _has(roles, Role.ADMINISTRATOR) or team_role is not None


def can_manage_project(roles: Collection[str], team_role: str | None) -> bool:
    """Edit the project's details and team: administrators and the service owner."""
    return _has(roles, Role.ADMINISTRATOR) or team_role == TeamRole.SERVICE_OWNER.value


def can_change_phase(roles: Collection[str], team_role: str | None) -> bool:
    """Move a project between phases: administrators, its service owner and delivery manager."""
    return _has(roles, Role.ADMINISTRATOR) or team_role in (
        TeamRole.SERVICE_OWNER.value,
        TeamRole.DELIVERY_MANAGER.value,
    )


def may_change_roles(actor_id: int, target_id: int, new_roles: Collection[str]) -> bool:
    """An administrator may not take the administrator role away from themselves.

    That keeps at least the person doing it able to manage people.
    """
    return actor_id != target_id or Role.ADMINISTRATOR.value in new_roles


def may_deactivate(actor_id: int, target_id: int) -> bool:
    return actor_id != target_id
