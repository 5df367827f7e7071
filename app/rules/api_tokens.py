"""API tokens: what one looks like, how it is kept, when it may be used, and how often its
last use is written down. Plain functions; the data layer and the API call them."""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from app.rules.permissions import scope_applies

TOKEN_PREFIX = "ssa_"  # says what the secret is, to a person or a secret scanner
TOKEN_BYTES = 32
# A token as we issue it: the prefix and 43 URL-safe characters. Anything much longer or
# made of other characters is refused before it is hashed or looked up.
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{16,128}")
MAX_NAME_LENGTH = 100  # app.models.ApiToken.name
LAST_USED_STEP = timedelta(minutes=1)


def new_token() -> str:
    """A new random token, to be shown once and kept only as its hash."""
    return TOKEN_PREFIX + secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    """What the database keeps of a token: its SHA-256 in hex. The token is long and random,
    so a plain hash is enough: no salt or slow hash is needed to make a copy of the table
    useless."""
    return hashlib.sha256(token.encode()).hexdigest()


def bearer_token(authorization: str | None) -> str | None:
    """The token in an ``Authorization: Bearer <token>`` header, or None when the header is
    missing, names another scheme or carries something that cannot be one of our tokens.
    The scheme's name is matched without regard to case (RFC 9110)."""
    if not authorization:
        return None
    scheme, _, value = authorization.strip().partition(" ")
    value = value.strip()
    if scheme.lower() != "bearer" or not TOKEN_PATTERN.fullmatch(value):
        return None
    return value


class TokenRefusal(StrEnum):
    """Why a request's token does not let it in (each answered with 401)."""

    MISSING = "missing"
    UNKNOWN = "unknown"
    REVOKED = "revoked"
    DEACTIVATED = "deactivated"


REFUSAL_WORDS = {
    TokenRefusal.MISSING: "Send an API token in the Authorization header: Bearer <token>.",
    TokenRefusal.UNKNOWN: "The API token is not recognised.",
    TokenRefusal.REVOKED: "The API token has been revoked.",
    TokenRefusal.DEACTIVATED: "The account the API token belongs to has been deactivated.",
}


def token_refusal(
    found: bool, revoked_at: datetime | None, holder_active: bool
) -> TokenRefusal | None:
    """Why a token looked up by its hash may not be used, or None when it may."""
    if not found:
        return TokenRefusal.UNKNOWN
    if revoked_at is not None:
        return TokenRefusal.REVOKED
    if not holder_active:
        return TokenRefusal.DEACTIVATED
    return None


def last_used_is_due(last_used_at: datetime | None, now: datetime) -> bool:
    """Whether to write down this use of a token: at most once a minute each, so that a
    script reading the API in a loop does not write on every request."""
    if last_used_at is None:
        return True
    if (last_used_at.tzinfo is None) != (now.tzinfo is None):
        last_used_at = last_used_at.replace(tzinfo=now.tzinfo)
    return now - last_used_at >= LAST_USED_STEP


def name_problem(name: str | None) -> str | None:
    """What is wrong with a token's name, in GOV.UK words, or None."""
    if not name or not name.strip():
        return "Enter a name for the token"
    if len(name.strip()) > MAX_NAME_LENGTH:
        return f"Name must be {MAX_NAME_LENGTH} characters or fewer"
    return None


@dataclass(frozen=True)
class TokenStatus:
    active: bool
    words: str  # "Active" or "Revoked"


def token_status(revoked_at: datetime | None, holder_active: bool) -> TokenStatus:
    """How the list of tokens shows one: revoked, held by someone deactivated (it stops
    working, and starts again if they are reactivated), or active."""
    if revoked_at is not None:
        return TokenStatus(False, "Revoked")
    if not holder_active:
        return TokenStatus(False, "Account deactivated")
    return TokenStatus(True, "Active")


ALL_DIRECTORATES = "All directorates"


def scope_words(roles: Collection[str], limited_to: Collection[str] | None) -> str:
    """Which directorates a token's answers cover: its holder's scope, in words. An
    administrator, or someone with no limits set, reads the whole programme."""
    if not limited_to or not scope_applies(roles):
        return ALL_DIRECTORATES
    return ", ".join(sorted(limited_to))
