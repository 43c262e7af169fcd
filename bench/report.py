"""Report latency against store size, next to a full-scan baseline; handler import times.

Targets (issue 6): the report handler grows at most 2x from 1,000 to 100,000 stored
attendees (a full scan grows ~100x), and importing the authorizer costs at most 1.5x
``import boto3`` alone. Runs against moto's server in this process; prints a table and
exits 1 when a target is missed.

The store is seeded directly (BatchWriteItem of records plus the one summary item that
``Summary.of_all`` gives — the state ``AttendeeStore.apply`` would reach), since filling
100,000 records through conditional transactions against the emulator takes far too long.
"""

from __future__ import annotations

import json
import logging
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
os.environ.update(
    AWS_ACCESS_KEY_ID="bench",
    AWS_SECRET_ACCESS_KEY="bench",
    AWS_DEFAULT_REGION="eu-west-2",
    POWERTOOLS_LOG_LEVEL="WARNING",
    POWERTOOLS_TRACE_DISABLED="1",
)

SIZES = (1_000, 10_000, 100_000)
SCAN_SIZES = (1_000, 10_000)
REPEATS = 50
IMPORT_RUNS = 7
BOTO3 = "boto3 alone"
AUTHORIZER_COLD = "authorizer + what its first call imports"
VERSION = "2020-01-01T00:00:00.000000Z#00000000"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_emulator() -> Any:
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port)
    server.start()
    os.environ["AWS_ENDPOINT_URL"] = f"http://127.0.0.1:{port}"
    return server


def attendee(n: int) -> Any:
    from clams.domain.attendee import StoredAttendee

    return StoredAttendee(
        AuthCode=f"B{n:05d}",
        Name=f"Person {n}",
        Email=f"person{n}@example.org",
        NumberOfKids=n % 3,
        Financials={"AmountToPay": 100 + n % 50, "AmountPaid": n % 120},
        ArrivalDay=("", "Wed", "Thu", "Fri", "Sat")[n % 5],
        StayingLate=n % 4 == 0,
        CreatedTime="2020-01-01T00:00:00Z",
        UpdatedTime="2020-01-01T00:00:00Z",
    )


def seed(client: Any, tables: dict[str, str], start: int, stop: int) -> None:
    from clams.stores.dynamo import to_item

    batch: list[dict[str, Any]] = []
    for n in range(start, stop):
        item = attendee(n).model_dump(mode="json") | {"Version": VERSION}
        batch.append({"PutRequest": {"Item": to_item(item)}})
        if len(batch) == 25 or n == stop - 1:
            write_all(client, tables["attendees"], batch)
            batch = []


def write_all(client: Any, table: str, requests: list[dict[str, Any]]) -> None:
    pending = {table: requests}
    while pending:
        pending = client.batch_write_item(RequestItems=pending).get("UnprocessedItems") or {}


def put_summary(client: Any, tables: dict[str, str], count: int) -> None:
    from clams.domain.summary import Summary
    from clams.stores.dynamo import to_item

    total = Summary.of_all(attendee(n) for n in range(count))
    item = {"Kind": "summary", "Id": "0", **total.as_counters()}
    client.put_item(TableName=tables["summary"], Item=to_item(item))


def report_event() -> dict[str, Any]:
    event: dict[str, Any] = json.loads(
        (ROOT / "tests/functional/api/events/api_request.json").read_text()
    )
    event["rawPath"] = event["requestContext"]["http"]["path"] = "/clams/report"
    event["routeKey"] = event["requestContext"]["routeKey"] = "GET /report"
    event["requestContext"]["authorizer"] = {"lambda": {"user": "bench", "roles": "viewer"}}
    return event


def median_ms(action: Callable[[], object], repeats: int) -> float:
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


class LambdaContext:
    function_name = "clams-bench-api"
    memory_limit_in_mb = 512
    invoked_function_arn = "arn:aws:lambda:eu-west-2:123456789012:function:clams-bench-api"
    aws_request_id = "bench"


def handler_time() -> float:
    from handlers.api import handler

    event, context = report_event(), LambdaContext()

    def call() -> None:
        reply = handler(event, context)
        assert reply["statusCode"] == 200, reply

    call()
    return median_ms(call, REPEATS)


def scan_time(store: Any) -> float:
    from clams.domain.report import full_report

    return median_ms(lambda: full_report(store.all()), 3)


def prepare(client: Any) -> dict[str, str]:
    from support.aws import create_table

    from clams.names import TABLES, Env, Table

    tables = {t.value: f"bench-{t.value}" for t in TABLES}
    for table, spec in TABLES.items():
        create_table(client, tables[table.value], spec)
    environment = {
        Env.ATTENDEES_TABLE: tables[Table.ATTENDEES],
        Env.SUMMARY_TABLE: tables[Table.SUMMARY],
        Env.AUDIT_TABLE: tables[Table.AUDIT],
        Env.SIGNUPS_TABLE: tables[Table.SIGNUPS],
        Env.SECRET_KEY_PARAMETER: "/clams/bench/secret-key",
        Env.DB_SECRET_ARN: "unused",
        Env.DB_HOST: "unused",
        "DATABASE_URL": f"sqlite:///{tempfile.mkdtemp()}/bench.db",
    }
    os.environ.update({str(k): v for k, v in environment.items()})
    return tables


def measure_reports() -> list[tuple[int, float, float | None]]:
    import boto3

    from clams.stores.attendees import AttendeeStore

    client = boto3.client("dynamodb")
    tables = prepare(client)
    store = AttendeeStore(client, tables["attendees"], tables["summary"])
    rows: list[tuple[int, float, float | None]] = []
    stored = 0
    for size in SIZES:
        started = time.perf_counter()
        seed(client, tables, stored, size)
        put_summary(client, tables, size)
        stored = size
        print(f"  seeded {size:,} attendees ({time.perf_counter() - started:.0f} s)", flush=True)
        scan = scan_time(store) if size in SCAN_SIZES else None
        rows.append((size, handler_time(), scan))
    return rows


def import_times(statements: dict[str, tuple[str, list[str]]]) -> dict[str, float]:
    """Median ms over fresh interpreters of the cumulative import time of each statement's
    modules; the statements take turns, so a busy machine slows them all alike."""
    runs: dict[str, list[float]] = {label: [] for label in statements}
    for _ in range(IMPORT_RUNS):
        for label, (statement, modules) in statements.items():
            done = subprocess.run(
                [sys.executable, "-X", "importtime", "-c", statement],
                capture_output=True,
                text=True,
                cwd=ROOT,
                check=True,
            )
            runs[label].append(sum(_cumulative(done.stderr, m) for m in modules) / 1000)
    return {label: statistics.median(times) for label, times in runs.items()}


def _cumulative(output: str, module: str) -> int:
    found = re.findall(rf"^import time:\s+\d+ \|\s+(\d+) \| {re.escape(module)}$", output, re.M)
    return int(found[-1]) if found else 0


def measure_imports() -> dict[str, float]:
    from importlib.util import find_spec

    from clams.names import HANDLERS

    statements = {BOTO3: ("import boto3", ["boto3"])}
    for target in HANDLERS.values():
        module = target.rsplit(".", 1)[0]
        if find_spec(module) is not None:
            statements[module] = (f"import {module}", [module])
    lazily = "aws_lambda_powertools.utilities.parameters"
    statements[AUTHORIZER_COLD] = (
        f"import handlers.authorizer; import {lazily}",
        ["handlers.authorizer", lazily],
    )
    return import_times(statements)


def main() -> int:
    server = start_emulator()
    try:
        print("report latency against store size (moto server, this machine):", flush=True)
        rows = measure_reports()
    finally:
        server.stop()
    print("measuring handler import times...", flush=True)
    imports = measure_imports()
    return print_results(rows, imports)


def print_results(rows: list[tuple[int, float, float | None]], imports: dict[str, float]) -> int:
    header = ("attendees", "GET /report handler, median ms", "full scan + report, ms")
    print(f"\n{header[0]:>10} | {header[1]:>31} | {header[2]:>24}")
    scans = {size: scan for size, _, scan in rows if scan is not None}
    per_record = scans[SCAN_SIZES[-1]] / SCAN_SIZES[-1]
    for size, handler_ms, scan in rows:
        shown = f"{scan:,.0f}" if scan is not None else f"~{per_record * size:,.0f} (extrapolated)"
        print(f"{size:>10,} | {handler_ms:>31.1f} | {shown:>24}")
    growth = rows[-1][1] / rows[0][1]
    scan_growth = per_record * SIZES[-1] / scans[SIZES[0]]
    report_ok = growth <= 2
    print(
        f"\nreport handler growth 1k→100k: {growth:.2f}x (target ≤ 2x: "
        f"{'met' if report_ok else 'MISSED'}); full scan ~{scan_growth:.0f}x "
        f"(measured at {', '.join(f'{s:,}' for s in SCAN_SIZES)}, extrapolated linearly to "
        f"{SIZES[-1]:,})"
    )
    baseline = imports[BOTO3]
    print(f"\n{'module':>45} | {'import ms (median)':>18} | vs boto3")
    for module, ms in imports.items():
        print(f"{module:>45} | {ms:>18.1f} | {ms / baseline:.2f}x")
    ratio = imports["handlers.authorizer"] / baseline
    import_ok = ratio <= 1.5
    cold = imports[AUTHORIZER_COLD] / baseline
    print(
        f"\nauthorizer module import {ratio:.2f}x boto3 (target ≤ 1.5x: "
        f"{'met' if import_ok else 'MISSED'}); it defers boto3 and Powertools parameters to "
        f"its first call, which brings the cold start's imports to {cold:.2f}x boto3"
    )
    return 0 if report_ok and import_ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
