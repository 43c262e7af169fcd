"""The users document in SSM Parameter Store: written by ``clams users``, read by the authorizer.

The authorizer reads through Powertools parameters (decrypted, cached for ``max_age``
seconds per warm function); the command reads and writes with a plain SSM client.
Neither imports boto3 at import time.
"""

from __future__ import annotations

from functools import cache
from typing import Any, Final

from clams.auth.users import Users

CACHE_SECONDS: Final = 60


class UsersParameterMissingError(LookupError):
    """The stack has no users parameter (not deployed, or a wrong name)."""


class UsersParameter:
    """Read-modify-write access to the users document. ``client`` is an SSM client."""

    def __init__(self, client: Any, name: str) -> None:
        self._client = client
        self.name = name

    def load(self) -> Users:
        try:
            reply = self._client.get_parameter(Name=self.name, WithDecryption=True)
        except self._client.exceptions.ParameterNotFound:
            raise UsersParameterMissingError(self.name) from None
        return Users.parse(reply["Parameter"]["Value"])

    def save(self, users: Users) -> None:
        self._client.put_parameter(
            Name=self.name, Value=users.dumps(), Type="SecureString", Overwrite=True
        )


def read_users(name: str, fresh: bool = False) -> Users:
    """The users document, decrypted, from the function's cache when younger than a minute
    (``fresh``: from SSM in any case).

    Raises whatever SSM raises (unreachable, not found, denied) or ``UsersDocumentError``;
    the authorizer refuses on any of them.
    """
    text = _provider().get(name, decrypt=True, max_age=CACHE_SECONDS, force_fetch=fresh)
    return Users.parse(str(text))


@cache
def _provider() -> Any:
    from aws_lambda_powertools.utilities.parameters import SSMProvider
    from botocore.config import Config

    config = Config(
        connect_timeout=2, read_timeout=3, retries={"mode": "standard", "max_attempts": 2}
    )
    return SSMProvider(boto_config=config)
