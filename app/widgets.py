"""Small additions to the GOV.UK WTForms widgets."""

from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import GovCheckboxesInput, GovRadioInput


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
