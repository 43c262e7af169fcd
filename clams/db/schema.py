"""The relational schema of SPEC section 5.4 as SQLAlchemy 2 declarative models.

The migrations in ``migrations/`` create exactly these tables, plus the trigger that
writes a row into ``trigger_notifications`` on every insert or update of a sign-up.
"""

from __future__ import annotations

from datetime import datetime
from typing import Final

from sqlalchemy import DateTime, ForeignKey, String, Text, func
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

ROLE_NAMES: Final = ("attendee", "facilitator", "helper", "organiser")
"""The roles a person can sign up for a workshop with; seeded by the first migration."""


class Base(DeclarativeBase):
    pass


class Workshop(Base):
    __tablename__ = "workshops"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200), unique=True)


class Person(Base):
    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    forename: Mapped[str] = mapped_column(String(100))
    surname: Mapped[str] = mapped_column(String(100))
    email: Mapped[str] = mapped_column(String(254), unique=True)


class SignupRole(Base):
    __tablename__ = "roles"

    id: Mapped[int] = mapped_column(primary_key=True)
    role_name: Mapped[str] = mapped_column(String(50), unique=True)


class WorkshopSignup(Base):
    __tablename__ = "workshop_signups"

    id: Mapped[int] = mapped_column(primary_key=True)
    people_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id"))
    role_id: Mapped[int] = mapped_column(ForeignKey("roles.id"))
    signed_up_on: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.current_timestamp()
    )


class TriggerNotification(Base):
    """The outbox: one JSON message per sign-up change, written by the database trigger."""

    __tablename__ = "trigger_notifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    message: Mapped[str] = mapped_column(Text)
