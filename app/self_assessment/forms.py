"""Forms for the self-assessment journey. One form per page; the forms of a point's pages
are in ``point_forms.py``."""

from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovCheckboxInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
)
from wtforms import (
    BooleanField,
    HiddenField,
    RadioField,
    SelectField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional

from app.forms import Form
from app.rules.ids import parse_id
from app.rules.self_assessment import (
    RETURN_REASON_LIMIT,
)
from app.widgets import choice_list

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
