"""Forms for the self-assessment journey. One form per page; the forms of a point's pages
are in ``point_forms.py``."""

from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovSelect,
    GovSubmitInput,
)
from wtforms import (
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


class StartForm(Form):
    submit = SubmitField("Start self-assessment", widget=GovSubmitInput())


class SubmitAssessmentForm(Form):
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
    """A form with one owner choice per point."""
    pairs = [("", "No owner yet"), *team]

    class OwnersForm(Form):
        submit = SubmitField("Save owners", widget=GovSubmitInput())

        def point_fields(self):
            return [getattr(self, f"point_{number}") for number in numbers]

        def validate(self, extra_validators=None) -> bool:
            ok = super().validate(extra_validators)
            allowed = {str(value) for value, _ in pairs}
            for field in self.point_fields():
                if (field.data or "") not in allowed:
                    field.errors.append("Select someone from the team")
                    ok = False
            return ok

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
