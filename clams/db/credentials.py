"""Database credentials: the RDS-managed secret in Secrets Manager, never the environment."""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from pydantic import BaseModel, ConfigDict, SecretStr

SecretReader = Callable[[str], str]
"""Returns the secret string stored under an ARN."""

SECRET_MAX_AGE: Final = 300
"""Seconds a fetched secret is reused: new connections after a rotation pick up the new one."""


class DatabaseCredentials(BaseModel):
    """The part of the RDS-managed secret's JSON that CLAMS uses."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    username: str
    password: SecretStr


def read_secret(arn: str) -> str:
    """Fetch a secret through Powertools, cached in the process for ``SECRET_MAX_AGE``."""
    from aws_lambda_powertools.utilities.parameters import get_secret

    value = get_secret(arn, max_age=SECRET_MAX_AGE)
    return value.decode() if isinstance(value, bytes) else str(value)


def read_credentials(arn: str, reader: SecretReader = read_secret) -> DatabaseCredentials:
    return DatabaseCredentials.model_validate_json(reader(arn))
