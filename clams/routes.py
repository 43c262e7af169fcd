"""The HTTP routes of SPEC section 3: the API component creates them, the API enforces them."""

from __future__ import annotations

from dataclasses import dataclass

from clams.names import Function, Role

READERS = frozenset({Role.ORGANISER, Role.VIEWER})
ORGANISERS = frozenset({Role.ORGANISER})
KITCHEN = frozenset({Role.ORGANISER, Role.VIEWER, Role.KITCHEN})
SIGNED_IN = frozenset(Role)


@dataclass(frozen=True)
class Route:
    """One route of the HTTP API. ``roles`` is empty for a public route."""

    method: str
    path: str
    roles: frozenset[Role]
    function: Function = Function.API

    @property
    def key(self) -> str:
        """The API Gateway route key, e.g. ``GET /attendee/{authCode}``."""
        return f"{self.method} {self.path}"

    @property
    def public(self) -> bool:
        return not self.roles


ROUTES: tuple[Route, ...] = (
    Route("GET", "/attendees", READERS),
    Route("POST", "/attendees", ORGANISERS),
    Route("GET", "/attendee/{authCode}", READERS),
    Route("PUT", "/attendee/{authCode}", ORGANISERS),
    Route("DELETE", "/attendee/{authCode}", ORGANISERS),
    Route("GET", "/attendee/{authCode}/export", ORGANISERS),
    Route("GET", "/report", READERS),
    Route("GET", "/report/kitchen", KITCHEN),
    Route("GET", "/workshops", READERS),
    Route("GET", "/workshop/{id}/signups", READERS),
    Route("GET", "/me", SIGNED_IN),
    Route("GET", "/openapi.json", frozenset()),
)


def route_for(method: str, path: str) -> Route | None:
    """The route with this method and API Gateway path template, if any."""
    return next((r for r in ROUTES if r.method == method and r.path == path), None)
