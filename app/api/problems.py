"""The API's errors: JSON problem details (RFC 9457), never a page or a redirect."""

from __future__ import annotations

from flask import Response, jsonify
from werkzeug.exceptions import HTTPException

PROBLEM_JSON = "application/problem+json"

TITLES = {
    400: ("Bad request", "The request could not be understood."),
    401: ("Unauthorised", "Send an API token in the Authorization header: Bearer <token>."),
    403: ("Forbidden", "Your account may not read this."),
    404: ("Not found", "There is nothing at this address, or it is not published."),
    405: ("Method not allowed", "The API only reads: use GET."),
    409: ("Conflict", "Someone else changed this first."),
    413: ("Content too large", "Send less at once."),
    429: ("Too many requests", "Wait a few minutes and try again."),
    500: ("Internal server error", "Sorry, there is a problem with the service. Try again later."),
}


def problem(status: int, detail: str | None = None, error: HTTPException | None = None) -> Response:
    """A problem details answer with ``status``; ``detail`` says what went wrong, or the
    status's own words. A 401 says how to authenticate; a 405 which methods are allowed."""
    title, default = TITLES.get(status, TITLES[400 if status < 500 else 500])
    response = jsonify(
        {"type": "about:blank", "title": title, "status": status, "detail": detail or default}
    )
    response.status_code = status
    response.mimetype = PROBLEM_JSON
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="api"'
    if error is not None:
        for name, value in error.get_headers():
            if name.lower() == "allow":
                response.headers["Allow"] = value
    return response


def detail_of(error: HTTPException) -> str | None:
    """The words a view gave ``abort`` (not werkzeug's own, which speak of servers)."""
    description = error.description
    if not description or description == type(error).description:
        return None
    return description
