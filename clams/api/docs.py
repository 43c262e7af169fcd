"""What the OpenAPI document says beyond what the route signatures tell Powertools."""

from __future__ import annotations

import json
from http import HTTPStatus
from typing import Any, Final

from aws_lambda_powertools.event_handler.openapi.models import HTTPBase, Server
from aws_lambda_powertools.event_handler.openapi.types import OpenAPIResponse

from clams.api.models import Message
from clams.names import STAGE

TITLE: Final = "CLAMS"
DESCRIPTION: Final = (
    "The attendee API of CLAMS. Every route but this document needs HTTP Basic "
    "authentication; the roles allowed are listed in each operation's description."
)
SECURITY_SCHEMES: Final = {"basic": HTTPBase(scheme="basic")}
SERVERS: Final = [Server(url=f"/{STAGE}")]
_VALIDATION: Final = "422"
_BAD_REQUEST: Final = "400"


def responses(*statuses: int) -> dict[int, OpenAPIResponse]:
    """Error responses of a protected route (401 and 403 always), each ``{"message": ...}``."""
    return {
        status: {
            "description": HTTPStatus(status).phrase,
            "content": {"application/json": {"model": Message}},
        }
        for status in sorted({*statuses, 401, 403})
    }


def with_400_for_validation(document: str) -> dict[str, Any]:
    """Powertools documents request validation as 422; CLAMS answers 400."""
    schema: dict[str, Any] = json.loads(document)
    for path in schema.get("paths", {}).values():
        for operation in path.values():
            answers = operation.get("responses", {})
            invalid = answers.pop(_VALIDATION, None)
            if invalid is not None and _BAD_REQUEST not in answers:
                answers[_BAD_REQUEST] = invalid
    return schema
