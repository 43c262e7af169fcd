"""The one place where errors become HTTP responses: ``{"message": ...}`` and a status."""

from __future__ import annotations

import json
import traceback
from collections.abc import Iterable, Mapping
from functools import partial
from http import HTTPStatus
from typing import Any, Final

from aws_lambda_powertools import Logger
from aws_lambda_powertools.event_handler import APIGatewayHttpResolver, Response, content_types
from aws_lambda_powertools.event_handler.exceptions import NotFoundError as NoSuchRoute
from aws_lambda_powertools.event_handler.openapi.exceptions import RequestValidationError

from clams.api.access import refusal
from clams.domain.errors import (
    AlreadyExistsError,
    ClamsError,
    ForbiddenError,
    InvalidInputError,
    NotFoundError,
    NotSignedInError,
    StaleWriteError,
)
from clams.stores.attendees import WriteConflictError

STATUS: Final[Mapping[type[ClamsError], HTTPStatus]] = {
    InvalidInputError: HTTPStatus.BAD_REQUEST,
    NotSignedInError: HTTPStatus.UNAUTHORIZED,
    ForbiddenError: HTTPStatus.FORBIDDEN,
    NotFoundError: HTTPStatus.NOT_FOUND,
    AlreadyExistsError: HTTPStatus.CONFLICT,
    StaleWriteError: HTTPStatus.CONFLICT,
    WriteConflictError: HTTPStatus.SERVICE_UNAVAILABLE,
}
_SOURCES: Final = frozenset({"body", "query", "path", "header", "cookie"})

logger = Logger(service="clams")


def message(status: int, text: str) -> Response[str]:
    body = json.dumps({"message": text}, ensure_ascii=False)
    return Response(status, content_types.APPLICATION_JSON, body)


def status_of(error: ClamsError) -> HTTPStatus:
    for kind in type(error).__mro__:
        if kind in STATUS:
            return STATUS[kind]
    return HTTPStatus.INTERNAL_SERVER_ERROR


def clams_error(error: ClamsError) -> Response[str]:
    status = status_of(error)
    if status >= HTTPStatus.INTERNAL_SERVER_ERROR:
        logger.warning("request failed", error=type(error).__name__)
    return message(status, str(error))


def describe_validation(errors: Iterable[Mapping[str, Any]]) -> str:
    """``Email: … ; NumberOfKids: …`` — each invalid field named once, with why."""
    parts: list[str] = []
    for item in errors:
        text = str(item.get("msg", "invalid")).removeprefix("Value error, ")
        if item.get("type") == "extra_forbidden":
            text = "unknown field"
        parts.append(f"{_field(item.get('loc', ()))}: {text}")
    return "; ".join(dict.fromkeys(parts))


def _field(location: Iterable[Any]) -> str:
    """``("body", "Financials", "AmountPaid")`` → ``Financials.AmountPaid``."""
    names = [str(p) for p in location if not isinstance(p, int)]
    inner = names[1:] if names and names[0] in _SOURCES else names
    return ".".join(inner or names or ["request"])


def register(app: APIGatewayHttpResolver) -> None:
    """Install the mapping on ``app``."""
    app.exception_handler(ClamsError)(clams_error)
    app.exception_handler(RequestValidationError)(partial(_invalid, app))
    app.exception_handler(UnicodeDecodeError)(partial(_not_utf8, app))
    app.exception_handler(Exception)(_unexpected)
    app.not_found(_no_route)


def _invalid(app: APIGatewayHttpResolver, error: RequestValidationError) -> Response[str]:
    """400 naming the fields — unless the caller may not use the route at all."""
    problem = refusal(app)
    if problem is not None:
        return clams_error(problem)
    return message(HTTPStatus.BAD_REQUEST, describe_validation(error.errors()))


def _not_utf8(app: APIGatewayHttpResolver, _: UnicodeDecodeError) -> Response[str]:
    """A body that is not UTF-8 (it reaches the function base64-encoded) is bad input."""
    problem = refusal(app)
    if problem is not None:
        return clams_error(problem)
    return message(HTTPStatus.BAD_REQUEST, "body: not UTF-8 text")


def _no_route(_: NoSuchRoute) -> Response[str]:
    return message(HTTPStatus.NOT_FOUND, "no such route")


def _unexpected(error: Exception) -> Response[str]:
    """500. The log names the error and where it arose, never its message: a validation
    error's message quotes the record it failed on, personal data included."""
    where = "".join(traceback.format_tb(error.__traceback__))
    logger.error("unexpected error", error=type(error).__name__, traceback=where)
    return message(HTTPStatus.INTERNAL_SERVER_ERROR, "internal error")
