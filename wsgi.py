"""The entry point for production: ``gunicorn wsgi:app``."""

from app import create_app

app = create_app()
