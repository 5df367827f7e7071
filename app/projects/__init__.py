from flask import Blueprint

bp = Blueprint("projects", __name__, url_prefix="/projects")

from app.projects import phase, routes, team  # noqa: E402,F401
