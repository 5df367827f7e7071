from app.rules.sign_in import (
    FAILURES_FROM_ADDRESS_PAST_CEILING,
    MAX_FAILURES_PER_ADDRESS,
    MAX_FAILURES_PER_EMAIL,
    MAX_FAILURES_PER_EMAIL_FROM_ADDRESS,
    RecentFailures,
    SessionEnd,
    idle_too_long,
    is_throttled,
    may_keep_field,
    seconds_left,
    session_has_ended,
)


def failures(for_email=0, from_address=0, pair=0) -> RecentFailures:
    return RecentFailures(
        for_email=for_email, from_address=from_address, for_email_from_address=pair
    )


def test_a_few_failures_are_allowed():
    limit = MAX_FAILURES_PER_EMAIL_FROM_ADDRESS - 1
    assert not is_throttled(failures(for_email=limit, from_address=limit, pair=limit))


def test_too_many_failures_for_one_email_from_one_address_throttle_that_address():
    limit = MAX_FAILURES_PER_EMAIL_FROM_ADDRESS
    assert is_throttled(failures(for_email=limit, from_address=limit, pair=limit))


def test_someone_who_only_knows_the_email_cannot_lock_its_owner_out():
    # Guesses from elsewhere, however many, do not stop an address that has not failed.
    assert not is_throttled(failures(for_email=MAX_FAILURES_PER_EMAIL * 10, pair=0))
    assert not is_throttled(failures(for_email=MAX_FAILURES_PER_EMAIL - 1, pair=1))


def test_past_the_ceiling_for_an_email_its_owner_who_mistyped_once_or_twice_still_gets_in():
    # A review locked a person out for 15 minutes after each typo while others guessed.
    below = FAILURES_FROM_ADDRESS_PAST_CEILING - 1
    assert not is_throttled(failures(for_email=MAX_FAILURES_PER_EMAIL * 10, pair=below))


def test_past_the_ceiling_for_an_email_an_address_that_keeps_failing_waits_sooner():
    pair = FAILURES_FROM_ADDRESS_PAST_CEILING
    assert pair < MAX_FAILURES_PER_EMAIL_FROM_ADDRESS
    assert is_throttled(failures(for_email=MAX_FAILURES_PER_EMAIL, pair=pair))
    assert not is_throttled(failures(for_email=MAX_FAILURES_PER_EMAIL - 1, pair=pair))


def test_too_many_failures_from_one_address_throttle_it():
    assert is_throttled(failures(from_address=MAX_FAILURES_PER_ADDRESS))


def test_idle_timeout():
    assert not idle_too_long(30 * 60, 30)
    assert idle_too_long(30 * 60 + 1, 30)


NOW = 1_000_000.0


def test_a_session_lasts_while_it_is_used_within_its_limits():
    assert session_has_ended(NOW, NOW - 3600, NOW - 60, 30, 8) is None


def test_a_session_ends_when_idle():
    assert session_has_ended(NOW, NOW - 3600, NOW - 30 * 60 - 1, 30, 8) is SessionEnd.IDLE


def test_a_session_ends_a_working_day_after_signing_in_however_busy():
    assert session_has_ended(NOW, NOW - 8 * 3600 - 1, NOW - 1, 30, 8) is SessionEnd.TOO_LONG


def test_a_session_without_its_times_has_ended():
    assert session_has_ended(NOW, None, NOW, 30, 8) is SessionEnd.TOO_LONG
    assert session_has_ended(NOW, NOW, None, 30, 8) is SessionEnd.IDLE
    assert session_has_ended(NOW, "yesterday", NOW, 30, 8) is SessionEnd.TOO_LONG


def test_seconds_left_counts_to_the_first_limit():
    assert seconds_left(NOW, NOW - 60, NOW - 60, 30, 8) == 29 * 60
    assert seconds_left(NOW, NOW - 8 * 3600 + 100, NOW, 30, 8) == 100
    assert seconds_left(NOW, NOW - 9 * 3600, NOW - 3600, 30, 8) == 0


def test_passwords_and_tokens_are_never_kept():
    assert may_keep_field("evidence")
    assert may_keep_field("version")
    for name in ("csrf_token", "password", "new_password", "confirm_password", "api_token"):
        assert not may_keep_field(name)


def test_the_server_allows_for_noting_the_latest_request_once_a_minute():
    from app.rules.sign_in import (
        LAST_SEEN_STEP_SECONDS,
        SessionEnd,
        last_seen_is_due,
        server_session_has_ended,
    )

    now, idle, hours = 100_000.0, 30, 8
    started = now - 3600
    assert server_session_has_ended(now, started, now - idle * 60, idle, hours) is None
    # Up to a minute more than the idle limit: the request may not have been noted.
    almost = now - idle * 60 - LAST_SEEN_STEP_SECONDS + 1
    assert server_session_has_ended(now, started, almost, idle, hours) is None
    gone = now - idle * 60 - LAST_SEEN_STEP_SECONDS - 1
    assert server_session_has_ended(now, started, gone, idle, hours) is SessionEnd.IDLE
    assert server_session_has_ended(now, now - hours * 3600 - 1, now, idle, hours) is (
        SessionEnd.TOO_LONG
    )
    assert server_session_has_ended(now, None, now, idle, hours) is SessionEnd.TOO_LONG
    assert server_session_has_ended(now, started, None, idle, hours) is SessionEnd.IDLE
    assert last_seen_is_due(now, None)
    assert not last_seen_is_due(now, now - LAST_SEEN_STEP_SECONDS + 1)
    assert last_seen_is_due(now, now - LAST_SEEN_STEP_SECONDS)
