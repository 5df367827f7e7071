"""downloads pages of the programme board (being built)."""

from app.board import bp  # noqa: F401
