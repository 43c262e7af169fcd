"""Load benchmark: the local stack's API under a bounded load on loopback.

Starts ``clams local`` in a subprocess (no sample data), seeds a pool of attendees, then sends
``--requests`` requests from ``--clients`` concurrent clients, each on its own keep-alive
connection: a mix of reads (attendee pages, single attendees, both reports) and writes
(replacing pool attendees, creating new ones), all as an organiser. Every request must get
the answer its kind expects; any other answer or a broken connection counts as an error.

The same load on ``GET /clams/openapi.json`` (no authorizer, no store) is the baseline measured
in the same run; throughput and p50/p99 latency are printed beside it, with their ratios.
Exit status 1 when any request failed.
"""

from __future__ import annotations

import argparse
import base64
import http.client
import json
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from clams.local.process import running_local_stack  # noqa: E402

PASSWORD = "load-organiser-password"
POOL = 100


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    body: dict[str, Any] | None
    expect: int
    kind: str


@dataclass
class Result:
    """What one load run saw: latencies in seconds, answers by kind and status, errors."""

    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    answers: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def record(self, request: Request, status: int | None, latency: float, problem: str) -> None:
        with self._lock:
            self.latencies.append(latency)
            self.answers[f"{request.kind} {status}"] += 1
            if problem:
                self.errors.append(f"{request.method} {request.path}: {problem}")

    @property
    def throughput(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def percentile(self, share: int) -> float:
        cuts = statistics.quantiles(self.latencies, n=100, method="inclusive")
        return cuts[share - 1]


# ---- what is sent ----------------------------------------------------------------------------


def attendee(code: str, paid: int = 0) -> dict[str, Any]:
    return {
        "AuthCode": code,
        "Name": f"Load Tester {code}",
        "Email": f"{code.lower()}@example.org",
        "Telephone": "07700 900000",
        "NumberOfKids": int(code[-1], 36) % 4,
        "Diet": "vegetarian" if code.endswith("0") else "",
        "Financials": {"AmountToPay": 120, "AmountPaid": paid},
        "ArrivalDay": "Wed",
        "StayingLate": code.endswith("5"),
    }


def pool_code(number: int) -> str:
    return f"P{number % POOL:05d}"


def mixed_request(index: int) -> Request:
    """Request ``index`` of the mix: 60% reads, 40% writes (each new code made once)."""
    slot = index % 20
    code = pool_code(index * 7)
    if slot < 7:
        return Request("GET", "/attendees?limit=50", None, 200, "list")
    if slot < 10:
        return Request("GET", f"/attendee/{code}", None, 200, "read")
    if slot < 12:
        return Request("GET", "/report", None, 200, "report")
    if slot < 13:
        return Request("GET", "/report/kitchen", None, 200, "kitchen")
    if slot < 18:
        return Request("PUT", f"/attendee/{code}", attendee(code, paid=index % 120), 200, "replace")
    fresh = f"N{index:05d}"
    return Request("POST", "/attendees", attendee(fresh), 201, "create")


def baseline_request(_: int) -> Request:
    return Request("GET", "/openapi.json", None, 200, "openapi")


# ---- sending it ------------------------------------------------------------------------------


class Client:
    """One keep-alive connection to the gateway, reopened when the server closes it."""

    def __init__(self, base_url: str, authorization: str) -> None:
        parts = urlsplit(base_url)
        self._host, self._port, self._prefix = parts.hostname or "", parts.port, parts.path
        self._headers = {"authorization": authorization, "content-type": "application/json"}
        self._connection: http.client.HTTPConnection | None = None

    def send(self, request: Request) -> int:
        body = None if request.body is None else json.dumps(request.body)
        for attempt in (1, 2):
            connection = self._connection or self._open()
            try:
                connection.request(request.method, self._prefix + request.path, body,
                                   self._headers)  # fmt: skip
                reply = connection.getresponse()
                reply.read()
                return reply.status
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                self.close()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def _open(self) -> http.client.HTTPConnection:
        self._connection = http.client.HTTPConnection(self._host, self._port, timeout=60)
        return self._connection

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


def run_load(
    base_url: str,
    authorization: str,
    clients: int,
    requests: int,
    make: Callable[[int], Request] = mixed_request,
) -> Result:
    """Send ``requests`` requests from ``clients`` threads, each request once."""
    result = Result()
    counter = iter(range(requests))
    lock = threading.Lock()

    def next_index() -> int | None:
        with lock:
            return next(counter, None)

    def worker() -> None:
        client = Client(base_url, authorization)
        while (index := next_index()) is not None:
            _send_one(client, make(index), result)
        client.close()

    threads = [threading.Thread(target=worker, name=f"client-{n}") for n in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.seconds = time.perf_counter() - started
    return result


def _send_one(client: Client, request: Request, result: Result) -> None:
    started = time.perf_counter()
    try:
        status: int | None = client.send(request)
        problem = "" if status == request.expect else f"answered {status}"
    except OSError as error:
        status, problem = None, f"{type(error).__name__}: {error}"
    result.record(request, status, time.perf_counter() - started, problem)


def seed_pool(base_url: str, authorization: str) -> None:
    """Create the pool of attendees the reads and replacements address."""
    client = Client(base_url, authorization)
    for number in range(POOL):
        code = pool_code(number)
        status = client.send(Request("PUT", f"/attendee/{code}", attendee(code), 200, "seed"))
        if status != 200:
            raise RuntimeError(f"seeding {code} answered {status}")
    client.close()


# ---- the local stack -------------------------------------------------------------------------


def organiser_header(password: str = PASSWORD) -> str:
    return "Basic " + base64.b64encode(f"organiser:{password}".encode()).decode()


# ---- the report ------------------------------------------------------------------------------


def summary(result: Result) -> dict[str, float]:
    return {
        "requests": len(result.latencies),
        "errors": len(result.errors),
        "seconds": round(result.seconds, 2),
        "throughput_per_s": round(result.throughput, 1),
        "p50_ms": round(result.percentile(50) * 1000, 1),
        "p99_ms": round(result.percentile(99) * 1000, 1),
    }


def print_report(load: Result, baseline: Result, clients: int) -> None:
    ours, base = summary(load), summary(baseline)
    print(f"{'':24}{'mixed load':>14}{'baseline':>14}{'ratio':>10}")
    for key, label in (
        ("requests", "requests"),
        ("errors", "errors"),
        ("throughput_per_s", "throughput (req/s)"),
        ("p50_ms", "p50 latency (ms)"),
        ("p99_ms", "p99 latency (ms)"),
    ):
        ratio = ours[key] / base[key] if base[key] else float("nan")
        print(f"{label:24}{ours[key]:>14}{base[key]:>14}{ratio:>10.2f}")
    print(f"clients: {clients}; baseline: the same load on GET /clams/openapi.json")
    print("answers:", dict(sorted(load.answers.items())))
    for error in load.errors[:10]:
        print("error:", error)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=5000)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    options = parser.parse_args()
    with (
        tempfile.TemporaryDirectory(prefix="clams-load-") as folder,
        running_local_stack(Path(folder), PASSWORD) as base_url,
    ):
        seed_pool(base_url, organiser_header())
        auth = organiser_header()
        baseline = run_load(base_url, auth, options.clients, options.requests,
                            baseline_request)  # fmt: skip
        load = run_load(base_url, auth, options.clients, options.requests)
        kept = _keep_log(Path(folder)) if load.errors or baseline.errors else None
    print_report(load, baseline, options.clients)
    if kept:
        print(f"the local stack's log is kept in {kept}")
    if options.json:
        figures = {"load": summary(load), "baseline": summary(baseline)}
        options.json.write_text(json.dumps(figures | {"answers": load.answers}, indent=1))
    return 1 if load.errors or baseline.errors else 0


def _keep_log(folder: Path) -> Path:
    """A copy of the local stack's log, outside the folder about to be removed."""
    kept = Path(tempfile.mkdtemp(prefix="clams-load-")) / "local.log"
    kept.write_bytes((folder / "local.log").read_bytes())
    return kept


if __name__ == "__main__":
    sys.exit(main())
