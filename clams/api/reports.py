"""The event report and the kitchen report: constant-cost reads of the kept summary."""

from __future__ import annotations

from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from clams.api.docs import responses
from clams.api.wiring import services
from clams.domain.report import KitchenReport, Report

router = APIGatewayHttpRouter()  # type: ignore[no-untyped-call]
TAGS = ["reports"]


@router.get("/report", tags=TAGS, responses=responses(200))
def event_report() -> Report:
    """Totals, money and head counts per night, exact as of the last acknowledged write."""
    found = services()
    return found.attendees.report(found.camping_rate)


@router.get("/report/kitchen", tags=TAGS, responses=responses(200))
def kitchen() -> KitchenReport:
    """Adults, kids and dietary notes per night, for planning meals."""
    return services().attendees.kitchen_report()
