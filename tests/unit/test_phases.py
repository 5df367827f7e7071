import pytest

from app.rules.phases import (
    Phase,
    is_forward_move,
    phase_label,
    programme_word,
    prompt_stage,
)


def test_phases_run_in_the_order_of_a_service_life():
    assert list(Phase) == [
        Phase.DISCOVERY,
        Phase.ALPHA,
        Phase.PRIVATE_BETA,
        Phase.PUBLIC_BETA,
        Phase.LIVE,
        Phase.RETIRED,
    ]


@pytest.mark.parametrize(
    ("current", "new", "forward"),
    [
        ("discovery", "alpha", True),
        ("alpha", "live", True),
        ("public_beta", "private_beta", False),
        ("live", "live", False),
        ("live", "retired", True),
    ],
)
def test_is_forward_move(current, new, forward):
    assert is_forward_move(current, new) is forward


@pytest.mark.parametrize(
    ("phase", "word"),
    [
        ("discovery", "Concept"),
        ("alpha", "Design"),
        ("private_beta", "Delivery"),
        ("public_beta", "Delivery"),
        ("live", "Delivery"),
    ],
)
def test_council_programme_words(phase, word):
    assert programme_word(phase) == word


def test_both_betas_use_the_beta_evidence_prompts():
    assert prompt_stage("private_beta") == "beta"
    assert prompt_stage("public_beta") == "beta"
    assert prompt_stage("retired") is None


def test_phase_label():
    assert phase_label("private_beta") == "Private beta"


def test_a_value_that_is_not_a_phase_is_shown_as_it_is_never_an_error():
    assert phase_label("gamma") == "gamma"
    assert phase_label(None) == ""
    assert programme_word("gamma") == ""
    assert prompt_stage("gamma") is None
    assert is_forward_move("gamma", "live") is False
    assert is_forward_move("alpha", "gamma") is False
