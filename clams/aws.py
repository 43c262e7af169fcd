"""AWS clients, built once per process on first use (never at import time).

boto3 honours ``AWS_ENDPOINT_URL``, which is how the local stack and tests point every
client at the in-process emulator.

Each client gets a session of its own (credentials and settings read when it is made), but
every session shares one loader of botocore's service models: parsing a service's model is
most of the cost of a new client (~90 ms each), and the models never change in a process.
"""

from __future__ import annotations

import threading
from functools import cache
from typing import Any, Final

import boto3
import botocore.session
from botocore.config import Config
from botocore.loaders import Loader, create_loader

from clams.domain.errors import InvalidInputError

_MODELS: Final[Loader] = create_loader()
"""Reads nothing until a model is asked for; kept for the life of the process."""
_SESSIONS = threading.Lock()
_CONFIG = Config(retries={"mode": "standard", "max_attempts": 5}, connect_timeout=5)


def new_session() -> boto3.session.Session:
    """A fresh boto3 session that reuses the service models already loaded in this process."""
    models = _MODELS
    core = botocore.session.get_session()
    core.register_component("data_loader", models)
    with _SESSIONS:
        session = boto3.session.Session(botocore_session=core)
        # boto3 adds its own folder to the loader's search path at each new session
        models.search_paths[:] = list(dict.fromkeys(models.search_paths))
    return session


@cache
def client(service: str, endpoint_url: str | None = None) -> Any:
    """The shared client for one AWS service (``dynamodb``, ``sqs``, ``ssm``...).

    ``endpoint_url`` (a command's ``--endpoint-url``) overrides ``AWS_ENDPOINT_URL``.
    Raises :class:`InvalidInputError` for an endpoint that is not an http(s) URL.
    """
    if endpoint_url is not None and not endpoint_url.startswith(("http://", "https://")):
        raise InvalidInputError(f"the endpoint {endpoint_url!r} is not an http:// or https:// URL")
    return new_session().client(  # type: ignore[call-overload]
        service, endpoint_url=endpoint_url, config=_CONFIG
    )
