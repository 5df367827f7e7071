"""API tokens: their shape, their hash, reading the Authorization header, when one is
refused and how often its use is written down."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.rules.api_tokens import (
    MAX_NAME_LENGTH,
    TOKEN_PREFIX,
    TokenRefusal,
    bearer_token,
    last_used_is_due,
    name_problem,
    new_token,
    token_hash,
    token_refusal,
    token_status,
)

NOW = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)


def test_new_tokens_are_prefixed_random_and_fit_the_header_pattern():
    tokens = {new_token() for _ in range(50)}
    assert len(tokens) == 50
    for token in tokens:
        assert token.startswith(TOKEN_PREFIX)
        assert len(token) >= 40
        assert bearer_token(f"Bearer {token}") == token


def test_the_hash_is_sha256_hex_and_not_the_token():
    token = new_token()
    hashed = token_hash(token)
    assert len(hashed) == 64 and int(hashed, 16) >= 0
    assert hashed == token_hash(token) != token_hash(token + "x")
    assert token not in hashed


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Bearer ssa_abcdefghijklmnopqrstuvwxyz", "ssa_abcdefghijklmnopqrstuvwxyz"),
        ("bearer ssa_abcdefghijklmnopqrstuvwxyz", "ssa_abcdefghijklmnopqrstuvwxyz"),
        ("BEARER   ssa_abcdefghijklmnopqrstuvwxyz  ", "ssa_abcdefghijklmnopqrstuvwxyz"),
        (None, None),
        ("", None),
        ("Bearer", None),
        ("Bearer ", None),
        ("Basic dXNlcjpwYXNzd29yZDEyMzQ1Njc4", None),
        ("Token ssa_abcdefghijklmnopqrstuvwxyz", None),
        ("Bearer short", None),
        ("Bearer ssa_abc def ghi jkl mno pqr", None),
        ("Bearer ssa_abcdefghijklmnop/qrstuv==", None),
        ("Bearer " + "a" * 129, None),
        ("Bearer ssa_abcdefghijklmnopqrst\u00e9uvwxyz", None),
    ],
)
def test_the_bearer_token_is_read_from_the_header(header, expected):
    assert bearer_token(header) == expected


@pytest.mark.parametrize(
    ("found", "revoked_at", "active", "expected"),
    [
        (False, None, True, TokenRefusal.UNKNOWN),
        (True, NOW, True, TokenRefusal.REVOKED),
        (True, NOW, False, TokenRefusal.REVOKED),
        (True, None, False, TokenRefusal.DEACTIVATED),
        (True, None, True, None),
    ],
)
def test_a_token_is_refused_when_unknown_revoked_or_its_holder_deactivated(
    found, revoked_at, active, expected
):
    assert token_refusal(found, revoked_at, active) == expected


def test_last_use_is_written_at_most_once_a_minute():
    assert last_used_is_due(None, NOW)
    assert not last_used_is_due(NOW, NOW)
    assert not last_used_is_due(NOW - timedelta(seconds=59), NOW)
    assert last_used_is_due(NOW - timedelta(minutes=1), NOW)
    assert last_used_is_due(NOW - timedelta(days=3), NOW)
    # SQLite gives times back without a zone: they are UTC.
    assert not last_used_is_due((NOW - timedelta(seconds=10)).replace(tzinfo=None), NOW)
    assert last_used_is_due((NOW - timedelta(minutes=5)).replace(tzinfo=None), NOW)


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("Board dashboard", None),
        ("x" * MAX_NAME_LENGTH, None),
        ("", "Enter a name for the token"),
        ("   ", "Enter a name for the token"),
        (None, "Enter a name for the token"),
        ("x" * (MAX_NAME_LENGTH + 1), f"Name must be {MAX_NAME_LENGTH} characters or fewer"),
    ],
)
def test_a_tokens_name_is_needed_and_limited(name, problem):
    assert name_problem(name) == problem


def test_the_list_says_whether_a_token_works():
    assert token_status(None, True).words == "Active"
    assert token_status(None, True).active
    assert token_status(NOW, True).words == "Revoked"
    assert token_status(None, False).words == "Account deactivated"
    assert not token_status(None, False).active


def test_a_tokens_directorates_in_words():
    from app.rules.api_tokens import scope_words

    assert scope_words({"board_member"}, None) == "All directorates"
    assert scope_words({"board_member"}, ["South", "North"]) == "North, South"
    assert scope_words({"administrator"}, ["North"]) == "All directorates"
