"""Phases of a service and the council's programme words for them."""

from __future__ import annotations

from enum import StrEnum


class Phase(StrEnum):
    DISCOVERY = "discovery"
    ALPHA = "alpha"
    PRIVATE_BETA = "private_beta"
    PUBLIC_BETA = "public_beta"
    LIVE = "live"
    RETIRED = "retired"


PHASE_ORDER: tuple[Phase, ...] = tuple(Phase)

PHASE_LABELS = {
    Phase.DISCOVERY: "Discovery",
    Phase.ALPHA: "Alpha",
    Phase.PRIVATE_BETA: "Private beta",
    Phase.PUBLIC_BETA: "Public beta",
    Phase.LIVE: "Live",
    Phase.RETIRED: "Retired",
}

# The council's programme board speaks of concept, design and delivery.
PROGRAMME_WORDS = {
    Phase.DISCOVERY: "Concept",
    Phase.ALPHA: "Design",
    Phase.PRIVATE_BETA: "Delivery",
    Phase.PUBLIC_BETA: "Delivery",
    Phase.LIVE: "Delivery",
    Phase.RETIRED: "Closed",
}

# Frameworks describe good evidence for four stages; both betas share one.
PROMPT_STAGES: tuple[str, ...] = ("discovery", "alpha", "beta", "live")
_PROMPT_STAGE = {
    Phase.DISCOVERY: "discovery",
    Phase.ALPHA: "alpha",
    Phase.PRIVATE_BETA: "beta",
    Phase.PUBLIC_BETA: "beta",
    Phase.LIVE: "live",
    Phase.RETIRED: None,
}


_INDEX = {phase.value: position for position, phase in enumerate(PHASE_ORDER)}
_BY_VALUE = {phase.value: phase for phase in Phase}


def phase_index(phase: Phase | str) -> int:
    return _INDEX[Phase(phase).value]


def is_forward_move(current: Phase | str, new: Phase | str) -> bool:
    """True when ``new`` comes later in the life of a service than ``current`` (never when
    either is not a phase: nothing can be said of its order)."""
    before, after = _position(current), _position(new)
    if before is None or after is None:
        return False
    return after > before


def _position(phase: object) -> int | None:
    try:
        return _INDEX.get(phase)  # a Phase is its value: both find the same
    except TypeError:  # not hashable: not a phase
        return None


def known_phase(phase: object) -> Phase | None:
    """The phase named by ``phase``, or None for anything else."""
    try:
        return _BY_VALUE.get(phase)
    except TypeError:  # not hashable: not a phase
        return None


def prompt_stage(phase: Phase | str) -> str | None:
    """The framework stage whose evidence prompts apply to ``phase`` (None if it has none)."""
    known = known_phase(phase)
    return _PROMPT_STAGE[known] if known else None


def phase_label(phase: Phase | str | None) -> str:
    """The phase in words; a value that is not a phase is shown as it is, never an error."""
    known = known_phase(phase)
    return PHASE_LABELS[known] if known else str(phase or "")


def programme_word(phase: Phase | str | None) -> str:
    """The council's word for the phase; empty for a value that is not a phase."""
    known = known_phase(phase)
    return PROGRAMME_WORDS[known] if known else ""
