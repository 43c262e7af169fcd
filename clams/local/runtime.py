"""The functions of the graph, run in this process with their own environment.

Handlers read ``os.environ`` (settings are validated at cold start), and the environment is
one per process: so invocations run one at a time, each inside its function's environment.
"""

from __future__ import annotations

import importlib
import os
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Final

from clams.local.logs import logging_as

RUNTIME_LOCK: Final = threading.RLock()
COLD_START_PACKAGES: Final = ("handlers", "clams")

Handler = Callable[[Any, Any], Any]


@dataclass
class LambdaContext:
    """The context object Lambda passes to a handler."""

    function_name: str
    invoked_function_arn: str
    memory_limit_in_mb: int
    timeout_seconds: float
    aws_request_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    function_version: str = "$LATEST"
    log_group_name: str = ""
    log_stream_name: str = "local"
    _deadline: float = field(default=0.0, repr=False)

    def __post_init__(self) -> None:
        self.log_group_name = f"/aws/lambda/{self.function_name}"
        self._deadline = time.monotonic() + self.timeout_seconds

    def get_remaining_time_in_millis(self) -> int:
        return max(0, int((self._deadline - time.monotonic()) * 1000))


@dataclass
class LocalFunction:
    """One ``aws:lambda/function:Function`` of the graph."""

    name: str
    physical_name: str
    handler: str
    environment: dict[str, str]
    arn: str
    timeout: float = 3.0
    memory: int = 128
    invocations: int = 0
    _entry: Handler | None = field(default=None, repr=False)

    def invoke(self, event: Any) -> Any:
        """Run the handler with ``event`` as Lambda would; its exceptions propagate."""
        with RUNTIME_LOCK, environment(self.environment), logging_as(self.name):
            self.invocations += 1
            context = LambdaContext(self.physical_name, self.arn, self.memory, self.timeout)
            return self._handler()(event, context)

    def _handler(self) -> Handler:
        if self._entry is None:
            module_name, _, attribute = self.handler.rpartition(".")
            self._entry = getattr(importlib.import_module(module_name), attribute)
        return self._entry


@contextmanager
def environment(values: Mapping[str, str]) -> Iterator[None]:
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def cold_start() -> None:
    """Forget what earlier functions cached per process (clients, settings, engines)."""
    for name, module in list(sys.modules.items()):
        if name.split(".")[0] not in COLD_START_PACKAGES or name.startswith("clams.local"):
            continue
        for value in list(vars(module).values()):
            clear = getattr(value, "cache_clear", None)
            if callable(clear):
                clear()
    from aws_lambda_powertools.utilities.parameters import clear_caches

    clear_caches()  # type: ignore[no-untyped-call]
