"""The filters on "Your projects" for people who see every project."""

from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import GovSelect, GovTextInput
from wtforms import SelectField, StringField

from app.data.portfolio import PortfolioFilters
from app.forms import Form
from app.rules.phases import Phase
from app.rules.projects import NAME_LIMIT, phase_words
from app.widgets import choice_list


class PortfolioFiltersForm(Form):
    """A GET form that changes nothing, so it has no CSRF token. Values it does not
    recognise are ignored rather than reported: the list is never refused."""

    class Meta:
        csrf = False

    name = StringField("Project name contains", widget=GovTextInput())
    phase = SelectField(
        "Phase",
        widget=GovSelect(),
        validate_choice=False,
        choices=choice_list(
            [("", "All phases"), *((phase.value, phase_words(phase.value)) for phase in Phase)]
        ),
    )
    directorate = SelectField("Directorate", widget=GovSelect(), validate_choice=False)

    def __init__(self, formdata, directorates: list[tuple[int, str]]):
        super().__init__(formdata)
        self.directorate.choices = choice_list([("", "All directorates"), *directorates])
        self._directorate_ids = {value for value, _ in directorates}

    def filters(self) -> PortfolioFilters:
        search = " ".join((self.name.data or "").split())[:NAME_LIMIT]
        phase = self.phase.data if self.phase.data in {p.value for p in Phase} else ""
        try:
            directorate_id = int(self.directorate.data or "")
        except ValueError:
            directorate_id = None
        if directorate_id not in self._directorate_ids:
            directorate_id = None
        return PortfolioFilters(search=search, phase=phase, directorate_id=directorate_id)
