"""Forms for arranging assessments, their panels and briefs, offers and conflicts."""

from __future__ import annotations

from collections.abc import Mapping

from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovSelect,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import HiddenField, RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import Length, Optional, ValidationError

from app.forms import Form
from app.models import Person
from app.rules.arranging import (
    ARRANGED_KINDS,
    BRIEF_DESCRIPTION_LIMIT,
    BRIEF_USERS_LIMIT,
    CONFLICT_REASON_LIMIT,
    KIND_HINTS,
    KIND_MISSING,
    OFFER_NOTE_LIMIT,
    PROJECT_MISSING,
    URL_LIMIT,
    parse_time,
)
from app.rules.ids import parse_id
from app.rules.panels import PANEL_ROLE_LABELS, PanelRole
from app.rules.self_assessment import ASSESSMENT_KIND_LABELS
from app.widgets import GovDateField, GovRadiosWithHints, choice_list

OPEN = "open"
NOT_NEEDED = ""


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def seat_field_name(role: str) -> str:
    return f"seat_{role}"


KIND_CHOICES = choice_list((kind.value, ASSESSMENT_KIND_LABELS[kind]) for kind in ARRANGED_KINDS)


class ChooseForm(Form):
    """The first question: which project, and what kind of assessment (sent by GET)."""

    class Meta:
        csrf = False

    project_id = SelectField("Project", widget=GovSelect(), validate_choice=False)
    kind = RadioField(
        "What kind of assessment?",
        choices=KIND_CHOICES,
        widget=GovRadiosWithHints({kind.value: hint for kind, hint in KIND_HINTS.items()}),
        validate_choice=False,
    )
    submit = SubmitField("Continue", widget=GovSubmitInput())

    def __init__(self, *args, projects: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.project_id.choices = choice_list([("", "Choose a project"), *projects])
        self.project_ids = frozenset(str(value) for value, _ in projects)

    def validate_project_id(self, field) -> None:
        if field.data not in self.project_ids:
            raise ValidationError(PROJECT_MISSING)

    def validate_kind(self, field) -> None:
        if field.data not in {kind.value for kind in ARRANGED_KINDS}:
            raise ValidationError(KIND_MISSING)


def _brief_fields(cls) -> None:
    cls.brief_description = TextAreaField(
        "What the service does and for whom",
        widget=GovCharacterCount(),
        filters=[_strip],
        description="Filled in from the project's description. The panel reads it first.",
        validators=[
            Length(
                max=BRIEF_DESCRIPTION_LIMIT,
                message=f"What the service does must be {BRIEF_DESCRIPTION_LIMIT:,} characters "
                "or fewer",
            )
        ],
    )
    cls.brief_users = TextAreaField(
        "Who its users are (optional)",
        widget=GovCharacterCount(),
        filters=[_strip],
        description="For example, residents applying for a permit, and the council staff who "
        "check the applications.",
        validators=[
            Length(
                max=BRIEF_USERS_LIMIT,
                message=f"Who the service is for must be {BRIEF_USERS_LIMIT:,} characters or fewer",
            )
        ],
    )
    cls.prototype_url = StringField(
        "Link to the prototype or test environment (optional)",
        widget=GovTextInput(),
        filters=[_strip],
        validators=[Optional(), Length(max=URL_LIMIT, message="The link is too long")],
    )
    cls.architecture_url = StringField(
        "Link to the architecture diagram (optional)",
        widget=GovTextInput(),
        filters=[_strip],
        validators=[Optional(), Length(max=URL_LIMIT, message="The link is too long")],
    )


class BriefForm(Form):
    version = HiddenField()
    submit = SubmitField("Save the brief", widget=GovSubmitInput())


_brief_fields(BriefForm)


def _marked(person: Person, marks: Mapping[int, str] | None, also: str | None = None) -> str:
    """An assessor's name in a panel choice, with why they cannot sit on this panel (a
    declared conflict, in the team) or cannot lead, so the organiser sees it before
    choosing."""
    notes = [note for note in ((marks or {}).get(person.id), also) if note]
    return f"{person.name} ({'; '.join(notes)})" if notes else person.name


class ArrangeForm(Form):
    """The details of the assessment: when, the panel and the team's brief."""

    assessment_date = GovDateField(
        "Date of the assessment",
        noun="Date of the assessment",
        description="A working day, not a weekend or bank holiday. For example, 24 3 2027",
    )
    assessment_time = StringField(
        "Start time",
        widget=GovTextInput(),
        filters=[_strip],
        description="On the 24-hour clock, for example 10:00 or 14:30",
        validators=[Length(max=10, message="Enter the time like 10:00 or 14:30")],
    )
    submit = SubmitField("Continue", widget=GovSubmitInput())

    def __init__(
        self, *args, assessors: list[Person], marks: Mapping[int, str] | None = None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.parsed_time = None
        self._assessor_ids = {str(person.id) for person in assessors}
        for role in PanelRole:
            field = self[seat_field_name(role.value)]
            if role is PanelRole.LEAD:
                people = [(p.id, _marked(p, marks)) for p in assessors if p.can_lead] + [
                    (p.id, _marked(p, marks, "not marked as able to lead"))
                    for p in assessors
                    if not p.can_lead
                ]
                field.choices = choice_list([("", "Choose the lead assessor"), *people])
            else:
                field.choices = choice_list(
                    [
                        (NOT_NEEDED, "Nobody in this role"),
                        (OPEN, "Open: let assessors offer to fill it"),
                        *((p.id, _marked(p, marks)) for p in assessors),
                    ]
                )

    def validate_assessment_time(self, field) -> None:
        try:
            self.parsed_time = parse_time(field.data)
        except ValueError as problem:
            raise ValidationError(str(problem)) from None

    def seats(self) -> list[tuple[str, int | None]]:
        """``(role, person id or None)`` for each role given a seat; unknown people are left
        to the command to refuse."""
        chosen = []
        for role in PanelRole:
            value = self[seat_field_name(role.value)].data or ""
            if value == NOT_NEEDED and role is not PanelRole.LEAD:
                continue
            if value == OPEN or (value == NOT_NEEDED and role is PanelRole.LEAD):
                chosen.append((role.value, None))
            elif parse_id(value) is not None:
                chosen.append((role.value, parse_id(value)))
            else:
                chosen.append((role.value, -1))  # not a person: refused as not an assessor
        return chosen

    def seat_fields(self):
        return [self[seat_field_name(role.value)] for role in PanelRole]


for _role in PanelRole:
    setattr(
        ArrangeForm,
        seat_field_name(_role.value),
        SelectField(PANEL_ROLE_LABELS[_role], widget=GovSelect(), validate_choice=False),
    )
_brief_fields(ArrangeForm)


class AddSeatForm(Form):
    panel_role = SelectField("Panel role", widget=GovSelect(), validate_choice=False)
    person_id = SelectField("Assessor", widget=GovSelect(), validate_choice=False)
    submit = SubmitField("Add to the panel", widget=GovSubmitInput())

    def __init__(
        self, *args, assessors: list[Person], marks: Mapping[int, str] | None = None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.panel_role.choices = choice_list(
            [("", "Choose a role")]
            + [(r.value, PANEL_ROLE_LABELS[r]) for r in PanelRole if r is not PanelRole.LEAD]
        )
        self.person_id.choices = choice_list(
            [(OPEN, "Nobody yet: let assessors offer to fill it")]
            + [(p.id, _marked(p, marks)) for p in assessors]
        )


class ChangeSeatForm(Form):
    version = HiddenField()
    person_id = SelectField("Who is in this role?", widget=GovSelect(), validate_choice=False)
    submit = SubmitField("Save", widget=GovSubmitInput())

    def __init__(
        self,
        *args,
        assessors: list[Person],
        lead: bool,
        marks: Mapping[int, str] | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        people = [(p.id, _marked(p, marks)) for p in assessors if p.can_lead or not lead]
        if lead:
            people += [
                (p.id, _marked(p, marks, "not marked as able to lead"))
                for p in assessors
                if not p.can_lead
            ]
            self.person_id.choices = choice_list(people)
        else:
            self.person_id.choices = choice_list(
                [(OPEN, "Nobody yet: let assessors offer to fill it"), *people]
            )


class VersionForm(Form):
    """A button that changes something the person saw at ``version``."""

    version = HiddenField()


class ButtonForm(Form):
    """A button with nothing to fill in (CSRF only)."""


class OfferForm(Form):
    note = TextAreaField(
        "Anything the organiser should know (optional)",
        widget=GovCharacterCount(),
        filters=[_strip],
        description="For example, your experience in this role, or times you cannot make.",
        validators=[
            Length(
                max=OFFER_NOTE_LIMIT,
                message=f"Note must be {OFFER_NOTE_LIMIT:,} characters or fewer",
            )
        ],
    )
    submit = SubmitField("Offer to fill this role", widget=GovSubmitInput())


class ConflictForm(Form):
    project_id = SelectField("Project", widget=GovSelect(), validate_choice=False)
    reason = TextAreaField(
        "Why should you not assess this project?",
        widget=GovCharacterCount(),
        filters=[_strip],
        description="For example, you worked in its team last year, or you manage someone in "
        "it. Organisers see this.",
        validators=[
            Length(
                max=CONFLICT_REASON_LIMIT,
                message=f"Reason must be {CONFLICT_REASON_LIMIT:,} characters or fewer",
            )
        ],
    )
    submit = SubmitField("Declare the conflict", widget=GovSubmitInput())

    def __init__(self, *args, projects: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.project_id.choices = choice_list([("", "Choose a project"), *projects])
