"""Salted, slow password hashes (scrypt) in a self-describing text form.

``scrypt$16384$8$1$<salt>$<hash>`` (salt and hash in URL-safe base64): the cost parameters
travel with each hash, so they can be raised later without breaking stored users.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets
from dataclasses import dataclass, replace
from typing import Final

SCHEME: Final = "scrypt"
COST: Final = 2**14
BLOCK_SIZE: Final = 8
PARALLELISM: Final = 1
SALT_BYTES: Final = 16
HASH_BYTES: Final = 32
_MAX_COST: Final = 2**17
_MAX_MEMORY: Final = 256 * 1024 * 1024


@dataclass(frozen=True)
class _Hash:
    cost: int
    block_size: int
    parallelism: int
    salt: bytes
    digest: bytes

    def derive(self, password: str) -> bytes:
        return hashlib.scrypt(
            password.encode("utf-8", "surrogatepass"),
            salt=self.salt,
            n=self.cost,
            r=self.block_size,
            p=self.parallelism,
            maxmem=_MAX_MEMORY,
            dklen=len(self.digest),
        )

    def encode(self) -> str:
        parts = (self.cost, self.block_size, self.parallelism, _b64(self.salt), _b64(self.digest))
        return "$".join((SCHEME, *map(str, parts)))


def hash_password(password: str) -> str:
    """A new salted hash of ``password`` in the text form above."""
    shape = _Hash(COST, BLOCK_SIZE, PARALLELISM, secrets.token_bytes(SALT_BYTES), bytes(HASH_BYTES))
    return replace(shape, digest=shape.derive(password)).encode()


def verify_password(password: str, encoded: str) -> bool:
    """Whether ``password`` matches ``encoded``, compared in constant time.

    A malformed hash never matches, but still costs one full derivation, so a corrupt entry
    takes as long to refuse as a wrong password.
    """
    parsed = _parse(encoded)
    candidate = (parsed or UNKNOWN_USER).derive(password)
    return parsed is not None and hmac.compare_digest(candidate, parsed.digest)


def _parse(encoded: str) -> _Hash | None:
    parts = encoded.split("$") if isinstance(encoded, str) else []
    if len(parts) != 6 or parts[0] != SCHEME:
        return None
    try:
        cost, block_size, parallelism = (int(p) for p in parts[1:4])
        salt, digest = _unb64(parts[4]), _unb64(parts[5])
    except (ValueError, binascii.Error):
        return None
    if not (1 < cost <= _MAX_COST and cost & (cost - 1) == 0) or not 0 < block_size <= 32:
        return None
    if not 0 < parallelism <= 4 or not salt or len(digest) < 16:
        return None
    return _Hash(cost, block_size, parallelism, salt, digest)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


UNKNOWN_USER: Final = _Hash(COST, BLOCK_SIZE, PARALLELISM, b"clams-no-such-user", bytes(HASH_BYTES))
"""What a check of an unknown user derives against, so it costs what a known user costs."""
