"""Panel assessments: the report workflow, scope, result, outcome words, working days."""

from datetime import date

import pytest

from app.rules.permissions import assessment_abilities
from app.rules.ratings import Overall
from app.rules.reports import (
    REPORT_TRANSITIONS,
    ResultRule,
    allowed_panel_ratings,
    is_frozen,
    is_rated,
    may_move_report,
    outcome_word,
    panel_result,
    points_in_scope,
)
from app.rules.self_assessment import AssessmentStatus as S
from app.rules.working_days import add_working_days, working_days_late


def test_the_report_workflow():
    assert may_move_report(S.ARRANGED, S.IN_REVIEW)
    assert may_move_report(S.IN_REVIEW, S.SENT)
    assert may_move_report(S.SENT, S.CHALLENGED)
    assert may_move_report(S.CHALLENGED, S.SENT)
    assert may_move_report(S.SENT, S.ACCEPTED)
    assert may_move_report(S.ACCEPTED, S.PUBLISHED)
    assert not may_move_report(S.SENT, S.PUBLISHED)  # the team answers first
    assert not may_move_report(S.PUBLISHED, S.WITHDRAWN)
    assert not may_move_report("nonsense", S.SENT)
    for status, targets in REPORT_TRANSITIONS.items():
        if status not in (S.PUBLISHED, S.WITHDRAWN):
            assert S.WITHDRAWN in targets
    assert is_frozen(S.PUBLISHED) and not is_frozen(S.SENT)


def test_scope_of_each_kind():
    earlier = {1: "red", 2: "amber", 3: "green", 4: "red"}
    assert points_in_scope("assessment", range(1, 5), earlier) == [1, 2, 3, 4]
    assert points_in_scope("reassessment", range(1, 5), earlier) == [1, 4]
    assert points_in_scope("amber_evidence_review", range(1, 5), earlier) == [2]


def test_result_and_the_rule_behind_it():
    assert panel_result("assessment", "alpha", {1: "green", 2: "amber"}).overall is Overall.AMBER
    result = panel_result("reassessment", "alpha", {1: "green"}, {1: "red", 2: "amber", 3: "green"})
    assert result.overall is Overall.AMBER
    assert result.rule is ResultRule.WORST_OF_POINTS_AND_CARRIED
    discovery = panel_result("peer_review", "discovery", {1: None})
    assert discovery.overall is None and discovery.rule is ResultRule.NOT_RATED
    assert not is_rated("peer_review", "discovery") and is_rated("peer_review", "alpha")


def test_outcome_words():
    assert outcome_word("met_not_met", "green") == "Met"
    assert outcome_word("met_not_met", "red") == "Not met"
    assert outcome_word("red_amber_green", "amber") == "Amber"
    assert outcome_word(None, None) == "Not rated"
    assert allowed_panel_ratings("met_not_met") == ["green", "red"]
    assert allowed_panel_ratings("whatever") == ["green", "amber", "red"]


CHRISTMAS = {date(2026, 12, 25), date(2026, 12, 28)}


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (date(2026, 11, 27), 5, date(2026, 12, 4)),  # Friday to Friday
        (date(2026, 12, 21), 5, date(2026, 12, 30)),  # over Christmas and its substitute day
        (date(2026, 12, 5), 1, date(2026, 12, 7)),  # Saturday: Monday is the first
        (date(2026, 12, 7), 0, date(2026, 12, 7)),
    ],
)
def test_working_days(start, days, expected):
    assert add_working_days(start, days, CHRISTMAS) == expected


def test_working_days_late():
    assert working_days_late(date(2026, 12, 4), date(2026, 12, 4), set()) == 0
    assert working_days_late(date(2026, 12, 4), date(2026, 12, 8), set()) == 2


def abilities(roles=(), panel_role=None, team_role=None, status="arranged", confidential=False):
    return assessment_abilities(
        set(roles),
        panel_role=panel_role,
        team_role=team_role,
        status=status,
        confidential=confidential,
    )


def test_who_reads_and_writes_a_panel_assessment():
    lead = abilities(("assessor",), panel_role="lead")
    assert lead.score and lead.lead and lead.read_panel_work
    observer = abilities(("assessor",), panel_role="observer")
    assert observer.read_panel_work and not observer.score
    stranger = abilities(("assessor",))
    assert not stranger.read_panel_work and not stranger.read_report and not stranger.score
    team = abilities(team_role="service_owner", status="in_review")
    assert not team.read_report  # not until the report is sent
    assert abilities(team_role="member", status="sent").read_report
    assert abilities(team_role="delivery_manager").team_answer
    assert not abilities(team_role="member").team_answer
    assert abilities(("organiser",)).organise and abilities(("administrator",)).organise
    assert not abilities(("board_member",)).organise


def test_a_panel_member_in_the_projects_team_is_conflicted():
    lead = abilities(("assessor",), panel_role="lead", team_role="delivery_manager", status="sent")
    assert lead.conflicted and not lead.acts_as_lead
    assert not lead.team_answer  # never answers the report their own panel wrote
    assert lead.in_team_and_on_panel
    scorer = abilities(("assessor",), panel_role="user_research", team_role="member")
    assert scorer.conflicted
    assert not abilities(("assessor",), panel_role="lead").conflicted
    assert not abilities(team_role="member").conflicted  # the team alone is not conflicted


def test_published_reports_are_for_everyone_unless_confidential():
    assert abilities(status="published").read_report
    assert not abilities(status="published", confidential=True).read_report
    assert abilities(("board_member",), status="published", confidential=True).read_report
    assert abilities(team_role="member", status="published", confidential=True).read_report
    assert not abilities(("organiser",), status="published", confidential=True).read_report


@pytest.mark.parametrize("status", ["arranged", "in_review", "sent", "accepted", "published"])
def test_an_organiser_arranges_a_confidential_projects_assessments_without_reading_them(status):
    organiser = abilities(("organiser",), status=status, confidential=True)
    assert organiser.organise
    assert not organiser.read_panel_work and not organiser.read_report
    assert abilities(("organiser",), status=status).read_panel_work
    for reader in (
        abilities(("administrator",), status=status, confidential=True),
        abilities(("board_member",), status=status, confidential=True),
        abilities(("assessor",), panel_role="observer", status=status, confidential=True),
    ):
        assert reader.read_panel_work and reader.read_report


def test_bank_holidays_come_from_the_package_without_the_network():
    from app.bank_holidays import england_and_wales

    holidays = england_and_wales()
    assert date(2026, 12, 25) in holidays and date(2026, 12, 28) in holidays
    assert date(2026, 12, 26) not in holidays  # a Saturday: Boxing Day moves to the Monday


def test_feedback_words_are_the_same_on_the_form_and_the_results():
    from app.rules.reports import (
        FEEDBACK_SCALE,
        FEEDBACK_SCALE_WORDS,
        answers_in_words,
        feedback_scale_label,
    )

    labels = [feedback_scale_label(v) for v in FEEDBACK_SCALE]
    assert labels == ["1 (not at all)", "2", "3", "4", "5 (very well)"]
    assert labels[0] in FEEDBACK_SCALE_WORDS and labels[-1] in FEEDBACK_SCALE_WORDS
    assert [answers_in_words(n) for n in (0, 1, 2)] == ["no answers", "1 answer", "2 answers"]
