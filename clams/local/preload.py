"""What the local stack loads before it can serve, loaded up front.

Each emulated service and each client is slow the first time (moto imports its emulation,
botocore parses the service's model) and fast after. Loading them before the graph is known
lets that work overlap the graph's evaluation on a fresh checkout; on a warm start it is the
same work done a little earlier.
"""

from __future__ import annotations

from typing import Final

from clams.aws import new_session
from clams.local.emulator_fixes import install as fix_emulator

SERVICES: Final = ("dynamodb", "sqs", "ssm", "s3")
"""The services the local stack emulates: its tables, queues, parameters and bucket."""
_NOWHERE: Final = "http://127.0.0.1:9"


def preload(services: tuple[str, ...] = SERVICES) -> None:
    """Import the emulator's emulation of each service and load each service's model."""
    fix_emulator()
    from moto.backends import get_backend

    for service in services:
        get_backend(service)  # type: ignore[call-overload]
        new_session().client(  # type: ignore[call-overload]
            service,
            region_name="us-east-1",
            endpoint_url=_NOWHERE,
            aws_access_key_id="preload",
            aws_secret_access_key="preload",  # noqa: S106 - loads a model, signs nothing
        )
