"""What the demo's assessment panels wrote: findings per point, summaries and answers.

Written for the demo in our own words; each point's findings fit the GOV.UK Service
Standard point of the same number.
"""

from __future__ import annotations

# {point number: (what the team has done well, what the team needs to do)}
FINDINGS: dict[int, tuple[str, str]] = {
    1: (
        "The team has spoken to residents in libraries, at home and by phone, and can say "
        "clearly who its users are and what they need.",
        "Test with more people who find the council hard to reach, including people who do "
        "not use the internet, and show how their needs changed the design.",
    ),
    2: (
        "The team has mapped the whole journey, from first hearing about the service to "
        "getting an outcome, including the parts handled by partners.",
        "Agree with the partner organisations who owns each step of the journey, and stop "
        "asking residents for information the council already holds.",
    ),
    3: (
        "Contact centre staff helped design the service and can see what residents have "
        "done online when they phone.",
        "Make sure the paper form and the phone script ask the same questions in the same "
        "order as the online service.",
    ),
    4: (
        "Most people in the last two rounds of testing finished the task first time without help.",
        "Fix the two questions that people misread in testing, and test the whole journey "
        "on a mobile phone.",
    ),
    5: (
        "The team has run an accessibility audit and fixed what it found, and has tested "
        "with screen reader users.",
        "Publish an accessibility statement, and test with people who use speech recognition "
        "and magnification.",
    ),
    6: (
        "The team has the skills this phase needs, with a user researcher and a designer "
        "working full time.",
        "Plan how the council will keep the skills it needs once the supplier's contract ends.",
    ),
    7: (
        "The team works in two-week sprints, shows its work every sprint and changes its "
        "plans based on what it learns.",
        "Agree a lighter way to report to the programme board that fits the team's sprints.",
    ),
    8: (
        "The team has changed the service many times in response to research and feedback.",
        "Show how the team will keep improving the service once it is live, with people and "
        "money set aside to do it.",
    ),
    9: (
        "The team has completed a data protection impact assessment and works closely with "
        "the information governance team.",
        "Have the service penetration tested before opening it to everyone, and fix what the "
        "test finds.",
    ),
    10: (
        "The team has chosen measures of success that matter to residents and the council.",
        "Publish the completion rate, satisfaction and cost per transaction, and use them to "
        "decide what to improve next.",
    ),
    11: (
        "The team chose its tools after comparing what other councils use and what they "
        "cost over five years.",
        "Write down how the council could move to another supplier if it needed to, and what "
        "that would cost.",
    ),
    12: (
        "The team's code is in a public repository with an open licence.",
        "Move the last private repository into the open, or explain why it must stay closed.",
    ),
    13: (
        "The team uses the council's design system and GOV.UK Notify for messages.",
        "Use the common address lookup rather than the team's own, and publish the "
        "service's open data.",
    ),
    14: (
        "The team monitors the service around the clock and has tested restoring it from a backup.",
        "Practise what happens when the payment provider is down, and agree who is on call "
        "out of hours.",
    ),
}

SUMMARIES = {
    "green": (
        "The panel was impressed by a team that knows its users well and has built a service "
        "that works for them. The service can move to its next phase."
    ),
    "amber": (
        "The team has made good progress and the service can move to its next phase. The "
        "panel has set actions to finish within about three months, which an amber evidence "
        "review will check."
    ),
    "red": (
        "The team has done a lot of good work, but some points are not met yet. The service "
        "should not move to its next phase until the panel has reassessed those points."
    ),
    "discovery": (
        "The team has a clear understanding of the problem and of the people who have it. "
        "The panel's findings below are to help the team plan its alpha."
    ),
}

BRIEF_USERS = (
    "Residents of the county who need the service, many of them older or disabled, and the "
    "council staff who handle their requests."
)

CHALLENGE_REASON = (
    "The panel did not see the results of our second round of testing, which we shared after "
    "the assessment. They show the problems it found are fixed."
)
CHALLENGE_ANSWER = (
    "The panel has read the second round's results. They show the two problem questions are "
    "fixed, but not that the journey works on a mobile phone, so the rating stays as it is."
)

WITHDRAWN_REASON = "The team asked to postpone: its user researcher is on leave that week."

FEEDBACK_COMMENTS = (
    "The panel asked fair questions and the report was clear about what to do next.",
    "Well organised. We would have liked the report a little sooner.",
    "Useful to hear from people outside the project.",
)

OFFER_NOTE = "I assessed two council services for WCAG 2.2 last year and can do this date."
CONFLICT_REASON = "I worked in this project's team until last spring."
