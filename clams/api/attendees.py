"""Attendee routes: list, read, create, replace, erase and export."""

from __future__ import annotations

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Path, Query
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from clams.api.access import actor
from clams.api.docs import responses
from clams.api.models import Attendees, Export
from clams.api.wiring import services
from clams.domain.attendee import Attendee, Code
from clams.domain.errors import InvalidInputError

router = APIGatewayHttpRouter()  # type: ignore[no-untyped-call]
TAGS = ["attendees"]
AuthCode = Annotated[Code, Path(description="the booking code: 6 letters or digits, any case")]
Limit = Annotated[int, Query(ge=1, le=1000, description="records per page")]
NextToken = Annotated[str | None, Query(description="the NextToken of the previous page")]


@router.get("/attendees", tags=TAGS, responses=responses(200, 400))
def list_attendees(limit: Limit = 100, next_token: NextToken = None) -> Attendees:
    """A page of attendees, in no particular order; follow NextToken until it is absent."""
    tokens = services().tokens
    after = tokens.read(next_token) if next_token is not None else None
    page = services().attendees.page(limit, after)
    following = tokens.issue(page.after) if page.after else None
    return Attendees(Attendees=page.records, NextToken=following)


@router.get("/attendee/<authCode>", tags=TAGS, responses=responses(200, 400, 404))
def get_attendee(authCode: AuthCode) -> Attendees:
    return Attendees(Attendees=[services().attendees.get(authCode)])


@router.post("/attendees", status_code=201, tags=TAGS, responses=responses(201, 400, 409))
def create_attendee(attendee: Attendee) -> Attendees:
    """Create an attendee; derived fields are computed here, never taken from the body."""
    return Attendees(Attendees=[services().attendees.create(attendee)])


@router.put("/attendee/<authCode>", tags=TAGS, responses=responses(200, 400, 409))
def replace_attendee(authCode: AuthCode, attendee: Attendee) -> Attendees:
    """Create or replace; the body's AuthCode must be the path's (in any case)."""
    if attendee.AuthCode != authCode:
        raise InvalidInputError(f"AuthCode: {attendee.AuthCode} differs from the path's {authCode}")
    return Attendees(Attendees=[services().attendees.replace(attendee)])


@router.delete("/attendee/<authCode>", status_code=204, tags=TAGS, responses=responses(204, 400))
def erase_attendee(authCode: AuthCode) -> Response[None]:
    """GDPR erasure from every store; 204 also when there was nothing left to erase."""
    services().gdpr.erase(authCode, actor(router))
    return Response(204, body=None)


@router.get("/attendee/<authCode>/export", tags=TAGS, responses=responses(200, 400, 404))
def export_attendee(authCode: AuthCode) -> Export:
    """GDPR subject access: every record each store holds about the person."""
    found: dict[str, Any] = services().gdpr.export(authCode, actor(router))
    return Export.model_validate(found)
