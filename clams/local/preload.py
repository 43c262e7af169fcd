"""What the local stack loads before it can serve, loaded up front.

Each emulated service and each client is slow the first time (moto imports its emulation
and builds its routes, botocore parses the service's model) and fast after. Loading them
before the graph is known lets that work overlap the graph's evaluation on a fresh checkout;
on a warm start it is the same work done a little earlier.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any, Final

from clams.aws import new_session
from clams.local.emulator import DUMMY_KEY, Emulator
from clams.local.logs import function_logs_active
from clams.names import HANDLERS
from clams.packaging import ProjectSources, import_closure

PROJECT_ROOT: Final = Path(__file__).resolve().parents[2]
HANDLER_PACKAGE: Final = "handlers"

FIRST_CALLS: Final[dict[str, tuple[str, dict[str, Any]]]] = {
    "dynamodb": ("list_tables", {}),
    "sqs": ("list_queues", {}),
    "ssm": ("describe_parameters", {}),
    "s3": ("list_buckets", {}),
}
"""The services the local stack emulates (tables, queues, parameters, bucket): a harmless
first call to each, which makes the emulator load its emulation of the service."""
_SOME_REGION: Final = "us-east-1"


def preload(emulator: Emulator) -> None:
    """Start the emulator's server, make the first, slow call to each service, and import
    what the functions' handlers import — inside ``function_logs()``, so that loggers made
    while importing write each function's log lines."""
    if not function_logs_active():
        raise RuntimeError("enter function_logs() first: loggers made at import keep stdout")
    emulator.serve()
    for service, (operation, arguments) in FIRST_CALLS.items():
        getattr(_client(service, emulator.endpoint), operation)(**arguments)
    for module in handler_dependencies():
        importlib.import_module(module)


def handler_dependencies(root: Path = PROJECT_ROOT) -> list[str]:
    """The project modules the handlers import, less the handler modules themselves: those
    read their function's environment when imported, so each is imported at its first call."""
    sources = ProjectSources(root)
    entries = [handler.rpartition(".")[0] for handler in HANDLERS.values()]
    modules, _ = import_closure(sources, entries)
    return sorted(m for m in modules if m.split(".")[0] != HANDLER_PACKAGE)


def _client(service: str, endpoint: str) -> Any:
    return new_session().client(  # type: ignore[call-overload]
        service,
        region_name=_SOME_REGION,
        endpoint_url=endpoint,
        aws_access_key_id=DUMMY_KEY,
        aws_secret_access_key=DUMMY_KEY,
    )
