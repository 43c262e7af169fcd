"""A local stack of the browser tests' own: ``clams local`` as a subprocess on a free port.

It runs with the default seed and a database file of its own. The organiser's credentials
are the ones it prints when it starts (or ``CLAMS_E2E_USER`` / ``CLAMS_E2E_PASSWORD``).
With ``CLAMS_E2E_URL`` set, the tests use the stack at that address instead.
"""

from __future__ import annotations

import base64
import json
import os
import re
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
OUTPUT = REPO / "test-output" / "e2e"
START_TIMEOUT = 90.0
CREDENTIAL_PATTERNS = (
    re.compile(r"sign in\s+(\S+)\s*/\s*(\S+)", re.IGNORECASE),
    re.compile(r"-u\s+['\"]?([^\s:'\"]+):([^\s'\"]+)"),
    re.compile(r"https?://([^\s:/@]+):([^\s@]+)@"),
    re.compile(r"user(?:\s*name)?\W+([^\s,;]+)\W+password\W+([^\s,;]+)", re.IGNORECASE),
)


@dataclass
class LocalStack:
    """A running ``clams local``: its address, what it printed and its organiser."""

    url: str
    process: subprocess.Popen[str] | None = None
    output: list[str] = field(default_factory=list)
    user: str = ""
    password: str = ""

    def call(self, method: str, path: str, body: Any = None) -> tuple[int, Any]:
        """Call the API as the organiser; the status and the decoded JSON body."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(f"{self.url}/clams{path}", data=data, method=method)
        token = base64.b64encode(f"{self.user}:{self.password}".encode()).decode()
        request.add_header("Authorization", f"Basic {token}")
        request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, _json(response.read())
        except urllib.error.HTTPError as error:
            return error.code, _json(error.read())

    def get(self, path: str) -> Any:
        status, body = self.call("GET", path)
        assert status == 200, f"GET {path} answered {status}: {body}"
        return body

    def printed(self) -> str:
        return "".join(self.output)


def start_stack(database: Path) -> LocalStack:
    """Start ``clams local`` and return once it serves its seeded attendees."""
    port = _free_port()
    command = [str(REPO / ".venv" / "bin" / "clams"), "local", "--port", str(port)]
    command += ["--database-url", f"sqlite:///{database}"]
    process = subprocess.Popen(
        command,
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    stack = LocalStack(url=f"http://127.0.0.1:{port}", process=process)
    threading.Thread(target=_collect, args=(stack,), daemon=True).start()
    try:
        _wait_until_ready(stack)
    except BaseException:
        stop_stack(stack)
        raise
    return stack


def connect_stack(url: str) -> LocalStack:
    """A stack that is running already (``make run``, or one deployed), used as it is."""
    stack = LocalStack(url=url.rstrip("/"))
    _wait_until_ready(stack)
    return stack


def stop_stack(stack: LocalStack) -> None:
    """Ctrl-C, as a person would; killed only if it does not stop in time."""
    if stack.process is not None and stack.process.poll() is None:
        stack.process.send_signal(signal.SIGINT)
        try:
            stack.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            stack.process.kill()
            stack.process.wait(timeout=5)


def _wait_until_ready(stack: LocalStack) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    _wait("an HTTP gateway", stack, lambda: _answers(stack), deadline)
    _wait("organiser credentials in its output", stack, lambda: _knows_organiser(stack), deadline)
    _wait("seeded attendees", stack, lambda: _seeded(stack), deadline)
    _wait("a settled report", stack, lambda: _settled(stack), deadline)


def _wait(what: str, stack: LocalStack, ready: Callable[[], bool], deadline: float) -> None:
    while not ready():
        if stack.process is not None and stack.process.poll() is not None:
            pytest.fail(f"clams local stopped while waiting for {what}:\n{stack.printed()}")
        if time.monotonic() > deadline:
            pytest.fail(f"clams local: no {what} after {START_TIMEOUT:.0f} s:\n{stack.printed()}")
        time.sleep(0.25)


def _json(raw: bytes) -> Any:
    return json.loads(raw) if raw else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _collect(stack: LocalStack) -> None:
    assert stack.process is not None and stack.process.stdout is not None
    for line in stack.process.stdout:
        stack.output.append(line)


def credentials(printed: str) -> tuple[str, str] | None:
    """The organiser's user name and password, from the environment or the printed text."""
    user, password = os.environ.get("CLAMS_E2E_USER"), os.environ.get("CLAMS_E2E_PASSWORD")
    if user and password:
        return user, password
    for pattern in CREDENTIAL_PATTERNS:
        found = pattern.search(printed)
        if found:
            return found[1].strip(".'\""), found[2].strip(".'\"")
    return None


def _answers(stack: LocalStack) -> bool:
    try:
        with urllib.request.urlopen(f"{stack.url}/clams/openapi.json", timeout=10) as reply:
            return bool(reply.status == 200)
    except OSError:
        return False


def _knows_organiser(stack: LocalStack) -> bool:
    found = credentials(stack.printed())
    if found:
        stack.user, stack.password = found
    return found is not None


def _seeded(stack: LocalStack) -> bool:
    status, body = stack.call("GET", "/attendees?limit=1")
    return status == 200 and bool(body and body.get("Attendees"))


def _settled(stack: LocalStack) -> bool:
    first = stack.get("/report")["TotalAttendees"]
    time.sleep(1.0)
    return bool(stack.get("/report")["TotalAttendees"] == first)
