"""Page tokens: opaque to clients and signed, so a forged or damaged one is refused.

A token is URL-safe base64 of the code to continue after and an HMAC-SHA256 of it under the
stack's secret key.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
from collections.abc import Callable
from typing import Final

from clams.domain.attendee import normalise_auth_code
from clams.domain.errors import InvalidInputError

_PURPOSE: Final = b"clams-page-token\0"
_MAC_BYTES: Final = 32
_MAX_TOKEN_LENGTH: Final = 200


class PageTokens:
    """``secret_key`` is asked on each use, so a rotated key takes effect without a restart."""

    def __init__(self, secret_key: Callable[[], bytes]) -> None:
        self._secret_key = secret_key

    def issue(self, after: str) -> str:
        payload = after.encode("ascii")
        return _encode(payload + self._mac(payload))

    def read(self, token: str) -> str:
        """The code a token continues after; InvalidInputError for anything not issued here."""
        raw = _decode(token)
        payload, mac = raw[:-_MAC_BYTES], raw[-_MAC_BYTES:]
        if not payload or not hmac.compare_digest(mac, self._mac(payload)):
            raise InvalidInputError("next_token: not a token this API issued")
        return normalise_auth_code(payload.decode("ascii"))

    def _mac(self, payload: bytes) -> bytes:
        return hmac.new(self._secret_key(), _PURPOSE + payload, hashlib.sha256).digest()


def _decode(token: str) -> bytes:
    """The token's bytes; only the canonical spelling is accepted, so no character can change
    without the token being refused."""
    invalid = InvalidInputError("next_token: not a token this API issued")
    if len(token) > _MAX_TOKEN_LENGTH or not token.isascii():
        raise invalid
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    except (binascii.Error, ValueError):
        raise invalid from None
    if _encode(raw) != token:
        raise invalid
    return raw


def _encode(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")
