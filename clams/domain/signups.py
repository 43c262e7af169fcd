"""Workshop sign-ups as the API shows them: denormalised records and per-workshop counts."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


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
