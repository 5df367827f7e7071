"""Pages that show the frameworks and their points."""

from __future__ import annotations

from flask import abort, render_template, request

from app.access import signed_in
from app.data import frameworks as data
from app.frameworks import bp
from app.rules.ids import parse_id
from app.rules.phases import PROMPT_STAGES

STAGE_LABELS = {"discovery": "Discovery", "alpha": "Alpha", "beta": "Beta", "live": "Live"}


@bp.get("/")
@signed_in
def index():
    return render_template(
        "frameworks/index.html",
        frameworks=data.frameworks_in_order(),
        versions=data.latest_versions_with_point_counts(),
    )


@bp.get("/<slug>")
@signed_in
def show(slug: str):
    framework = data.framework_by_slug(slug) or abort(404)
    asked = request.args.get("version")
    number = None if asked is None else (parse_id(asked) or abort(404))
    version = data.version_with_points(framework.id, number) or abort(404)
    stage = request.args.get("phase")
    stages = (stage,) if stage in PROMPT_STAGES else PROMPT_STAGES
    return render_template(
        "frameworks/show.html",
        framework=framework,
        version=version,
        stages=stages,
        chosen_stage=stage if stage in PROMPT_STAGES else "",
        stage_labels=STAGE_LABELS,
        all_versions=framework.versions,
    )
