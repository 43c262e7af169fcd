from __future__ import annotations

import json
from typing import Any

from signup_stack import TABLE, LambdaContext, Stack

from clams.domain.signups import SignupRecord, SignupRequest
from clams.services.workshops import sign_up
from clams.stores.signups import SignupRecords
from handlers import migrate, processor, relay


def _sign_up(stack: Stack, n: int) -> SignupRecord:
    request = SignupRequest(
        workshop="Knots", forename=f"P{n}", surname="T", email=f"p{n}@example.org"
    )
    return sign_up(stack.units, request)


def _sqs_event(*bodies: str) -> dict[str, Any]:
    return {
        "Records": [
            {
                "messageId": f"m{i}",
                "receiptHandle": f"r{i}",
                "body": body,
                "attributes": {"ApproximateReceiveCount": "1"},
                "messageAttributes": {},
                "eventSource": "aws:sqs",
                "eventSourceARN": "arn:aws:sqs:eu-west-2:123456789012:clams-signups-test",
                "awsRegion": "eu-west-2",
            }
            for i, body in enumerate(bodies)
        ]
    }


def test_the_relay_function_moves_the_outbox_to_the_queue(
    stack: Stack, context: LambdaContext
) -> None:
    # Given twelve sign-ups waiting in the outbox
    records = [_sign_up(stack, n) for n in range(12)]
    # When the scheduled relay function runs
    reply = relay.handler({}, context)  # type: ignore[arg-type]
    # Then all twelve notifications are on the sign-ups queue and the outbox is empty
    bodies = stack.queued_bodies()
    assert sorted(json.loads(b)["signup_id"] for b in bodies) == [r.SignupId for r in records]
    assert reply == {"sent": 12, "unsent": 0, "rounds": 1}
    with stack.units() as unit:
        assert unit.outbox.count() == 0


def test_the_relay_function_starts_no_round_when_out_of_time(stack: Stack) -> None:
    # Given a sign-up waiting and a function nearly at its timeout
    _sign_up(stack, 1)
    # When the relay function runs
    reply = relay.handler({}, LambdaContext(remaining_ms=2_000))  # type: ignore[arg-type]
    # Then it leaves the notification for the next run
    assert reply["rounds"] == 0
    assert stack.queued_bodies() == []


def test_the_processor_function_stores_known_sign_ups_and_reports_missing_ones(
    stack: Stack, context: LambdaContext
) -> None:
    # Given a notification of a real sign-up and one of a sign-up that does not exist
    record = _sign_up(stack, 1)
    known = json.dumps(
        {"signup_id": record.SignupId, "workshop_id": 1, "person_id": 1, "role_id": 1}
    )
    missing = json.dumps({"signup_id": 999, "workshop_id": 1, "person_id": 1, "role_id": 1})
    # When the processor function gets both in one batch
    reply = processor.handler(_sqs_event(known, missing), context)  # type: ignore[arg-type]
    # Then only the missing one is reported as failed, and the known one is stored
    assert reply == {"batchItemFailures": [{"itemIdentifier": "m1"}]}
    stored = SignupRecords(stack.dynamodb, TABLE).for_workshop(record.WorkshopId)
    assert stored == [record]


def test_a_malformed_notification_fails_on_its_own(stack: Stack, context: LambdaContext) -> None:
    # Given a batch with a good notification and one that is not JSON
    record = _sign_up(stack, 1)
    good = json.dumps(
        {"signup_id": record.SignupId, "workshop_id": 1, "person_id": 1, "role_id": 1}
    )
    # When the processor function handles it
    reply = processor.handler(_sqs_event("not json", good), context)  # type: ignore[arg-type]
    # Then the bad message alone fails
    assert reply == {"batchItemFailures": [{"itemIdentifier": "m0"}]}


def test_the_migrate_function_brings_a_new_database_to_the_latest_schema(
    stack: Stack, context: LambdaContext, monkeypatch: Any, tmp_path: Any
) -> None:
    # Given an empty database
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'new.db'}")
    # When the migrate function is invoked on deploy
    reply = migrate.handler({}, context)  # type: ignore[arg-type]
    # Then it reports the latest revision
    assert reply == {"revision": "0001"}
