"""Small additions to the GOV.UK WTForms widgets."""

from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import GovCheckboxesInput, GovDateInput, GovRadioInput
from wtforms import DateField
from wtforms.validators import StopValidation

from app.rules.dates import parse_date_parts


class _ItemHints:
    """Give each checkbox or radio item a hint, looked up by its value."""

    def __init__(self, hints: dict[str, str]):
        super().__init__()
        self.hints = hints

    def map_gov_params(self, field, **kwargs):
        params = super().map_gov_params(field, **kwargs)
        for item in params["items"]:
            hint = self.hints.get(item["value"])
            if hint:
                item["hint"] = {"text": hint}
        return params


class GovCheckboxesWithHints(_ItemHints, GovCheckboxesInput):
    pass


class GovRadiosWithHints(_ItemHints, GovRadioInput):
    pass


def choice_list(pairs) -> list:
    """WTForms choices from ``(value, label)`` pairs (WTForms 3.3 warns on bare tuples)."""
    from wtforms.fields.choices import SelectChoice

    return [SelectChoice(str(value), label) for value, label in pairs]


class GovDateField(DateField):
    """A GOV.UK date input (day, month and year boxes) that keeps what was typed.

    ``data`` is the date, or None when the boxes are empty or hold no real
    date; ``problem`` then says what is wrong, in GOV.UK words. With
    ``check=True`` the problem is a validation error; with ``check=False`` the
    form decides when it matters, for pages whose buttons need different fields.
    Months may be typed as numbers or names. A post missing one of the three
    boxes is read as that box left empty, never as an error of the service; a
    post without the boxes at all leaves the date as it was.
    """

    widget = GovDateInput()

    def __init__(self, label=None, validators=None, noun: str = "Date", check=True, **kwargs):
        super().__init__(label, validators, format="%d %m %Y", **kwargs)
        self.noun = noun
        self.check = check
        self.problem: str | None = None

    def process_formdata(self, valuelist):
        if not valuelist:
            # Not sent at all: keep the date the form started with, which the boxes show.
            self.raw_data = None
            return
        # Exactly three boxes, whatever was sent, each no longer than a date part can be.
        self.raw_data = [str(part)[:10] for part in [*valuelist, "", "", ""][:3]]
        try:
            self.data = parse_date_parts(*self.raw_data, self.noun)
        except ValueError as error:
            self.data = None
            self.problem = str(error)

    @property
    def is_empty(self) -> bool:
        return not self.raw_data or not any(part.strip() for part in self.raw_data)

    def pre_validate(self, form):
        if self.check and self.problem:
            raise StopValidation(self.problem)
