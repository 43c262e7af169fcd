"""The emulated stack the sign-up function tests run against."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from support.aws import create_table as create_spec_table

from clams.db.unit_of_work import SqlUnitOfWork
from clams.names import TABLES, Table

TABLE = "clams-signups-test"


@dataclass
class LambdaContext:
    function_name: str = "clams-test"
    memory_limit_in_mb: int = 256
    invoked_function_arn: str = "arn:aws:lambda:eu-west-2:123456789012:function:clams-test"
    aws_request_id: str = "c0ffee"
    remaining_ms: int = 60_000

    def get_remaining_time_in_millis(self) -> int:
        return self.remaining_ms


@dataclass
class Stack:
    """What the functions see: the emulated queue and table, and the database."""

    queue_url: str
    sqs: Any
    dynamodb: Any
    database_url: str
    units: Callable[[], SqlUnitOfWork]

    def queued_bodies(self) -> list[str]:
        bodies: list[str] = []
        while reply := self.sqs.receive_message(QueueUrl=self.queue_url, MaxNumberOfMessages=10):
            if not reply.get("Messages"):
                break
            bodies += [m["Body"] for m in reply["Messages"]]
            entries = [
                {"Id": m["MessageId"], "ReceiptHandle": m["ReceiptHandle"]}
                for m in reply["Messages"]
            ]
            self.sqs.delete_message_batch(QueueUrl=self.queue_url, Entries=entries)
        return bodies


def create_table(client: Any) -> None:
    """The sign-ups table with the key schema the data component uses."""
    create_spec_table(client, TABLE, TABLES[Table.SIGNUPS])
