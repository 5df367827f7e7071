"""Forms for a point of the self-assessment and the pages that add, change and remove
its artefacts and actions. One form a page, each with one main button."""

from __future__ import annotations

from datetime import date

from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import HiddenField, RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import Length, Optional

from app.forms import Form
from app.rules.actions import OTHER_OWNER, owner_options
from app.rules.evidence import (
    ARTEFACT_KINDS,
    action_description_problem,
    action_owner_problem,
    artefact_problems,
    due_date_for,
    owner_name_problem,
)
from app.rules.ids import parse_id
from app.rules.ratings import RATING_LABELS, RATING_MEANINGS
from app.rules.self_assessment import EVIDENCE_ACCOUNT_LIMIT
from app.widgets import GovDateField, GovRadiosWithHints, GovRadiosWithSomeoneElse, choice_list


def show_errors(form: Form, errors: dict[str, str]) -> None:
    """Put a command's ``{field: message}`` on the form's fields (or its first field)."""
    for name, message in errors.items():
        field = form._fields.get(name) or next(iter(form))
        if message not in field.errors:
            field.errors = [*field.errors, message]


class PointForm(Form):
    """The point page: the team's account, its rating and whether the point is done."""

    version = HiddenField()
    evidence_account = TextAreaField(
        "Your evidence",
        widget=GovCharacterCount(),
        description=(
            "Describe what your team has done to meet this point, and what shows it. "
            "Add the artefacts that show it above."
        ),
        validators=[
            Optional(),
            Length(
                max=EVIDENCE_ACCOUNT_LIMIT,
                message=f"Evidence must be {EVIDENCE_ACCOUNT_LIMIT:,} characters or fewer",
            ),
        ],
    )
    rating = RadioField(
        "How well does your project meet this point?",
        choices=choice_list((rating.value, label) for rating, label in RATING_LABELS.items()),
        widget=GovRadiosWithHints({rating.value: hint for rating, hint in RATING_MEANINGS.items()}),
        validators=[Optional()],
        validate_choice=False,
    )
    completed = RadioField(
        "Have you completed this point?",
        choices=choice_list([("yes", "Yes"), ("no", "No, I'll come back later")]),
        widget=GovRadioInput(),
        validators=[Optional()],
        validate_choice=False,
    )
    save = SubmitField("Save and continue", widget=GovSubmitInput())

    # Saving as a draft on the way to an artefact or action page: "completed?" is not asked.
    draft = False

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if self.rating.data and self.rating.data not in {r.value for r in RATING_LABELS}:
            self.rating.errors.append("Select green, amber or red")
            ok = False
        if not self.draft and self.completed.data not in ("yes", "no"):
            self.completed.errors.append("Select yes if you have completed this point")
            ok = False
        return ok

    @property
    def wants_completed(self) -> bool:
        return self.completed.data == "yes"


class ArtefactForm(Form):
    """Adding an artefact to a point, or changing one."""

    version = HiddenField()

    title = StringField(
        "Title",
        widget=GovTextInput(),
        validators=[Optional()],
    )
    url = StringField(
        "Link",
        widget=GovTextInput(),
        description="Starts with https:// or http://",
        validators=[Optional()],
    )
    kind = SelectField(
        "Type",
        choices=choice_list([("", "Choose a type"), *ARTEFACT_KINDS.items()]),
        widget=GovSelect(),
        validators=[Optional()],
        validate_choice=False,
    )
    dated = GovDateField(
        "Date (optional)",
        noun="Date",
        description="When it was written or last updated",
    )
    submit = SubmitField("Add artefact", widget=GovSubmitInput())

    def validate(self, extra_validators=None) -> bool:
        # The rules say what is wrong with the title, link and type, in GOV.UK words.
        ok = super().validate(extra_validators)
        problems = artefact_problems(self.title.data, self.url.data, self.kind.data)
        show_errors(self, problems)
        return ok and not problems


class AttachArtefactForm(Form):
    """Choosing an artefact the project already has, to support this point too."""

    artefact = RadioField(
        "Which artefact supports this point?",
        widget=GovRadioInput(),
        validators=[Optional()],
        validate_choice=False,
    )
    submit = SubmitField("Attach artefact", widget=GovSubmitInput())

    def set_choices(self, artefacts: list[tuple[int, str]]) -> None:
        self.artefact.choices = choice_list(artefacts)
        self._ids = {artefact_id for artefact_id, _ in artefacts}

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if parse_id(self.artefact.data) not in self._ids:
            self.artefact.errors.append("Select an artefact to attach")
            ok = False
        return ok

    @property
    def artefact_id(self) -> int | None:
        return parse_id(self.artefact.data)


class ActionForm(Form):
    """Adding an action to a point's plan, or changing one."""

    version = HiddenField()
    description = TextAreaField(
        "What needs to be done?",
        widget=GovTextArea(),
        validators=[Optional()],
    )
    owner = RadioField(
        "Who owns it?",
        widget=GovRadiosWithSomeoneElse(OTHER_OWNER),
        validators=[Optional()],
        validate_choice=False,
    )
    owner_name = StringField(
        "Name of the person who owns it",
        widget=GovTextInput(),
        description="For example, a supplier or someone in another team",
        validators=[Optional()],
    )
    due_date = GovDateField("When is it due?", noun="Due date")
    submit = SubmitField("Add action", widget=GovSubmitInput())

    def set_choices(self, owners: list[tuple[int, str]], rating: str | None, today: date) -> None:
        """Who may own it (active members of the team), and what the due date rule needs."""
        self.owner.choices = choice_list(owner_options(owners))
        self._owner_ids = {person_id for person_id, _ in owners}
        self._rating = rating
        self._today = today
        self._current_due: date | None = None

    def keep_due_date(self, current: date | None) -> None:
        """An action being changed may keep the due date it has, even a past one."""
        self._current_due = current

    @property
    def owner_id(self) -> int | None:
        return None if self.owner.data == OTHER_OWNER else parse_id(self.owner.data)

    @property
    def typed_owner_name(self) -> str | None:
        return self.owner_name.data if self.owner.data == OTHER_OWNER else None

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        problems = {}
        if problem := action_description_problem(self.description.data):
            problems["description"] = problem
        choice = self.owner.data or ""
        if choice != OTHER_OWNER and parse_id(choice) not in self._owner_ids:
            problems["owner"] = "Select who owns the action"
        else:
            problems |= action_owner_problem(self.owner_id, self.typed_owner_name, self._owner_ids)
            problems |= owner_name_problem(self.owner_id, self.owner_name.data)
        if not self.due_date.problem:
            _, problem = due_date_for(
                self.due_date.data, self._rating, self._today, self._current_due
            )
            if problem:
                problems["due_date"] = problem
        show_errors(self, problems)
        return ok and not problems


class RemoveForm(Form):
    """ "Are you sure?" before something is removed: yes or no."""

    confirm = RadioField(
        "Are you sure?",
        choices=choice_list([("yes", "Yes"), ("no", "No")]),
        widget=GovRadioInput(),
        validators=[Optional()],
        validate_choice=False,
    )
    submit = SubmitField("Continue", widget=GovSubmitInput())

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if self.confirm.data not in ("yes", "no"):
            self.confirm.errors.append(self.missing_answer)
            ok = False
        return ok

    missing_answer = "Select yes if you want to remove it"
