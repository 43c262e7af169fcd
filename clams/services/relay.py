"""Relay: move sign-up notifications from the database outbox to the sign-ups queue.

Each round takes up to ``take`` notifications under row locks, sends them in batches of
ten, and deletes exactly those the queue accepted, in the same transaction. A crash
after sending rolls the transaction back, so those notifications are sent again later
(at least once, never lost); a concurrent relay skips rows this one holds.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Final, Protocol

from clams.domain.signups import Notification

SEND_BATCH: Final = 10
TAKE: Final = 100


class OutboxPort(Protocol):
    def take(self, limit: int) -> list[Notification]: ...

    def delete(self, ids: Collection[int]) -> int: ...


class OutboxUnit(AbstractContextManager["OutboxUnit"], Protocol):
    @property
    def outbox(self) -> OutboxPort: ...

    def commit(self) -> None: ...


class NotificationQueue(Protocol):
    def send(self, notifications: Sequence[Notification]) -> set[int]:
        """Send up to ten notifications in one call; the ids the queue accepted."""
        ...


@dataclass(frozen=True)
class RelayReport:
    sent: int = 0
    unsent: int = 0
    rounds: int = 0

    def __add__(self, other: RelayReport) -> RelayReport:
        return RelayReport(
            self.sent + other.sent, self.unsent + other.unsent, self.rounds + other.rounds
        )


def relay(
    units: Callable[[], OutboxUnit],
    queue: NotificationQueue,
    *,
    take: int = TAKE,
    has_time: Callable[[], bool] = lambda: True,
) -> RelayReport:
    """Relay rounds until the outbox is empty, a send fails, or ``has_time`` says stop."""
    report = RelayReport()
    while has_time():
        round_report = relay_round(units, queue, take)
        report += round_report
        if round_report.unsent or round_report.sent < take:
            break
    return report


def relay_round(
    units: Callable[[], OutboxUnit], queue: NotificationQueue, take: int = TAKE
) -> RelayReport:
    with units() as unit:
        notifications = unit.outbox.take(take)
        sent = _send_all(queue, notifications)
        unit.outbox.delete(sent)
        unit.commit()
    return RelayReport(len(sent), len(notifications) - len(sent), 1)


def _send_all(queue: NotificationQueue, notifications: Sequence[Notification]) -> set[int]:
    sent: set[int] = set()
    for start in range(0, len(notifications), SEND_BATCH):
        sent |= queue.send(notifications[start : start + SEND_BATCH])
    return sent
