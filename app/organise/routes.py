"""Arranging assessments: the organiser's queue, arranging one, its panel and brief, open
roles and offers, conflicts of interest, and the feedback results."""

from __future__ import annotations

from functools import wraps

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_login import current_user

from app import clock
from app.access import _mark, abilities_on_assessment, assessment_rule, role_required
from app.commands import Conflict, Invalid, NotAllowed, NotFound
from app.commands import panels as commands
from app.data import arranging as data
from app.data.panels import panel_assessment_or_none
from app.data.scoring import panel_ratings_counted
from app.models import Assessment
from app.organise import bp
from app.organise.forms import (
    OPEN,
    AddSeatForm,
    ArrangeForm,
    BriefForm,
    ButtonForm,
    ChangeSeatForm,
    ChooseForm,
    ConflictForm,
    OfferForm,
    VersionForm,
    seat_field_name,
)
from app.rules.arranging import KIND_HINTS, is_overdue, role_noun, time_words
from app.rules.ids import parse_id
from app.rules.panels import PanelRole, Seat, panel_role_label
from app.rules.permissions import Role, can_read_all_projects
from app.rules.phases import phase_label
from app.rules.report_steps import may_withdraw, waiting_for
from app.rules.reports import (
    FEEDBACK_QUESTIONS,
    FEEDBACK_SCALE_WORDS,
    answers_in_words,
    points_in_scope,
    report_status_label,
)
from app.rules.self_assessment import ASSESSMENT_KIND_LABELS

organisers = role_required(Role.ORGANISER, Role.ADMINISTRATOR)
assessors_only = role_required(Role.ASSESSOR)


def _add_errors(form, errors: dict[str, str], fallback: str) -> None:
    for name, message in errors.items():
        field = form._fields.get(name) or form._fields[fallback]
        if message not in field.errors:
            field.errors = [*field.errors, message]


# --- The queue -------------------------------------------------------------------------------


@bp.get("/assessments/queue")
@organisers
def queue():
    today = clock.today()
    items = data.queue(today)
    in_progress = data.reports_in_progress()
    return render_template(
        "organise/queue.html",
        items=[(item, is_overdue(item, today)) for item in items],
        arranged=data.arranged_assessments(),
        in_progress=in_progress,
        readable=data.reports_readable_by(current_user, in_progress),
        status_label=report_status_label,
        waiting_for=waiting_for,
    )


# --- Arranging -------------------------------------------------------------------------------


def _project_choices():
    return [(project.id, project.name) for project in data.projects_in_order()]


@bp.route("/assessments/arrange", methods=["GET", "POST"])
@organisers
def arrange():
    """First which project and what kind (a GET form); then the details, their check
    answers page and the confirmation."""
    choose = ChooseForm(request.args, projects=_project_choices())
    chosen = "kind" in request.args or "project_id" in request.args
    if not chosen:
        # From the board's assessments due list: that project chosen, nothing checked yet.
        return render_template(
            "organise/choose.html", form=_fresh(request.args.get("for_project", ""))
        )
    if not choose.validate():
        return render_template("organise/choose.html", form=choose)
    project = data.project_or_none(parse_id(choose.project_id.data))
    kind = choose.kind.data
    sources = commands.sources_for(project.id, kind)
    plan = commands.plan_for(project, kind, sources)
    problem = commands.arrangement_errors(
        commands.Arrangement(project.id, kind, None, None, (), commands.Brief("", "", None, None))
    ).get("kind")
    if problem:
        choose.kind.errors = [problem]
        return render_template("organise/choose.html", form=choose)

    assessors = data.assessors()
    form = ArrangeForm(assessors=assessors, marks=_marks(project.id))
    if request.method == "GET":
        form.brief_description.data = project.description
        for role in PanelRole:
            if role is not PanelRole.LEAD:
                form[seat_field_name(role.value)].data = ""
    context = {
        "project": project,
        "kind": kind,
        "kind_label": ASSESSMENT_KIND_LABELS[kind],
        "kind_words": commands.kind_words(kind, plan.phase),
        "kind_hint": KIND_HINTS[kind],
        "sources": sources,
        "plan": plan,
        "reads": _reads_words(plan),
        "scope": _scope_words(kind, sources),
        "choose_args": {"project_id": project.id, "kind": kind},
        "role_label": panel_role_label,
        "role_noun": role_noun,
        "time_words": time_words,
    }
    if request.method == "POST" and "change" not in request.form:
        # Every problem at once: the form's own checks, and the arrangement's rules for
        # the fields those did not already refuse.
        valid = form.validate_on_submit()
        arrangement = _arrangement(form, project.id, kind)
        errors = {
            name: message
            for name, message in commands.arrangement_errors(arrangement).items()
            if not (name in form._fields and form._fields[name].errors)
        }
        if valid and not errors and request.form.get("confirm"):
            try:
                assessment = commands.arrange_assessment(current_user, arrangement)
            except Invalid as invalid:
                errors = invalid.errors
            except Conflict as conflict:
                # Someone arranged from the same self-assessment at the same moment: what
                # was typed stays in the form, and the page says what happened.
                flash(conflict.message)
                return render_template("organise/arrange.html", form=form, **context), 409
            else:
                return redirect(url_for(".arranged", assessment_id=assessment.id))
        if errors or not valid:
            _add_errors(form, errors, "seat_lead")
        else:
            names = {person.id: person.name for person in assessors}
            return render_template(
                "organise/check.html",
                form=form,
                arrangement=arrangement,
                names=names,
                carried=[
                    (name, values)
                    for name, values in request.form.lists()
                    if name not in ("csrf_token", "confirm", "change")
                ],
                **context,
            )
    return render_template("organise/arrange.html", form=form, **context)


def _fresh(project_id: str = "") -> ChooseForm:
    """The first question with no errors, and nothing chosen or only the project."""
    form = ChooseForm(None, projects=_project_choices())
    if project_id in form.project_ids:
        form.project_id.data = project_id
    return form


def _scope_words(kind: str, sources: commands.Sources) -> str:
    if sources.follows is not None:
        earlier = panel_ratings_counted(sources.follows)
        numbers = points_in_scope(kind, earlier.keys(), earlier)
        listed = ", ".join(str(n) for n in numbers) or "none"
        return f"Points {listed}, from the {_described(sources.follows)}"
    if sources.self_assessment is not None and kind != "assessment":
        return "Every point, from the self-assessment submitted on " + (
            f"{sources.self_assessment.submitted_at:%-d %B %Y}"
            if sources.self_assessment.submitted_at
            else "an earlier date"
        )
    return "Every point of the standard"


def _reads_words(plan: commands.Plan) -> str:
    """Which of the team's self-assessments the panel will read, in words: what arranging
    attaches to the brief, and whether it goes into review."""
    if plan.self_assessment is None:
        return "None: the panel will have no self-assessment from the team"
    read = plan.self_assessment
    words = f"The team's {phase_label(read.phase).lower()} self-assessment"
    if read.submitted_at:
        words += f", submitted on {read.submitted_at:%-d %B %Y}"
    if plan.into_review is not None:
        return words + ". It goes into review when you arrange the assessment"
    return words + ". It is not changed"


def _described(assessment: Assessment) -> str:
    words = commands.kind_words(assessment.kind, assessment.phase).lower()
    when = f" of {assessment.assessment_date:%-d %B %Y}" if assessment.assessment_date else ""
    return words + when


def _arrangement(form: ArrangeForm, project_id: int, kind: str) -> commands.Arrangement:
    return commands.Arrangement(
        project_id=project_id,
        kind=kind,
        assessment_date=form.assessment_date.data,
        assessment_time=form.parsed_time,
        seats=tuple(Seat(role, person) for role, person in form.seats()),
        brief=_brief(form),
    )


def _brief(form) -> commands.Brief:
    return commands.Brief(
        description=form.brief_description.data or "",
        users=form.brief_users.data or "",
        prototype_url=form.prototype_url.data or None,
        architecture_url=form.architecture_url.data or None,
    )


@bp.get("/assessments/<int:assessment_id>/arranged")
@assessment_rule("organise")
def arranged(assessment: Assessment):
    return render_template("organise/arranged.html", assessment=assessment, **_about(assessment))


def _about(assessment: Assessment) -> dict:
    return {
        "kind_words": commands.kind_words(assessment.kind, assessment.phase),
        "when": f"{assessment.assessment_date:%-d %B %Y}"
        + (f" at {time_words(assessment.assessment_time)}" if assessment.assessment_time else ""),
        "status_label": report_status_label(assessment.status),
        "role_label": panel_role_label,
        "role_noun": role_noun,
    }


# --- The panel -------------------------------------------------------------------------------


def _marks(project_id: int) -> dict[int, str]:
    """Why some assessors cannot sit on the project's panels, by person, for the choices."""
    marks = dict.fromkeys(data.conflicted_ids(project_id), "declared a conflict of interest")
    marks.update(dict.fromkeys(data.team_ids(project_id), "in the project's team"))
    return marks


def _panel_page(assessment: Assessment, add_form=None, status: int = 200):
    assessors = data.assessors()
    add_form = add_form or AddSeatForm(assessors=assessors, marks=_marks(assessment.project_id))
    return (
        render_template(
            "organise/panel.html",
            assessment=assessment,
            form=add_form,
            may_change=assessment.status in data.OPEN_FOR_PANEL_CHANGES,
            may_withdraw=may_withdraw(assessment.status),
            problems=commands.panel_messages(assessment),
            button=ButtonForm(),
            **_about(assessment),
        ),
        status,
    )


@bp.get("/assessments/<int:assessment_id>/panel")
@assessment_rule("organise")
def panel(assessment: Assessment):
    return _panel_page(assessment)


@bp.post("/assessments/<int:assessment_id>/panel/add")
@assessment_rule("organise")
def add_seat(assessment: Assessment):
    form = AddSeatForm(assessors=data.assessors(), marks=_marks(assessment.project_id))
    if form.validate_on_submit():
        person = None if form.person_id.data == OPEN else parse_id(form.person_id.data)
        if form.person_id.data != OPEN and person is None:
            person = -1
        try:
            member = commands.add_panel_seat(
                current_user, assessment.id, form.panel_role.data, person
            )
        except Invalid as invalid:
            _add_errors(form, invalid.errors, "person_id")
        except NotAllowed as refusal:
            flash(refusal.message)
            return redirect(url_for(".panel", assessment_id=assessment.id))
        else:
            role = panel_role_label(member.panel_role).lower()
            flash(
                f"{member.person.name} is on the panel as {role_noun(member.panel_role)}."
                if member.person
                else f"The {role} role is open: assessors can offer to fill it.",
                "success",
            )
            return redirect(url_for(".panel", assessment_id=assessment.id))
    return _panel_page(assessment, form, 400)


@bp.route("/assessments/<int:assessment_id>/panel/<int:member_id>", methods=["GET", "POST"])
@assessment_rule("organise")
def change_seat(assessment: Assessment, member_id: int):
    seat = data.seat_or_none(member_id)
    if seat is None or seat.assessment_id != assessment.id:
        abort(404)
    lead = seat.panel_role == PanelRole.LEAD
    form = ChangeSeatForm(
        assessors=data.assessors(), lead=lead, marks=_marks(assessment.project_id)
    )
    if not form.is_submitted():
        form.version.data = str(seat.version)
        form.person_id.data = str(seat.person_id) if seat.person_id else OPEN
    conflict = False
    if form.validate_on_submit():
        value = form.person_id.data
        person = None if value == OPEN and not lead else (parse_id(value) or -1)
        try:
            commands.fill_panel_seat(current_user, seat.id, parse_id(form.version.data), person)
        except Invalid as invalid:
            _add_errors(form, invalid.errors, "person_id")
        except Conflict:
            conflict = True
            form.version.data = str(seat.version)
        except NotAllowed as refusal:
            flash(refusal.message)
            return redirect(url_for(".panel", assessment_id=assessment.id))
        except NotFound:
            abort(404)
        else:
            flash(
                f"The panel's {role_noun(seat.panel_role)} has been changed.",
                "success",
            )
            return redirect(url_for(".panel", assessment_id=assessment.id))
    return render_template(
        "organise/change_seat.html",
        form=form,
        seat=seat,
        assessment=assessment,
        conflict=conflict,
        **_about(assessment),
    ), (409 if conflict else 200)


@bp.route("/assessments/<int:assessment_id>/panel/<int:member_id>/remove", methods=["GET", "POST"])
@assessment_rule("organise")
def remove_seat(assessment: Assessment, member_id: int):
    """Ask first, then take the role off the panel."""
    seat = data.seat_or_none(member_id)
    if seat is None or seat.assessment_id != assessment.id:
        abort(404)
    form = VersionForm()
    if request.method == "GET":
        form.version.data = str(seat.version)
        return render_template(
            "organise/remove_seat.html",
            form=form,
            seat=seat,
            assessment=assessment,
            may_change=assessment.status in data.OPEN_FOR_PANEL_CHANGES,
            **_about(assessment),
        )
    if not form.validate_on_submit():
        abort(400)
    role = panel_role_label(seat.panel_role).lower()
    try:
        commands.remove_panel_seat(current_user, seat.id, parse_id(form.version.data))
    except NotAllowed as refusal:
        flash(refusal.message)
    except Conflict as conflict:
        flash(f"{conflict.message}. Nothing was removed: check the panel and try again.")
    else:
        flash(f"The {role} role has been taken off the panel.", "success")
    return redirect(url_for(".panel", assessment_id=assessment.id))


@bp.post("/assessments/<int:assessment_id>/offers/<int:offer_id>/accept")
@assessment_rule("organise")
def accept_offer(assessment: Assessment, offer_id: int):
    offer = data.offer_or_none(offer_id)
    if offer is None or offer.panel_member.assessment_id != assessment.id:
        abort(404)
    if not ButtonForm().validate_on_submit():
        abort(400)
    name = offer.person.name
    try:
        seat = commands.accept_offer(current_user, offer.id)
    except (Invalid, NotAllowed, Conflict) as refusal:
        message = (
            next(iter(refusal.errors.values())) if isinstance(refusal, Invalid) else refusal.message
        )
        flash(f"{name}'s offer was not accepted. {message}.")
    else:
        flash(f"{name} is on the panel as {role_noun(seat.panel_role)}.", "success")
    return redirect(url_for(".panel", assessment_id=assessment.id))


# --- The brief -------------------------------------------------------------------------------


def brief_rule(view):
    """Signed in, and on the panel, an organiser, the board, or in the project's team (the
    team sees and changes its own brief; the command decides who may save it). An
    organiser reads a confidential project's brief too: it is part of arranging."""

    @wraps(view)
    def wrapped(assessment_id: int, *args, **kwargs):
        if not current_user.is_authenticated:
            return redirect(url_for("auth.sign_in", next=request.full_path.rstrip("?")))
        assessment = panel_assessment_or_none(assessment_id)
        if assessment is None:
            abort(404)
        abilities = abilities_on_assessment(assessment, current_user)
        if not (abilities.read_panel_work or abilities.organise or abilities.team_role is not None):
            abort(403)
        g.assessing = abilities
        return view(assessment, *args, **kwargs)

    return _mark(wrapped, "assessment:brief")


@bp.route("/assessments/<int:assessment_id>/brief", methods=["GET", "POST"])
@brief_rule
def brief(assessment: Assessment):
    may_change = (
        commands.may_change_brief(current_user, assessment)
        and assessment.status in data.OPEN_FOR_PANEL_CHANGES
    )
    form = BriefForm(obj=assessment if request.method == "GET" else None)
    conflict = False
    if request.method == "POST":
        if not may_change:
            abort(403)
        if form.validate_on_submit():
            try:
                changes = commands.change_brief(
                    current_user, assessment.id, parse_id(form.version.data), _brief(form)
                )
            except Invalid as invalid:
                _add_errors(form, invalid.errors, "brief_description")
            except Conflict:
                conflict = True
                form.version.data = str(assessment.version)
            else:
                flash(
                    "The brief has been saved."
                    if changes
                    else "Nothing was changed: the brief was already as you saved it.",
                    "success",
                )
                return redirect(url_for(".brief", assessment_id=assessment.id))
    if g.assessing.organise:
        back = ("Back to the panel", url_for(".panel", assessment_id=assessment.id))
    elif g.assessing.team_role is not None:
        back = ("Back to the project", url_for("projects.show", project_id=assessment.project_id))
    else:
        back = None
    return render_template(
        "organise/brief.html",
        back=back,
        form=form,
        assessment=assessment,
        may_change=may_change,
        conflict=conflict,
        **_about(assessment),
    ), (409 if conflict else 200)


# --- Open roles and offers (assessors) -------------------------------------------------------


@bp.get("/panel-roles")
@assessors_only
def open_roles():
    seats = data.open_seats(clock.today())
    rows = [(seat, commands.offer_problem(current_user, seat)) for seat in seats]
    return render_template(
        "organise/open_roles.html", rows=rows, role_label=panel_role_label, described=_described
    )


@bp.route("/panel-roles/<int:member_id>/offer", methods=["GET", "POST"])
@assessors_only
def offer(member_id: int):
    seat = data.seat_or_none(member_id)
    if seat is None or panel_assessment_or_none(seat.assessment_id) is None:
        abort(404)
    form = OfferForm()
    problem = commands.offer_problem(current_user, seat)
    already = any(item.person_id == current_user.id for item in seat.offers)
    if form.validate_on_submit() and not problem and not already:
        try:
            commands.offer_to_fill(current_user, seat.id, form.note.data)
        except Invalid as invalid:
            _add_errors(form, invalid.errors, "note")
        except NotAllowed as refusal:
            problem = refusal.message
        else:
            flash(
                "Your offer has been sent. An organiser will tell you if it is accepted.",
                "success",
            )
            return redirect(url_for(".open_roles"))
    return render_template(
        "organise/offer.html",
        form=form,
        seat=seat,
        assessment=seat.assessment,
        problem=problem,
        already=already,
        **_about(seat.assessment),
    )


# --- Conflicts of interest (assessors) -------------------------------------------------------


@bp.route("/conflicts", methods=["GET", "POST"])
@assessors_only
def conflicts():
    form = ConflictForm(projects=_project_choices())
    if form.validate_on_submit():
        try:
            conflict = commands.declare_conflict(
                current_user, parse_id(form.project_id.data), form.reason.data
            )
        except Invalid as invalid:
            _add_errors(form, invalid.errors, "reason")
        else:
            panels = data.panels_of_person_for_project(current_user.id, conflict.project_id)
            message = f"Your conflict of interest with {conflict.project.name} has been recorded."
            if panels:
                message += (
                    " You are on a panel of this project still to be held: tell the "
                    "assessment organiser so they can change it."
                )
            flash(message, "success")
            return redirect(url_for(".conflicts"))
    return render_template(
        "organise/conflicts.html",
        form=form,
        declared=data.conflicts_of(current_user.id),
        button=ButtonForm(),
    )


@bp.get("/assessments/conflicts")
@organisers
def all_conflicts():
    """Every declared conflict of interest, read-only, for arranging panels. What an
    assessor writes here is for the organisers: the project's team never sees it."""
    return render_template("organise/all_conflicts.html", conflicts=data.all_conflicts())


@bp.post("/conflicts/<int:conflict_id>/withdraw")
@assessors_only
def withdraw_conflict(conflict_id: int):
    if not ButtonForm().validate_on_submit():
        abort(400)
    try:
        commands.withdraw_conflict(current_user, conflict_id)
    except NotFound:
        abort(404)
    flash("Your declaration has been withdrawn.", "success")
    return redirect(url_for(".conflicts"))


# --- Feedback results ------------------------------------------------------------------------


@bp.get("/assessments/feedback")
@organisers
def feedback():
    summaries = data.feedback_by_assessment()
    # Comments may quote a confidential project's report, which organisers do not read:
    # they see its scores only. The board and administrators read everything.
    reads_all = can_read_all_projects(current_user.roles)
    return render_template(
        "organise/feedback.html",
        summaries=summaries,
        comments_withheld={
            s.assessment.id
            for s in summaries
            if s.assessment.project.confidential and not reads_all
        },
        questions=list(enumerate(FEEDBACK_QUESTIONS, start=1)),
        described=_described,
        scale_words=FEEDBACK_SCALE_WORDS,
        answers_in_words=answers_in_words,
    )
