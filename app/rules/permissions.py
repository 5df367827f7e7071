"""Who may do what. Plain functions of roles and team roles."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    ADMINISTRATOR = "administrator"
    BOARD_MEMBER = "board_member"
    ASSESSOR = "assessor"
    ORGANISER = "organiser"


ROLE_LABELS = {
    Role.ADMINISTRATOR: "Administrator",
    Role.BOARD_MEMBER: "Board member",
    Role.ASSESSOR: "Assessor",
    Role.ORGANISER: "Assessment organiser",
}

ROLE_HINTS = {
    Role.ADMINISTRATOR: "Manages people, projects, panels and frameworks.",
    Role.BOARD_MEMBER: "Reads every project and assessment, changes nothing.",
    Role.ASSESSOR: "Can be put on the panel of an assessment.",
    Role.ORGANISER: "Keeps the queue of assessments, arranges them and their panels.",
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


def can_view_portfolio(roles: Collection[str]) -> bool:
    """The programme board's pages (the portfolio, its grid, meetings, the board pack and
    the downloads): board members, organisers and administrators. Team members and
    assessors are refused; they see their own projects and panels on their own pages."""
    return any(
        _has(roles, role) for role in (Role.BOARD_MEMBER, Role.ORGANISER, Role.ADMINISTRATOR)
    )


def starts_on_portfolio(roles: Collection[str]) -> bool:
    """Board members start from the portfolio when they sign in; everyone else from their
    projects (an organiser in no team from the queue of assessments)."""
    return _has(roles, Role.BOARD_MEMBER)


def can_organise_assessments(roles: Collection[str]) -> bool:
    """Arrange assessments and panels, see the queue and the feedback: organisers and
    administrators."""
    return _has(roles, Role.ORGANISER) or _has(roles, Role.ADMINISTRATOR)


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


@dataclass(frozen=True)
class AssessmentAbilities:
    """What one person may do on one panel assessment (peer review, formal assessment,
    reassessment, amber evidence review)."""

    read_panel_work: bool  # the brief, the team's evidence, the panel's scores as they go
    read_report: bool  # the report as sent to the team, and once published
    score: bool  # write ratings and findings (panel members but observers)
    lead: bool  # summary, final ratings, send, answer challenges, publish
    organise: bool  # arrange, change the panel, withdraw
    team_answer: bool  # accept or challenge the report (service owner, delivery manager)
    panel_role: str | None
    team_role: str | None


REPORT_SEEN_BY_TEAM = frozenset({"sent", "challenged", "accepted", "published"})


def assessment_abilities(
    roles: Collection[str],
    *,
    panel_role: str | None,
    team_role: str | None,
    status: str,
    confidential: bool,
) -> AssessmentAbilities:
    """Who may do what on a panel assessment.

    The panel (and organisers, administrators and the board, who read everything) see the
    panel's work as it goes; the team sees the report once it is sent to them; once
    published, every signed-in person reads it, unless the project is confidential: then
    only its team, its panel, the board and administrators read its report and the
    panel's work, at any step. An organiser still arranges a confidential project's
    assessments (``organise``) without reading them.
    """
    on_panel = panel_role is not None
    organise = can_organise_assessments(roles)
    board = _has(roles, Role.BOARD_MEMBER) or _has(roles, Role.ADMINISTRATOR)
    read_panel_work = on_panel or board or (organise and not confidential)
    in_team = team_role is not None
    if status == "published":
        read_report = (not confidential) or on_panel or in_team or board
    else:
        read_report = read_panel_work or (in_team and status in REPORT_SEEN_BY_TEAM)
    return AssessmentAbilities(
        read_panel_work=read_panel_work,
        read_report=read_report,
        score=on_panel and panel_role != "observer",
        lead=panel_role == "lead",
        organise=organise,
        team_answer=team_role in (TeamRole.SERVICE_OWNER.value, TeamRole.DELIVERY_MANAGER.value),
        panel_role=panel_role,
        team_role=team_role,
    )
