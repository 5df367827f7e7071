"""CHECK constraints that hold each enumerated column to its list in ``app.rules``.

``ENUMERATED`` names every such column once, with the rules' own list, so a model's
constraint, the migration that adds it and the tests that try a bad value all read the
same list: the database can never accept a value the rules do not know, nor refuse
one they do.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import CheckConstraint

from app.rules.actions import ActionSource, ActionStatus
from app.rules.evidence import ARTEFACT_KINDS
from app.rules.panels import PanelRole
from app.rules.permissions import Role, TeamRole
from app.rules.phases import PROMPT_STAGES, Phase
from app.rules.projects import NonCashable
from app.rules.ratings import Rating
from app.rules.reports import ChallengeOutcome, Outcomes, Respondent
from app.rules.self_assessment import AnswerStatus, AssessmentKind, AssessmentStatus

# {table: {column: the values it may hold}}. NULL stays allowed where the column allows it.
ENUMERATED: dict[str, dict[str, Iterable[str]]] = {
    "person_role": {"role": Role},
    "team_membership": {"team_role": TeamRole},
    "project": {"phase": Phase, "non_cashable_benefit": NonCashable},
    "phase_change": {"from_phase": Phase, "to_phase": Phase},
    "point_prompt": {"stage": PROMPT_STAGES},
    "assessment": {"phase": Phase, "kind": AssessmentKind, "status": AssessmentStatus},
    "answer": {"self_rating": Rating, "status": AnswerStatus},
    "judgement": {"rating": Rating, "original_rating": Rating},
    "artefact": {"kind": ARTEFACT_KINDS},
    "action": {"status": ActionStatus, "source": ActionSource},
    "framework_version": {"panel_outcomes": Outcomes},
    "panel_member": {"panel_role": PanelRole},
    "challenge": {"outcome": ChallengeOutcome},
    "feedback": {"respondent": Respondent},
}


def allowed_values(values: Iterable[str]) -> list[str]:
    """The values as the database stores them, in the rules' order."""
    return [str(getattr(value, "value", value)) for value in values]


def condition(column: str, values: Iterable[str]) -> str:
    """The SQL condition ``column IN ('a', 'b')`` for the rules' list."""
    quoted = ", ".join("'" + value.replace("'", "''") + "'" for value in allowed_values(values))
    return f"{column} IN ({quoted})"


def one_of(column: str, values: Iterable[str]) -> CheckConstraint:
    """A CHECK that ``column`` holds one of ``values``; named ``ck_<table>_<column>`` by the
    naming convention."""
    return CheckConstraint(condition(column, values), name=column)


def checks(table: str) -> tuple[CheckConstraint, ...]:
    """Every enumerated column's CHECK for ``table``, for its ``__table_args__``."""
    return tuple(one_of(column, values) for column, values in ENUMERATED[table].items())
