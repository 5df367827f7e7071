"""Domain rules as plain functions.

Nothing in this package imports Flask or SQLAlchemy, so each rule can be read
and unit tested on its own.
"""
