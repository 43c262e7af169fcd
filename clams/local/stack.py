"""``LocalStack``: the whole graph realised on this machine, started and stopped as one."""

from __future__ import annotations

import json
import logging
import secrets
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from clams.db.engine import DEFAULT_DATABASE_URL
from clams.graph.model import Graph
from clams.local.emulator import HOST, Emulator
from clams.local.functions import local_functions
from clams.local.gateway import Api, Gateway
from clams.local.logs import function_logs
from clams.local.pollers import QueuePoller, queue_mappings
from clams.local.references import TYPE_FUNCTION, referenced, region_of
from clams.local.resources import Realised, realise
from clams.local.routes import api_routes, stage_name
from clams.local.runtime import LocalFunction, cold_start
from clams.local.schedules import Ticker, schedules
from clams.local.seed import ORGANISER, SAMPLE_CSV, Credentials, add_user, upload_csv
from clams.local.static import FRONTEND_DIR
from clams.names import Role
from clams.upload.service import UploadReport

INVOCATION: Final = "aws:lambda/invocation:Invocation"

log = logging.getLogger("local")


@dataclass(frozen=True)
class LocalOptions:
    port: int = 8000
    """The gateway's port on 127.0.0.1; 0 picks a free one."""
    database_url: str = DEFAULT_DATABASE_URL
    seed: Path | None = SAMPLE_CSV
    password: str | None = None
    """The local organiser's password; a fresh one each start when None."""
    tick_seconds: float | None = None
    """Run schedules this often instead of at their own rate."""
    retry_after: int | None = None
    """Seconds before a failed message is delivered again; the queue's timeout when None."""
    frontend: Path | None = FRONTEND_DIR


@dataclass
class LocalStack:
    graph: Graph
    options: LocalOptions = field(default_factory=LocalOptions)
    ready_seconds: float = 0.0
    organiser: Credentials | None = None
    seeded: UploadReport | None = None
    functions: dict[str, LocalFunction] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    """Seconds each start-up phase took."""
    emulator: Emulator = field(default_factory=Emulator)
    """A new one by default; one already serving (see ``preload``) is used as it is."""

    def __post_init__(self) -> None:
        self.region = region_of(self.graph)
        self.emulator.region = self.region
        self._running = ExitStack()

    def __enter__(self) -> LocalStack:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()

    def start(self) -> LocalStack:
        started = time.perf_counter()
        try:
            self._start()
        except BaseException:
            self.stop()
            raise
        self.ready_seconds = time.perf_counter() - started
        return self

    def stop(self) -> None:
        """Stop everything that was started, newest first; safe to call twice."""
        self._running.close()

    @property
    def url(self) -> str:
        return self.gateway.url

    @property
    def api_url(self) -> str:
        stage = self.gateway.api.stage
        return f"{self.url}/{stage}" if stage else self.url

    @property
    def endpoint(self) -> str:
        return self.emulator.endpoint

    def client(self, service: str) -> Any:
        return self.emulator.client(service)

    def tick(self) -> list[Any]:
        """Run every schedule now (the relay, ...); their results."""
        return self.ticker.tick()

    def function(self, name: str) -> LocalFunction:
        """A function by its name in the graph (``api``) or its physical name."""
        return next(f for f in self.functions.values() if name in (f.name, f.physical_name))

    def outputs(self, name: str, type_token: str) -> dict[str, str]:
        """The local outputs (url, arn, name...) of the resource ``name`` of that type."""
        resource = next(r for r in self.graph.of_type(type_token) if r.name == name)
        return self.realised.outputs[resource.urn]

    def _start(self) -> None:
        self._running.enter_context(function_logs())
        cold_start()
        with self._phase("emulator"):
            self.emulator.start()
            self._running.callback(self.emulator.stop)
        api = Api([], stage_name(self.graph), self.region, self.options.frontend)
        self.gateway = Gateway(api, HOST, self.options.port)
        self._running.callback(self.gateway.stop)
        self.realised = Realised(self.region, self.gateway.url)
        with self._phase("resources"):
            realise(self.graph, self.emulator.client, self.realised)
        self.functions = local_functions(self.graph, self.realised, self.options.database_url)
        api.routes = api_routes(self.graph, self.functions)
        with self._phase("invocations"):
            self._run_invocations()
        with self._phase("seed"):
            self._seed()
        self._start_workers()

    @contextmanager
    def _phase(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        yield
        self.timings[name] = time.perf_counter() - started

    def _run_invocations(self) -> None:
        """What the graph invokes on deploy (the database migration), invoked once now."""
        for resource in self.graph.of_type(INVOCATION):
            target = referenced(self.graph, resource.inputs.get("functionName"), TYPE_FUNCTION)
            if target is not None and target.urn in self.functions:
                payload = resource.inputs.get("input") or "{}"
                self.functions[target.urn].invoke(json.loads(payload))

    def _seed(self) -> None:
        password = self.options.password or secrets.token_urlsafe(12)
        self.organiser = Credentials(ORGANISER, password)
        ssm = self.client("ssm")
        add_user(ssm, self.graph.stack, self.organiser, frozenset({Role.ORGANISER}))
        if self.options.seed is not None:
            self.seeded = upload_csv(self.options.seed, self.graph.stack, ssm, self.client("sqs"))

    def _start_workers(self) -> None:
        sqs = self.client("sqs")
        mappings = queue_mappings(self.graph, self.realised, self.functions)
        self.pollers = [
            QueuePoller(m, sqs, self.region, self.options.retry_after) for m in mappings
        ]
        self.ticker = Ticker(
            schedules(self.graph, self.functions), self.region, self.options.tick_seconds
        )
        workers: list[QueuePoller | Ticker] = [*self.pollers, self.ticker]
        for worker in workers:
            worker.start()
            self._running.callback(worker.stop)
        self.gateway.start()
