from flask import Blueprint

bp = Blueprint("reports", __name__)


@bp.record_once
def _freeze_reports(_state) -> None:
    """Published and withdrawn reports are frozen for every command."""
    from app.commands.reports import install_freeze_guard

    install_freeze_guard()


@bp.app_template_global()
def project_reports(project):
    """For the project page: the panel reports of ``project`` the signed-in person reads."""
    from flask import g
    from flask_login import current_user

    from app.data.reports import UNKNOWN, readable_reports_of_project

    if not current_user.is_authenticated:
        return []
    # The project's pages know the person's role in its team already (app.access).
    can = g.get("can")
    team_role = can.team_role if can is not None else UNKNOWN
    return readable_reports_of_project(project, current_user, team_role)


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
