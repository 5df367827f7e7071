"""The start page, the signed-in home page, the footer pages and the health check."""

from __future__ import annotations

from flask import current_app, jsonify, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from app.access import public, signed_in
from app.data.projects import memberships_for_person
from app.extensions import db
from app.main import bp


@bp.get("/")
@public
def start():
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    return render_template("main/start.html")


@bp.get("/home")
@signed_in
def home():
    return render_template("main/home.html", memberships=memberships_for_person(current_user.id))


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
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        current_app.logger.exception("Health check could not reach the database")
        db.session.rollback()
        return jsonify(status="unavailable", database="unreachable"), 503
    return jsonify(status="ok", database="ok")
