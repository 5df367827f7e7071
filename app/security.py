"""Security headers, the Content Security Policy nonce, and how long a session lasts.

A session ends after ``SESSION_IDLE_MINUTES`` without a request, and ``SESSION_MAX_HOURS``
after signing in. A form sent after its session ended is kept (less passwords and
tokens), and comes back on the same page once the same person has signed in again.
"""

from __future__ import annotations

import secrets
import time
from datetime import UTC, datetime
from urllib.parse import urlsplit

from flask import Flask, Response, current_app, flash, g, redirect, request, session, url_for
from flask_login import current_user, logout_user
from flask_wtf.csrf import validate_csrf
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix
from wtforms.validators import ValidationError

from app.access import is_api_request, rule_for
from app.rules.sign_in import (
    SessionEnd,
    last_seen_is_due,
    seconds_left,
    server_session_has_ended,
    session_has_ended,
)

# Endpoints a session that has ended may still post to without its work being kept.
NOT_KEPT = {"auth.sign_out", "auth.keep_alive", "auth.sign_in"}
# A post arriving this long after the absolute limit is no one's work in progress.
KEEP_AFTER_THE_LIMIT_SECONDS = 3600
# Where someone whose password was chosen by an administrator may go before choosing theirs.
BEFORE_OWN_PASSWORD = {"auth.change_password", "auth.sign_out", "auth.keep_alive", "static"}
HSTS = "max-age=31536000; includeSubDomains"


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
    if current_app.config.get("HSTS"):
        response.headers["Strict-Transport-Security"] = HSTS
    if request.endpoint != "static":
        response.headers["Cache-Control"] = "no-store"
    return response


def start_session_clock() -> None:
    """At sign-in: the session's idle and absolute limits count from now."""
    now = time.time()
    session["signed_in_at"] = now
    session["last_seen"] = now


def session_seconds_left() -> int:
    """Seconds until the signed-in session ends if nothing more is done (for the warning)."""
    return seconds_left(
        time.time(),
        session.get("signed_in_at", 0),
        session.get("last_seen", 0),
        current_app.config["SESSION_IDLE_MINUTES"],
        current_app.config["SESSION_MAX_HOURS"],
    )


def _ended_message(why: SessionEnd, kept: bool) -> str:
    config = current_app.config
    if why is SessionEnd.TOO_LONG:
        hours = config["SESSION_MAX_HOURS"]
        message = (
            f"You have been signed out because you signed in more than {hours} "
            f"hour{'' if hours == 1 else 's'} ago."
        )
    else:
        minutes = config["SESSION_IDLE_MINUTES"]
        message = (
            "You have been signed out because you had not done anything for "
            f"{minutes} minute{'' if minutes == 1 else 's'}."
        )
    if kept:
        return f"{message} We have kept what you sent. Sign in again to check it and save it."
    return f"{message} Sign in again to carry on."


def _has_a_page(path: str) -> bool:
    """Whether a GET of ``path`` is a page of this service."""
    adapter = current_app.url_map.bind_to_environ(request.environ)
    try:
        adapter.match(path, method="GET")
    except HTTPException:
        return False
    return True


def page_posted_from() -> str | None:
    """The page a post came from, to bring the person back to: the address posted to when
    it is also a page, otherwise the page that sent it (this site's own Referer)."""
    if _has_a_page(request.path):
        return request.path
    referrer = urlsplit(request.referrer or "")
    if referrer.netloc == request.host and referrer.path and _has_a_page(referrer.path):
        return referrer.path
    return None


def _worth_keeping(why: SessionEnd, public: bool) -> bool:
    """Whether a post from a session that has just ended is someone's typed work: a form
    this service would have taken (a route that takes posts, with its CSRF token), sent
    from a session that ended lately (not a cookie replayed days later)."""
    if request.method != "POST" or public or not request.form:
        return False
    if request.routing_exception is not None or request.endpoint in NOT_KEPT:
        return False
    signed_in_at = session.get("signed_in_at")
    limit = current_app.config["SESSION_MAX_HOURS"] * 3600 + KEEP_AFTER_THE_LIMIT_SECONDS
    if why is SessionEnd.TOO_LONG and (
        not isinstance(signed_in_at, int | float) or time.time() - signed_in_at > limit
    ):
        return False
    try:
        validate_csrf(request.form.get("csrf_token"))
    except ValidationError:
        return False
    return True


def _timestamp(moment: datetime | None) -> float | None:
    """A time from the database as seconds since the epoch (SQLite keeps no zone: UTC)."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


def _why_ended(now: float, signed_in) -> SessionEnd | None:
    """Why this request's session has ended, by the browser's own clock (its cookie, signed
    so it cannot be altered) or by the server's record, whichever ends it first."""
    config = current_app.config
    idle, hours = config["SESSION_IDLE_MINUTES"], config["SESSION_MAX_HOURS"]
    return session_has_ended(
        now, session.get("signed_in_at"), session.get("last_seen"), idle, hours
    ) or server_session_has_ended(
        now, _timestamp(signed_in.created_at), _timestamp(signed_in.last_seen_at), idle, hours
    )


def enforce_session_limits():
    """Sign out a session that has ended, and end it on the server, so that no copy of its
    cookie outlives it; keep what it was sending, if anything."""
    if request.endpoint == "static" or is_api_request() or not current_user.is_authenticated:
        return None  # the API reads no session: a token says who is asking
    now = time.time()
    signed_in = current_user.signed_in_session
    why = _why_ended(now, signed_in)
    if why is None:
        session["last_seen"] = now
        if last_seen_is_due(now, _timestamp(signed_in.last_seen_at)):
            # Noted once the page is done (note_session_seen below).
            g.session_seen = signed_in.id
        return None

    from app.commands.sessions import end_session, keep_typed_work

    endpoint = request.endpoint or ""
    kept_token = None
    public = rule_for(endpoint) == "public"
    if _worth_keeping(why, public):
        page = page_posted_from()
        if page is not None:
            fields = request.form.to_dict(flat=False)
            kept_token = keep_typed_work(current_user.id, page, fields)
    end_session(signed_in.id)
    logout_user()
    session.clear()
    if kept_token:
        session["kept_work"] = kept_token
    flash(_ended_message(why, kept=kept_token is not None), "information")
    if public:
        return None
    if request.method == "GET":
        return redirect(url_for("auth.sign_in", next=request.full_path.rstrip("?")))
    return redirect(url_for("auth.sign_in"))


def note_session_seen(response: Response) -> Response:
    """Note the request as its session's latest on the server, now and then (a write on
    every request would slow every page: see LAST_SEEN_STEP_SECONDS)."""
    session_id = g.pop("session_seen", None)
    if session_id is not None:
        from app.commands.sessions import note_session_seen as note
        from app.data.request_endings import drop_what_was_left

        # The note commits: not with anything the view wrote and left uncommitted.
        drop_what_was_left()
        note(session_id)
    return response


def restore_kept_work():
    """On the GET of the page a timed-out save came from, show what was typed, once."""
    token = session.get("kept_work")
    if not token or is_api_request() or request.method != "GET":
        return None
    if not current_user.is_authenticated:
        return None
    from app.commands.sessions import kept_work_for, take_kept_work
    from app.forms import restore_typed_work

    kept = kept_work_for(token, current_user.id)
    if kept is None:
        session.pop("kept_work", None)
        return None
    if kept.path != request.path:
        return None
    taken = take_kept_work(token, current_user.id)
    session.pop("kept_work", None)
    if taken is not None:
        restore_typed_work(taken.fields)
        flash(
            "You were signed out before your changes were saved. We have kept what you "
            "typed: check it and save it again.",
            "information",
        )
    return None


def require_own_password():
    """Someone signed in with a password an administrator chose must choose their own first."""
    if is_api_request() or not current_user.is_authenticated:
        return None
    if not current_user.password_must_change:
        return None
    endpoint = request.endpoint or ""
    if endpoint in BEFORE_OWN_PASSWORD or rule_for(endpoint) == "public":
        return None
    return redirect(url_for("auth.change_password"))


def trust_proxies(app: Flask) -> None:
    """Behind ``TRUSTED_PROXIES`` proxies, the client's address and scheme are the ones
    the proxies pass on in X-Forwarded-For and X-Forwarded-Proto."""
    proxies = app.config.get("TRUSTED_PROXIES", 0)
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)


def init_security(app: Flask) -> None:
    trust_proxies(app)
    app.before_request(enforce_session_limits)
    app.before_request(require_own_password)
    app.before_request(restore_kept_work)
    app.after_request(note_session_seen)
    app.after_request(add_security_headers)
    app.jinja_env.globals["csp_nonce"] = csp_nonce
    app.jinja_env.globals["session_seconds_left"] = session_seconds_left
