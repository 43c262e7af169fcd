"""Small fakes and helpers shared by the sign-up integration tests."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any

from support.aws import create_table as create_spec_table

from clams.db.unit_of_work import SqlUnitOfWork
from clams.domain.signups import Notification, SignupRecord, SignupRequest
from clams.names import TABLES, Table
from clams.services.workshops import sign_up


class RecordingQueue:
    """Accepts every notification except the refused ids; remembers each send call."""

    def __init__(self, refuse: frozenset[int] = frozenset()) -> None:
        self.calls: list[list[int]] = []
        self.messages: dict[int, str] = {}
        self._refuse = refuse
        self._lock = threading.Lock()

    def send(self, notifications: Sequence[Notification]) -> set[int]:
        accepted = {n.id for n in notifications if n.id not in self._refuse}
        with self._lock:
            self.calls.append([n.id for n in notifications])
            self.messages.update({n.id: n.message for n in notifications if n.id in accepted})
        return accepted

    @property
    def sent_ids(self) -> list[int]:
        return sorted(i for call in self.calls for i in call if i not in self._refuse)


class Crash(Exception):
    pass


class CrashAfterSendQueue(RecordingQueue):
    """The queue accepts the batch, then the relay dies before it can delete anything."""

    def send(self, notifications: Sequence[Notification]) -> set[int]:
        super().send(notifications)
        raise Crash("the relay died after sending")


def sign_up_people(units: Callable[[], SqlUnitOfWork], count: int) -> list[SignupRecord]:
    return [
        sign_up(
            units,
            SignupRequest(
                workshop="Knots", forename=f"Person{n}", surname="Tester", email=f"p{n}@example.org"
            ),
        )
        for n in range(count)
    ]


def outbox_size(units: Callable[[], SqlUnitOfWork]) -> int:
    with units() as unit:
        return unit.outbox.count()


def create_signups_table(client: Any, name: str) -> None:
    """The sign-ups table with the key schema the data component uses."""
    create_spec_table(client, name, TABLES[Table.SIGNUPS])
