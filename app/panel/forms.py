"""Forms for the panel's pages. One form a page, each with one main button."""

from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovCheckboxInput,
    GovSubmitInput,
)
from wtforms import BooleanField, HiddenField, RadioField, SubmitField, TextAreaField
from wtforms.validators import Length, Optional

from app.forms import Form
from app.rules.ratings import RATING_MEANINGS, Rating
from app.rules.reports import OUTCOME_CHOICES, Outcomes, allowed_panel_ratings
from app.rules.scoring import (
    FINDING_LIMIT,
    REVISION_REASON_LIMIT,
    SUMMARY_LIMIT,
    VERIFICATION_LIMIT,
    Verification,
    rating_choice_words,
)
from app.widgets import GovRadiosWithHints, choice_list

MET_MEANINGS = {
    Rating.GREEN.value: "The service meets this point.",
    Rating.RED.value: "The service does not meet this point yet.",
}


def _limit(limit: int, what: str):
    return Length(max=limit, message=f"{what} must be {limit:,} characters or fewer")


class JudgementForm(Form):
    """The panel's rating of a point and what it found."""

    version = HiddenField()
    rating = RadioField(
        "The panel's rating",
        widget=GovRadiosWithHints({}),
        validators=[Optional()],
        validate_choice=False,
    )
    revision_reason = TextAreaField(
        "Why is the panel changing the rating?",
        widget=GovCharacterCount(),
        description="Only if the rating is not the one the point had before",
        validators=[Optional(), _limit(REVISION_REASON_LIMIT, "Reason")],
    )
    done_well = TextAreaField(
        "What the team has done well",
        widget=GovCharacterCount(),
        validators=[Optional(), _limit(FINDING_LIMIT, "What the team has done well")],
    )
    to_do = TextAreaField(
        "What the team needs to do",
        widget=GovCharacterCount(),
        description="Write each thing on its own line. You can turn each into an action "
        "on the project after saving.",
        validators=[Optional(), _limit(FINDING_LIMIT, "What the team needs to do")],
    )
    save = SubmitField("Save point", widget=GovSubmitInput())

    def set_outcomes(self, outcomes: str | None, rated: bool) -> None:
        self._outcomes, self._rated = outcomes, rated
        try:
            choices = OUTCOME_CHOICES[Outcomes(outcomes or Outcomes.RED_AMBER_GREEN)]
        except ValueError:
            choices = OUTCOME_CHOICES[Outcomes.RED_AMBER_GREEN]
        self.rating.choices = choice_list((value.value, word) for value, word in choices)
        meanings = (
            MET_MEANINGS
            if outcomes == Outcomes.MET_NOT_MET
            else {rating.value: text for rating, text in RATING_MEANINGS.items()}
        )
        self.rating.widget = GovRadiosWithHints(meanings)

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if self.rating.data and (
            not self._rated or self.rating.data not in allowed_panel_ratings(self._outcomes)
        ):
            self.rating.errors.append(f"Select {rating_choice_words(self._outcomes)}")
            ok = False
        return ok


class VerifyForm(Form):
    """The panel checks an action: done, or not done yet, with what it saw."""

    version = HiddenField()
    outcome = RadioField(
        "Is the action done?",
        widget=GovRadiosWithHints(
            {
                Verification.VERIFIED.value: "The panel saw evidence that it is done.",
                Verification.NOT_DONE.value: "The team has not done it, or has not shown it "
                "is done.",
            }
        ),
        choices=choice_list(
            [
                (Verification.VERIFIED.value, "Yes, it is verified"),
                (Verification.NOT_DONE.value, "No, not done yet"),
            ]
        ),
        validators=[Optional()],
        validate_choice=False,
    )
    evidence = TextAreaField(
        "What did the panel see?",
        widget=GovCharacterCount(),
        description="If it is done, what shows it: for example, the research report, the "
        "page or the release. If not, what is missing",
        validators=[Optional(), _limit(VERIFICATION_LIMIT, "Evidence")],
    )
    save = SubmitField("Save", widget=GovSubmitInput())


class SummaryForm(Form):
    """The lead's summary, and their agreement of the final ratings."""

    version = HiddenField()
    summary = TextAreaField(
        "Summary of the assessment",
        widget=GovCharacterCount(),
        description="What the service is like, what stood out, and what happens next",
        validators=[Optional(), _limit(SUMMARY_LIMIT, "Summary")],
    )
    agree = BooleanField("I agree these are the panel's final ratings", widget=GovCheckboxInput())
    save = SubmitField("Save summary", widget=GovSubmitInput())
