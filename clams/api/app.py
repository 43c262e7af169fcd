"""The API's resolver: the routes of SPEC section 3, role checks, errors and OpenAPI."""

from __future__ import annotations

from functools import cache
from typing import Any

from aws_lambda_powertools.event_handler import APIGatewayHttpResolver

from clams.api import attendees, docs, errors, reports, session, workshops
from clams.api.access import require_roles
from clams.names import STAGE


def build() -> APIGatewayHttpResolver:
    app = APIGatewayHttpResolver(strip_prefixes=[f"/{STAGE}"], enable_validation=True)
    app.use([require_roles])
    errors.register(app)
    for module in (attendees, reports, workshops, session):
        app.include_router(module.router)
    app.configure_openapi(
        title=docs.TITLE,
        description=docs.DESCRIPTION,
        servers=docs.SERVERS,
        security_schemes=docs.SECURITY_SCHEMES,
    )

    @cache
    def document() -> dict[str, Any]:
        return docs.finish(app.get_openapi_json_schema())

    @app.get("/openapi.json", include_in_schema=False)
    def openapi() -> dict[str, Any]:
        """The OpenAPI document of this API, generated from the routes above once per cold
        start (generating it costs tens of milliseconds)."""
        return document()

    return app


app = build()
