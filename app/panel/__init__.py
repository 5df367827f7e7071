"""The panel's pages: assessments to review, an assessment's overview, scoring each point,
actions from what the team needs to do, verifying actions and the lead's summary."""

from flask import Blueprint

bp = Blueprint("panel", __name__)

from app.panel import routes  # noqa: E402,F401
