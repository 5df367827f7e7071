"""Prints how to sign in, before ``make run`` starts the server.

The demo accounts' password is the one DEMO_PASSWORD held when the demo data was
loaded, which need not be what it holds now: the message checks before saying it.
"""

from __future__ import annotations

import argparse

from flask import Flask

DEMO_ACCOUNTS = """  admin@example.gov.uk     administrator
  board@example.gov.uk     board member
  assessor@example.gov.uk  assessor, able to lead a panel
  organiser@example.gov.uk assessment organiser
  team@example.gov.uk      member of several project teams"""
CHECKED_ACCOUNT = "admin@example.gov.uk"


def password_words(app: Flask) -> str | None:
    """What to say about the demo accounts' password, or None if there are no demo accounts."""
    from app.data import people

    password = app.config["DEMO_PASSWORD"]
    with app.app_context():
        try:
            account = people.person_by_email(CHECKED_ACCOUNT)
            if account is None:
                return None
            matches = people.password_matches(account, password)
        except Exception:  # the database cannot be read: say what is known
            return (
                "Password: the value DEMO_PASSWORD had when the demo data was loaded "
                "(demo-password-2026 unless it was set)"
            )
        finally:
            from app.extensions import db

            db.session.remove()
    if matches:
        return f"Password: {password}"
    return (
        "Password: the one DEMO_PASSWORD held when the demo data was loaded. It is not\n"
        "the value DEMO_PASSWORD holds now. To load the demo again with the current one,\n"
        "delete instance/app.db and run make run again."
    )


def welcome_message(app: Flask, port: str) -> str:
    words = password_words(app)
    if words is None:
        accounts = (
            "There are no demo accounts in this database. Give yourself an account with\n"
            "  .venv/bin/flask --app app users create --email you@example.gov.uk "
            "--name 'Your Name' --role administrator"
        )
    else:
        accounts = f"Sign in with any of these demo accounts:\n{DEMO_ACCOUNTS}\n{words}"
    return f"""
{app.config["SERVICE_NAME"]} is starting on http://127.0.0.1:{port}

{accounts}

Press Ctrl+C to stop.
"""


def main() -> None:
    from app import create_app

    parser = argparse.ArgumentParser()
    parser.add_argument("--port", default="5000")
    port = parser.parse_args().port
    print(welcome_message(create_app(), port))


if __name__ == "__main__":
    main()
