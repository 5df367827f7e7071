from app.rules.teams import (
    TeamChangeProblem,
    no_account_message,
    team_change_problem,
    team_role_label,
)

OWNER, MANAGER, MEMBER = "service_owner", "delivery_manager", "member"


def test_the_last_service_owner_cannot_be_removed():
    team = {1: OWNER, 2: MANAGER, 3: MEMBER}
    assert team_change_problem(team, 1, None) is TeamChangeProblem.LAST_SERVICE_OWNER


def test_the_last_service_owner_cannot_be_given_another_role():
    team = {1: OWNER, 2: MEMBER}
    assert team_change_problem(team, 1, MEMBER) is TeamChangeProblem.LAST_SERVICE_OWNER
    assert team_change_problem(team, 1, MANAGER) is TeamChangeProblem.LAST_SERVICE_OWNER


def test_a_service_owner_can_go_when_another_stays():
    team = {1: OWNER, 2: OWNER, 3: MEMBER}
    assert team_change_problem(team, 1, None) is None
    assert team_change_problem(team, 2, MEMBER) is None


def test_handing_over_works_by_adding_the_new_owner_first():
    team = {1: OWNER, 2: MEMBER}
    assert team_change_problem(team, 2, OWNER) is None
    assert team_change_problem({1: OWNER, 2: OWNER}, 1, None) is None


def test_other_changes_are_fine():
    team = {1: OWNER, 2: MEMBER, 3: MANAGER}
    assert team_change_problem(team, 2, None) is None
    assert team_change_problem(team, 3, MEMBER) is None
    assert team_change_problem(team, 4, MEMBER) is None  # adding someone new
    assert team_change_problem(team, 1, OWNER) is None  # no change at all


def test_a_team_without_a_service_owner_can_be_built_in_any_order():
    assert team_change_problem({}, 1, MEMBER) is None
    assert team_change_problem({1: MEMBER}, 1, None) is None


def test_team_roles_in_words_and_order():
    assert team_role_label(OWNER) == "Service owner"
    assert team_role_label(MEMBER) == "Team member"
    assert team_role_label("tea_maker") == "tea_maker"


def test_someone_who_may_add_people_is_told_to_add_the_person_and_others_to_ask():
    assert no_account_message(may_add_people=True) == (
        "There is no account with this email address. "
        "Add the person first, then add them to the team"
    )
    assert no_account_message(may_add_people=False) == (
        "There is no account with this email address. Ask an administrator to add the person first"
    )
