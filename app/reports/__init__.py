from flask import Blueprint

bp = Blueprint("reports", __name__)


@bp.record_once
def _freeze_reports(_state) -> None:
    """Published and withdrawn reports are frozen for every command."""
    from app.commands.reports import install_freeze_guard

    install_freeze_guard()


@bp.app_template_global()
def project_panel_assessments(project):
    """For the project's assessments page: every panel assessment of ``project``, each
    with whether the signed-in person may read its report."""
    from flask_login import current_user

    from app.data.reports import panel_assessments_of_project

    if not current_user.is_authenticated:
        return []
    return panel_assessments_of_project(project, current_user)


@bp.app_template_filter()
def report_unread_words(assessment):
    from app.rules.reports import report_unread_words as words

    return words(assessment.status, assessment.project.confidential)


@bp.app_template_filter()
def report_status_label(status):
    from app.rules.reports import report_status_label as label

    return label(status)


@bp.app_template_filter()
def scores_fixed_because(status):
    """Why the panel's scores can no longer change, as the end of a sentence."""
    from app.rules.report_steps import scores_fixed_because as words

    return words(status)


from app.reports import routes  # noqa: E402,F401
