"""The read-only JSON API (``/api/v1``): the portfolio, projects, their assessments,
published reports and actions, for people holding an API token an administrator issued,
and the OpenAPI description of it all.

Every answer respects the token holder's roles and directorate scope, as the pages do.
Errors are JSON problem details (RFC 9457), never a page or a redirect to sign in.
"""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

from app.api import routes  # noqa: E402,F401
