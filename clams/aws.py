"""AWS clients, built once per process on first use (never at import time).

boto3 honours ``AWS_ENDPOINT_URL``, which is how the local stack and tests point every
client at the in-process emulator.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import boto3
from botocore.config import Config

from clams.domain.errors import InvalidInputError

_CONFIG = Config(retries={"mode": "standard", "max_attempts": 5}, connect_timeout=5)


@cache
def client(service: str, endpoint_url: str | None = None) -> Any:
    """The shared client for one AWS service (``dynamodb``, ``sqs``, ``ssm``...).

    ``endpoint_url`` (a command's ``--endpoint-url``) overrides ``AWS_ENDPOINT_URL``.
    Raises :class:`InvalidInputError` for an endpoint that is not an http(s) URL.
    """
    if endpoint_url is not None and not endpoint_url.startswith(("http://", "https://")):
        raise InvalidInputError(f"the endpoint {endpoint_url!r} is not an http:// or https:// URL")
    return boto3.session.Session().client(  # type: ignore[call-overload]
        service, endpoint_url=endpoint_url, config=_CONFIG
    )
