"""Who is asking: the person an API token belongs to, or a 401."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import abort

from app.commands.api_tokens import note_token_used
from app.data.api_tokens import token_by_hash
from app.models import Person
from app.rules.api_tokens import (
    REFUSAL_WORDS,
    TokenRefusal,
    bearer_token,
    last_used_is_due,
    token_hash,
    token_refusal,
)


def token_holder(authorization: str | None) -> Person:
    """The active person whose unrevoked token the ``Authorization`` header carries; any
    other request is refused with 401 and words saying why. The token's last use is
    written down at most once a minute."""
    if not (authorization or "").strip():
        abort(401, description=REFUSAL_WORDS[TokenRefusal.MISSING])
    secret = bearer_token(authorization)
    token = token_by_hash(token_hash(secret)) if secret else None
    refusal = token_refusal(
        token is not None,
        token.revoked_at if token else None,
        bool(token and token.person.is_active),
    )
    if refusal is not None:
        abort(401, description=REFUSAL_WORDS[refusal])
    if last_used_is_due(token.last_used_at, datetime.now(UTC)):
        note_token_used(token.id)
    return token.person
