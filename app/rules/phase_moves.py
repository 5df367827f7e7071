"""Rules for moving a project from one phase to another."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from app.rules.actions import is_open
from app.rules.phases import Phase, is_forward_move
from app.rules.ratings import Rating, parse_rating

REASON_LIMIT = 1000
OVERRIDE_REASON_LIMIT = 1000
FIRST_PHASE_REASON = "Added to the programme"


def needs_confirmation(
    from_phase: str, to_phase: str, red_points: int, open_actions_from_red_points: int
) -> bool:
    """Moving on while points are red, or red points' actions are still open, needs a reason.

    Only moving on does: going back a phase is the safe direction, so it needs none.
    """
    if not is_forward_move(from_phase, to_phase):
        return False
    return red_points > 0 or open_actions_from_red_points > 0


def phase_choices(current: str) -> list[Phase]:
    """Every phase except the current one: projects may also go back a phase."""
    return [phase for phase in Phase if phase.value != current]


def point_rating(team_rating: str | None, panel_rating: str | None) -> Rating | None:
    """A point's rating in an assessment: the panel's when it has given one, else the team's."""
    return parse_rating(panel_rating) or parse_rating(team_rating)


def red_point_numbers(ratings: Mapping[int, tuple[str | None, str | None]]) -> list[int]:
    """The numbers of the points rated red, from ``{number: (team rating, panel rating)}``."""
    return sorted(
        number
        for number, (team, panel) in ratings.items()
        if point_rating(team, panel) is Rating.RED
    )


def came_from_red_point(team_rating: str | None, panel_rating: str | None) -> bool:
    """An action came from a red point if the team or the panel rated its point red."""
    return Rating.RED in (parse_rating(team_rating), parse_rating(panel_rating))


def open_red_action_ids(actions: Iterable[tuple[int, str, str | None, str | None]]) -> list[int]:
    """Ids of the open actions that came from red points.

    Each action is ``(id, status, team rating, panel rating)``, the ratings being
    those of the point it was raised for, in the assessment it was raised in.
    """
    return [
        action_id
        for action_id, status, team, panel in actions
        if is_open(status) and came_from_red_point(team, panel)
    ]
