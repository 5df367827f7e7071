"""The command layer: every change the service makes is one command.

A command is a function decorated with :func:`command`. It checks its own rules,
writes the audit trail through the data layer, and either commits everything it
did or rolls all of it back. It raises only the service's own errors (below),
never a database exception, so a view (and later the API and notifications)
can call it, catch what it means to the person, and redirect or render.

Commands may call other commands: only the outermost one commits.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextvars import ContextVar
from functools import wraps
from typing import ParamSpec, TypeVar

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from app.extensions import db

P = ParamSpec("P")
R = TypeVar("R")


class ServiceError(Exception):
    """Something the service refused, with words a person can read."""

    status = 400

    def __init__(self, message: str = "", **details: object) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


class NotFound(ServiceError):
    """What the command was asked to change is not there (or no longer there)."""

    status = 404


class NotAllowed(ServiceError):
    """The person may not make this change, or the rules do not allow it now."""

    status = 403


class Conflict(ServiceError):
    """Someone else changed the same thing first; nothing was saved."""

    status = 409


class Invalid(ServiceError):
    """What was sent breaks a rule. ``errors`` maps field names to messages."""

    status = 400

    def __init__(self, message: str = "", errors: Mapping[str, str] | None = None) -> None:
        super().__init__(message or "; ".join((errors or {}).values()))
        self.errors = dict(errors or {})


_depth: ContextVar[int] = ContextVar("command_depth", default=0)

SAVED_AT_ONCE = "Someone else saved a change at the same moment. Nothing you sent was saved."


def command(
    function: Callable[P, R] | None = None,
    *,
    on_integrity_error: Callable[[IntegrityError], ServiceError] | None = None,
):
    """Run ``function`` as one transaction: commit if it returns, roll back if it raises.

    A ``StaleDataError`` (an out-of-date version) becomes :class:`Conflict`. An
    ``IntegrityError`` becomes whatever ``on_integrity_error`` returns for it, or a
    :class:`Conflict` (a unique or foreign key rule broken by a change made at the
    same moment).
    """

    def decorate(function: Callable[P, R]) -> Callable[P, R]:
        @wraps(function)
        def run(*args: P.args, **kwargs: P.kwargs) -> R:
            depth = _depth.get()
            token = _depth.set(depth + 1)
            try:
                result = function(*args, **kwargs)
                if depth == 0:
                    db.session.commit()
                else:
                    db.session.flush()
                return result
            except ServiceError:
                _roll_back(depth)
                raise
            except StaleDataError as error:
                _roll_back(depth)
                raise Conflict(SAVED_AT_ONCE) from error
            except IntegrityError as error:
                _roll_back(depth)
                if on_integrity_error is not None:
                    raise on_integrity_error(error) from error
                raise Conflict(SAVED_AT_ONCE) from error
            except BaseException:
                _roll_back(depth)
                raise
            finally:
                _depth.reset(token)

        run.is_command = True  # type: ignore[attr-defined]
        return run

    if function is not None:
        return decorate(function)
    return decorate


def _roll_back(depth: int) -> None:
    if depth == 0:
        db.session.rollback()
