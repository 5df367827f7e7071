"""Forms for the actions pages. One form per page."""

from __future__ import annotations

from datetime import date

from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovCheckboxesInput,
    GovCheckboxInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import (
    BooleanField,
    HiddenField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)

from app.forms import Form
from app.rules.actions import (
    ACTION_STATUS_LABELS,
    LINK_LIMIT,
    NOTE_LIMIT,
    OPEN_STATUSES,
    OTHER_OWNER,
    OWNER_NAME_LIMIT,
    ActionStatus,
    UpdateProblem,
    is_acceptable_due_date,
    owner_options,
    owner_problem,
    update_problems,
)
from app.rules.links import is_web_link
from app.widgets import GovDateField, GovRadiosWithSomeoneElse, choice_list

STATUS_CHOICES = [(status.value, label) for status, label in ACTION_STATUS_LABELS.items()]


class FiltersForm(Form):
    """The project's actions page's filters: a GET form that changes nothing."""

    class Meta:
        csrf = False

    status = SelectMultipleField(
        "Status",
        choices=choice_list(STATUS_CHOICES),
        widget=GovCheckboxesInput(),
        validate_choice=False,
    )
    point = SelectField("Point", widget=GovSelect(), validate_choice=False)
    overdue = BooleanField("Only overdue actions", widget=GovCheckboxInput())

    def set_points(self, points: list[tuple[int, str | None]]) -> None:
        self._point_values = {str(number) for number, _ in points}
        self.point.choices = choice_list(
            [
                ("", "All points"),
                *((n, f"{n}. {title}" if title else f"Point {n}") for n, title in points),
            ]
        )

    def chosen_statuses(self, used: bool) -> frozenset[str]:
        """The ticked statuses. Before the form is used, open and in progress."""
        if not used:
            self.status.data = sorted(OPEN_STATUSES)
        return frozenset(self.status.data or ()) & {status for status, _ in STATUS_CHOICES}

    def chosen_point(self) -> int | None:
        """The chosen point, if the project has actions for it."""
        value = self.point.data or ""
        return int(value) if value in self._point_values else None


class UpdateActionForm(Form):
    """The update page: status (with what each closed status needs), owner and due date."""

    version = HiddenField()
    status = RadioField(
        "What is the status of this action?",
        choices=choice_list(STATUS_CHOICES),
        widget=GovRadioInput(),
        validate_choice=False,
    )
    completion_note = TextAreaField(
        "What was done?",
        widget=GovCharacterCount(),
        description="Say what the team did, so that assessors and the board can see it.",
    )
    evidence_url = StringField(
        "Link to evidence (optional)",
        widget=GovTextInput(),
        description="For example, a research report or a page of the service. "
        "Starts with https:// or http://",
    )
    not_doing_reason = TextAreaField(
        "Why is the team not doing this action?",
        widget=GovCharacterCount(),
    )
    owner = RadioField(
        "Who owns it?", widget=GovRadiosWithSomeoneElse(OTHER_OWNER), validate_choice=False
    )
    owner_name = StringField(
        "Name of the person who owns it",
        widget=GovTextInput(),
        description="For example, a supplier or someone in another team",
    )
    due_date = GovDateField(
        "When is it due?", noun="Due date", description="For example, 27 3 2027"
    )
    save = SubmitField("Save changes", widget=GovSubmitInput())

    def prepare(
        self,
        people: list[tuple[int, str]],
        current_due_date: date | None,
        today: date,
        deactivated: dict[int, str] | None = None,
        current_owner_id: int | None = None,
    ) -> None:
        """The owners to choose from, the people who may not be chosen (their accounts
        are deactivated), and what the due date is checked against."""
        self.owner.choices = choice_list(owner_options(people))
        self._owner_ids = {str(person_id) for person_id, _ in people}
        self._deactivated_ids = {str(person_id) for person_id in deactivated or {}}
        self._current_due_date = current_due_date
        self._today = today
        gone = (deactivated or {}).get(current_owner_id) if current_owner_id else None
        if gone:
            self.owner.description = (
                f"{gone} owns this action now, but their account has been deactivated. "
                "Choose who owns it instead."
            )

    def fill_from(self, action) -> None:
        """What the action holds now, for a form that has not been sent."""
        self.version.data = str(action.version)
        self.status.data = action.status
        self.completion_note.data = action.completion_note or ""
        self.evidence_url.data = action.evidence_url or ""
        self.not_doing_reason.data = action.not_doing_reason or ""
        if action.owner_id is not None and str(action.owner_id) in self._owner_ids:
            self.owner.data = str(action.owner_id)
        elif action.owner_id is None and action.owner_name:
            self.owner.data, self.owner_name.data = OTHER_OWNER, action.owner_name
        self.due_date.data = action.due_date

    def sent_version(self) -> int | None:
        """The version of the action the person saw, if the form carried one."""
        value = (self.version.data or "").strip()
        return int(value) if value.isascii() and value.isdigit() and len(value) <= 12 else None

    def show_errors(self, errors: dict[str, str]) -> None:
        """Put a command's refusals beside the boxes they are about."""
        for name, message in errors.items():
            field = getattr(self, name, None) if name in self._fields else None
            (field or self.owner).errors.append(message)

    def validate(self, extra_validators=None) -> bool:
        """Every rule of the page, each with its GOV.UK message. True if all is well."""
        ok = super().validate(extra_validators)  # the CSRF token and the date boxes
        status = self.status.data or ""
        if status not in ACTION_STATUS_LABELS:
            self.status.errors.append("Select the status of the action")
            ok = False
        note, reason = self.text(self.completion_note), self.text(self.not_doing_reason)
        link = self.text(self.evidence_url)
        problems = update_problems(status, note, reason)
        if UpdateProblem.NO_COMPLETION_NOTE in problems:
            self.completion_note.errors.append("Enter what was done")
            ok = False
        if UpdateProblem.NO_REASON in problems:
            self.not_doing_reason.errors.append("Enter why the team is not doing this action")
            ok = False
        if status == ActionStatus.DONE:
            ok &= self._within(self.completion_note, NOTE_LIMIT, "What was done")
            if link and not self._within(self.evidence_url, LINK_LIMIT, "Link to evidence"):
                ok = False
            elif link and not is_web_link(link):
                self.evidence_url.errors.append(
                    "Enter a link to evidence that starts with https:// or http://"
                )
                ok = False
        if status == ActionStatus.NOT_DOING:
            ok &= self._within(self.not_doing_reason, NOTE_LIMIT, "Reason")

        problem = owner_problem(
            self.owner.data, self.owner_name.data, self._owner_ids, self._deactivated_ids
        )
        if problem:
            box = self.owner_name if self.owner.data == OTHER_OWNER else self.owner
            box.errors.append(problem)
            ok = False
        elif self.owner.data == OTHER_OWNER:
            ok &= self._within(self.owner_name, OWNER_NAME_LIMIT, "Name")

        if not self.due_date.errors:
            if self.due_date.data is None:
                self.due_date.errors.append("Enter the date the action is due")
                ok = False
            elif not is_acceptable_due_date(
                self.due_date.data, self._current_due_date, self._today
            ):
                self.due_date.errors.append("Due date must be today or in the future")
                ok = False
        return ok

    @staticmethod
    def text(field) -> str:
        return (field.data or "").strip()

    @staticmethod
    def _within(field, limit: int, name: str) -> bool:
        if len(field.data or "") > limit:
            field.errors.append(f"{name} must be {limit:,} characters or fewer")
            return False
        return True

    def owner_choice(self) -> tuple[int | None, str | None]:
        """``(owner id, owner name)``: a team member, or someone named."""
        if self.owner.data == OTHER_OWNER:
            return None, self.text(self.owner_name)
        return int(self.owner.data), None

    def typed_owner(self) -> str:
        """The owner chosen in the form, in words."""
        if self.owner.data == OTHER_OWNER:
            return self.text(self.owner_name) or "Someone else (no name given)"
        for choice in self.owner.choices:
            if choice.value and choice.value == self.owner.data:
                return choice.label
        return "Not chosen"
