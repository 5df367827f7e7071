"""Error pages, all in the service's own layout."""

from __future__ import annotations

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import Forbidden, HTTPException, InternalServerError

from app.access import is_api_request
from app.api.problems import detail_of, problem
from app.commands import ServiceError

ERROR_PAGES = {
    400: ("There is a problem with your request", "The page could not understand what was sent."),
    403: ("You do not have permission to see this page", None),
    404: ("Page not found", None),
    405: ("There is a problem with your request", "That page cannot be used in this way."),
    413: ("The information you sent is too large", "Send less at once and try again."),
    429: ("Too many requests", "Wait a few minutes and try again."),
    500: ("Sorry, there is a problem with the service", "Try again later."),
}

# Titles for a command's refusal (app.commands) that no view turned into a page of its own.
REFUSAL_TITLES = {
    403: "You cannot do that",
    409: "Someone else changed this first",
}


class Refused(Forbidden):
    """A refusal with a reason the person should read (a confidential project's report),
    in place of the 403 page's advice to ask for other roles."""

    def __init__(self, title: str, reason: str) -> None:
        super().__init__(description=reason)
        self.title = title
        self.reason = reason


def too_large_detail(limit: int | None) -> str:
    """What to do about a request over the size limit (a file upload, mostly)."""
    if not limit:
        return ERROR_PAGES[413][1]
    size = f"{limit // (1024 * 1024)} MB" if limit >= 1024 * 1024 else f"{max(limit // 1024, 1)} KB"
    return (
        f"A file you upload must be {size} or smaller, and so must everything sent at once. "
        "Nothing you sent has been saved. Go back and try again."
    )


def render_error(code: int, title: str | None = None, detail: str | None = None):
    default_title, default_detail = ERROR_PAGES.get(code, ERROR_PAGES[400 if code < 500 else 500])
    return (
        render_template(
            f"errors/{code}.html" if code in (403, 404) else "errors/generic.html",
            title=title or default_title,
            detail=detail or default_detail,
            code=code,
        ),
        code,
    )


def init_errors(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_failed(error: CSRFError):
        if is_api_request():
            return problem(400)
        return render_error(
            400,
            "Your session has expired or the form was out of date",
            "Go back, reload the page and try again. Nothing you sent has been saved.",
        )

    @app.errorhandler(ServiceError)
    def service_refused(error: ServiceError):
        """A command refused and the view did not handle it: say so on the right page."""
        if is_api_request():
            return problem(error.status, error.message or None)
        if error.status == 404:
            return render_error(404)
        return (
            render_template(
                "errors/generic.html",
                title=REFUSAL_TITLES.get(error.status, ERROR_PAGES[400][0]),
                detail=error.message or None,
                code=error.status,
            ),
            error.status,
        )

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code is None or error.code < 400:
            return error
        if is_api_request():
            return problem(error.code, detail_of(error), error)
        if isinstance(error, Refused):
            return render_error(403, error.title, error.reason)
        if error.code == 413:
            return render_error(413, detail=too_large_detail(app.config.get("MAX_CONTENT_LENGTH")))
        return render_error(error.code)

    @app.errorhandler(InternalServerError)
    def server_error(error: InternalServerError):
        from app.extensions import db

        db.session.rollback()
        if is_api_request():
            return problem(500)
        try:
            return render_error(500)
        except Exception:  # the layout itself failed: still say something plain
            return "Sorry, there is a problem with the service. Try again later.", 500
