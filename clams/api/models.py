"""The bodies the API sends, as models, so the OpenAPI document describes them."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from clams.domain.attendee import StoredAttendee
from clams.domain.signups import SignupRecord, Workshop


class _Body(BaseModel):
    model_config = ConfigDict(frozen=True)


class Attendees(_Body):
    """One page of attendees; ``NextToken`` is absent on the last page."""

    Attendees: list[StoredAttendee]
    NextToken: str | None = Field(
        default=None,
        description="pass as next_token for the next page; absent on the last",
        exclude_if=lambda token: token is None,
    )


class Export(_Body):
    """A subject-access export: what each store holds about the person."""

    Subject: str
    Stores: dict[str, list[dict[str, Any]]]


class Workshops(_Body):
    Workshops: list[Workshop]


class Signups(_Body):
    Signups: list[SignupRecord]


class Me(_Body):
    """Who is signed in, and with which roles: what the front end shows depends on it."""

    User: str
    Roles: list[str]


class Message(_Body):
    message: str
