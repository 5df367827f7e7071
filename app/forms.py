"""The base of every form in the service."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField

from app.rules.text import without_control_characters


class Form(FlaskForm):
    """A Flask-WTF form (CSRF-protected) that cleans what is typed into its text boxes.

    Every text field, whatever its own filters, first loses characters nobody
    means to type, such as NUL: PostgreSQL refuses them and no page can show them.
    Passwords are left exactly as typed.
    """

    class Meta:
        def bind_field(self, form, unbound_field, options):
            field_class = unbound_field.field_class
            if issubclass(field_class, StringField) and not issubclass(field_class, PasswordField):
                filters = unbound_field.kwargs.get("filters") or ()
                options["filters"] = (without_control_characters, *filters)
            return unbound_field.bind(form=form, **options)
