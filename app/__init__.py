"""The Service Standard assessments application."""

from __future__ import annotations

from collections.abc import Mapping

from flask import Flask
from jinja2 import ChoiceLoader, PackageLoader, PrefixLoader
from werkzeug.routing import IntegerConverter

from app.rules.ids import LARGEST_ID
from config import load_config


def create_app(config: Mapping[str, object] | None = None) -> Flask:
    """Make the application.

    With no ``config`` (``gunicorn wsgi:app``, ``flask``), the settings come from the
    environment. Given a ``config`` (tests, benchmarks), the environment is never read:
    what the mapping leaves out takes its default, as if nothing had been exported.
    """
    app = Flask(__name__, static_url_path="/assets", instance_relative_config=True)
    if config is None:
        app.config.update(load_config())
    else:
        app.config.update(load_config({}))
        app.config.update(config)

    _configure_templates(app)
    _init_extensions(app)
    _keep_standings()
    _end_reads_with_commit(app)
    _use_id_converter(app)
    _register_blueprints(app)

    from app import access, cli, errors, security, templating

    app.before_request(access.refuse_routes_without_a_rule)
    security.init_security(app)
    templating.init_templating(app)
    errors.init_errors(app)
    cli.init_cli(app)
    return app


def _keep_standings() -> None:
    """Each project's standing for the board is worked out again at every commit that
    changes it (app.data.standings)."""
    from app.data.standings import install_standings_upkeep

    install_standings_upkeep()


def _end_reads_with_commit(app: Flask) -> None:
    """A request that only read ends its transaction with COMMIT, so the statements
    psycopg prepares stay prepared (app.data.request_endings)."""
    from app.data.request_endings import install

    install(app)


def _configure_templates(app: Flask) -> None:
    app.jinja_loader = ChoiceLoader(
        [
            PackageLoader("app"),
            PrefixLoader(
                {
                    "govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
                    "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
                }
            ),
        ]
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True


def _init_extensions(app: Flask) -> None:
    from app.extensions import csrf, db, login_manager, migrate

    db.init_app(app)
    migrate.init_app(app, db, directory=str(app.root_path + "/../migrations"))
    csrf.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.sign_in"
    login_manager.login_message = None
    login_manager.session_protection = "basic"

    from app.data.people import person_by_session_token

    login_manager.user_loader(person_by_session_token)

    from govuk_frontend_wtf.main import WTFormsHelpers

    WTFormsHelpers(app)


class IdConverter(IntegerConverter):
    """``<int:…>`` in a route: a number too large to be an id is not found (404), not a 500,
    and only ASCII digits are an id, as ``app.rules.ids.parse_id`` reads them in forms
    (Werkzeug's own ``\\d`` also takes full-width and other scripts' digits)."""

    regex = r"[0-9]+"

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", LARGEST_ID)
        super().__init__(map, *args, **kwargs)


def _use_id_converter(app: Flask) -> None:
    app.url_map.converters["int"] = IdConverter


def _register_blueprints(app: Flask) -> None:
    from app.actions import bp as actions_bp
    from app.admin import bp as admin_bp
    from app.api import bp as api_bp
    from app.auth import bp as auth_bp
    from app.board import bp as board_bp
    from app.frameworks import bp as frameworks_bp
    from app.main import bp as main_bp
    from app.organise import bp as organise_bp
    from app.panel import bp as panel_bp
    from app.projects import bp as projects_bp
    from app.reports import bp as reports_bp
    from app.self_assessment import bp as self_assessment_bp

    for blueprint in (
        main_bp,
        auth_bp,
        projects_bp,
        self_assessment_bp,
        actions_bp,
        frameworks_bp,
        admin_bp,
        organise_bp,
        panel_bp,
        reports_bp,
        board_bp,
        api_bp,
    ):
        app.register_blueprint(blueprint)
