"""The entry point for production: ``gunicorn wsgi:app``."""

import gc

from app import create_app

app = create_app()

# What was loaded to start the service lives as long as the process. Frozen, the garbage
# collector no longer walks it on every full collection, which the board's pages (tens of
# thousands of rows at a thousand projects) set off several times a request.
gc.freeze()
