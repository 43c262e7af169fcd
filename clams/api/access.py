"""Who is calling, from the authorizer's context, and whether the route lets them in.

The graph decides whether a route is guarded: API Gateway runs the authorizer on the routes
the stack gives it, and only those requests carry its context. On such a request the caller
must hold one of the route's roles, looked up in :data:`clams.routes.ROUTES` (the same table
the API component builds the gateway from). A request without an authorizer context came
through a route the graph made public, and is served as such; the policy pack refuses to
deploy a stack in which a route other than the public ones has no authorizer.
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


def guarded(app: Resolver) -> bool:
    """Whether the gateway ran an authorizer for this request (the graph gave the route one)."""
    return bool(app.current_event.request_context.authorizer.raw_event)


def refusal(app: APIGatewayHttpResolver) -> ClamsError | None:
    """Why the current request may not run its route, or None when it may."""
    matched = app.context.get("_route")
    route = route_for(matched.method, matched.openapi_path) if matched else None
    if route is None or route.public or not guarded(app):
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
