"""Fakes for the pipeline's unit tests: a queue with observable state, export rows."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from botocore.exceptions import ClientError
from support.bams_rows import GOOD_FIELDS

from clams.domain.bams import HEADER, Rejection, Row, read_bams
from clams.upload.batches import Entry
from clams.upload.sender import BatchReply

GOOD = GOOD_FIELDS


def export_text(*rows: dict[str, str]) -> str:
    lines = [",".join(HEADER)]
    lines += [",".join((GOOD | row)[name] for name in HEADER) for row in rows]
    return "\r\n".join(lines) + "\r\n"


def read(text: str) -> list[Row | Rejection]:
    return list(read_bams(io.StringIO(text, newline="")))


@dataclass
class FakeQueue:
    """Accepts batches; ``refuse`` makes the next calls fail chosen entries (id → retryable)."""

    bodies: list[str] = field(default_factory=list)
    calls: int = 0
    refuse: list[dict[str, bool]] = field(default_factory=list)
    throttle_calls: int = 0

    def send_batch(self, entries: Sequence[Entry]) -> BatchReply:
        self.calls += 1
        if self.throttle_calls:
            self.throttle_calls -= 1
            raise ClientError({"Error": {"Code": "RequestThrottled"}}, "SendMessageBatch")
        failed = self.refuse.pop(0) if self.refuse else {}
        failed = {k: v for k, v in failed.items() if any(e.id == k for e in entries)}
        self.bodies += [e.body for e in entries if e.id not in failed]
        return BatchReply(failed)


@dataclass
class Rows:
    """A place that collects what is handed to it (rejections, progress ticks)."""

    items: list[Rejection] = field(default_factory=list)
    ticks: int = 0

    def add(self, rejection: Rejection) -> None:
        self.items.append(rejection)

    def advance(self) -> None:
        self.ticks += 1
