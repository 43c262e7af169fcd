"""Who is calling, from the authorizer's context, and whether the route lets them in.

A route's roles are looked up in :data:`clams.routes.ROUTES` (the same table the API
component builds the gateway from), never listed here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from aws_lambda_powertools.event_handler import APIGatewayHttpResolver, Response
from aws_lambda_powertools.event_handler.middlewares import NextMiddleware
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from clams.domain.errors import ClamsError, ForbiddenError, NotSignedInError
from clams.names import Role
from clams.routes import route_for

Resolver = APIGatewayHttpResolver | APIGatewayHttpRouter


@dataclass(frozen=True)
class Caller:
    user: str
    roles: frozenset[Role]


def caller(app: Resolver) -> Caller | None:
    """The signed-in user as the authorizer described them, if any."""
    context = app.current_event.request_context.authorizer.get_lambda
    if not isinstance(context, dict) or not context.get("user"):
        return None
    return Caller(str(context["user"]), _roles(context.get("roles", "")))


def _roles(text: Any) -> frozenset[Role]:
    names = {name.strip() for name in str(text).split(",")}
    return frozenset(role for role in Role if role.value in names)


def refusal(app: APIGatewayHttpResolver) -> ClamsError | None:
    """Why the current request may not run its route, or None when it may."""
    matched = app.context.get("_route")
    route = route_for(matched.method, matched.openapi_path) if matched else None
    if route is None or route.public:
        return None
    who = caller(app)
    if who is None:
        return NotSignedInError("sign in with HTTP Basic authentication")
    if not who.roles & route.roles:
        return ForbiddenError(f"{who.user} may not {route.method} {route.path}")
    return None


def require_roles(app: APIGatewayHttpResolver, next_middleware: NextMiddleware) -> Response[Any]:
    """Global middleware: refuse before the route runs."""
    problem = refusal(app)
    if problem is not None:
        raise problem
    return next_middleware(app)


def actor(app: Resolver) -> str:
    who = caller(app)
    return who.user if who else "anonymous"
