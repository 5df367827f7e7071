from app.rules.frameworks import framework_version_name


def test_a_version_is_named_with_the_frameworks_full_name():
    assert framework_version_name("GOV.UK Service Standard", 2) == (
        "GOV.UK Service Standard, version 2"
    )
