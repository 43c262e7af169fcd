"""One SQS queue, as the uploader and the dead-letter commands use it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from clams.upload.batches import Entry
from clams.upload.sender import BatchReply


@dataclass(frozen=True)
class Received:
    """A message taken from a queue (hidden until released, deleted or its timeout ends)."""

    message_id: str
    body: str
    receipt: str
    receive_count: int
    first_sent: datetime


class SqsQueue:
    """A queue by URL over an injected low-level SQS client."""

    def __init__(self, client: Any, url: str) -> None:
        self._client = client
        self.url = url

    def arn(self) -> str:
        """The queue's ARN; asking for it also proves the queue exists and is reachable."""
        reply = self._client.get_queue_attributes(QueueUrl=self.url, AttributeNames=["QueueArn"])
        return str(reply["Attributes"]["QueueArn"])

    def depth(self) -> int:
        """Roughly how many messages wait in the queue, visible or in flight."""
        names = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]
        reply = self._client.get_queue_attributes(QueueUrl=self.url, AttributeNames=names)
        return sum(int(reply["Attributes"].get(name, 0)) for name in names)

    def send_batch(self, entries: Sequence[Entry]) -> BatchReply:
        reply = self._client.send_message_batch(
            QueueUrl=self.url,
            Entries=[{"Id": e.id, "MessageBody": e.body} for e in entries],
        )
        return BatchReply(
            {f["Id"]: not f.get("SenderFault", False) for f in reply.get("Failed", [])}
        )

    def receive(self, limit: int = 10, hide_for: int = 30) -> list[Received]:
        reply = self._client.receive_message(
            QueueUrl=self.url,
            MaxNumberOfMessages=min(limit, 10),
            VisibilityTimeout=hide_for,
            MessageSystemAttributeNames=["ApproximateReceiveCount", "SentTimestamp"],
        )
        return [_received(message) for message in reply.get("Messages", [])]

    def delete(self, messages: Sequence[Received]) -> None:
        for chunk in _chunks(messages):
            self._client.delete_message_batch(QueueUrl=self.url, Entries=_receipts(chunk))

    def release(self, messages: Sequence[Received]) -> None:
        """Make received messages visible again at once."""
        for chunk in _chunks(messages):
            entries = [entry | {"VisibilityTimeout": 0} for entry in _receipts(chunk)]
            self._client.change_message_visibility_batch(QueueUrl=self.url, Entries=entries)


def _chunks(messages: Sequence[Received]) -> list[Sequence[Received]]:
    return [messages[start : start + 10] for start in range(0, len(messages), 10)]


def _receipts(messages: Sequence[Received]) -> list[dict[str, Any]]:
    return [{"Id": str(i), "ReceiptHandle": m.receipt} for i, m in enumerate(messages)]


def _received(message: dict[str, Any]) -> Received:
    attributes = message.get("Attributes", {})
    sent_ms = int(attributes.get("SentTimestamp", 0))
    return Received(
        message_id=message["MessageId"],
        body=message.get("Body", ""),
        receipt=message["ReceiptHandle"],
        receive_count=int(attributes.get("ApproximateReceiveCount", 0)),
        first_sent=datetime.fromtimestamp(sent_ms / 1000, UTC),
    )
