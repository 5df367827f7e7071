"""Panels: who sits on one, in which role, who may score, and why a panel is refused.

Plain functions of ids, roles and flags, so the arrange page, the commands and the tests
all read the same rules.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum


class PanelRole(StrEnum):
    LEAD = "lead"
    USER_RESEARCH = "user_research"
    DESIGN = "design"
    CONTENT_DESIGN = "content_design"
    TECHNICAL = "technical"
    ACCESSIBILITY = "accessibility"
    PERFORMANCE_ANALYST = "performance_analyst"
    PRODUCT_DELIVERY = "product_delivery"
    OBSERVER = "observer"


PANEL_ROLE_LABELS = {
    PanelRole.LEAD: "Lead assessor",
    PanelRole.USER_RESEARCH: "User research",
    PanelRole.DESIGN: "Design",
    PanelRole.CONTENT_DESIGN: "Content design",
    PanelRole.TECHNICAL: "Technical",
    PanelRole.ACCESSIBILITY: "Accessibility",
    PanelRole.PERFORMANCE_ANALYST: "Performance analyst",
    PanelRole.PRODUCT_DELIVERY: "Product and delivery",
    PanelRole.OBSERVER: "Observer",
}

# The roles a framework file may name as usually leading on a point (not lead, not observer).
SPECIALIST_ROLES: tuple[PanelRole, ...] = tuple(
    role for role in PanelRole if role not in (PanelRole.LEAD, PanelRole.OBSERVER)
)


def panel_role_label(value: str | None) -> str:
    try:
        return PANEL_ROLE_LABELS[PanelRole(value)]
    except ValueError:
        return "Unknown role"


def is_known_panel_role(value: str | None) -> bool:
    return value in {role.value for role in PanelRole}


def may_score(panel_role: str | None, conflicted: bool = False) -> bool:
    """Every panel member but an observer writes ratings and findings, unless they have
    declared a conflict of interest with the project (``conflicted``): then they score
    nothing, write no summary and add no actions, until the organiser changes the panel."""
    return is_known_panel_role(panel_role) and panel_role != PanelRole.OBSERVER and not conflicted


def is_lead(panel_role: str | None) -> bool:
    """The lead writes the summary, agrees the final ratings, sends, answers challenges
    and publishes."""
    return panel_role == PanelRole.LEAD


class PanelProblem(StrEnum):
    NO_LEAD = "no_lead"
    SEVERAL_LEADS = "several_leads"
    LEAD_CANNOT_LEAD = "lead_cannot_lead"
    NOT_AN_ASSESSOR = "not_an_assessor"
    IN_THE_TEAM = "in_the_team"
    DECLARED_CONFLICT = "declared_conflict"
    TWICE = "twice"
    UNKNOWN_ROLE = "unknown_role"


@dataclass(frozen=True)
class Seat:
    """One place on a panel as arranged: a role and the person in it (None while open)."""

    panel_role: str
    person_id: int | None


@dataclass(frozen=True)
class SeatProblem:
    problem: PanelProblem
    person_id: int | None = None


def seat_problems(
    person_id: int,
    *,
    assessor_ids: Collection[int],
    team_ids: Collection[int],
    conflicted_ids: Collection[int],
) -> list[PanelProblem]:
    """Why ``person_id`` may not sit on this panel (an empty list means they may)."""
    problems = []
    if person_id not in assessor_ids:
        problems.append(PanelProblem.NOT_AN_ASSESSOR)
    if person_id in team_ids:
        problems.append(PanelProblem.IN_THE_TEAM)
    if person_id in conflicted_ids:
        problems.append(PanelProblem.DECLARED_CONFLICT)
    return problems


def panel_problems(
    seats: Iterable[Seat],
    *,
    assessor_ids: Collection[int],
    able_to_lead_ids: Collection[int],
    team_ids: Collection[int],
    conflicted_ids: Collection[int],
) -> list[SeatProblem]:
    """Everything wrong with a panel as arranged.

    Exactly one lead, who must be able to lead and must be named; each person once; each
    person an assessor who is not in the project's team and has not declared a conflict
    with it. Open seats (no person yet) are allowed for every role but the lead.
    """
    seats = list(seats)
    problems: list[SeatProblem] = []
    leads = [seat for seat in seats if seat.panel_role == PanelRole.LEAD]
    if not leads or all(seat.person_id is None for seat in leads):
        problems.append(SeatProblem(PanelProblem.NO_LEAD))
    elif len(leads) > 1:
        problems.append(SeatProblem(PanelProblem.SEVERAL_LEADS))
    seen: set[int] = set()
    for seat in seats:
        if not is_known_panel_role(seat.panel_role):
            problems.append(SeatProblem(PanelProblem.UNKNOWN_ROLE, seat.person_id))
        if seat.person_id is None:
            continue
        # Why the person cannot sit on the panel at all comes before their being on it
        # twice: it is the problem to put right.
        for problem in seat_problems(
            seat.person_id,
            assessor_ids=assessor_ids,
            team_ids=team_ids,
            conflicted_ids=conflicted_ids,
        ):
            problems.append(SeatProblem(problem, seat.person_id))
        if seat.person_id in seen:
            problems.append(SeatProblem(PanelProblem.TWICE, seat.person_id))
        seen.add(seat.person_id)
        if seat.panel_role == PanelRole.LEAD and seat.person_id not in able_to_lead_ids:
            problems.append(SeatProblem(PanelProblem.LEAD_CANNOT_LEAD, seat.person_id))
    return problems


def problem_message(problem: SeatProblem, names: Mapping[int, str]) -> str:
    """The words the arrange page shows for a problem."""
    who = names.get(problem.person_id, "This person") if problem.person_id else ""
    return {
        PanelProblem.NO_LEAD: "Choose a lead assessor for the panel",
        PanelProblem.SEVERAL_LEADS: "A panel has one lead assessor: choose only one",
        PanelProblem.LEAD_CANNOT_LEAD: (
            f"{who} cannot be the lead: they are not marked as able to lead assessments"
        ),
        PanelProblem.NOT_AN_ASSESSOR: f"{who} cannot sit on a panel: they are not an assessor",
        PanelProblem.IN_THE_TEAM: (
            f"{who} cannot sit on this panel: they are in the project's team"
        ),
        PanelProblem.DECLARED_CONFLICT: (
            f"{who} cannot sit on this panel: they have declared a conflict of interest "
            "with this project"
        ),
        PanelProblem.TWICE: f"{who} is on the panel twice: give each person one role",
        PanelProblem.UNKNOWN_ROLE: "Choose a panel role from the list",
    }[problem.problem]


def leading_roles(roles: Iterable[str]) -> list[str]:
    """The panel roles a framework file names for a point, in the order of ``PanelRole``,
    known ones only."""
    wanted = set(roles)
    return [role.value for role in SPECIALIST_ROLES if role.value in wanted]
