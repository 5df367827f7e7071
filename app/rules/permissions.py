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
    Role.BOARD_MEMBER: (
        "Reads every project and assessment, or only those of the directorates ticked "
        "below. Changes nothing."
    ),
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


# --- Directorate scope ------------------------------------------------------------------------
#
# An administrator may limit a person (usually a board member, so that a director sees their
# own directorates) to some directorates. A person limited that way reads, by virtue of their
# roles, only the projects of those directorates: on the board's pages, in the downloads, on
# "Your projects", on project pages and in the published reports. What they read because they
# are in a project's team or on an assessment's panel is never limited. Administrators are
# never limited: rows that limit one are ignored (and the edit page does not offer them).


def scope_applies(roles: Collection[str]) -> bool:
    """Whether a directorate scope can limit a person with ``roles``: everyone but
    administrators."""
    return not _has(roles, Role.ADMINISTRATOR)


def directorate_scope(
    roles: Collection[str], directorate_ids: Collection[int] | None
) -> frozenset[int] | None:
    """The directorates a person is limited to, or None for the whole programme: None when
    they have no limits set, or when they are an administrator."""
    if not directorate_ids or not scope_applies(roles):
        return None
    return frozenset(directorate_ids)


def in_directorates(directorate_id: int | None, allowed: Collection[int] | None) -> bool:
    """Whether a person limited to ``allowed`` directorates (None: the whole programme) sees a
    project of ``directorate_id``. A project with no directorate is seen only by people who
    see the whole programme."""
    if allowed is None:
        return True
    return directorate_id is not None and directorate_id in allowed


def can_read_project(
    roles: Collection[str],
    team_role: str | None,
    directorate_id: int | None = None,
    allowed: Collection[int] | None = None,
) -> bool:
    """Its team reads a project; board members and administrators read every project, a
    board member limited to some directorates (``allowed``, from :func:`directorate_scope`)
    only theirs."""
    if team_role is not None:
        return True
    if _has(roles, Role.ADMINISTRATOR):
        return True
    return _has(roles, Role.BOARD_MEMBER) and in_directorates(directorate_id, allowed)


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
    # On the panel, and either declared a conflict of interest with the project or in its
    # team (nobody sits on a panel for a project whose team they are in).
    conflicted: bool = False

    @property
    def acts_as_lead(self) -> bool:
        """Leads the panel and has no conflict with the project."""
        return self.lead and not self.conflicted

    @property
    def in_team_and_on_panel(self) -> bool:
        """In the project's team and on its panel: conflicted, whatever they declared."""
        return self.panel_role is not None and self.team_role is not None


def may_answer_for_team(team_role: str | None) -> bool:
    """The team's service owner and delivery manager accept or challenge a report."""
    return team_role in (TeamRole.SERVICE_OWNER.value, TeamRole.DELIVERY_MANAGER.value)


REPORT_SEEN_BY_TEAM = frozenset({"sent", "challenged", "accepted", "published"})


def assessment_abilities(
    roles: Collection[str],
    *,
    panel_role: str | None,
    team_role: str | None,
    status: str,
    confidential: bool,
    conflicted: bool = False,
    in_scope: bool = True,
) -> AssessmentAbilities:
    """Who may do what on a panel assessment.

    The panel (and organisers, administrators and the board, who read everything) see the
    panel's work as it goes; the team sees the report once it is sent to them; once
    published, every signed-in person reads it, unless the project is confidential: then
    only its team, its panel, the board and administrators read its report and the
    panel's work, at any step. An organiser still arranges a confidential project's
    assessments (``organise``) without reading them. A panel member who has declared a
    conflict of interest with the project (``conflicted``) still reads its pages, but the
    commands refuse their scores and a conflicted lead's summary, final ratings, sending,
    answers to challenges and publishing (``acts_as_lead``). A panel member who is also in
    the project's team (added to it after the panel was arranged) is conflicted in the
    same way, and never answers the report for the team either.

    ``in_scope`` is False for a person limited to directorates that do not include the
    project's (``in_directorates``; never for an administrator): what they read by virtue of
    their roles, or as any signed-in person, they then do not read; what they read as its
    team or its panel they still do. Organising is not reading, and is not limited.
    """
    on_panel = panel_role is not None
    organise = can_organise_assessments(roles)
    admin = _has(roles, Role.ADMINISTRATOR)
    in_scope = in_scope or admin
    board = admin or (_has(roles, Role.BOARD_MEMBER) and in_scope)
    read_panel_work = on_panel or board or (organise and not confidential and in_scope)
    in_team = team_role is not None
    if status == "published":
        read_report = (not confidential and in_scope) or on_panel or in_team or board
    else:
        read_report = read_panel_work or (in_team and status in REPORT_SEEN_BY_TEAM)
    return AssessmentAbilities(
        read_panel_work=read_panel_work,
        read_report=read_report,
        score=on_panel and panel_role != "observer",
        lead=panel_role == "lead",
        organise=organise,
        team_answer=not on_panel and may_answer_for_team(team_role),
        panel_role=panel_role,
        team_role=team_role,
        conflicted=on_panel and (conflicted or in_team),
    )


# --- Why a page is refused --------------------------------------------------------------------


class ProjectRefusal(StrEnum):
    """Why someone may not read a project's pages, for a refusal that says so."""

    OUT_OF_SCOPE = "out_of_scope"  # would read it, but it is outside their directorates
    ORGANISER = "organiser"  # arranges its assessments, but does not read projects
    NOT_THEIRS = "not_theirs"  # not in its team, and no role that reads it


def project_refusal(
    roles: Collection[str],
    team_role: str | None,
    directorate_id: int | None = None,
    allowed: Collection[int] | None = None,
) -> ProjectRefusal | None:
    """Why :func:`can_read_project` refuses (None: it does not)."""
    if can_read_project(roles, team_role, directorate_id, allowed):
        return None
    if can_read_project(roles, team_role):
        return ProjectRefusal.OUT_OF_SCOPE
    if _has(roles, Role.ORGANISER):
        return ProjectRefusal.ORGANISER
    return ProjectRefusal.NOT_THEIRS
