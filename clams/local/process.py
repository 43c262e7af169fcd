"""``clams local`` in a child process, for the benchmarks and tests that drive it over HTTP."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Final

from clams.names import STAGE

ROOT: Final = Path(__file__).resolve().parents[2]
READY_SECONDS: Final = 120.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def running_local_stack(folder: Path, password: str) -> Iterator[str]:
    """Start ``clams local`` (no sample data, a database in ``folder``, its output in
    ``folder/local.log``), wait until it answers, yield its API's base URL, stop it."""
    port = free_port()
    command = [
        str(Path(sys.executable).with_name("clams")),
        "local",
        "--port", str(port),
        "--no-seed",
        "--password", password,
        "--database-url", f"sqlite:///{folder / 'clams.db'}",
    ]  # fmt: skip
    with (folder / "local.log").open("wb") as log:
        process = subprocess.Popen(  # noqa: S603 - our own command, no shell
            command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT
        )
        base_url = f"http://127.0.0.1:{port}/{STAGE}"
        try:
            _wait_until_ready(f"{base_url}/openapi.json", process)
            yield base_url
        finally:
            _stop(process)


def _wait_until_ready(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + READY_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"clams local exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5) as reply:  # noqa: S310 - loopback only
                if reply.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"clams local was not ready within {READY_SECONDS:.0f}s")


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
