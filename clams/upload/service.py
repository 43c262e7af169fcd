"""The upload: each valid, changed row of an export becomes one message on the queue.

An export is read twice, as a stream: a first pass finds the line on which each code last
appears (that row wins; earlier rows of the same code are superseded and not sent), the
second builds messages and sends them ten at a time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from clams.domain.bams import Rejection, Row
from clams.domain.messages import AttendeeMessage
from clams.domain.version import make_version
from clams.stores.dynamo import Backoff
from clams.upload.batches import BatchBuilder, Entry
from clams.upload.hashes import SentHashes, content_hash
from clams.upload.sender import QueueSender, send_reliably


class Progress(Protocol):
    def advance(self) -> None:
        """One more row of the export has been handled."""
        ...


class RejectSink(Protocol):
    def add(self, rejection: Rejection) -> None: ...


@dataclass
class UploadReport:
    sent: int = 0
    unchanged: int = 0
    rejected: int = 0
    superseded: int = 0
    unsent: int = 0
    warnings: list[tuple[int, str]] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        """Every row of the export is on the queue or was already there."""
        return not (self.rejected or self.unsent)


@dataclass(frozen=True)
class Latest:
    """The line on which each code last appears, and how many rows the export has."""

    lines: dict[str, int]
    rows: int


def latest_lines(items: Iterable[Row | Rejection]) -> Latest:
    lines: dict[str, int] = {}
    rows = 0
    for item in items:
        rows += 1
        if isinstance(item, Row):
            lines[item.attendee.AuthCode] = item.line
    return Latest(lines, rows)


@dataclass
class Uploader:
    sender: QueueSender
    hashes: SentHashes
    rejects: RejectSink
    progress: Progress
    backoff: Backoff = field(default_factory=Backoff)
    force: bool = False

    def upload(
        self, items: Iterable[Row | Rejection], latest: Latest, export_time: datetime
    ) -> UploadReport:
        """Send every row that is valid, the latest of its code, and changed (or forced)."""
        report = UploadReport()
        batch = BatchBuilder()
        for item in items:
            entry = self._entry(item, latest, export_time, report)
            full = batch.add(entry) if entry else None
            if full:
                self._send(full, report)
            self.progress.advance()
        self._send(batch.take(), report)
        return report

    def _entry(
        self, item: Row | Rejection, latest: Latest, export_time: datetime, report: UploadReport
    ) -> Entry | None:
        if isinstance(item, Rejection):
            self.rejects.add(item)
            report.rejected += 1
            return None
        report.warnings.extend((item.line, warning) for warning in item.warnings)
        code = item.attendee.AuthCode
        if latest.lines.get(code) != item.line:
            report.superseded += 1
            return None
        digest = content_hash(item.attendee)
        if not self.force and self.hashes.unchanged(code, digest):
            report.unchanged += 1
            return None
        version = make_version(export_time, item.line)
        body = AttendeeMessage(Attendee=item.attendee, Version=version).body()
        return Entry(f"line{item.line}", body, code, digest)

    def _send(self, entries: list[Entry], report: UploadReport) -> None:
        if not entries:
            return
        delivery = send_reliably(self.sender, entries, self.backoff)
        for entry in delivery.sent:
            self.hashes.remember(entry.code, entry.digest)
        report.sent += len(delivery.sent)
        report.unsent += len(delivery.unsent)
