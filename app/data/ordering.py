"""Orders that several lists share."""

from __future__ import annotations

from sqlalchemy import func

from app.models import Project

# Projects by name as people read them: "Highways fault reporting" before "HR self-service"
# on every database, whatever its collation; then exactly, then by id, so the order is fixed.
PROJECT_NAME_ORDER = (func.lower(Project.name), Project.name, Project.id)
