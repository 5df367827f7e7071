from __future__ import annotations

from flask_wtf.file import FileField, FileRequired
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovCheckboxInput,
    GovFileInput,
    GovPasswordInput,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    PasswordField,
    SelectMultipleField,
    StringField,
    SubmitField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, InputRequired, Length, Optional, ValidationError

from app.forms import Form, TextOnly
from app.rules.permissions import ROLE_HINTS, ROLE_LABELS
from app.rules.sign_in import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH
from app.widgets import GovCheckboxesWithHints

ROLE_CHOICES = [SelectChoice(role.value, label) for role, label in ROLE_LABELS.items()]


def _strip(value):
    """Spaces typed or pasted around a value are not part of it."""
    return value.strip() if isinstance(value, str) else value


def _password_validators(required: bool) -> list:
    return [
        TextOnly(message="Enter the password as text, not a file"),
        InputRequired(message="Enter a password") if required else Optional(),
        Length(
            min=MIN_PASSWORD_LENGTH,
            max=MAX_PASSWORD_LENGTH,
            message=(
                f"Password must be between {MIN_PASSWORD_LENGTH} and "
                f"{MAX_PASSWORD_LENGTH} characters"
            ),
        ),
    ]


class PersonForm(Form):
    name = StringField(
        "Full name",
        widget=GovTextInput(),
        filters=[_strip],
        validators=[
            DataRequired(message="Enter their full name"),
            Length(max=120, message="Full name must be 120 characters or fewer"),
        ],
    )
    email = EmailField(
        "Email address",
        widget=GovTextInput(),
        filters=[_strip],
        description="Their work email address. They use it to sign in.",
        validators=[
            DataRequired(message="Enter their email address"),
            Length(max=254, message="Email address must be 254 characters or fewer"),
            Email(
                message="Enter an email address in the correct format, like name@example.gov.uk",
                check_deliverability=False,
            ),
        ],
    )
    roles = SelectMultipleField(
        "Roles",
        choices=ROLE_CHOICES,
        invalid_choice_message="Select roles from the list",
        widget=GovCheckboxesWithHints({role.value: hint for role, hint in ROLE_HINTS.items()}),
        description="Select all that apply. Anyone can be in a project team without a role.",
        # No Optional(): it would clear the error for a forged empty value ("roles=").
    )
    can_lead = BooleanField(
        "Can lead a panel",
        widget=GovCheckboxInput(),
        description="Organisers can choose this assessor to lead a panel.",
    )

    def __init__(self, *args, email_taken=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._email_taken = email_taken

    def validate_email(self, field) -> None:
        if self._email_taken and self._email_taken(field.data):
            raise ValidationError("Someone already has an account with this email address")


class LimitedPersonForm(PersonForm):
    """A person's details and the directorates their view is limited to (adding or changing)."""

    directorates = SelectMultipleField(
        "Directorates they see",
        invalid_choice_message="Select directorates from the list",
        widget=GovCheckboxesInput(),
        description=(
            "Tick the directorates whose projects they can see: on the board's pages and "
            "downloads, their home page, project pages and reports. Leave all unticked to let "
            "them see every project. They always see the projects whose team they are in."
        ),
    )

    def __init__(self, *args, directorates: list[tuple[int, str]] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.directorates.choices = [SelectChoice(str(i), name) for i, name in directorates]

    def directorate_ids(self) -> list[int]:
        """The ticked directorates (their values are checked against the choices)."""
        return [int(value) for value in self.directorates.data or []]


class AddPersonForm(LimitedPersonForm):
    password = PasswordField(
        "Password for their first sign-in",
        widget=GovPasswordInput(),
        description=(
            f"At least {MIN_PASSWORD_LENGTH} characters. Give it to them privately. "
            "It works for one sign-in: they then choose their own."
        ),
        validators=_password_validators(required=True),
    )
    submit = SubmitField("Add person", widget=GovSubmitInput())


class EditPersonForm(LimitedPersonForm):
    password = PasswordField(
        "New password (optional)",
        widget=GovPasswordInput(),
        description=(
            f"Leave blank to keep their password. At least {MIN_PASSWORD_LENGTH} characters. "
            "Setting one signs them out everywhere; it works for one sign-in, then they "
            "choose their own."
        ),
        validators=_password_validators(required=False),
    )
    submit = SubmitField("Save changes", widget=GovSubmitInput())


class ConfirmForm(Form):
    submit = SubmitField("Confirm", widget=GovSubmitInput())


class ProgrammeUploadForm(Form):
    file = FileField(
        "Upload the programme spreadsheet",
        widget=GovFileInput(),
        validators=[FileRequired(message="Select the programme spreadsheet to upload")],
    )
    submit = SubmitField("Check the file", widget=GovSubmitInput())


class ConfirmImportForm(Form):
    # The fingerprint of the preview the administrator saw: nothing is imported if the
    # programme has changed since (the rows themselves never leave the server).
    digest = HiddenField(validators=[DataRequired(), Length(max=64)])
    submit = SubmitField("Import the programme", widget=GovSubmitInput())
