"""The start page, the signed-in home page, the footer pages and the health check."""

from __future__ import annotations

from flask import current_app, jsonify, redirect, render_template, request, url_for
from flask_login import current_user

from app import clock
from app.access import current_scope, public, signed_in
from app.data.answers import points_owned_by
from app.data.board import directorate_names
from app.data.health import database_reachable
from app.data.portfolio import PortfolioFilters, portfolio
from app.data.projects import directorates_in_order
from app.data.reports import latest_published, waiting_for_team
from app.data.scoring import panels_of
from app.main import bp
from app.main.forms import PortfolioFiltersForm
from app.rules.permissions import (
    Role,
    can_add_projects,
    can_organise_assessments,
    can_read_all_projects,
    in_directorates,
)


@bp.get("/")
@public
def start():
    if current_user.is_authenticated:
        from app.auth.routes import home_for

        return redirect(home_for(current_user.roles))
    return render_template("main/start.html")


@bp.get("/home")
@signed_in
def home():
    """Your projects: every project for board members and administrators, else your teams'."""
    sees_all = can_read_all_projects(current_user.roles)
    filters_form, filters = None, PortfolioFilters()
    allowed = current_scope() if sees_all else None
    if sees_all:
        directorates = [
            (d.id, d.name) for d in directorates_in_order() if in_directorates(d.id, allowed)
        ]
        filters_form = PortfolioFiltersForm(request.args, directorates)
        filters = filters_form.filters()
    rows = portfolio(
        filters,
        clock.today(),
        None if sees_all else current_user.id,
        scope=(allowed, current_user.id) if allowed is not None else None,
    )
    if not sees_all and not rows and can_organise_assessments(current_user.roles):
        # An organiser in no project's team starts from the queue.
        return redirect(url_for("organise.queue"))
    return render_template(
        "main/home.html",
        sees_all=sees_all,
        scope_names=directorate_names(allowed),
        can_add=can_add_projects(current_user.roles),
        filters_form=filters_form,
        filters=filters,
        rows=rows,
        # The team's home says which reports wait for its answer.
        waiting={} if sees_all or not rows else waiting_for_team([r.project.id for r in rows]),
        # A published self-assessment's "latest assessment" is the panel's report on it.
        published=latest_published([r.project.id for r in rows]) if rows else {},
        points=points_owned_by(current_user.id),
        panels=panels_of(current_user.id) if Role.ASSESSOR.value in current_user.roles else None,
    )


@bp.get("/accessibility")
@public
def accessibility():
    return render_template("main/accessibility.html")


@bp.get("/privacy")
@public
def privacy():
    return render_template("main/privacy.html")


@bp.get("/cookies")
@public
def cookies():
    return render_template("main/cookies.html")


@bp.get("/healthz")
@public
def healthz():
    if not database_reachable():
        current_app.logger.error("Health check could not reach the database")
        return jsonify(status="unavailable", database="unreachable"), 503
    return jsonify(status="ok", database="ok")
