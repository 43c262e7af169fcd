"""Part 3 — fault injection under moto: nothing lost, duplicated or regressed; nobody let in.

Faults are injected by wrapping the real (moto) clients so that chosen calls fail — the Nth
call, a range of calls, or chosen entries of a batch — never by sleeping or by chance.
"""

from __future__ import annotations

import base64
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import boto3
import pytest
from aws_lambda_powertools.utilities import parameters
from aws_lambda_powertools.utilities.parameters import SSMProvider
from reliability_faults import Fault, FaultyClient, Message, QueueModel, between, every
from reliability_support import (
    ORGANISER,
    REGION,
    USERS_PARAMETER,
    LambdaContext,
    MotoStack,
    cold_start,
    sqs_event,
)

from clams import aws
from clams.db.engine import create_database_engine
from clams.db.unit_of_work import unit_of_work_factory
from clams.domain.attendee import Attendee
from clams.domain.bams import HEADER, read_bams
from clams.domain.messages import AttendeeMessage, decode
from clams.domain.signups import SignupRequest
from clams.domain.summary import Summary
from clams.domain.version import make_version
from clams.names import Function, Table
from clams.stores.attendees import AttendeeStore
from clams.stores.dynamo import Backoff, batch_get, to_item
from clams.upload.hashes import SentHashes
from clams.upload.service import Uploader, latest_lines
from clams.upload.sqs import SqsQueue
from components.catalog import CONSUMER_BATCH, MAX_RECEIVES

FIRST_EXPORT = datetime(2024, 6, 1, 9, 0, tzinfo=UTC)
SECOND_EXPORT = datetime(2024, 6, 8, 9, 0, tzinfo=UTC)
ATTENDEES = 1000
CHANGED = 300
DUPLICATED = 100
BATCH_SIZE = CONSUMER_BATCH[Function.WRITER][0]


def record(number: int, paid: int = 0) -> Attendee:
    return Attendee.model_validate(
        {
            "AuthCode": f"F{number:05d}",
            "Name": f"Camper {number}",
            "Email": f"camper{number}@example.org",
            "Telephone": f"07700 9{number:05d}",
            "NumberOfKids": number % 4,
            "Diet": "vegetarian" if number % 5 == 0 else "",
            "Financials": {"AmountToPay": 100 + number % 50, "AmountPaid": paid},
            "ArrivalDay": ("Tue", "Wed", "Thu", "Fri", "Sat")[number % 5],
            "StayingLate": number % 3 == 0,
        }
    )


def _messages() -> tuple[list[Message], dict[str, tuple[Attendee, str]]]:
    """Two exports (the second pays for 300 people) with 100 messages delivered twice;
    and, by code, the attendee and version that must win."""
    messages, newest = [], {}
    for number in range(ATTENDEES):
        attendee, version = record(number), make_version(FIRST_EXPORT, number + 2)
        body = AttendeeMessage(Attendee=attendee, Version=version).body()
        messages.append(Message(f"first-{number}", body))
        if number < DUPLICATED:
            messages.append(Message(f"again-{number}", body))
        newest[attendee.AuthCode] = (attendee, version)
    for number in range(CHANGED):
        attendee, version = record(number, paid=50), make_version(SECOND_EXPORT, number + 2)
        body = AttendeeMessage(Attendee=attendee, Version=version).body()
        messages.append(Message(f"second-{number}", body))
        newest[attendee.AuthCode] = (attendee, version)
    return messages, newest


WRITER_FAULTS = [
    Fault("transact_write_items", between(12, 20), "ServiceUnavailable", 503),
    Fault("transact_write_items", every(5, 3), "InternalServerError", 500, after=True),
    Fault("transact_write_items", every(4, 1), "ProvisionedThroughputExceededException"),
    Fault("batch_get_item", every(3, 2), "ThrottlingException"),
    Fault("batch_get_item", every(7, 5), "InternalServerError", 500),
]
"""An outage longer than the store's retries (calls 12-20), replies lost after the write,
throttled writes and reads, and failed reads."""


@dataclass(frozen=True)
class FaultyWriter:
    handler: Any
    client: FaultyClient


@pytest.fixture
def faulty_writer(moto_stack: MotoStack, monkeypatch: pytest.MonkeyPatch) -> FaultyWriter:
    """The writer handler over a DynamoDB client that fails as WRITER_FAULTS say."""
    from handlers import writer

    client = FaultyClient(moto_stack.client("dynamodb"), WRITER_FAULTS)
    store = AttendeeStore(
        client,
        moto_stack.tables[Table.ATTENDEES],
        moto_stack.tables[Table.SUMMARY],
        backoff=Backoff(sleep=lambda _: None),
    )
    monkeypatch.setattr(writer, "attendee_store", lambda: store)
    return FaultyWriter(writer.handler, client)


def _stored_versions(moto_stack: MotoStack, codes: list[str]) -> dict[str, str]:
    keys = [to_item({"AuthCode": code}) for code in codes]
    table = moto_stack.tables[Table.ATTENDEES]
    found = batch_get(moto_stack.client("dynamodb"), {table: keys}, Backoff())
    return {item["AuthCode"]: str(item["Version"]) for item in found[table]}


def test_a_thousand_attendee_upload_survives_throttling_and_server_errors(
    moto_stack: MotoStack, faulty_writer: FaultyWriter, reports_dir: Path
) -> None:
    # Given two exports' messages, some delivered twice, all shuffled, on a queue
    messages, newest = _messages()
    queue = QueueModel(receive_limit=MAX_RECEIVES)
    queue.send(messages)
    highest: dict[str, str] = {}
    regressions = 0
    # When the writer takes batches of a hundred (as its event source mapping does), failed
    # messages delivered again as SQS would, while DynamoDB throttles, fails with 5xx, and
    # loses replies after writing
    batches = 0
    while batch := queue.receive(BATCH_SIZE):
        batches += 1
        event = sqs_event({m.message_id: m.body for m in batch})
        reply = faulty_writer.handler(event, LambdaContext())
        failed = {f["itemIdentifier"] for f in reply["batchItemFailures"]}
        queue.fail(m for m in batch if m.message_id in failed)
        codes = sorted({decode(m.body).Attendee.AuthCode for m in batch})
        for code, version in _stored_versions(moto_stack, codes).items():
            regressions += version < highest.get(code, "")
            highest[code] = max(version, highest.get(code, ""))
    # Then nothing went to the dead-letter queue, faults were injected, and never regressed
    client = faulty_writer.client
    assert queue.dead == []
    assert len(client.injected) == len(WRITER_FAULTS)
    assert queue.redeliveries > 0
    assert regressions == 0
    # And every attendee is stored once, as of its newest version, and the summary is exact
    store = AttendeeStore(
        moto_stack.client("dynamodb"),
        moto_stack.tables[Table.ATTENDEES],
        moto_stack.tables[Table.SUMMARY],
    )
    stored = {r.AuthCode: r for r in store.all()}
    assert len(stored) == ATTENDEES
    lost = [code for code in newest if code not in stored]
    wrong = [
        code
        for code, (attendee, _) in newest.items()
        if code in stored
        and Attendee.model_validate(stored[code].model_dump(exclude={"CreatedTime", "UpdatedTime"}))
        != attendee
    ]
    versions = _stored_versions(moto_stack, list(newest))
    older = [code for code, (_, version) in newest.items() if versions.get(code) != version]
    assert (lost, wrong, older) == ([], [], [])
    assert store.summary() == Summary.of_all(a for a, _ in newest.values())
    _report(
        reports_dir,
        "writer",
        messages=len(messages),
        batches=batches,
        redeliveries=queue.redeliveries,
        dead_lettered=len(queue.dead),
        injected=dict(client.injected),
        calls=dict(client.calls),
        lost=len(lost),
        duplicated=len(stored) - len(newest),
        regressed=regressions + len(older),
    )


def _report(folder: Path, name: str, **figures: Any) -> None:
    (folder / f"faults-{name}.json").write_text(json.dumps(figures, indent=1, sort_keys=True))


# --- the uploader: SQS refusing entries mid-batch, and throttling whole calls ---------------


def _export(rows: int) -> str:
    lines = [",".join(HEADER)]
    for number in range(rows):
        a = record(number)
        lines.append(
            f"{a.AuthCode},{a.Name},{a.Email},{a.Financials.AmountToPay:03d},000,00000000,"
            f"{a.Telephone},{a.ArrivalDay[:3]},{int(a.StayingLate)},{a.NumberOfKids},{a.Diet}"
        )
    return "\r\n".join(lines) + "\r\n"


class _Silent:
    def advance(self) -> None:
        return None

    def add(self, rejection: Any) -> None:
        raise AssertionError(f"unexpected rejection {rejection}")


def _drain(sqs: Any, url: str) -> list[str]:
    bodies: list[str] = []
    while messages := sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages"):
        bodies += [m["Body"] for m in messages]
        entries = [
            {"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(messages)
        ]
        sqs.delete_message_batch(QueueUrl=url, Entries=entries)
    return bodies


def _upload(client: Any, url: str, text: str, hashes: SentHashes) -> Any:
    uploader = Uploader(
        SqsQueue(client, url), hashes, _Silent(), _Silent(), backoff=Backoff(sleep=lambda _: None)
    )
    latest = latest_lines(read_bams(io.StringIO(text, newline="")))
    return uploader.upload(read_bams(io.StringIO(text, newline="")), latest, FIRST_EXPORT)


def test_the_uploader_resends_what_sqs_refused_mid_batch(
    moto_stack: MotoStack, tmp_path: Path, reports_dir: Path
) -> None:
    rows = 200
    sqs = moto_stack.client("sqs")
    # Given an SQS that refuses every 7th entry (a retryable 5xx) and throttles calls 3 to 5
    client = FaultyClient(
        sqs,
        [
            Fault("send_message_batch", every(7), "InternalError", 500, partial=True),
        ],
    )
    throttled = FaultyClient(client, [Fault("send_message_batch", between(3, 5))])
    hashes = SentHashes(tmp_path / "sent.json", "reliability")
    # When an export of 200 rows is uploaded
    report = _upload(throttled, moto_stack.attendees_queue, _export(rows), hashes)
    # Then every row is on the queue exactly once and the report says all were sent
    codes = [decode(body).Attendee.AuthCode for body in _drain(sqs, moto_stack.attendees_queue)]
    assert (report.sent, report.unsent) == (rows, 0)
    assert sorted(codes) == sorted(record(n).AuthCode for n in range(rows))
    assert client.injected and throttled.injected
    _report(
        reports_dir,
        "uploader",
        rows=rows,
        sent=report.sent,
        unsent=report.unsent,
        on_queue=len(codes),
        injected=dict(client.injected) | dict(throttled.injected),
    )


def test_rows_sqs_refused_for_good_are_reported_and_sent_on_the_next_run(
    moto_stack: MotoStack, tmp_path: Path
) -> None:
    rows = 40
    sqs = moto_stack.client("sqs")
    # Given an SQS that refuses entries 11 to 15 for good (a sender fault, 400)
    refusing = FaultyClient(
        sqs,
        [Fault("send_message_batch", between(11, 15), "InvalidMessageContents", 400, partial=True)],
    )
    hashes = SentHashes(tmp_path / "sent.json", "reliability")
    text = _export(rows)
    # When the export is uploaded, then uploaded again once SQS takes everything
    first = _upload(refusing, moto_stack.attendees_queue, text, hashes)
    second = _upload(sqs, moto_stack.attendees_queue, text, hashes)
    # Then the first run reports the five unsent, and the second sends exactly those
    assert (first.sent, first.unsent, first.complete) == (35, 5, False)
    assert (second.sent, second.unchanged, second.unsent) == (5, 35, 0)
    assert len(_drain(sqs, moto_stack.attendees_queue)) == rows


# --- the relay: SQS failing mid-batch -------------------------------------------------------


def _sign_up(database_url: str, people: int) -> None:
    units = unit_of_work_factory(create_database_engine(database_url))
    with units() as unit:
        for number in range(people):
            unit.signups.sign_up(
                SignupRequest(
                    workshop=f"Workshop {number % 3}",
                    forename="Camper",
                    surname=str(number),
                    email=f"relay{number}@example.org",
                )
            )
        unit.commit()


def _outbox_size(database_url: str) -> int:
    units = unit_of_work_factory(create_database_engine(database_url))
    with units() as unit:
        return unit.outbox.count()


@pytest.fixture
def faulty_clients(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Any]]:
    """``clams.aws.client`` answering with the wrappers placed in the returned dict."""
    wrappers: dict[str, Any] = {}

    def client(service: str, endpoint_url: str | None = None) -> Any:
        return wrappers.get(service) or boto3.client(service, region_name=REGION)

    monkeypatch.setattr(aws, "client", client)
    cold_start()
    yield wrappers
    cold_start()


def test_the_relay_keeps_what_sqs_refused_and_sends_it_later(
    moto_stack: MotoStack, faulty_clients: dict[str, Any], reports_dir: Path
) -> None:
    from handlers import relay

    sqs = moto_stack.client("sqs")
    _drain(sqs, moto_stack.signups_queue)
    # Given 35 sign-ups in the outbox, and an SQS refusing every 4th entry and failing call 2
    _sign_up(moto_stack.database_url, 35)
    partial = FaultyClient(
        sqs, [Fault("send_message_batch", every(4), "InternalError", 500, partial=True)]
    )
    faulty_clients["sqs"] = FaultyClient(
        partial, [Fault("send_message_batch", between(2, 2), "ServiceUnavailable", 503)]
    )
    # When the relay runs until the outbox is empty (each run stops at a failure)
    runs, left = 0, []
    while _outbox_size(moto_stack.database_url) and runs < 20:
        runs += 1
        try:
            relay.handler({}, LambdaContext())
        except Exception as error:  # a failed call: Lambda reports it, the schedule runs again
            assert "ServiceUnavailable" in str(error)
        left.append(_outbox_size(moto_stack.database_url))
    # Then every sign-up reached the queue (at least once) and the outbox is empty
    notices = [json.loads(body) for body in _drain(sqs, moto_stack.signups_queue)]
    signup_ids = {n["signup_id"] for n in notices}
    assert len(signup_ids) == 35
    assert left[-1] == 0 and runs > 1
    _report(
        reports_dir,
        "relay",
        signups=35,
        runs=runs,
        outbox_after_each_run=left,
        delivered=len(notices),
        distinct=len(signup_ids),
        injected=dict(partial.injected) | dict(faulty_clients["sqs"].injected),
    )


# --- the authorizer: SSM failing ------------------------------------------------------------


def _basic(name: str, password: str) -> dict[str, Any]:
    token = base64.b64encode(f"{name}:{password}".encode()).decode()
    return {"headers": {"authorization": f"Basic {token}"}}


@pytest.mark.parametrize(
    "fault",
    [
        Fault("get_parameter", between(1, 9), "InternalServerError", 500),
        Fault("get_parameter", between(1, 9), "ThrottlingException", 400),
        Fault("get_parameter", between(1, 9), "AccessDeniedException", 400),
        Fault("get_parameter", between(1, 9), "ParameterNotFound", 400),
        Fault("get_parameter", between(1, 9), "EndpointConnectionError"),
    ],
    ids=lambda fault: fault.code,
)
def test_the_authorizer_refuses_when_ssm_fails_and_admits_once_it_answers(
    moto_stack: MotoStack, monkeypatch: pytest.MonkeyPatch, fault: Fault
) -> None:
    from clams.stores import users
    from handlers import authorizer

    # Given an SSM that fails the authorizer's first reads
    client = FaultyClient(moto_stack.client("ssm"), [fault])
    monkeypatch.setattr(users, "_provider", lambda: SSMProvider(boto3_client=client))
    parameters.clear_caches()
    # When the organiser signs in with the right password
    refused = authorizer.handler(_basic(*ORGANISER), LambdaContext())
    # Then they are refused (fail closed) ...
    assert refused == {"isAuthorized": False, "context": {}}
    assert client.injected
    # ... and admitted once SSM answers again
    client.calls["get_parameter"] = 100
    admitted = authorizer.handler(_basic(*ORGANISER), LambdaContext())
    assert admitted["isAuthorized"] is True


def test_the_authorizer_refuses_when_the_users_document_is_damaged(
    moto_stack: MotoStack, monkeypatch: pytest.MonkeyPatch
) -> None:
    from clams.stores import users
    from handlers import authorizer

    ssm = moto_stack.client("ssm")
    monkeypatch.setattr(users, "_provider", lambda: SSMProvider(boto3_client=ssm))
    parameters.clear_caches()
    ssm.put_parameter(
        Name=USERS_PARAMETER, Value='{"users": [', Type="SecureString", Overwrite=True
    )
    try:
        assert authorizer.handler(_basic(*ORGANISER), LambdaContext())["isAuthorized"] is False
    finally:
        ssm.put_parameter(
            Name=USERS_PARAMETER,
            Value=moto_stack.users_document,
            Type="SecureString",
            Overwrite=True,
        )
        parameters.clear_caches()


# --- the processor: the database unavailable ------------------------------------------------


def test_notices_fail_while_the_database_is_down_then_are_dead_lettered_never_dropped(
    moto_stack: MotoStack, monkeypatch: pytest.MonkeyPatch, reports_dir: Path
) -> None:
    from handlers import processor

    sqs = moto_stack.client("sqs")
    _drain(sqs, moto_stack.signups_queue)
    # Given a database nobody answers on, and 12 notices on the sign-ups queue
    monkeypatch.setenv(
        "DATABASE_URL", "postgresql+psycopg://clams@127.0.0.1:9/clams?connect_timeout=1"
    )
    cold_start()
    notices = [
        json.dumps({"signup_id": n, "workshop_id": 1, "person_id": n, "role_id": 1})
        for n in range(1, 13)
    ]
    for start in range(0, len(notices), 10):
        sqs.send_message_batch(
            QueueUrl=moto_stack.signups_queue,
            Entries=[
                {"Id": str(i), "MessageBody": b} for i, b in enumerate(notices[start : start + 10])
            ],
        )
    # When the event source mapping polls until the queue is empty
    polls, failures = 0, 0
    while polls < 50:
        reply = sqs.receive_message(
            QueueUrl=moto_stack.signups_queue,
            MaxNumberOfMessages=10,
            MessageSystemAttributeNames=["ApproximateReceiveCount"],
        )
        messages = reply.get("Messages", [])
        if not messages:
            break
        polls += 1
        event = sqs_event({m["MessageId"]: m["Body"] for m in messages}, "signups")
        try:
            result = processor.handler(event, LambdaContext())
            failed = {f["itemIdentifier"] for f in result["batchItemFailures"]}
        except Exception:  # every record failed: Lambda retries the whole batch
            failed = {m["MessageId"] for m in messages}
        failures += len(failed)
        done = [m for m in messages if m["MessageId"] not in failed]
        assert done == []
    # Then every notice failed each time, and all of them wait in the dead-letter queue
    dead = _drain(sqs, moto_stack.signups_dlq)
    assert sorted(dead) == sorted(notices)
    assert failures == len(notices) * 3
    _report(
        reports_dir,
        "processor",
        notices=len(notices),
        polls=polls,
        failed_deliveries=failures,
        dead_lettered=len(dead),
        dropped=len(notices) - len(dead),
    )
