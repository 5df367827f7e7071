from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import GovPasswordInput, GovSubmitInput, GovTextInput
from wtforms import EmailField, PasswordField, SubmitField
from wtforms.validators import Email, EqualTo, InputRequired, Length, ValidationError

from app.forms import Form, TextOnly
from app.rules.sign_in import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH


class SignInForm(Form):
    email = EmailField(
        "Email address",
        widget=GovTextInput(),
        validators=[
            InputRequired(message="Enter your email address"),
            Length(max=254, message="Email address must be 254 characters or fewer"),
            Email(
                message="Enter an email address in the correct format, like name@example.gov.uk",
                check_deliverability=False,
            ),
        ],
    )
    password = PasswordField(
        "Password",
        widget=GovPasswordInput(),
        validators=[
            TextOnly(message="Enter your password as text, not a file"),
            InputRequired(message="Enter your password"),
            Length(
                max=MAX_PASSWORD_LENGTH,
                message=f"Password must be {MAX_PASSWORD_LENGTH} characters or fewer",
            ),
        ],
    )
    submit = SubmitField("Sign in", widget=GovSubmitInput())


class ChangePasswordForm(Form):
    current_password = PasswordField(
        "Current password",
        widget=GovPasswordInput(),
        validators=[
            TextOnly(),
            InputRequired(message="Enter your current password"),
            Length(
                max=MAX_PASSWORD_LENGTH,
                message=f"Current password must be {MAX_PASSWORD_LENGTH} characters or fewer",
            ),
        ],
    )
    new_password = PasswordField(
        "New password",
        widget=GovPasswordInput(),
        description=f"Must be at least {MIN_PASSWORD_LENGTH} characters.",
        validators=[
            TextOnly(),
            InputRequired(message="Enter a new password"),
            Length(
                min=MIN_PASSWORD_LENGTH,
                max=MAX_PASSWORD_LENGTH,
                message=(
                    f"New password must be between {MIN_PASSWORD_LENGTH} and "
                    f"{MAX_PASSWORD_LENGTH} characters"
                ),
            ),
        ],
    )
    confirm_password = PasswordField(
        "Confirm new password",
        widget=GovPasswordInput(),
        validators=[
            TextOnly(),
            InputRequired(message="Confirm your new password"),
            EqualTo("new_password", message="Passwords must match"),
        ],
    )
    submit = SubmitField("Change password", widget=GovSubmitInput())

    def validate_new_password(self, field) -> None:
        if field.data and field.data == self.current_password.data:
            raise ValidationError("New password must be different from your current password")
