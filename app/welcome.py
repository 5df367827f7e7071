"""Prints how to sign in, before ``make run`` starts the server."""

from __future__ import annotations

import argparse

from config import load_config


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", default="5000")
    port = parser.parse_args().port
    config = load_config()
    print(
        f"""
{config["SERVICE_NAME"]} is starting on http://127.0.0.1:{port}

Sign in with any of these demo accounts:
  admin@example.gov.uk     administrator
  board@example.gov.uk     board member
  assessor@example.gov.uk  assessor
  team@example.gov.uk      member of several project teams
Password: {config["DEMO_PASSWORD"]}   (set DEMO_PASSWORD to change it before the first run)

Press Ctrl+C to stop.
"""
    )


if __name__ == "__main__":
    main()
