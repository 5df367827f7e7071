"""People, their roles and sign-in attempts."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, Timestamped, utcnow
from app.models.checks import checks


def new_session_token() -> str:
    return secrets.token_urlsafe(32)


def session_token_hash(token: str) -> str:
    """What the database keeps of a session's token: its SHA-256, so that a copy of the
    table signs no one in. (The token is random and long: no salt or slow hash needed.)"""
    return hashlib.sha256(token.encode()).hexdigest()


class Person(Timestamped, Base):
    __tablename__ = "person"

    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    is_active: Mapped[bool] = mapped_column(default=True)
    last_signed_in_at: Mapped[datetime | None]
    # Set when an administrator chose the password: good for one sign-in, then their own.
    password_must_change: Mapped[bool] = mapped_column(default=False, server_default=false())
    # An assessor an organiser may choose as the lead of a panel.
    can_lead: Mapped[bool] = mapped_column(default=False, server_default=false())

    role_grants: Mapped[list[PersonRole]] = relationship(
        back_populates="person",
        cascade="all, delete-orphan",
        lazy="selectin",
        order_by="PersonRole.role",
    )

    @property
    def roles(self) -> set[str]:
        return {grant.role for grant in self.role_grants}

    # The signed-in session this person was found through, and its token (neither is a
    # column): set at sign-in and by the loader of every signed-in request.
    signed_in_session = None
    signed_in_token = None

    # Flask-Login protocol. The cookie holds the token of one signed-in session, not the
    # person's id, so that each session ends on its own (app/models SignedInSession).
    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        if not self.signed_in_token:
            raise RuntimeError("a person is signed in through a session: start one first")
        return self.signed_in_token

    def __repr__(self) -> str:
        return f"<Person {self.id} {self.email}>"


class PersonRole(Base):
    __tablename__ = "person_role"
    __table_args__ = (UniqueConstraint("person_id", "role"), *checks("person_role"))

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(40))
    granted_at: Mapped[datetime] = mapped_column(default=utcnow)

    person: Mapped[Person] = relationship(back_populates="role_grants")


class SignInAttempt(Base):
    __tablename__ = "sign_in_attempt"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    address: Mapped[str] = mapped_column(String(64), index=True)
    succeeded: Mapped[bool]
    attempted_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class KeptWork(Base):
    """What someone sent in a form after their session had timed out, kept until they sign
    in again (as the same person) and land back on the page with it restored.

    Never holds passwords or CSRF tokens; kept for a day at most.
    """

    __tablename__ = "kept_work"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    path: Mapped[str] = mapped_column(String(2000))
    fields: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class SignedInSession(Base):
    """One signed-in browser: made at sign-in, checked on every request, ended at sign-out
    (that browser only), when it has been idle or open too long, and for every browser
    of the person when their password changes or their account is deactivated.

    The cookie carries the token; the table keeps only its hash.
    """

    __tablename__ = "signed_in_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(index=True)
    user_agent: Mapped[str | None] = mapped_column(String(255))
    # An API token this browser's administrator has just issued, held here (never in the
    # cookie, which is signed but not encrypted) until the page that shows it once.
    issued_token_id: Mapped[int | None] = mapped_column(
        ForeignKey("api_token.id", ondelete="SET NULL"), index=True
    )
    issued_token_secret: Mapped[str | None] = mapped_column(String(100))
