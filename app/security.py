"""Security headers, the Content Security Policy nonce and the idle timeout."""

from __future__ import annotations

import secrets
import time

from flask import Flask, Response, current_app, flash, g, redirect, request, session, url_for
from flask_login import current_user, logout_user

from app.access import rule_for
from app.rules.sign_in import idle_too_long


def csp_nonce() -> str:
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return g.csp_nonce


def content_security_policy(nonce: str) -> str:
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' 'nonce-{nonce}'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


def add_security_headers(response: Response) -> Response:
    response.headers["Content-Security-Policy"] = content_security_policy(csp_nonce())
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
    response.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
    response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
    if request.endpoint != "static":
        response.headers["Cache-Control"] = "no-store"
    return response


def enforce_idle_timeout():
    """Sign out anyone who has done nothing for longer than the idle timeout."""
    if request.endpoint == "static" or not current_user.is_authenticated:
        return None
    now = time.time()
    last_seen = session.get("last_seen", now)
    if idle_too_long(now - last_seen, current_app.config["SESSION_IDLE_MINUTES"]):
        logout_user()
        session.clear()
        flash(
            "You have been signed out because you had not done anything for "
            f"{current_app.config['SESSION_IDLE_MINUTES']} minutes. Sign in again to carry on.",
            "information",
        )
        if rule_for(request.endpoint or "") == "public":
            return None
        return redirect(url_for("auth.sign_in"))
    session["last_seen"] = now
    return None


def init_security(app: Flask) -> None:
    app.before_request(enforce_idle_timeout)
    app.after_request(add_security_headers)
    app.jinja_env.globals["csp_nonce"] = csp_nonce
