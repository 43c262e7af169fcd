"""Helpers for the pipeline's functional tests: SQS events, a poller, the command line."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from clams.cli.main import cli
from clams.domain.attendee import Attendee
from clams.domain.messages import AttendeeMessage
from clams.domain.version import make_version

STACK = "test"
RECEIVE_LIMIT = 3


@dataclass(frozen=True)
class Queues:
    source: str
    dlq: str
    signups: str
    signups_dlq: str


@dataclass(frozen=True)
class FakeContext:
    function_name: str = "writer"
    memory_limit_in_mb: int = 512
    invoked_function_arn: str = "arn:aws:lambda:eu-west-2:123456789012:function:writer"
    aws_request_id: str = "req-1"


def sqs_event(messages: list[dict[str, Any]]) -> dict[str, Any]:
    """An SQS event as Lambda's event source mapping builds it from received messages."""
    return {
        "Records": [
            {
                "messageId": m["MessageId"],
                "receiptHandle": m["ReceiptHandle"],
                "body": m["Body"],
                "attributes": m.get("Attributes", {}),
                "messageAttributes": {},
                "md5OfBody": m.get("MD5OfBody", ""),
                "eventSource": "aws:sqs",
                "eventSourceARN": "arn:aws:sqs:eu-west-2:123456789012:attendees",
                "awsRegion": "eu-west-2",
            }
            for m in messages
        ]
    }


def bodies_event(*bodies: str) -> dict[str, Any]:
    messages = [
        {"MessageId": f"m{i}", "ReceiptHandle": f"r{i}", "Body": body}
        for i, body in enumerate(bodies)
    ]
    return sqs_event(messages)


def poll_once(sqs: Any, url: str, writer: Any) -> list[str]:
    """One poll of the event source mapping: receive, run the writer, delete what succeeded.

    Returns the ids of the messages the writer reported as failed.
    """
    messages = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", [])
    if not messages:
        return []
    reply = writer.handler(sqs_event(messages), FakeContext())
    failed = {f["itemIdentifier"] for f in reply["batchItemFailures"]}
    done = [m for m in messages if m["MessageId"] not in failed]
    if done:
        entries = [{"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(done)]
        sqs.delete_message_batch(QueueUrl=url, Entries=entries)
    return sorted(failed)


def clams(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


EXPORT = datetime(2027, 6, 1, 9, 0, tzinfo=UTC)
LATER = datetime(2027, 6, 2, 9, 0, tzinfo=UTC)


def body(code: str = "ABC123", when: datetime = EXPORT, line: int = 2, **fields: Any) -> str:
    record = {"AuthCode": code, "Name": "Ada Lovelace", "Email": "ada@example.org"} | fields
    version = make_version(when, line)
    return AttendeeMessage(Attendee=Attendee.model_validate(record), Version=version).body()
