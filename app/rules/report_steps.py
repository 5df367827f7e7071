"""The report's steps: who may take each one and when, its working-day clocks, what
stops it, and the words the report uses for a living action's status.

The status table itself is ``app.rules.reports.REPORT_TRANSITIONS``; this module adds the
checks a person meets before each move.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from app.rules.reports import FEEDBACK_MISSING, is_frozen, is_rated
from app.rules.self_assessment import AssessmentStatus
from app.rules.working_days import add_working_days, working_days_late

S = AssessmentStatus

ANSWER_LIMIT = 5000  # the lead's answer to a challenge, and a reason to challenge
WITHDRAW_REASON_LIMIT = 2000
FEEDBACK_COMMENT_LIMIT = 2000


def report_due(assessment_date: date | None, days: int, holidays: Collection[date]) -> date | None:
    """The report is due ``days`` working days after the assessment."""
    if assessment_date is None:
        return None
    return add_working_days(assessment_date, days, holidays)


def answer_due(sent_on: date, days: int, holidays: Collection[date]) -> date:
    """The team's answer is due ``days`` working days after the report is sent."""
    return add_working_days(sent_on, days, holidays)


class Clock(StrEnum):
    REPORT = "report"  # the lead owes the team the report
    ANSWER = "answer"  # the team owes the panel its answer


@dataclass(frozen=True)
class Overdue:
    clock: Clock
    due: date
    days_late: int

    @property
    def words(self) -> str:
        days = f"{self.days_late} working day{'s' if self.days_late != 1 else ''}"
        if self.clock is Clock.REPORT:
            return f"The report is {days} late: it was due to be sent to the team by"
        return f"The team's answer is {days} late: it was due by"


def overdue_step(
    status: str,
    report_due_on: date | None,
    answer_due_on: date | None,
    today: date,
    holidays: Collection[date],
) -> Overdue | None:
    """The step that is late today, if any: the report until it is first sent, then the
    team's answer while the report waits for it."""
    if status in (S.ARRANGED, S.IN_REVIEW) and report_due_on is not None:
        late = working_days_late(report_due_on, today, holidays)
        if late:
            return Overdue(Clock.REPORT, report_due_on, late)
    if status == S.SENT and answer_due_on is not None:
        late = working_days_late(answer_due_on, today, holidays)
        if late:
            return Overdue(Clock.ANSWER, answer_due_on, late)
    return None


@dataclass(frozen=True)
class StepDue:
    """The date the report's current step is due, and how late it is (0 if not late)."""

    clock: Clock
    due: date
    days_late: int

    @property
    def label(self) -> str:
        return "Report due" if self.clock is Clock.REPORT else "Team's answer due"

    @property
    def overdue(self) -> bool:
        return self.days_late > 0


def step_due(
    status: str,
    report_due_on: date | None,
    answer_due_on: date | None,
    today: date,
    holidays: Collection[date],
) -> StepDue | None:
    """What is due next, by when, and how late: the report until it is first sent (the
    lead's step), then the team's answer while the report waits for it. Nothing for the
    other steps, which have no clock. Late on the same days as ``overdue_step``."""
    if status in (S.ARRANGED, S.IN_REVIEW) and report_due_on is not None:
        return StepDue(
            Clock.REPORT, report_due_on, working_days_late(report_due_on, today, holidays)
        )
    if status == S.SENT and answer_due_on is not None:
        return StepDue(
            Clock.ANSWER, answer_due_on, working_days_late(answer_due_on, today, holidays)
        )
    return None


# Whose move the report waits for at each step before it is published.
WAITING_FOR = {
    S.ARRANGED: "The panel, to score the points and send the report",
    S.IN_REVIEW: "The panel, to score the points and send the report",
    S.SENT: "The team, to accept or challenge the report",
    S.CHALLENGED: "The lead, to answer the team's challenges",
    S.ACCEPTED: "The lead, to publish the report",
}


def waiting_for(status: str) -> str:
    try:
        return WAITING_FOR[S(status)]
    except (ValueError, KeyError):
        return "No one"


class SendProblem(StrEnum):
    WRONG_STATUS = "wrong_status"
    NOT_RATED = "not_rated"
    NO_FINDINGS = "no_findings"
    NOT_AGREED = "not_agreed"
    CHALLENGES_OPEN = "challenges_open"


SEND_PROBLEM_WORDS = {
    SendProblem.WRONG_STATUS: "The report cannot be sent at this step",
    SendProblem.NOT_RATED: "Rate every point before sending the report",
    SendProblem.NO_FINDINGS: "Write what the team has done well or needs to do for every point",
    SendProblem.NOT_AGREED: "Agree the final ratings before sending the report",
    SendProblem.CHALLENGES_OPEN: "Answer every challenge before sending the report again",
}


def send_problems(
    status: str,
    kind: str,
    phase: str,
    in_scope: Iterable[int],
    judgements: Mapping[int, tuple[str | None, str, str]],
    ratings_agreed: bool,
    open_challenges: int,
) -> list[SendProblem]:
    """Why the lead may not send the report now (nothing if they may).

    ``judgements`` is ``{point: (rating, done well, needs to do)}``. It may be sent once
    the panel has scored (or straight from arranged), and again after a challenge once
    every challenge has its answer.
    """
    if status not in (S.ARRANGED, S.IN_REVIEW, S.CHALLENGED):
        return [SendProblem.WRONG_STATUS]
    problems: list[SendProblem] = []
    points = list(in_scope)
    if is_rated(kind, phase):
        if any(not (judgements.get(n) or (None,))[0] for n in points):
            problems.append(SendProblem.NOT_RATED)
    elif any(
        not (judgements.get(n, (None, "", ""))[1] or judgements.get(n, (None, "", ""))[2]).strip()
        for n in points
    ):
        problems.append(SendProblem.NO_FINDINGS)
    if not ratings_agreed:
        problems.append(SendProblem.NOT_AGREED)
    if status == S.CHALLENGED and open_challenges:
        problems.append(SendProblem.CHALLENGES_OPEN)
    return problems


def points_without_actions(
    kind: str,
    phase: str,
    judgements: Mapping[int, tuple[str | None, str, str]],
    with_actions: Collection[int],
) -> list[int]:
    """The points rated amber or red whose "needs to do" text has not become an action.

    ``judgements`` is ``{point: (rating, done well, needs to do)}`` and ``with_actions`` the
    points the panel has made at least one action for. A warning, not a block: the lead
    may still send or publish, but the team's action plan would miss these points.
    """
    if not is_rated(kind, phase):
        return []
    return sorted(
        number
        for number, (rating, _done_well, to_do) in judgements.items()
        if rating in ("amber", "red") and (to_do or "").strip() and number not in with_actions
    )


def points_without_actions_words(numbers: Iterable[int]) -> str:
    """The warning for ``points_without_actions``, naming each point."""
    numbers = list(numbers)
    if not numbers:
        return ""
    if len(numbers) == 1:
        named = f"Point {numbers[0]} is"
    else:
        named = "Points " + ", ".join(str(n) for n in numbers[:-1]) + f" and {numbers[-1]} are"
    return (
        f"{named} rated amber or red and {'has' if len(numbers) == 1 else 'have'} "
        "something the team needs to do, but no action. Without an action it will not be "
        "in the team's action plan or checked at the next review."
    )


# Why the panel's scores are fixed, as the end of a sentence ("... : the report has been
# sent to the team."): the status labels are headings, not sentence parts.
FIXED_BECAUSE = {
    S.SENT: "the report has been sent to the team",
    S.CHALLENGED: "the team has challenged the report, and the lead answers each challenge",
    S.ACCEPTED: "the team has accepted the report",
    S.PUBLISHED: "the report has been published",
    S.WITHDRAWN: "the assessment was withdrawn",
}


def scores_fixed_because(status: str) -> str:
    try:
        return FIXED_BECAUSE[S(status)]
    except (ValueError, KeyError):
        return "the report has moved on from scoring"


def sent_dates(first: date | None, latest: date | None) -> tuple[date | None, date | None]:
    """When the report was first sent, and when it was sent again (None if it has been
    sent only once, or again on the same day)."""
    if first is None:
        return latest, None
    if latest is None or latest <= first:
        return first, None
    return first, latest


def waiting_words(status: str, in_team: bool, answers_for_team: bool, due: date | None) -> str:
    """What the report waits for, told to someone who has no step to take now: a team
    member who does not answer for the team is told who does; the panel and others that
    the team has the report."""
    by = f" by {due.day} {due:%B %Y}" if due else ""
    if status == S.SENT:
        if answers_for_team:
            return ""
        if in_team:
            return (
                "Your service owner or delivery manager accepts or challenges this report"
                f"{by}. Tell them if you disagree with anything in it."
            )
        return f"The report is with the team. Wait for their answer, due{by or ' soon'}."
    if status == S.CHALLENGED and in_team:
        return "Your team challenged the report. The panel's lead answers each challenge."
    if status == S.ACCEPTED and in_team:
        return "Your team accepted the report. The panel's lead publishes it next."
    return ""


def already_sent(status: str) -> bool:
    """The report has gone to the team and is not waiting to go again: a second click
    on "Send" (or a stale send page) is told so, not that someone else changed it."""
    return status in (S.SENT, S.ACCEPTED)


ALREADY_SENT = "The report has already been sent to the team."


def team_may_answer(status: str) -> bool:
    """The team accepts or challenges a report that has been sent to it."""
    return status == S.SENT


def lead_may_answer_challenges(status: str) -> bool:
    return status == S.CHALLENGED


def lead_may_agree(status: str) -> bool:
    """The lead agrees the final ratings while the panel scores, and again after answering
    challenges (upholding one changes the ratings, so the agreement is undone)."""
    return status in (S.ARRANGED, S.IN_REVIEW, S.CHALLENGED)


def challenge_words(challenged: int, answered: int) -> str:
    """How far the lead has got with the team's challenges, in words."""
    points = "1 point" if challenged == 1 else f"{challenged} points"
    if answered <= 0:
        done = "you have not answered it yet" if challenged == 1 else "you have answered none yet"
    elif answered >= challenged:
        done = "you have answered it" if challenged == 1 else "you have answered them all"
    else:
        done = f"you have answered {answered}"
    return f"The team challenged {points}; {done}."


def answered_words(answered: int, upheld: int) -> str:
    """What the lead is told after answering challenges: what to do next."""
    said = f"You answered {answered} challenge{'s' if answered != 1 else ''}."
    if upheld:
        return (
            f"{said} You upheld {upheld}, so the panel's decision changed: agree the final ratings "
            "again, then send the report to the team again."
        )
    return f"{said} Send the report to the team again when you are ready."


def may_publish(status: str) -> bool:
    """Only a report the team has accepted is published."""
    return status == S.ACCEPTED


def may_withdraw(status: str) -> bool:
    """Withdrawn, with a reason, at any step before publishing."""
    return not is_frozen(status)


def may_give_feedback(status: str, on_panel: bool, in_team: bool, already_given: bool) -> bool:
    """After publishing, each member of the team and the panel answers once."""
    return status == S.PUBLISHED and (on_panel or in_team) and not already_given


def respondent(on_panel: bool) -> str:
    return "panel" if on_panel else "team"


class LivingStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    VERIFIED = "verified"
    NOT_DOING = "not_doing"


LIVING_STATUS_LABELS = {
    LivingStatus.OPEN: "Open",
    LivingStatus.DONE: "Done",
    LivingStatus.VERIFIED: "Verified",
    LivingStatus.NOT_DOING: "Not doing",
}


def living_status(action_status: str, verified: bool) -> LivingStatus:
    """An action's status as the published report shows it today: verified by a panel,
    done by the team, not being done, or still open (open or in progress)."""
    if verified:
        return LivingStatus.VERIFIED
    if action_status == "done":
        return LivingStatus.DONE
    if action_status == "not_doing":
        return LivingStatus.NOT_DOING
    return LivingStatus.OPEN


def report_title(service: str, phase_words: str, kind_words: str) -> str:
    """ "Blue Badge beta assessment report": the GOV.UK published report's title."""
    return f"{service} {phase_words.lower()} {kind_words.lower()} report"


def feedback_problems(scores: Iterable[object], comment: str) -> dict[str, str]:
    """Each of the three answers must be a whole number from 1 to 5; an error names its
    question."""
    errors: dict[str, str] = {}
    for index, score in enumerate(scores, start=1):
        if not isinstance(score, int) or isinstance(score, bool) or not 1 <= score <= 5:
            errors[f"score_{index}"] = (
                FEEDBACK_MISSING[index - 1]
                if index <= len(FEEDBACK_MISSING)
                else "Select a number from 1 to 5"
            )
    if len(comment) > FEEDBACK_COMMENT_LIMIT:
        errors["comment"] = f"Comment must be {FEEDBACK_COMMENT_LIMIT:,} characters or fewer"
    return errors
