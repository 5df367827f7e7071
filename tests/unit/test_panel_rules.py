"""Panels: who may sit on one and in which role, and who may score."""

from app.rules.panels import (
    PanelProblem,
    PanelRole,
    Seat,
    is_lead,
    leading_roles,
    may_score,
    panel_problems,
    problem_message,
)


def problems(seats, assessors=(1, 2, 3, 4), leads=(1,), team=(), conflicted=()):
    return [
        (p.problem, p.person_id)
        for p in panel_problems(
            seats,
            assessor_ids=set(assessors),
            able_to_lead_ids=set(leads),
            team_ids=set(team),
            conflicted_ids=set(conflicted),
        )
    ]


def test_a_full_panel_with_one_able_lead_is_fine():
    seats = [Seat("lead", 1), Seat("design", 2), Seat("technical", 3), Seat("observer", 4)]
    assert problems(seats) == []


def test_a_panel_needs_exactly_one_named_lead():
    assert problems([Seat("design", 2)]) == [(PanelProblem.NO_LEAD, None)]
    assert problems([Seat("lead", None), Seat("design", 2)]) == [(PanelProblem.NO_LEAD, None)]
    assert (PanelProblem.SEVERAL_LEADS, None) in problems([Seat("lead", 1), Seat("lead", 2)])


def test_the_lead_must_be_able_to_lead():
    assert problems([Seat("lead", 2)]) == [(PanelProblem.LEAD_CANNOT_LEAD, 2)]


def test_team_members_and_declared_conflicts_are_refused():
    seats = [Seat("lead", 1), Seat("design", 2), Seat("technical", 3)]
    assert problems(seats, team=(2,), conflicted=(3,)) == [
        (PanelProblem.IN_THE_TEAM, 2),
        (PanelProblem.DECLARED_CONFLICT, 3),
    ]


def test_only_assessors_sit_once_each_in_a_known_role():
    seats = [Seat("lead", 1), Seat("design", 9), Seat("technical", 1), Seat("juggler", 3)]
    found = problems(seats)
    assert (PanelProblem.NOT_AN_ASSESSOR, 9) in found
    assert (PanelProblem.TWICE, 1) in found
    assert (PanelProblem.UNKNOWN_ROLE, 3) in found


def test_open_roles_are_allowed_but_not_for_the_lead():
    assert problems([Seat("lead", 1), Seat("design", None)]) == []


def test_messages_name_the_person_and_say_why():
    [problem] = panel_problems(
        [Seat("lead", 1), Seat("design", 2)],
        assessor_ids={1, 2},
        able_to_lead_ids={1},
        team_ids={2},
        conflicted_ids=set(),
    )
    message = problem_message(problem, {2: "Ann Lee"})
    assert message == "Ann Lee cannot sit on this panel: they are in the project's team"


def test_observers_read_only_and_the_lead_leads():
    assert may_score(PanelRole.DESIGN) and may_score(PanelRole.LEAD)
    assert not may_score(PanelRole.OBSERVER) and not may_score(None) and not may_score("x")
    assert is_lead("lead") and not is_lead("design")


def test_a_panel_member_who_declared_a_conflict_scores_nothing():
    assert not may_score(PanelRole.DESIGN, conflicted=True)
    assert not may_score(PanelRole.LEAD, conflicted=True)
    assert may_score(PanelRole.LEAD, conflicted=False)


def test_leading_roles_keep_known_specialist_roles_in_order():
    assert leading_roles(["technical", "user_research", "lead", "x"]) == [
        "user_research",
        "technical",
    ]
