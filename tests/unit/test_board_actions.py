"""The board's list of overdue actions: owners, directorates and the filters."""

from datetime import date

from app.rules.board_actions import (
    NO_OWNER,
    OverdueAction,
    chosen_directorate,
    chosen_owner,
    directorates,
    filtered_actions,
    owner_key,
    owners,
)


def action(id_, directorate_id=1, directorate="Adults", owner="", key=NO_OWNER):
    return OverdueAction(
        id=id_,
        project_id=1,
        project="Blue Badge",
        directorate_id=directorate_id,
        directorate=directorate,
        point_number=3,
        point_title="Make sure everyone can use the service",
        description="Test with screen readers",
        owner_key=key,
        owner=owner,
        due=date(2026, 11, 1),
        days_overdue=32,
    )


def test_owner_keys():
    assert owner_key(12, "ignored") == "person-12"
    assert owner_key(None, "  Jo   Bloggs ") == "name-Jo Bloggs"
    assert owner_key(None, "  ") == NO_OWNER
    assert owner_key(None, None) == NO_OWNER


def test_owners_by_name_with_no_owner_last():
    found = owners(
        [
            action(1, owner="zoe", key="person-2"),
            action(2),
            action(3, owner="Ada", key="name-Ada"),
            action(4, owner="zoe", key="person-2"),
        ]
    )
    assert found == [("name-Ada", "Ada"), ("person-2", "zoe"), (NO_OWNER, "No owner")]


def test_directorates_by_name_leaving_out_none():
    found = directorates([action(1, 2, "Place"), action(2, 1, "adults"), action(3, None, "")])
    assert found == [(1, "adults"), (2, "Place")]


def test_a_filter_value_counts_only_when_it_is_one_on_the_list():
    assert chosen_directorate("2", [1, 2]) == 2
    assert chosen_directorate("3", [1, 2]) is None
    assert chosen_directorate("x", [1]) is None
    assert chosen_directorate("٣", [3]) is None  # not an ASCII digit
    assert chosen_directorate(None, [1]) is None
    assert chosen_owner("person-2", ["person-2"]) == "person-2"
    assert chosen_owner("person-3", ["person-2"]) is None
    assert chosen_owner("x" * 10_000, ["x" * 10_000]) is None


def test_filtering_by_directorate_and_owner():
    actions = [action(1, 1, key="person-1"), action(2, 2, key="person-1"), action(3, 1)]
    assert [a.id for a in filtered_actions(actions, None, None)] == [1, 2, 3]
    assert [a.id for a in filtered_actions(actions, 1, None)] == [1, 3]
    assert [a.id for a in filtered_actions(actions, 1, "person-1")] == [1]
    assert [a.id for a in filtered_actions(actions, None, NO_OWNER)] == [3]
