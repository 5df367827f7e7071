from app.rules.sign_in import (
    MAX_FAILURES_PER_ADDRESS,
    MAX_FAILURES_PER_EMAIL,
    RecentFailures,
    idle_too_long,
    is_throttled,
)


def test_a_few_failures_are_allowed():
    assert not is_throttled(RecentFailures(for_email=MAX_FAILURES_PER_EMAIL - 1, from_address=0))


def test_too_many_failures_for_one_email_throttle_it():
    assert is_throttled(RecentFailures(for_email=MAX_FAILURES_PER_EMAIL, from_address=0))


def test_too_many_failures_from_one_address_throttle_it():
    assert is_throttled(RecentFailures(for_email=0, from_address=MAX_FAILURES_PER_ADDRESS))


def test_idle_timeout():
    assert not idle_too_long(30 * 60, 30)
    assert idle_too_long(30 * 60 + 1, 30)
