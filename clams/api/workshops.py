"""Workshop routes: the workshops with sign-up counts, and one workshop's sign-ups."""

from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler.openapi.params import Path
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from clams.api.docs import responses
from clams.api.models import Signups, Workshops
from clams.api.wiring import services
from clams.services.workshops import list_workshops, workshop_signups

router = APIGatewayHttpRouter()  # type: ignore[no-untyped-call]
TAGS = ["workshops"]
WorkshopId = Annotated[int, Path(ge=1, description="the workshop's id")]


@router.get("/workshops", tags=TAGS, responses=responses(200))
def workshops() -> Workshops:
    return Workshops(Workshops=list_workshops(services().signups))


@router.get("/workshop/<id>/signups", tags=TAGS, responses=responses(200, 400, 404))
def signups(id: WorkshopId) -> Signups:
    return Signups(Signups=workshop_signups(services().signups, id))
