from flask import Blueprint

bp = Blueprint("self_assessment", __name__, url_prefix="/projects/<int:project_id>/assessments")

from app.self_assessment import artefacts, display, plan, points, routes  # noqa: E402,F401
