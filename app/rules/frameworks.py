"""How a framework and its versions are named on every page."""

from __future__ import annotations


def framework_version_name(framework_name: str, number: int) -> str:
    """One version of a framework, for example "GOV.UK Service Standard, version 1".

    Every page names a framework by its full name, alone or with this: never by its short
    name, so a team sees the same words wherever the standard is mentioned.
    """
    return f"{framework_name}, version {number}"


def loaded_summary(version_number: int, framework_name: str, source_file: str) -> str:
    """How the audit trail words loading a new version of a framework from its file."""
    return f"Loaded version {version_number} of {framework_name} from {source_file}"
