"""Workshop sign-ups as the API shows them: denormalised records and per-workshop counts."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field, field_validator

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


@dataclass(frozen=True)
class Notification:
    """One row of the sign-up database's outbox: its id and the message the trigger wrote."""

    id: int
    message: str


class SignupNotice(BaseModel):
    """The message the database trigger writes for each sign-up change."""

    model_config = ConfigDict(frozen=True)

    signup_id: int
    workshop_id: int
    person_id: int
    role_id: int


class SignupRecord(BaseModel):
    """One sign-up with its workshop title, the person's name and the role spelled out."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    WorkshopId: int
    SignupId: int
    PersonId: int
    WorkshopTitle: str
    Forename: str
    Surname: str
    FullName: str
    Email: str
    Role: str
    SignedUpOn: str = Field(description="ISO-8601 time of the sign-up")


class Workshop(BaseModel):
    """A workshop with how many people signed up for it in each role."""

    model_config = ConfigDict(frozen=True)

    WorkshopId: int
    Title: str
    SignupsByRole: dict[str, int]


class SignupRequest(BaseModel):
    """Someone signing up for a workshop; the workshop and person are created when new."""

    model_config = ConfigDict(frozen=True, str_strip_whitespace=True)

    workshop: str = Field(min_length=1, max_length=200)
    forename: str = Field(min_length=1, max_length=100)
    surname: str = Field(min_length=1, max_length=100)
    email: str = Field(min_length=3, max_length=254)
    role: str = "attendee"

    @field_validator("email")
    @classmethod
    def _looks_like_email(cls, value: str) -> str:
        if not _EMAIL.fullmatch(value):
            raise ValueError(f"{value!r} does not look like an e-mail address")
        return value
