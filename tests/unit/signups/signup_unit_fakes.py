"""In-memory fakes of the sign-up ports, with state the tests can look at."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from clams.domain.signups import Notification, SignupRecord


class MemoryOutbox:
    def __init__(self, count: int) -> None:
        self.rows = {i: f'{{"signup_id": {i}}}' for i in range(1, count + 1)}

    def take(self, limit: int) -> list[Notification]:
        return [Notification(i, m) for i, m in sorted(self.rows.items())[:limit]]

    def delete(self, ids: Collection[int]) -> int:
        for i in ids:
            del self.rows[i]
        return len(ids)


class MemoryUnit:
    """Deletes reach the outbox only on commit, as in a transaction."""

    def __init__(self, outbox: MemoryOutbox) -> None:
        self._committed = outbox
        self.commits = 0

    def __enter__(self) -> MemoryUnit:
        self.outbox = MemoryOutbox(0)
        self.outbox.rows = dict(self._committed.rows)
        return self

    def __exit__(self, *exc: Any) -> None:
        return None

    def commit(self) -> None:
        self._committed.rows = dict(self.outbox.rows)
        self.commits += 1


class CountingQueue:
    def __init__(self, refuse: Collection[int] = ()) -> None:
        self.batches: list[list[int]] = []
        self._refuse = set(refuse)

    def send(self, notifications: Sequence[Notification]) -> set[int]:
        self.batches.append([n.id for n in notifications])
        return {n.id for n in notifications} - self._refuse


def record(signup_id: int, workshop_id: int, role: str = "attendee") -> SignupRecord:
    return SignupRecord(
        WorkshopId=workshop_id,
        SignupId=signup_id,
        PersonId=signup_id,
        WorkshopTitle=f"Workshop {workshop_id}",
        Forename="Ada",
        Surname="Lovelace",
        FullName="Ada Lovelace",
        Email=f"p{signup_id}@example.org",
        Role=role,
        SignedUpOn="2025-06-01T10:00:00+00:00",
    )


class MemoryRecords:
    def __init__(self, *records: SignupRecord) -> None:
        self.items = {(r.WorkshopId, r.SignupId): r for r in records}

    def put(self, record: SignupRecord) -> None:
        self.items[(record.WorkshopId, record.SignupId)] = record

    def all(self) -> list[SignupRecord]:
        return list(self.items.values())

    def for_workshop(self, workshop_id: int) -> list[SignupRecord]:
        return [r for (w, _), r in self.items.items() if w == workshop_id]
