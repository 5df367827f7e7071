from app.rules.frameworks import framework_version_name, loaded_summary


def test_a_version_is_named_with_the_frameworks_full_name():
    assert framework_version_name("GOV.UK Service Standard", 2) == (
        "GOV.UK Service Standard, version 2"
    )


def test_loading_a_version_in_words():
    assert loaded_summary(2, "NHS service standard", "nhs.yaml") == (
        "Loaded version 2 of NHS service standard from nhs.yaml"
    )
