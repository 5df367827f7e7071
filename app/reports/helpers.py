"""What the report pages and downloads share: the report's words, worked out once."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app

from app import clock
from app.bank_holidays import england_and_wales
from app.data.reports import Report
from app.rules.phases import phase_label
from app.rules.ratings import RATING_LABELS, Rating
from app.rules.report_steps import (
    LIVING_STATUS_LABELS,
    SEND_PROBLEM_WORDS,
    Overdue,
    StepDue,
    overdue_step,
    report_due,
    report_title,
    send_problems,
    sent_dates,
    step_due,
)
from app.rules.reports import (
    CHALLENGE_OUTCOME_LABELS,
    RESULT_RULE_WORDS,
    ChallengeOutcome,
    is_rated,
    outcome_word,
    report_status_label,
)
from app.rules.self_assessment import ASSESSMENT_KIND_LABELS


@dataclass(frozen=True)
class Words:
    title: str
    organisation: str
    phase: str
    kind: str
    rated: bool
    result: str
    rule: str
    status: str


def words_for(report: Report) -> Words:
    assessment = report.assessment
    project = assessment.project
    phase = phase_label(assessment.phase)
    kind = ASSESSMENT_KIND_LABELS.get(assessment.kind, "Assessment")
    overall = report.result.overall
    outcomes = assessment.framework_version.panel_outcomes
    if overall is None:
        result = "No overall result (findings only)"
    elif overall in ("green", "amber", "red"):
        result = outcome_word(outcomes, overall.value)
    else:
        result = "Not decided yet"
    organisation = current_app.config["ORGANISATION_NAME"]
    if project.directorate is not None:
        organisation = f"{project.directorate.name}, {organisation}"
    return Words(
        title=report_title(project.name, phase, kind),
        organisation=organisation,
        phase=phase,
        kind=kind,
        rated=is_rated(assessment.kind, assessment.phase),
        result=result,
        rule=RESULT_RULE_WORDS[report.result.rule],
        status=report_status_label(assessment.status),
    )


def panel_word(report: Report, rating: str | None) -> str:
    return outcome_word(report.assessment.framework_version.panel_outcomes, rating)


def team_word(rating: str | None) -> str:
    try:
        return RATING_LABELS[Rating(rating)]
    except (KeyError, ValueError):
        return "Not rated"


def outcome_label(outcome: str | None) -> str:
    try:
        return CHALLENGE_OUTCOME_LABELS[ChallengeOutcome(outcome)]
    except (KeyError, ValueError):
        return "Waiting for the panel's answer"


def outcome_sentence(outcome: str | None) -> str:
    """The panel's answer to a challenge, as a sentence."""
    try:
        return f"The {CHALLENGE_OUTCOME_LABELS[ChallengeOutcome(outcome)].lower()}."
    except (KeyError, ValueError):
        return "The panel has not answered yet."


def living_label(status) -> str:
    return LIVING_STATUS_LABELS[status]


def _report_due_on(assessment):
    """The date set when the report was first sent, else the one the assessment date
    gives."""
    return assessment.report_due or report_due(
        assessment.assessment_date,
        current_app.config["REPORT_DUE_WORKING_DAYS"],
        england_and_wales(),
    )


def overdue(report: Report) -> Overdue | None:
    assessment = report.assessment
    return overdue_step(
        assessment.status,
        _report_due_on(assessment),
        assessment.answer_due,
        clock.today(),
        england_and_wales(),
    )


def due_of(assessment) -> StepDue | None:
    """What a panel assessment's report waits for next, by when, and whether it is late:
    the same clocks as the report page's overdue warning."""
    return step_due(
        assessment.status,
        _report_due_on(assessment),
        assessment.answer_due,
        clock.today(),
        england_and_wales(),
    )


def owner_words(report: Report, action) -> str:
    if action.owner_id:
        return report.name(action.owner_id)
    return action.owner_name or "No owner"


def send_problem_words(report: Report) -> list[str]:
    """Why the lead may not send the report now, in words (nothing if they may)."""
    assessment = report.assessment
    problems = send_problems(
        assessment.status,
        assessment.kind,
        assessment.phase,
        [p.number for p in report.points],
        {
            p.number: (p.rating, p.judgement.done_well, p.judgement.to_do)
            for p in report.points
            if p.judgement is not None
        },
        assessment.ratings_agreed_at is not None,
        len(report.open_challenges),
    )
    return [SEND_PROBLEM_WORDS[p] for p in problems]


def sent_on(report: Report):
    """When the report was first sent to the team, and when it was sent again (None if
    only once), as UK dates."""
    from app.templating import local_time

    assessment = report.assessment
    first = local_time(assessment.sent_at).date() if assessment.sent_at else None
    latest = local_time(report.last_sent_at).date() if report.last_sent_at else None
    return sent_dates(first, latest)
