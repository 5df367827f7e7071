from flask import Blueprint

bp = Blueprint("frameworks", __name__, url_prefix="/frameworks")

from app.frameworks import routes  # noqa: E402,F401
