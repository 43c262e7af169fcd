"""Ingest benchmark: 10,000 attendees through `clams upload` and the writer, against moto.

Counts AWS API calls with a botocore ``before-call`` hook and prints them side by side with
a baseline run in the same process that does what CLAMS's first implementation did: a
GetQueueUrl and a SendMessage per row, a PutItem per message.

Everything runs in one thread, so each phase's wall time is its own: the upload, the
writer's invocations, and between them the event source (what Lambda's SQS poller does on
AWS: receive, invoke, delete), which drains the queue every 200 messages sent, keeping it
shallow as a real event source would (moto's SQS costs grow with queue depth).

Targets, over the upload and the writer (the event source is timed and counted apart):
≤ 0.2 AWS calls per attendee on a first upload, 0 SQS sends on an unchanged re-upload, and
wall time per attendee at least 10 times better than the baseline's.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import socket
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import boto3
from moto.server import ThreadedMotoServer

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from clams.domain.bams import HEADER, open_bams, read_bams  # noqa: E402
from clams.domain.messages import decode  # noqa: E402
from clams.local.emulator_fixes import install as fix_emulator  # noqa: E402
from clams.names import TABLES, Table  # noqa: E402
from clams.services.writer import Delivery, write_batch  # noqa: E402
from clams.stores.attendees import AttendeeStore  # noqa: E402
from clams.upload.hashes import SentHashes  # noqa: E402
from clams.upload.rejects import RejectsFile  # noqa: E402
from clams.upload.service import Uploader, latest_lines  # noqa: E402
from clams.upload.sqs import Received, SqsQueue  # noqa: E402

REGION = "eu-west-2"
WRITER_BATCH = 100
DAYS = ("Tue", "Wed", "Thu", "Fri", "Sat", "")
DIETS = ("", "", "", "vegetarian", "vegan", "coeliac", "halal", "no nuts, please")
FIRST = ("Ada", "Carys", "Dafydd", "Kemi", "Zoë", "Aled", "Siân", "Tomasz", "Nia", "Rhys")
LAST = ("Lovelace", "Brennan", "Moreau", "Nowak", "Kowalczyk", "Jones", "Ó Briain", "Evans")


# ---- the data ------------------------------------------------------------------------------


def generate_export(path: Path, count: int, seed: int = 7) -> None:
    """A BAMS export of ``count`` distinct, valid attendees."""
    rng = random.Random(seed)
    codes = rng.sample(range(36**6), count)
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(",".join(HEADER) + "\r\n")
        for number in codes:
            out.write(",".join(_row(rng, _code(number))) + "\r\n")


def _code(number: int) -> str:
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return "".join(digits[(number // 36**i) % 36] for i in range(6))


def _row(rng: random.Random, code: str) -> list[str]:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    to_pay = rng.choice((35, 70, 105, 140))
    paid = rng.choice((0, to_pay, to_pay // 2))
    date = f"{rng.randint(1, 28):02d}0{rng.randint(1, 5)}2027" if paid else "00000000"
    diet = rng.choice(DIETS)
    return [
        code,
        f"{first} {last}",
        f"{first.lower()}.{code.lower()}@example.org",
        f"{to_pay:03d}",
        f"{paid:03d}",
        date,
        f"07700 9{rng.randint(0, 99999):05d}",
        rng.choice(DAYS),
        rng.choice(("0", "1")),
        str(rng.randint(0, 3)),
        f'"{diet}"' if "," in diet else diet,
    ]


# ---- the emulator and counted clients -----------------------------------------------------


@dataclass
class Calls:
    counts: Counter[str]

    def hook(self, model: Any, **_: Any) -> None:
        self.counts[model.name] += 1

    def total(self, *names: str) -> int:
        return sum(self.counts[n] for n in names) if names else sum(self.counts.values())


def counted_client(service: str, endpoint: str, calls: Calls) -> Any:
    client = boto3.session.Session().client(service, region_name=REGION, endpoint_url=endpoint)
    client.meta.events.register("before-call.*.*", calls.hook)
    return client


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Stack:
    endpoint: str
    queue_url: str
    attendees: str
    summary: str


def create_stack(endpoint: str, name: str) -> Stack:
    dynamodb = boto3.client("dynamodb", region_name=REGION, endpoint_url=endpoint)
    tables = {}
    for table in (Table.ATTENDEES, Table.SUMMARY):
        spec = TABLES[table]
        keys = [(spec.partition, "HASH")] + ([(spec.sort, "RANGE")] if spec.sort else [])
        tables[table] = f"{name}-{table.value}"
        dynamodb.create_table(
            TableName=tables[table],
            KeySchema=[{"AttributeName": k.name, "KeyType": t} for k, t in keys],
            AttributeDefinitions=[
                {"AttributeName": k.name, "AttributeType": k.type} for k, _ in keys
            ],
            BillingMode="PAY_PER_REQUEST",
        )
    sqs = boto3.client("sqs", region_name=REGION, endpoint_url=endpoint)
    url = sqs.create_queue(QueueName=f"{name}-attendees")["QueueUrl"]
    return Stack(endpoint, url, tables[Table.ATTENDEES], tables[Table.SUMMARY])


# ---- the event source and the clock ---------------------------------------------------------

UPLOAD, WRITER, SOURCE = "upload", "writer", "event source"


class PhaseClock:
    """Wall time split by phase; entering a phase pauses the one it interrupts."""

    def __init__(self, now: Callable[[], float] = time.perf_counter) -> None:
        self.seconds: Counter[str] = Counter()
        self._now = now
        self._open: list[str] = []
        self._since = now()

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        self._charge()
        self._open.append(name)
        try:
            yield
        finally:
            self._charge()
            self._open.pop()

    def _charge(self) -> None:
        """Count the time since the last change to the phase running until now."""
        now = self._now()
        if self._open:
            self.seconds[self._open[-1]] += now - self._since
        self._since = now


class EventSource:
    """What Lambda's SQS event source does for the writer, run when asked, in this thread.

    Receives up to ten messages a call until it holds ``batch`` (or the queue is empty),
    invokes ``handle`` with them and deletes those that did not fail. Its own calls are
    timed as the event source; ``handle`` is timed as the writer.
    """

    def __init__(
        self,
        queue: SqsQueue,
        batch: int,
        handle: Callable[[list[Received]], set[str]],
        clock: PhaseClock,
    ) -> None:
        self.queue, self.batch, self.handle, self.clock = queue, batch, handle, clock

    def drain(self) -> None:
        while messages := self._receive():
            with self.clock.phase(WRITER):
                failed = self.handle(messages)
            with self.clock.phase(SOURCE):
                self.queue.delete([m for m in messages if m.message_id not in failed])

    def _receive(self) -> list[Received]:
        messages: list[Received] = []
        with self.clock.phase(SOURCE):
            while len(messages) < self.batch:
                received = self.queue.receive(self.batch - len(messages))
                if not received:
                    break
                messages += received
        return messages


@dataclass
class Run:
    attendees: int
    seconds: Counter[str]
    calls: int
    event_source_calls: int
    stored: int

    def ms(self, *phases: str) -> float:
        """Milliseconds per attendee spent in ``phases``."""
        return 1000 * sum(self.seconds[p] for p in phases) / self.attendees


class Silent:
    def advance(self) -> None:
        return None


class Paced:
    """A sender after which the event source drains the queue every ``every`` messages.

    moto's SQS scans the whole queue on many calls; keeping it shallow keeps it fast, as a
    Lambda event source keeps a real queue shallow.
    """

    def __init__(self, queue: SqsQueue, source: EventSource, every: int = 2 * WRITER_BATCH):
        self.queue, self.source, self.every, self.waiting = queue, source, every, 0

    def send_batch(self, entries: Any) -> Any:
        reply = self.queue.send_batch(entries)
        self.waiting += len(entries) - len(reply.failed)
        if self.waiting >= self.every:
            self.source.drain()
            self.waiting = 0
        return reply


def clams_run(export: Path, stack: Stack, state: Path) -> tuple[Run, int]:
    """The CLAMS pipeline; returns the first run and the SQS sends of an unchanged re-upload."""
    ours, source_calls, clock = Calls(Counter()), Calls(Counter()), PhaseClock()
    sqs = counted_client("sqs", stack.endpoint, ours)
    store = AttendeeStore(
        counted_client("dynamodb", stack.endpoint, ours), stack.attendees, stack.summary
    )

    def write(messages: list[Received]) -> set[str]:
        deliveries = [Delivery(m.message_id, m.body) for m in messages]
        return set(write_batch(deliveries, store).failures)

    source_queue = SqsQueue(counted_client("sqs", stack.endpoint, source_calls), stack.queue_url)
    source = EventSource(source_queue, WRITER_BATCH, write, clock)
    with clock.phase(UPLOAD):
        count = _upload(export, sqs, stack.queue_url, state, source)
    source.drain()
    made = ours.total()
    first = Run(count, clock.seconds, made, source_calls.total(), store.summary().attendees)
    before = ours.total("SendMessageBatch", "SendMessage")
    _upload(export, sqs, stack.queue_url, state, None)
    return first, ours.total("SendMessageBatch", "SendMessage") - before


def _upload(export: Path, sqs: Any, url: str, state: Path, source: EventSource | None) -> int:
    queue = SqsQueue(sqs, url)
    queue.arn()
    sender = Paced(queue, source) if source else queue
    hashes = SentHashes.load(state, url)
    rejects = RejectsFile(export.with_suffix(".rejected.csv"))
    with open_bams(str(export)) as stream:
        latest = latest_lines(read_bams(stream))
    with open_bams(str(export)) as stream:
        report = Uploader(sender, hashes, rejects, Silent()).upload(
            read_bams(stream), latest, datetime.now(UTC)
        )
    hashes.save()
    rejects.close()
    return report.sent + report.unchanged


def baseline_run(export: Path, stack: Stack, limit: int) -> Run:
    """What the first implementation did: per row GetQueueUrl + SendMessage; PutItem per message."""
    calls, source_calls, clock = Calls(Counter()), Calls(Counter()), PhaseClock()
    sqs = counted_client("sqs", stack.endpoint, calls)
    dynamodb = counted_client("dynamodb", stack.endpoint, calls)
    name = stack.queue_url.rsplit("/", 1)[-1]

    def put(messages: list[Received]) -> set[str]:
        for message in messages:
            record = decode(message.body).Attendee.model_dump(mode="json")
            dynamodb.put_item(TableName=stack.attendees, Item=_item(record))
        return set()

    source_queue = SqsQueue(counted_client("sqs", stack.endpoint, source_calls), stack.queue_url)
    source = EventSource(source_queue, 10, put, clock)
    count = 0
    with clock.phase(UPLOAD):
        for row in _rows(export, limit):
            url = sqs.get_queue_url(QueueName=name)["QueueUrl"]
            body = json.dumps({"Attendee": row.attendee.model_dump(mode="json"), "Version": "x"})
            sqs.send_message(
                QueueUrl=url,
                MessageBody=body.replace('"x"', '"2027-01-01T00:00:00.000000Z#00000000"'),
            )
            count += 1
            if count % (2 * WRITER_BATCH) == 0:
                source.drain()
    source.drain()
    made = calls.total()
    stored = dynamodb.scan(TableName=stack.attendees, Select="COUNT")["Count"]
    return Run(count, clock.seconds, made, source_calls.total(), stored)


def floor_writer_ms(export: Path, stack: Stack, limit: int) -> float:
    """Milliseconds per attendee of the least writer that never replaces newer with older.

    Only conditional puts, a hundred to a TransactWriteItems: no read, no CreatedTime kept,
    no summary. It shows what the emulator charges per item, whatever the writer's design.
    """
    dynamodb = boto3.client("dynamodb", region_name=REGION, endpoint_url=stack.endpoint)
    version = {"S": "2027-01-01T00:00:00.000000Z#00000000"}
    items = [
        _item(row.attendee.model_dump(mode="json")) | {"Version": version}
        for row in _rows(export, limit)
    ]
    started = time.perf_counter()
    for start in range(0, len(items), 100):
        dynamodb.transact_write_items(
            TransactItems=[
                {
                    "Put": {
                        "TableName": stack.attendees,
                        "Item": item,
                        "ConditionExpression": "attribute_not_exists(AuthCode) OR Version <= :v",
                        "ExpressionAttributeValues": {":v": version},
                    }
                }
                for item in items[start : start + 100]
            ]
        )
    return 1000 * (time.perf_counter() - started) / len(items)


def _rows(export: Path, limit: int) -> Iterator[Any]:
    with open_bams(str(export)) as stream:
        for number, item in enumerate(read_bams(stream)):
            if number >= limit:
                return
            yield item


def _item(record: dict[str, Any]) -> dict[str, Any]:
    from clams.stores.dynamo import to_item

    return to_item(record)


# ---- the report ---------------------------------------------------------------------------


def report(ours: Run, resend: int, base: Run, floor_ms: float, limit_note: str) -> bool:
    ours_calls = ours.calls / ours.attendees
    base_calls = base.calls / base.attendees
    ours_ms, base_ms = ours.ms(UPLOAD, WRITER), base.ms(UPLOAD, WRITER)
    checks = [
        (
            "AWS calls per attendee",
            f"{base_calls:.2f}",
            f"{ours_calls:.3f}",
            f"{base_calls / ours_calls:.1f}x fewer",
            "<= 0.2",
            ours_calls <= 0.2,
        ),
        ("SQS sends, unchanged re-upload", "-", str(resend), "", "0", resend == 0),
        (
            "wall time per attendee (ms)",
            f"{base_ms:.2f}",
            f"{ours_ms:.3f}",
            f"{base_ms / ours_ms:.1f}x faster",
            ">= 10x faster",
            base_ms / ours_ms >= 10,
        ),
    ]
    print(
        f"\nattendees: CLAMS {ours.attendees} (stored {ours.stored}); "
        f"baseline {base.attendees} (stored {base.stored}){limit_note}\n"
    )
    print("ms per attendee     upload    writer    upload+writer    event source    end to end")
    for name, run in (("baseline", base), ("CLAMS", ours)):
        print(
            f"{name:<18}{run.ms(UPLOAD):>8.3f}{run.ms(WRITER):>10.3f}"
            f"{run.ms(UPLOAD, WRITER):>17.3f}{run.ms(SOURCE):>16.3f}"
            f"{run.ms(UPLOAD, WRITER, SOURCE):>14.3f}"
        )
    end_to_end = base.ms(UPLOAD, WRITER, SOURCE) / ours.ms(UPLOAD, WRITER, SOURCE)
    ours_all = (ours.calls + ours.event_source_calls) / ours.attendees
    base_all = (base.calls + base.event_source_calls) / base.attendees
    print(
        f"\nThe event source (ReceiveMessage and DeleteMessageBatch, which Lambda's poller makes\n"
        f"on AWS) is timed and counted apart: CLAMS {ours.event_source_calls / ours.attendees:.2f}"
        f" calls per attendee, baseline {base.event_source_calls / base.attendees:.2f}. With it,"
        f" end to end: {end_to_end:.1f}x faster;\nall calls per attendee: CLAMS {ours_all:.2f},"
        f" baseline {base_all:.2f} ({base_all / ours_all:.1f}x).\n"
    )
    best = ours.ms(UPLOAD) + floor_ms
    print(
        f"The least writer that never replaces newer data with older (conditional puts, 100 to"
        f" a\ntransaction; no read, no summary) takes {floor_ms:.2f} ms per attendee against this"
        f" emulator:\nwith CLAMS's upload, {best:.2f} ms, {base_ms / best:.1f}x the baseline.\n"
    )
    widths = (32, 10, 10, 18, 15, 4)
    heading = ("measure (upload and writer)", "baseline", "CLAMS", "ratio", "target", "met")
    print("  ".join(h.ljust(w) for h, w in zip(heading, widths, strict=True)))
    for row in checks:
        cells = [*row[:5], "yes" if row[5] else "NO"]
        print("  ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)))
    return all(row[5] for row in checks) and ours.stored == ours.attendees


def measure(attendees: int, baseline: int) -> tuple[Run, int, Run, float]:
    """Against a fresh emulator: CLAMS's first run, its re-upload's sends, the baseline and
    the least writer's milliseconds per attendee (over as many rows as the baseline)."""
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    os.environ.setdefault("AWS_ACCESS_KEY_ID", "bench")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "bench")
    fix_emulator()
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        with tempfile.TemporaryDirectory() as work:
            export = Path(work) / "attendees.csv"
            generate_export(export, attendees)
            endpoint = f"http://127.0.0.1:{port}"
            ours, resend = clams_run(export, create_stack(endpoint, "clams"), Path(work) / "state")
            base = baseline_run(export, create_stack(endpoint, "baseline"), baseline)
            floor_ms = floor_writer_ms(export, create_stack(endpoint, "floor"), baseline)
    finally:
        server.stop()
    return ours, resend, base, floor_ms


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attendees", type=int, default=10_000)
    parser.add_argument("--baseline", type=int, default=1_000, help="rows for the baseline run")
    args = parser.parse_args()
    ours, resend, base, floor_ms = measure(args.attendees, args.baseline)
    note = (
        ""
        if base.attendees == ours.attendees
        else (
            f" — the baseline runs on the first {base.attendees} rows to keep the run short;"
            " figures are compared per attendee"
        )
    )
    return 0 if report(ours, resend, base, floor_ms, note) else 1


if __name__ == "__main__":
    raise SystemExit(main())
