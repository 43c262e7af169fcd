"""Sending one batch reliably: failed entries are re-sent alone, throttling is waited out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final, Protocol

from botocore.exceptions import ClientError

from clams.stores.dynamo import Backoff, error_code
from clams.upload.batches import Entry

RETRYABLE: Final = frozenset(
    {
        "ThrottlingException",
        "RequestThrottled",
        "AWS.SimpleQueueService.RequestThrottled",
        "ServiceUnavailable",
        "InternalError",
        "InternalFailure",
        "KmsThrottled",
    }
)


@dataclass(frozen=True)
class BatchReply:
    """What the queue said about one batch: the ids it refused, and whether a retry may help."""

    failed: dict[str, bool] = field(default_factory=dict)


class QueueSender(Protocol):
    def send_batch(self, entries: Sequence[Entry]) -> BatchReply:
        """Send up to ten entries in one call."""
        ...


@dataclass(frozen=True)
class Delivery:
    sent: list[Entry]
    unsent: list[Entry]


def send_reliably(sender: QueueSender, entries: Sequence[Entry], backoff: Backoff) -> Delivery:
    """Send a batch, re-sending only the entries that failed, with backoff between attempts.

    Entries the queue refuses for good (sender faults) and those still failing when the
    attempts run out are returned as unsent.
    """
    sent: list[Entry] = []
    unsent: list[Entry] = []
    pending = list(entries)
    for delay in [*backoff.delays(), None]:
        reply = _attempt(sender, pending)
        sent += [e for e in pending if e.id not in reply.failed]
        unsent += [e for e in pending if reply.failed.get(e.id) is False]
        pending = [e for e in pending if reply.failed.get(e.id)]
        if not pending or delay is None:
            break
        backoff.wait(delay)
    return Delivery(sent, unsent + pending)


def _attempt(sender: QueueSender, entries: list[Entry]) -> BatchReply:
    """One call; a throttled or unavailable queue counts as every entry failing for now."""
    try:
        return sender.send_batch(entries)
    except ClientError as error:
        if error_code(error) not in RETRYABLE:
            raise
        return BatchReply(dict.fromkeys((e.id for e in entries), True))
