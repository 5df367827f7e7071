"""Rules for moving a project from one phase to another."""

from __future__ import annotations

from app.rules.phases import Phase


def needs_confirmation(red_points: int, open_actions_from_red_points: int) -> bool:
    """Moving on while points are red, or red points' actions are still open, needs a reason."""
    return red_points > 0 or open_actions_from_red_points > 0


def phase_choices(current: str) -> list[Phase]:
    """Every phase except the current one: projects may also go back a phase."""
    return [phase for phase in Phase if phase.value != current]
