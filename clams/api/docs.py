"""What the OpenAPI document says beyond what the route signatures tell Powertools."""

from __future__ import annotations

import json
from http import HTTPStatus
from typing import Any, Final

from aws_lambda_powertools.event_handler.openapi.models import HTTPBase, SecurityScheme, Server
from aws_lambda_powertools.event_handler.openapi.types import OpenAPIResponse

from clams.api.models import Message
from clams.names import STAGE
from clams.routes import Route, route_for

TITLE: Final = "CLAMS"
DESCRIPTION: Final = (
    "The attendee API of CLAMS. Every route but this document needs HTTP Basic "
    "authentication; the roles allowed are listed in each operation's description. "
    'Errors are {"message": "..."}.'
)
SECURITY_SCHEMES: Final[dict[str, SecurityScheme]] = {"basic": HTTPBase(scheme="basic")}
SERVERS: Final = [Server(url=f"/{STAGE}")]
_VALIDATION: Final = "422"
_BAD_REQUEST: Final = "400"


def responses(success: int, *errors: int) -> dict[int, OpenAPIResponse]:
    """The answers of a protected route: ``success`` with the route's return model, then
    each error (401 and 403 always) as ``{"message": ...}``."""
    answers: dict[int, OpenAPIResponse] = {success: {"description": HTTPStatus(success).phrase}}
    for status in sorted({*errors, 401, 403}):
        answers[status] = {
            "description": HTTPStatus(status).phrase,
            "content": {"application/json": {"model": Message}},
        }
    return answers


def finish(document: str) -> dict[str, Any]:
    """The generated document with each operation's roles and security from the route table,
    and request validation answered with 400 (Powertools documents 422)."""
    schema: dict[str, Any] = json.loads(document)
    for path, operations in schema.get("paths", {}).items():
        for method, operation in operations.items():
            _validation_is_400(operation)
            _no_body_on_204(operation)
            _roles(operation, route_for(method.upper(), path))
    return schema


def _validation_is_400(operation: dict[str, Any]) -> None:
    answers = operation.get("responses", {})
    invalid = answers.pop(_VALIDATION, None)
    if invalid is not None and _BAD_REQUEST not in answers:
        answers[_BAD_REQUEST] = invalid


def _no_body_on_204(operation: dict[str, Any]) -> None:
    """A 204 answer has no body, whatever the route's return annotation made Powertools say."""
    operation.get("responses", {}).get("204", {}).pop("content", None)


def _roles(operation: dict[str, Any], route: Route | None) -> None:
    if route is None or route.public:
        operation["security"] = []
        return
    roles = ", ".join(sorted(route.roles))
    operation["security"] = [{name: []} for name in SECURITY_SCHEMES]
    operation["description"] = f"{operation.get('description', '')}\n\nRoles: {roles}.".strip()
