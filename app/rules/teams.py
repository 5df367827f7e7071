"""Rules for a project's team."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from app.rules.permissions import TEAM_ROLE_LABELS, TeamRole

# The order a team is listed in: who leads it first.
TEAM_ROLE_ORDER: tuple[TeamRole, ...] = (
    TeamRole.SERVICE_OWNER,
    TeamRole.DELIVERY_MANAGER,
    TeamRole.MEMBER,
)

TEAM_ROLE_HINTS = {
    TeamRole.SERVICE_OWNER: (
        "Answers for the project. Can change its details and team, and move it to another phase."
    ),
    TeamRole.DELIVERY_MANAGER: "Runs the team day to day. Can move the project to another phase.",
    TeamRole.MEMBER: "Works on the self-assessment and the actions.",
}


def no_account_message(may_add_people: bool) -> str:
    """What to do when the email address someone typed has no account: an administrator
    can add the person themselves; anyone else asks an administrator."""
    if may_add_people:
        return (
            "There is no account with this email address. "
            "Add the person first, then add them to the team"
        )
    return (
        "There is no account with this email address. Ask an administrator to add the person first"
    )


# What the audit trail calls a change to a team.
TEAM_SUBJECT = "team_membership"

TEAM_ROLE_MISSING = "Select their role in the team"
DEACTIVATED = (
    "The account with this email address has been deactivated. "
    "Ask an administrator to reactivate it first"
)


def is_team_role(value: object) -> bool:
    return value in {role.value for role in TeamRole}


def already_in_team_message(name: str) -> str:
    return f"{name} is already in the team"


def on_the_panel_message(name: str) -> str:
    """Nobody sits on a panel for a project whose team they are in, so someone on the panel
    of one of its open assessments joins the team (or changes role in it) only once the
    organiser has changed the panel."""
    return (
        f"{name} sits on the panel of this project's assessment. "
        "Ask the assessment organiser to change the panel first"
    )


def last_owner_message(name: str, removing: bool) -> str:
    what = "remove them" if removing else "change their role"
    return f"{name} is the only service owner. Make someone else a service owner before you {what}"


# How the audit trail words changes to a team.


def joined_summary(name: str, team_role: str) -> str:
    return f"Added {name} to the team as {team_role_label(team_role).lower()}"


def role_changed_summary(name: str) -> str:
    return f"Changed the team role of {name}"


def left_summary(name: str) -> str:
    return f"Removed {name} from the team"


class TeamChangeProblem(StrEnum):
    LAST_SERVICE_OWNER = "last_service_owner"


def team_role_label(team_role: str | None) -> str:
    try:
        return TEAM_ROLE_LABELS[TeamRole(team_role)]
    except ValueError:
        return str(team_role)


def _service_owners(team: Mapping[int, str]) -> set[int]:
    return {person for person, role in team.items() if role == TeamRole.SERVICE_OWNER.value}


def team_change_problem(
    team: Mapping[int, str], person_id: int, new_role: str | None
) -> TeamChangeProblem | None:
    """What is wrong with giving ``person_id`` the team role ``new_role`` (None removes them).

    ``team`` is the team as it is now: ``{person id: team role}``. A project
    that has a service owner must keep at least one, so the last one can be
    neither removed nor given another role. (A project that has none yet, such
    as one just added, can have its team built in any order.)
    """
    before = _service_owners(team)
    if not before:
        return None
    after = dict(team)
    if new_role is None:
        after.pop(person_id, None)
    else:
        after[person_id] = new_role
    return TeamChangeProblem.LAST_SERVICE_OWNER if not _service_owners(after) else None
