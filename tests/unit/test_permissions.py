from app.rules.permissions import (
    can_add_projects,
    can_change_phase,
    can_edit_team_work,
    can_manage_people,
    can_manage_project,
    can_read_all_projects,
    can_read_project,
    may_change_roles,
    may_deactivate,
    starts_on_portfolio,
)

ADMIN = {"administrator"}
BOARD = {"board_member"}
ASSESSOR = {"assessor"}
NONE: set[str] = set()


def test_only_administrators_manage_people():
    assert can_manage_people(ADMIN)
    assert not can_manage_people(BOARD | ASSESSOR)
    assert can_manage_people(BOARD | ADMIN)


def test_board_members_and_administrators_read_every_project():
    assert can_read_all_projects(BOARD)
    assert can_read_all_projects(ADMIN)
    assert not can_read_all_projects(ASSESSOR)
    assert not can_read_all_projects(NONE)


def test_team_members_read_their_own_project_only():
    assert can_read_project(NONE, "member")
    assert not can_read_project(NONE, None)
    assert not can_read_project(ASSESSOR, None)


def test_board_members_change_nothing_of_a_team():
    assert not can_edit_team_work(BOARD, None)
    assert can_edit_team_work(NONE, "member")
    assert can_edit_team_work(ADMIN, None)


def test_service_owner_or_administrator_manages_a_project():
    assert can_manage_project(NONE, "service_owner")
    assert not can_manage_project(NONE, "delivery_manager")
    assert not can_manage_project(NONE, "member")
    assert can_manage_project(ADMIN, None)


def test_an_administrator_cannot_remove_their_own_administrator_role():
    assert not may_change_roles(1, 1, ["board_member"])
    assert may_change_roles(1, 1, ["administrator", "board_member"])
    assert may_change_roles(1, 2, [])


def test_nobody_deactivates_themselves():
    assert not may_deactivate(3, 3)
    assert may_deactivate(3, 4)


def test_administrators_service_owners_and_delivery_managers_change_the_phase():
    assert can_change_phase(ADMIN, None)
    assert can_change_phase(NONE, "service_owner")
    assert can_change_phase(NONE, "delivery_manager")
    assert not can_change_phase(NONE, "member")
    assert not can_change_phase(BOARD, None)
    assert not can_change_phase(ASSESSOR, None)
    assert not can_change_phase(NONE, None)


def test_only_administrators_add_projects():
    assert can_add_projects(ADMIN)
    assert not can_add_projects(BOARD)
    assert not can_add_projects(ASSESSOR | BOARD)
    assert not can_add_projects(NONE)


def test_the_board_pages_are_for_the_board_organisers_and_administrators():
    from app.rules.permissions import can_view_portfolio

    for role in ("board_member", "organiser", "administrator"):
        assert can_view_portfolio({role})
    for roles in (set(), {"assessor"}, {"member"}):
        assert not can_view_portfolio(roles)


def test_board_members_start_on_the_portfolio():
    assert starts_on_portfolio(BOARD)
    assert starts_on_portfolio(BOARD | ADMIN)
    assert not starts_on_portfolio(ADMIN)
    assert not starts_on_portfolio({"organiser"})
    assert not starts_on_portfolio(ASSESSOR)
    assert not starts_on_portfolio(NONE)


def test_why_a_project_is_refused():
    from app.rules.permissions import ProjectRefusal, project_refusal

    assert project_refusal({"board_member"}, None, 3, {3}) is None
    assert project_refusal({"board_member"}, None, 3, {4}) is ProjectRefusal.OUT_OF_SCOPE
    assert project_refusal({"board_member"}, None, None, {4}) is ProjectRefusal.OUT_OF_SCOPE
    assert project_refusal({"organiser"}, None, 3) is ProjectRefusal.ORGANISER
    assert project_refusal({"assessor"}, None, 3) is ProjectRefusal.NOT_THEIRS
    assert project_refusal({"assessor"}, "member", 3, {4}) is None
