"""The local API Gateway: the graph's routes at ``/<stage>/...``, the front end at ``/``."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from clams.local.events import (
    HttpReply,
    HttpRequest,
    Invocation,
    authorizer_context,
    authorizer_event,
    http_event,
    identity_values,
    is_authorized,
    message_reply,
    reply_from_result,
)
from clams.local.routes import LocalAuthorizer, LocalRoute, find_route
from clams.local.runtime import LocalFunction
from clams.local.static import static_reply

log = logging.getLogger("local.gateway")


@dataclass
class Verdicts:
    """Authorizer approvals kept for the authorizer's TTL, by identity, as API Gateway keeps
    them. Refusals are not kept locally, so a user added while the stack runs can sign in at
    once (API Gateway would keep a refusal of the same credentials for the TTL too)."""

    clock: Callable[[], float] = time.monotonic
    _kept: dict[tuple[str, tuple[str, ...]], tuple[float, Any]] = field(default_factory=dict)

    def get(self, authorizer: LocalAuthorizer, identity: list[str]) -> Any:
        kept = self._kept.get((authorizer.name, tuple(identity)))
        return kept[1] if kept is not None and kept[0] > self.clock() else None

    def keep(self, authorizer: LocalAuthorizer, identity: list[str], response: Any) -> None:
        if authorizer.cache_seconds > 0:
            expires = self.clock() + authorizer.cache_seconds
            self._kept[(authorizer.name, tuple(identity))] = (expires, response)


@dataclass
class Api:
    """What the gateway serves: the routes, under the stage's path, in a region."""

    routes: list[LocalRoute]
    stage: str
    region: str
    frontend: Path | None = None
    verdicts: Verdicts = field(default_factory=Verdicts)

    def handle(self, request: HttpRequest) -> HttpReply:
        path = unquote(request.raw_path)
        prefix = f"/{self.stage}" if self.stage else ""
        if prefix and (path == prefix or path.startswith(f"{prefix}/")):
            return self.call(request, path.removeprefix(prefix) or "/")
        if not prefix and find_route(self.routes, request.method, path):
            return self.call(request, path)
        if self.frontend is None or request.method not in ("GET", "HEAD"):
            return message_reply(404, "Not Found")
        return static_reply(self.frontend, path)

    def call(self, request: HttpRequest, path: str) -> HttpReply:
        found = find_route(self.routes, request.method, path)
        if found is None:
            return message_reply(404, "Not Found")
        route, parameters = found
        target = Invocation(route.key, self.stage, parameters, self.region)
        context: dict[str, Any] | None = None
        if route.authorizer is not None:
            verdict = self._authorize(route.authorizer, request, target)
            if isinstance(verdict, HttpReply):
                return verdict
            context = verdict
        return _invoke(route.function, http_event(request, target, context))

    def _authorize(
        self, authorizer: LocalAuthorizer, request: HttpRequest, target: Invocation
    ) -> HttpReply | dict[str, Any]:
        """401 without an identity (the function is not called), 403 when it refuses."""
        identity = identity_values(request, authorizer.identity_sources)
        if identity is None:
            return message_reply(401, "Unauthorized")
        response = self.verdicts.get(authorizer, identity)
        if response is None:
            try:
                response = authorizer.function.invoke(authorizer_event(request, target, identity))
            except Exception:
                log.exception("authorizer %s failed", authorizer.name)
                return message_reply(500, "Internal Server Error")
        if not is_authorized(response, authorizer.simple_responses):
            return message_reply(403, "Forbidden")
        self.verdicts.keep(authorizer, identity, response)
        return authorizer_context(response)


def _invoke(function: LocalFunction, event: dict[str, Any]) -> HttpReply:
    try:
        return reply_from_result(function.invoke(event))
    except Exception:
        log.exception("function %s failed", function.name)
        return message_reply(500, "Internal Server Error")


class _GatewayServer(ThreadingHTTPServer):
    daemon_threads = True
    # Room for many clients connecting at once (the standard library's default is 5):
    # past the queue, the kernel drops new connections until the server catches up.
    request_queue_size = 128


class Gateway:
    """The HTTP server in front of ``Api``, on its own thread."""

    def __init__(self, api: Api, host: str, port: int) -> None:
        self.api = api
        handler = type("GatewayRequestHandler", (_RequestHandler,), {"api": api})
        self._server = _GatewayServer((host, port), handler)
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> None:
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="gateway", daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join()
        self._server.server_close()


class _RequestHandler(BaseHTTPRequestHandler):
    api: Api
    protocol_version = "HTTP/1.1"

    def _serve(self) -> None:
        started = time.perf_counter()
        reply = self.api.handle(self._request())
        self.send_response(reply.status)
        for name, value in reply.headers:
            if name.lower() not in ("content-length", "connection"):
                self.send_header(name, value)
        self.send_header("content-length", str(len(reply.body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(reply.body)
        elapsed = (time.perf_counter() - started) * 1000
        log.info("%s %s %d %.0fms", self.command, self.path, reply.status, elapsed)

    def _request(self) -> HttpRequest:
        length = int(self.headers.get("content-length") or 0)
        path, _, query = self.path.partition("?")
        return HttpRequest(
            method=self.command,
            raw_path=path,
            raw_query=query,
            headers=tuple(self.headers.items()),
            body=self.rfile.read(length) if length else b"",
            source_ip=self.client_address[0],
        )

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = _serve

    def log_message(self, format: str, *args: Any) -> None:
        """Requests are logged once, with their timing, by ``_serve``."""
