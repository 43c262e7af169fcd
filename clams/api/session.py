"""``GET /me``: the signed-in user and their roles, as the authorizer described them."""

from __future__ import annotations

from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from clams.api.access import caller
from clams.api.docs import responses
from clams.api.models import Me
from clams.domain.errors import NotSignedInError

router = APIGatewayHttpRouter()  # type: ignore[no-untyped-call]


@router.get("/me", tags=["session"], responses=responses(200))
def me() -> Me:
    """The signed-in user's name and roles."""
    who = caller(router)
    if who is None:
        raise NotSignedInError("sign in with HTTP Basic authentication")
    return Me(User=who.user, Roles=sorted(who.roles))
