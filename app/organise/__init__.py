"""Arranging assessments: the organiser's queue, panels, briefs, open roles, conflicts of
interest and feedback results."""

from flask import Blueprint

bp = Blueprint("organise", __name__)

from app.organise import routes  # noqa: E402,F401
