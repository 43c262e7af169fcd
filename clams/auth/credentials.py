"""The credential check of the authorizer (SPEC section 4), as a pure function.

Missing credentials are told apart from wrong ones (401 and 403 at the gateway); anything
malformed is a refusal, never an exception.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from enum import IntEnum
from typing import Any, Final

from clams.auth.passwords import UNKNOWN_USER, verify_password
from clams.auth.users import User, Users

MAX_HEADER_LENGTH: Final = 1024
_SCHEME: Final = "basic"


class Verdict(IntEnum):
    """The HTTP status the caller meets: allowed, no credentials, refused."""

    ALLOWED = 200
    MISSING = 401
    REFUSED = 403


@dataclass(frozen=True)
class Decision:
    verdict: Verdict
    user: User | None = None

    @property
    def allowed(self) -> bool:
        return self.verdict is Verdict.ALLOWED

    def simple_response(self) -> dict[str, Any]:
        """API Gateway's simple authorizer response; the context carries user and roles."""
        if self.user is None or not self.allowed:
            return {"isAuthorized": False, "context": {}}
        roles = ",".join(sorted(self.user.roles))
        return {"isAuthorized": True, "context": {"user": self.user.name, "roles": roles}}


def check(header: str | None, users: Users | None) -> Decision:
    """Decide on an ``Authorization`` header; ``users`` None means they could not be read."""
    if header is None or not header.strip():
        return Decision(Verdict.MISSING)
    credentials = parse_basic(header)
    if credentials is None or users is None:
        return Decision(Verdict.REFUSED)
    name, password = credentials
    user = users.get(name)
    if user is None:
        UNKNOWN_USER.derive(password)
        return Decision(Verdict.REFUSED)
    if not verify_password(password, user.password_hash):
        return Decision(Verdict.REFUSED)
    return Decision(Verdict.ALLOWED, user)


def parse_basic(header: str) -> tuple[str, str] | None:
    """``Basic base64(name:password)`` → (name, password); None when malformed."""
    if not isinstance(header, str) or len(header) > MAX_HEADER_LENGTH:
        return None
    scheme, _, encoded = header.strip().partition(" ")
    if scheme.lower() != _SCHEME or not encoded.strip():
        return None
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, ValueError):
        return None
    name, colon, password = decoded.partition(":")
    if not colon or not name:
        return None
    return name, password
