"""What sits in a dead-letter queue and why, and moving it back to the queue it came from."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from clams.stores.dynamo import Backoff
from clams.upload.batches import Entry
from clams.upload.sender import QueueSender, send_reliably
from clams.upload.sqs import Received

Explain = Callable[[str], str | None]
"""Why a body is invalid (naming fields, never values), or None when it is valid."""


class DeadLetters(Protocol):
    def depth(self) -> int: ...

    def receive(self, limit: int = 10, hide_for: int = 30) -> list[Received]: ...

    def release(self, messages: Sequence[Received]) -> None: ...

    def delete(self, messages: Sequence[Received]) -> None: ...


@dataclass(frozen=True)
class Letter:
    """One dead letter, described without personal data."""

    message_id: str
    receives: int
    first_sent: datetime
    code: str | None
    reason: str


def peek(
    queue: DeadLetters, explain: Explain, find_code: Callable[[str], str | None], limit: int = 50
) -> tuple[int, list[Letter]]:
    """How many messages the queue holds, and up to ``limit`` of them, left in the queue.

    Looking receives each message once; ``receives`` counts the deliveries before this look.
    """
    depth = queue.depth()
    held: list[Received] = []
    while len(held) < limit:
        batch = queue.receive(min(10, limit - len(held)), hide_for=30)
        if not batch:
            break
        held += batch
    queue.release(held)
    return depth, [_letter(message, explain, find_code) for message in held]


def _letter(message: Received, explain: Explain, find_code: Callable[[str], str | None]) -> Letter:
    problem = explain(message.body)
    reason = f"invalid: {problem}" if problem else "valid now: the write failed (redrive it)"
    return Letter(
        message.message_id,
        max(message.receive_count - 1, 0),
        message.first_sent,
        find_code(message.body),
        reason,
    )


def redrive(queue: DeadLetters, target: QueueSender, backoff: Backoff | None = None) -> int:
    """Move every message back to ``target``, deleting each only once it was sent; how many.

    Stops at the first batch that cannot be sent in full (what was not sent stays put).
    """
    backoff = backoff or Backoff()
    moved = 0
    while batch := queue.receive(10, hide_for=60):
        entries = [Entry(str(i), message.body) for i, message in enumerate(batch)]
        delivery = send_reliably(target, entries, backoff)
        sent = {entry.id for entry in delivery.sent}
        queue.delete([m for i, m in enumerate(batch) if str(i) in sent])
        moved += len(sent)
        if delivery.unsent:
            queue.release([m for i, m in enumerate(batch) if str(i) not in sent])
            break
    return moved
