"""The in-process AWS emulator (moto server) and the environment that points boto3 at it."""

from __future__ import annotations

import logging
import os
import threading
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from botocore.config import Config

from clams.aws import new_session

HOST: Final = "127.0.0.1"
ACCOUNT: Final = "123456789012"
DUMMY_KEY: Final = "local"

_CLIENT_CONFIG: Final = Config(retries={"mode": "standard", "max_attempts": 3})


@dataclass
class Emulator:
    """A moto server on a free port of 127.0.0.1, and the process environment that uses it."""

    region: str = ""
    """Where the clients point; the local stack sets it from its graph before ``start``."""
    endpoint: str = ""
    _server: Any = None
    _clients: dict[str, Any] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _saved_env: dict[str, str | None] = field(default_factory=dict)

    def serve(self) -> None:
        """Start the server, unless it runs already; it holds nothing of any stack yet."""
        if self._server is not None:
            return
        from moto.server import ThreadedMotoServer

        from clams.local.emulator_fixes import install as fix_emulator

        fix_emulator()
        logging.getLogger("werkzeug").setLevel(logging.ERROR)
        self._server = ThreadedMotoServer(ip_address=HOST, port=0, verbose=False)
        self._server.start()
        host, port = self._server.get_host_and_port()
        self.endpoint = f"http://{host}:{port}"

    def start(self) -> None:
        """Serve from a clean state, and point this process's AWS settings at the server."""
        if not self.region:
            raise ValueError("the emulator needs a region before it starts (the graph's)")
        self._clients.clear()
        self.serve()
        self._reset()
        self._set_env(self.environment)

    def stop(self) -> None:
        if self._server is not None:
            self._server.stop()
            self._server = None
        self._clients.clear()
        for key, value in self._saved_env.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        self._saved_env.clear()

    @property
    def environment(self) -> dict[str, str]:
        """What a shell needs to reach the emulator with boto3 or the AWS CLI."""
        return {
            "AWS_ENDPOINT_URL": self.endpoint,
            "AWS_ACCESS_KEY_ID": DUMMY_KEY,
            "AWS_SECRET_ACCESS_KEY": DUMMY_KEY,
            "AWS_DEFAULT_REGION": self.region,
            "AWS_REGION": self.region,
        }

    def client(self, service: str) -> Any:
        """The emulator's client for ``service``, independent of the process environment."""
        with self._lock:
            if service not in self._clients:
                self._clients[service] = new_session().client(  # type: ignore[call-overload]
                    service,
                    endpoint_url=self.endpoint,
                    region_name=self.region,
                    aws_access_key_id=DUMMY_KEY,
                    aws_secret_access_key=DUMMY_KEY,
                    config=_CLIENT_CONFIG,
                )
            return self._clients[service]

    def _reset(self) -> None:
        """The emulator's state lives in the process: start each stack from nothing."""
        url = f"{self.endpoint}/moto-api/reset"
        request = urllib.request.Request(url, method="POST")  # noqa: S310 - http to our emulator
        with urllib.request.urlopen(request, timeout=10):  # noqa: S310 - our own emulator
            pass

    def _set_env(self, values: Mapping[str, str]) -> None:
        for key, value in values.items():
            self._saved_env.setdefault(key, os.environ.get(key))
            os.environ[key] = value
        self._saved_env.setdefault("AWS_PROFILE", os.environ.pop("AWS_PROFILE", None))
