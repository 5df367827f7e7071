"""The base of every form in the service."""

from __future__ import annotations

from flask import g, has_request_context, request
from flask_wtf import FlaskForm
from flask_wtf.form import _Auto
from werkzeug.datastructures import MultiDict
from wtforms import PasswordField, StringField
from wtforms.validators import StopValidation

from app.rules.text import without_control_characters


def restore_typed_work(fields: dict[str, list[str]]) -> None:
    """On this request (the GET of the page a timed-out save came from), forms show
    ``fields`` as if they had just been typed."""
    g.restored_form = fields


def _may_restore(formdata: object) -> bool:
    """Restore on a GET whose form reads no data of its own: the request's (the default) or
    none at all (a page that fills its form from what is saved, as the point page does)."""
    return (
        (formdata is _Auto or formdata is None)
        and has_request_context()
        and request.method == "GET"
    )


_PINNED_CLASSES: dict[type, type] = {}


def _pinned(field_class: type) -> type:
    """``field_class``, whose ``data`` stays as restored whatever a view sets afterwards."""
    if field_class not in _PINNED_CLASSES:
        _PINNED_CLASSES[field_class] = type(
            f"Restored{field_class.__name__}",
            (field_class,),
            {"data": property(lambda self: self._restored_data, lambda self, value: None)},
        )
    return _PINNED_CLASSES[field_class]


class Form(FlaskForm):
    """A Flask-WTF form (CSRF-protected) that cleans what is typed into its text boxes.

    Every text field, whatever its own filters, first loses characters nobody
    means to type, such as NUL: PostgreSQL refuses them and no page can show them.
    Passwords are left exactly as typed.

    When someone's save arrived after their session had timed out, the page they come
    back to after signing in shows what they had typed (see ``restore_typed_work``).
    """

    class Meta:
        def bind_field(self, form, unbound_field, options):
            field_class = unbound_field.field_class
            if issubclass(field_class, StringField) and not issubclass(field_class, PasswordField):
                filters = unbound_field.kwargs.get("filters") or ()
                options["filters"] = (without_control_characters, *filters)
            return unbound_field.bind(form=form, **options)

        def wrap_formdata(self, form, formdata):
            if _may_restore(formdata):
                restored = g.get("restored_form")
                if restored and set(restored) & {field.name for field in form}:
                    return MultiDict([(k, v) for k, values in restored.items() for v in values])
            return FlaskForm.Meta.wrap_formdata(self, form, formdata)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        restored = g.get("restored_form") if has_request_context() else None
        if restored and _may_restore(kwargs.get("formdata", _Auto)):
            self._pin_restored(restored)

    def _pin_restored(self, restored: dict[str, list[str]]) -> None:
        """Views fill a form from what is saved after making it; on the page a timed-out
        save came from, what the person typed must win, so those fields keep it."""
        for field in self:
            if field.name in restored and field.type not in {"CSRFTokenField", "SubmitField"}:
                value = field.data
                field.__class__ = _pinned(type(field))
                field._restored_data = value


class TextOnly:
    """A field that must be typed: a file sent in its place is refused with ``message``
    (not read, not stored, not a 500)."""

    def __init__(self, message: str | None = None) -> None:
        self.message = message

    def __call__(self, form, field) -> None:
        if any(not isinstance(value, str) for value in field.raw_data or ()):
            field.data = ""
            field.errors[:] = []
            message = self.message or f"Enter {field.label.text.lower()} as text, not a file"
            raise StopValidation(message)
