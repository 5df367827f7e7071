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


def phase_index(phase: Phase | str) -> int:
    return PHASE_ORDER.index(Phase(phase))


def is_forward_move(current: Phase | str, new: Phase | str) -> bool:
    """True when ``new`` comes later in the life of a service than ``current`` (never when
    either is not a phase: nothing can be said of its order)."""
    if known_phase(current) is None or known_phase(new) is None:
        return False
    return phase_index(new) > phase_index(current)


def known_phase(phase: object) -> Phase | None:
    """The phase named by ``phase``, or None for anything else."""
    try:
        return Phase(phase)
    except ValueError:
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
