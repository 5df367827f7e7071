"""Forms for the self-assessment journey. One form per page."""

from __future__ import annotations

from datetime import date

from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovCheckboxInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import (
    BooleanField,
    HiddenField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional

from app.forms import Form
from app.rules.actions import OTHER_OWNER, owner_options, owner_problem
from app.rules.ids import parse_id
from app.rules.links import is_web_link
from app.rules.ratings import RATING_LABELS, RATING_MEANINGS
from app.rules.self_assessment import (
    ACTION_DESCRIPTION_LIMIT,
    EVIDENCE_ACCOUNT_LIMIT,
    RETURN_REASON_LIMIT,
    default_due_date,
)
from app.widgets import GovDateField, GovRadiosWithHints, choice_list

ARTEFACT_KINDS = {
    "research": "Research",
    "prototype": "Prototype",
    "code": "Code",
    "data_protection": "Data protection",
    "accessibility": "Accessibility",
    "performance": "Performance",
    "other": "Other",
}


BLANK = "blank"


class StartForm(Form):
    """Start blank, or (when the team has submitted one before) from the last one."""

    start_from = RadioField(
        "How do you want to start?",
        widget=GovRadioInput(),
        validate_choice=False,
        validators=[DataRequired(message="Select how you want to start")],
    )
    submit = SubmitField("Start self-assessment", widget=GovSubmitInput())

    def __init__(self, *args, earlier: tuple[int, str] | None = None, **kwargs) -> None:
        """``earlier`` is ``(id, phase words)`` of the self-assessment it can start from."""
        super().__init__(*args, **kwargs)
        self.earlier_id = earlier[0] if earlier else None
        if earlier is None:
            del self.start_from
            return
        self.start_from.choices = choice_list(
            [
                (str(earlier[0]), f"Start from the {earlier[1]} self-assessment"),
                (BLANK, "Start blank"),
            ]
        )

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if self.earlier_id is not None and self.start_from.data not in (
            str(self.earlier_id),
            BLANK,
        ):
            if not self.start_from.errors:
                self.start_from.errors.append("Select how you want to start")
            ok = False
        return ok

    def chosen_start(self) -> int | None:
        """The id of the self-assessment to start from, or None to start blank."""
        if self.earlier_id is None or self.start_from.data == BLANK:
            return None
        return self.earlier_id


class SubmitAssessmentForm(Form):
    confirm = BooleanField(
        "I confirm that, to the best of my knowledge, the evidence in this self-assessment "
        "is accurate",
        widget=GovCheckboxInput(),
        description="Peer assessors will rely on what your team has written and linked to.",
        validators=[DataRequired(message="Confirm that the evidence is accurate")],
    )
    submit = SubmitField("Submit for peer review", widget=GovSubmitInput())


class ReturnForm(Form):
    reason = TextAreaField(
        "Why is it going back to the team?",
        widget=GovCharacterCount(),
        description="The team will see this on their task list.",
        validators=[
            DataRequired(message="Enter why the self-assessment is going back to the team"),
            Length(
                max=RETURN_REASON_LIMIT,
                message=f"Reason must be {RETURN_REASON_LIMIT:,} characters or fewer",
            ),
        ],
    )
    submit = SubmitField("Return to the team", widget=GovSubmitInput())


class PointForm(Form):
    """The point page: the team's evidence, rating, artefacts, action plan and status.

    Several buttons send the same form, so nothing typed is lost when the
    team adds an artefact or an action before saving.
    """

    version = HiddenField()
    evidence_account = TextAreaField(
        "Your evidence",
        widget=GovCharacterCount(),
        description=(
            "Describe what your team has done to meet this point, and what shows it. "
            "Link to the artefacts below."
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

    artefact_title = StringField(
        "Title",
        widget=GovTextInput(),
        validators=[Optional(), Length(max=200, message="Title must be 200 characters or fewer")],
    )
    artefact_url = StringField(
        "Link",
        widget=GovTextInput(),
        description="Starts with https:// or http://",
        validators=[Optional(), Length(max=2000, message="Link must be 2,000 characters or fewer")],
    )
    artefact_kind = SelectField(
        "Type",
        choices=choice_list([("", "Choose a type"), *ARTEFACT_KINDS.items()]),
        widget=GovSelect(),
        validators=[Optional()],
        validate_choice=False,
    )
    artefact_date = GovDateField(
        "Date (optional)",
        noun="Date",
        check=False,
        description="For example, 27 3 2026",
    )
    add_artefact = SubmitField("Add artefact", widget=GovSubmitInput())

    existing_artefact = SelectField(
        "Artefact already recorded for this project",
        widget=GovSelect(),
        validators=[Optional()],
        validate_choice=False,
    )
    attach_artefact = SubmitField("Attach artefact", widget=GovSubmitInput())

    action_description = TextAreaField(
        "What needs to be done?",
        widget=GovTextArea(),
        validators=[
            Optional(),
            Length(
                max=ACTION_DESCRIPTION_LIMIT,
                message=f"Action must be {ACTION_DESCRIPTION_LIMIT} characters or fewer",
            ),
        ],
    )
    action_owner = SelectField(
        "Who owns it?",
        widget=GovSelect(),
        validators=[Optional()],
        validate_choice=False,
    )
    action_owner_name = StringField(
        "Name of the person who owns it",
        widget=GovTextInput(),
        description="If they are not in the team",
        validators=[Optional(), Length(max=120, message="Name must be 120 characters or fewer")],
    )
    action_due = GovDateField(
        "When is it due?",
        noun="Due date",
        check=False,
        description="For example, 27 3 2027",
    )
    add_action = SubmitField("Add action", widget=GovSubmitInput())

    completed = RadioField(
        "Have you completed this point?",
        choices=choice_list([("yes", "Yes"), ("no", "No, I'll come back later")]),
        widget=GovRadioInput(),
        validators=[Optional()],
        validate_choice=False,
    )
    save = SubmitField("Save and continue", widget=GovSubmitInput())

    def set_choices(self, team: list[tuple[int, str]], artefacts: list[tuple[int, str]]) -> None:
        self.action_owner.choices = choice_list(owner_options(team))
        self.existing_artefact.choices = choice_list([("", "Choose an artefact"), *artefacts])
        self._team_ids = {str(person_id) for person_id, _ in team}
        self._artefact_ids = {str(artefact_id) for artefact_id, _ in artefacts}

    # Checks for each button. Each adds GOV.UK messages to the fields and says whether all is well.

    def typed_additions(self) -> list[str]:
        """The "add" buttons whose boxes hold something, so that saving adds it too.

        A due date alone does not count: amber points suggest one before anything is typed.
        """
        additions = []
        if (
            any(
                (value or "").strip()
                for value in (
                    self.artefact_title.data,
                    self.artefact_url.data,
                    self.artefact_kind.data,
                )
            )
            or not self.artefact_date.is_empty
        ):
            additions.append("add_artefact")
        if self.existing_artefact.data:
            additions.append("attach_artefact")
        if any(
            (value or "").strip()
            for value in (
                self.action_description.data,
                self.action_owner.data,
                self.action_owner_name.data,
            )
        ):
            additions.append("add_action")
        return additions

    def check_main_fields(self) -> bool:
        ok = True
        if self.rating.data and self.rating.data not in {r.value for r in RATING_LABELS}:
            self.rating.errors.append("Select green, amber or red")
            ok = False
        if self.completed.data and self.completed.data not in ("yes", "no"):
            self.completed.errors.append("Select yes if you have completed this point")
            ok = False
        return ok

    def check_save(self) -> bool:
        if not self.completed.data:
            self.completed.errors.append("Select yes if you have completed this point")
            return False
        return True

    def check_new_artefact(self) -> bool:
        ok = True
        if not (self.artefact_title.data or "").strip():
            self.artefact_title.errors.append("Enter a title for the artefact")
            ok = False
        url = (self.artefact_url.data or "").strip()
        if not url:
            self.artefact_url.errors.append("Enter a link to the artefact")
            ok = False
        elif not is_web_link(url):
            self.artefact_url.errors.append("Enter a link that starts with http:// or https://")
            ok = False
        if self.artefact_kind.data not in ARTEFACT_KINDS:
            self.artefact_kind.errors.append("Select the type of artefact")
            ok = False
        if self.artefact_date.problem:
            self.artefact_date.errors.append(self.artefact_date.problem)
            ok = False
        return ok

    def check_existing_artefact(self) -> bool:
        if self.existing_artefact.data not in self._artefact_ids:
            self.existing_artefact.errors.append("Select an artefact to attach")
            return False
        return True

    def check_new_action(self, today: date) -> bool:
        ok = True
        if not (self.action_description.data or "").strip():
            self.action_description.errors.append("Enter what needs to be done")
            ok = False
        problem = owner_problem(self.action_owner.data, self.action_owner_name.data, self._team_ids)
        if problem:
            box = (
                self.action_owner_name
                if self.action_owner.data == OTHER_OWNER
                else self.action_owner
            )
            box.errors.append(problem)
            ok = False
        due = self.action_due
        if due.problem:
            due.errors.append(due.problem)
            return False
        if due.data is None and due.is_empty:
            # An amber action left without a date gets the usual three months, shown in
            # the boxes if anything else needs fixing.
            due.data = default_due_date(self.rating.data, today)
            due.raw_data = None
        if due.data is None:
            due.errors.append("Enter the date the action is due")
            ok = False
        elif due.data < today:
            due.errors.append("Due date must be today or in the future")
            ok = False
        return ok


def owners_form_class(numbers: list[int], titles: dict[int, str], team: list[tuple[int, str]]):
    """A form with one owner choice per point, and each point's owner when the page was
    shown (``shown_<number>``), so two people sharing out at once keep both changes."""
    pairs = [("", "No owner yet"), *team]

    class OwnersForm(Form):
        submit = SubmitField("Save owners", widget=GovSubmitInput())

        def point_fields(self):
            return [getattr(self, f"point_{number}") for number in numbers]

        def shown_fields(self):
            return [getattr(self, f"shown_{number}") for number in numbers]

        def validate(self, extra_validators=None) -> bool:
            ok = super().validate(extra_validators)
            allowed = {str(value) for value, _ in pairs}
            for field in self.point_fields():
                if (field.data or "") not in allowed:
                    field.errors.append("Select someone from the team")
                    ok = False
            return ok

        def show(self, owners: dict[int, int | None], choices: bool = True) -> None:
            """Fill the form with each point's owner as saved now."""
            for number in numbers:
                value = str(owners.get(number) or "")
                getattr(self, f"shown_{number}").data = value
                if choices:
                    getattr(self, f"point_{number}").data = value

        def posted(self, form_data) -> tuple[dict[int, int | None], dict[int, int | None]]:
            """``(shown, wanted)`` owners by point number, for the points in the post only:
            a point left out keeps its owner."""
            shown: dict[int, int | None] = {}
            wanted: dict[int, int | None] = {}
            for number in numbers:
                if f"point_{number}" not in form_data:
                    continue
                wanted[number] = parse_id(getattr(self, f"point_{number}").data)
                if f"shown_{number}" in form_data:
                    shown[number] = parse_id(form_data[f"shown_{number}"])
            return shown, wanted

    for number in numbers:
        setattr(
            OwnersForm,
            f"point_{number}",
            SelectField(
                f"{number}. {titles[number]}",
                choices=choice_list(pairs),
                widget=GovSelect(),
                validate_choice=False,
                validators=[Optional()],
            ),
        )
        setattr(OwnersForm, f"shown_{number}", HiddenField())
    return OwnersForm


class CompareForm(Form):
    class Meta:
        csrf = False  # a GET form that changes nothing

    earlier = SelectField("Earlier assessment", widget=GovSelect(), validate_choice=False)
    later = SelectField("Later assessment", widget=GovSelect(), validate_choice=False)

    def validate(self, extra_validators=None) -> bool:
        """Whether the choices are which assessments exist is for the page to find out."""
        ok = super().validate(extra_validators)
        earlier = parse_id(self.earlier.data)
        if earlier is not None and earlier == parse_id(self.later.data):
            self.later.errors.append("Choose two different assessments")
            ok = False
        return ok
