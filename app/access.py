"""Access rules for routes.

Every view declares who may use it with one of these decorators. A
``before_request`` hook refuses any endpoint that has no rule, so a route
added without one fails closed, and a test walks the URL map to prove none
is missing.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from flask import abort, current_app, redirect, request, url_for
from flask_login import current_user

from app.rules.permissions import Role

F = TypeVar("F", bound=Callable)

ACCESS_ATTRIBUTE = "access_rule"
# Endpoints that Flask or an extension registers itself.
BUILT_IN_RULES = {"static": "public"}


def _mark(view: F, rule: str) -> F:
    setattr(view, ACCESS_ATTRIBUTE, rule)
    return view


def public(view: F) -> F:
    """Anyone, signed in or not."""
    return _mark(view, "public")


def signed_in(view: F) -> F:
    """Anyone signed in with an active account."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.is_authenticated:
            return redirect(url_for("auth.sign_in", next=request.full_path.rstrip("?")))
        return view(*args, **kwargs)

    return _mark(wrapped, "signed_in")


def role_required(*roles: Role) -> Callable[[F], F]:
    """Signed in and holding at least one of ``roles``."""
    names = {role.value for role in roles}

    def decorate(view: F) -> F:
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return redirect(url_for("auth.sign_in", next=request.full_path.rstrip("?")))
            if not names & current_user.roles:
                abort(403)
            return view(*args, **kwargs)

        return _mark(wrapped, "role:" + ",".join(sorted(names)))

    return decorate


def rule_for(endpoint: str) -> str | None:
    if endpoint in BUILT_IN_RULES:
        return BUILT_IN_RULES[endpoint]
    view = current_app.view_functions.get(endpoint)
    return getattr(view, ACCESS_ATTRIBUTE, None)


def refuse_routes_without_a_rule() -> None:
    """``before_request``: a route without an access rule is never served."""
    if request.endpoint is None:
        return  # 404 or 405: nothing to protect
    if rule_for(request.endpoint) is None:
        current_app.logger.error("Route %s has no access rule", request.endpoint)
        abort(403)
