"""Forms for projects: details, team and phase. One form per page."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovCheckboxInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

from app import clock
from app.forms import Form
from app.models import Person
from app.rules.phase_moves import (
    NEXT_ASSESSMENT_HINT,
    OVERRIDE_MISSING,
    OVERRIDE_REASON_LIMIT,
    REASON_LIMIT,
    REASON_MISSING,
    TO_PHASE_MISSING,
    next_assessment_problem,
    phase_choices,
)
from app.rules.phases import Phase
from app.rules.projects import (
    DESCRIPTION_LIMIT,
    DESCRIPTION_MISSING,
    DESCRIPTION_TOO_LONG,
    DIRECTORATE_LIMIT,
    DIRECTORATE_NOT_LISTED,
    DIRECTORATE_TOO_LONG,
    FRAMEWORK_MISSING,
    KEY_DELIVERABLES_LIMIT,
    KEY_DELIVERABLES_TOO_LONG,
    NAME_LIMIT,
    NAME_MISSING,
    NAME_TAKEN,
    NAME_TOO_LONG,
    NON_CASHABLE_LABELS,
    NON_CASHABLE_MISSING,
    NOT_KNOWN,
    PHASE_MISSING,
    parse_pounds,
    phase_words,
)
from app.rules.teams import (
    DEACTIVATED,
    TEAM_ROLE_HINTS,
    TEAM_ROLE_MISSING,
    TEAM_ROLE_ORDER,
    already_in_team_message,
    no_account_message,
    team_role_label,
)
from app.widgets import GovDateField, GovRadiosWithHints, choice_list

EMAIL_FORMAT_MESSAGE = "Enter an email address in the correct format, like name@example.gov.uk"


def add_errors(form: Form, errors: Mapping[str, str], fallback: str) -> None:
    """Show a command's refusal (``{field: message}``) beside the fields it is about; anything
    about a field the page does not have goes beside ``fallback``."""
    for name, message in errors.items():
        field = form._fields.get(name) or form._fields[fallback]
        if message not in field.errors:
            field.errors = [*field.errors, message]


def _strip(value):
    """Spaces typed or pasted around a value are not part of it."""
    return value.strip() if isinstance(value, str) else value


# --- Project details -----------------------------------------------------------------------------


class ProjectForm(Form):
    """A project's details, in the order the page asks for them (so errors are listed in
    that order too). Administrators may also add a directorate that is not in the list."""

    version = HiddenField()
    name = StringField(
        "Project name",
        widget=GovTextInput(),
        filters=[_strip],
        validators=[
            DataRequired(message=NAME_MISSING),
            Length(max=NAME_LIMIT, message=NAME_TOO_LONG),
        ],
    )
    description = TextAreaField(
        "Description",
        widget=GovCharacterCount(),
        filters=[_strip],
        description="What the project is for and who it will help.",
        validators=[
            DataRequired(message=DESCRIPTION_MISSING),
            Length(max=DESCRIPTION_LIMIT, message=DESCRIPTION_TOO_LONG),
        ],
    )
    key_deliverables = TextAreaField(
        "Key deliverables (optional)",
        widget=GovCharacterCount(),
        filters=[_strip],
        description="What the project will deliver, as the programme board tracks it.",
        validators=[
            Optional(),
            Length(max=KEY_DELIVERABLES_LIMIT, message=KEY_DELIVERABLES_TOO_LONG),
        ],
    )
    directorate = SelectField("Directorate", widget=GovSelect(), validate_choice=False)
    new_directorate = StringField(
        "Or add a directorate that is not in the list",
        widget=GovTextInput(),
        filters=[_strip],
        validators=[
            Optional(),
            Length(max=DIRECTORATE_LIMIT, message=DIRECTORATE_TOO_LONG),
        ],
    )
    phase = RadioField(
        "Which phase is the project in?",
        choices=choice_list((phase.value, phase_words(phase.value)) for phase in Phase),
        widget=GovRadioInput(),
        description="Later changes of phase are made from the project page, with a reason.",
        validate_choice=False,
    )
    framework = RadioField(
        "Which standard will the project be assessed against?",
        validate_choice=False,
    )
    cashable_benefit = StringField(
        "Cashable benefit (optional)",
        widget=GovTextInput(),
        filters=[_strip],
        description="Money saved or earned each year, in whole pounds. Leave blank if not known.",
    )
    non_cashable_benefit = RadioField(
        "Non-cashable benefit",
        choices=choice_list(
            [
                *((value.value, label) for value, label in NON_CASHABLE_LABELS.items()),
                (NOT_KNOWN, "Not known yet"),
            ]
        ),
        widget=GovRadioInput(),
        description="Benefits that are not money, such as better outcomes for residents.",
        validate_choice=False,
    )
    next_assessment_due = GovDateField(
        "When is the next assessment due? (optional)",
        noun="Next assessment date",
        description="For example, 27 3 2027",
    )
    confidential = BooleanField(
        "This project is confidential",
        widget=GovCheckboxInput(),
        description=(
            "Its assessment reports are never published to the public. Only its team, its "
            "panels, the programme board and administrators can read them."
        ),
    )

    def __init__(
        self,
        *args,
        directorates: list[tuple[int, str]],
        frameworks: list[tuple[int, str, str]],
        name_taken: Callable[[str], bool],
        may_add_directorate: bool,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.directorate.choices = choice_list([("", "Choose a directorate"), *directorates])
        self._directorate_ids = {str(value) for value, _ in directorates}
        self.framework.choices = choice_list((value, label) for value, label, _ in frameworks)
        self.framework.widget = GovRadiosWithHints({str(v): hint for v, _, hint in frameworks})
        self._framework_ids = {str(value) for value, _, _ in frameworks}
        self._name_taken = name_taken
        self.cashable_amount: int | None = None
        if not may_add_directorate:
            del self.new_directorate

    @property
    def may_add_directorate(self) -> bool:
        return "new_directorate" in self._fields

    def validate_name(self, field) -> None:
        if field.data and self._name_taken(field.data):
            raise ValidationError(NAME_TAKEN)

    def validate_directorate(self, field) -> None:
        new = self.new_directorate.data if self.may_add_directorate else ""
        if field.data and new:
            raise ValidationError("Select a directorate from the list or add a new one, not both")
        if new:
            return
        if not field.data:
            raise ValidationError(
                "Select a directorate, or add a new one"
                if self.may_add_directorate
                else "Select a directorate"
            )
        if field.data not in self._directorate_ids:
            raise ValidationError(DIRECTORATE_NOT_LISTED)

    def validate_framework(self, field) -> None:
        if field.data not in self._framework_ids:
            raise ValidationError(FRAMEWORK_MISSING)

    def validate_cashable_benefit(self, field) -> None:
        try:
            self.cashable_amount = parse_pounds(field.data)
        except ValueError as problem:
            raise ValidationError(str(problem)) from None

    def validate_phase(self, field) -> None:
        if field.data not in {phase.value for phase in Phase}:
            raise ValidationError(PHASE_MISSING)

    def validate_non_cashable_benefit(self, field) -> None:
        if field.data != NOT_KNOWN and field.data not in {v.value for v in NON_CASHABLE_LABELS}:
            raise ValidationError(NON_CASHABLE_MISSING)


class NewProjectForm(ProjectForm):
    submit = SubmitField("Add project", widget=GovSubmitInput())


class EditProjectForm(ProjectForm):
    phase = None  # changed only through the phase journey, which records why
    submit = SubmitField("Save changes", widget=GovSubmitInput())


# --- Team --------------------------------------------------------------------------------------

TEAM_ROLE_CHOICES = choice_list(
    (role.value, team_role_label(role.value)) for role in TEAM_ROLE_ORDER
)


def _team_role_field(label: str) -> RadioField:
    return RadioField(
        label,
        choices=TEAM_ROLE_CHOICES,
        widget=GovRadiosWithHints({role.value: hint for role, hint in TEAM_ROLE_HINTS.items()}),
        validate_choice=False,
    )


def _check_team_role(field) -> None:
    if field.data not in {role.value for role in TEAM_ROLE_ORDER}:
        raise ValidationError(TEAM_ROLE_MISSING)


class AddMemberForm(Form):
    email = EmailField(
        "Email address",
        widget=GovTextInput(),
        filters=[_strip],
        description="The work email address they sign in with.",
        validators=[
            DataRequired(message="Enter their email address"),
            Length(max=254, message="Email address must be 254 characters or fewer"),
            Email(message=EMAIL_FORMAT_MESSAGE, check_deliverability=False),
        ],
    )
    team_role = _team_role_field("What is their role in the team?")
    submit = SubmitField("Add to the team", widget=GovSubmitInput())

    def __init__(
        self,
        *args,
        find_person: Callable[[str], Person | None],
        team: dict[int, str],
        may_add_people: bool,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self._find_person = find_person
        self._team = team
        self._may_add_people = may_add_people
        self.person: Person | None = None

    def validate_email(self, field) -> None:
        person = self._find_person(field.data or "")
        if person is None:
            raise ValidationError(no_account_message(self._may_add_people))
        if not person.is_active:
            raise ValidationError(DEACTIVATED)
        if person.id in self._team:
            raise ValidationError(already_in_team_message(person.name))
        self.person = person

    def validate_team_role(self, field) -> None:
        _check_team_role(field)


class TeamRoleForm(Form):
    team_role = _team_role_field("What is their role in the team?")
    submit = SubmitField("Save team role", widget=GovSubmitInput())

    def validate_team_role(self, field) -> None:
        _check_team_role(field)


class RemoveMemberForm(Form):
    submit = SubmitField("Remove from the team", widget=GovSubmitInput())


# --- Phase ---------------------------------------------------------------------------------------


def _reason_field(label: str, limit: int, required: str, description: str) -> TextAreaField:
    return TextAreaField(
        label,
        widget=GovCharacterCount(),
        filters=[_strip],
        description=description,
        validators=[
            DataRequired(message=required),
            Length(max=limit, message=f"Reason must be {limit:,} characters or fewer"),
        ],
    )


class PhaseForm(Form):
    """The first page of a phase change: where to, and why.

    ``from_phase`` is the phase the person saw, so a move made by someone else
    in the meantime is noticed rather than undone.
    """

    from_phase = HiddenField()
    to_phase = RadioField(
        "Which phase is the project moving to?",
        widget=GovRadioInput(),
        validate_choice=False,
    )
    reason = _reason_field(
        "Why is it moving to this phase?",
        REASON_LIMIT,
        REASON_MISSING,
        "For example, what the team has learnt or what its last assessment found. "
        "The programme board will see this.",
    )
    next_assessment_due = GovDateField(
        "When is the next assessment due?",
        noun="Next assessment date",
        description=NEXT_ASSESSMENT_HINT,
    )
    # A reason to move on despite red points, typed on the next page, kept while the
    # person goes back to change an answer or is sent back because the project moved.
    override_reason = HiddenField(
        filters=[_strip, lambda value: (value or "")[:OVERRIDE_REASON_LIMIT]]
    )
    # What the button does: it moves the project (after a check, when red points stand in
    # the way).
    submit = SubmitField("Move the project", widget=GovSubmitInput())

    def __init__(self, *args, current_phase: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.to_phase.choices = choice_list(
            (phase.value, phase_words(phase.value)) for phase in phase_choices(current_phase)
        )
        self._current = current_phase
        self._allowed = {phase.value for phase in phase_choices(current_phase)}

    def validate_to_phase(self, field) -> None:
        if field.data not in self._allowed:
            raise ValidationError(TO_PHASE_MISSING)

    def next_assessment_problem(self) -> str | None:
        """What is wrong with the date for the phase chosen (the boxes' own problem first)."""
        field = self.next_assessment_due
        if field.problem:
            return field.problem
        if self.to_phase.data not in self._allowed:
            return None  # the phase's own error says what to do first
        return next_assessment_problem(self._current, self.to_phase.data, field.data, clock.today())

    def validate_next_assessment_due(self, field) -> None:
        problem = self.next_assessment_problem()
        if problem and not field.problem:  # a problem of the boxes is reported already
            raise ValidationError(problem)

    def date_parts(self) -> list[str]:
        """The date as the three boxes would send it, to carry it to the next page."""
        due = self.next_assessment_due.data
        return [str(due.day), str(due.month), str(due.year)] if due else ["", "", ""]


class ConfirmPhaseForm(PhaseForm):
    """The second page, when red points stand in the way: the first page's answers ride along."""

    to_phase = HiddenField()
    reason = HiddenField(filters=[_strip], validators=[Optional()])
    override_reason = _reason_field(
        "Why should the project move on anyway?",
        OVERRIDE_REASON_LIMIT,
        OVERRIDE_MISSING,
        "Say how the team will deal with the red points and their actions. "
        "This is recorded and shown to the programme board.",
    )
    submit = SubmitField("Move the project", widget=GovSubmitInput())

    def validate_to_phase(self, field) -> None:
        """Checked by ``first_page_is_valid``: a hidden field's error could not be shown."""

    def first_page_is_valid(self) -> bool:
        """The carried answers still make sense (they could have been changed in transit)."""
        reason = self.reason.data or ""
        return (
            self.to_phase.data in self._allowed
            and 0 < len(reason) <= REASON_LIMIT
            and self.next_assessment_problem() is None
        )
