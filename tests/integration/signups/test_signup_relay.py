from __future__ import annotations

import json
import math
import threading
from collections.abc import Callable, Sequence

import pytest
from signup_fakes import (
    Crash,
    CrashAfterSendQueue,
    RecordingQueue,
    outbox_size,
    sign_up_people,
)
from sqlalchemy import Engine

from clams.db.unit_of_work import SqlUnitOfWork, unit_of_work_factory
from clams.domain.signups import Notification
from clams.services.relay import relay, relay_round


@pytest.mark.parametrize("count", [1, 10, 25, 105])
def test_the_relay_sends_n_notifications_in_n_over_ten_calls_and_deletes_them(
    units: Callable[[], SqlUnitOfWork], count: int
) -> None:
    # Given an outbox with `count` notifications
    records = sign_up_people(units, count)
    queue = RecordingQueue()
    # When the relay runs
    report = relay(units, queue)
    # Then every notification went out once, ten per call, and the outbox is empty
    assert len(queue.calls) == math.ceil(count / 10)
    assert all(len(call) <= 10 for call in queue.calls)
    assert sorted(json.loads(m)["signup_id"] for m in queue.messages.values()) == sorted(
        r.SignupId for r in records
    )
    assert report.sent == count
    assert outbox_size(units) == 0


def test_an_empty_outbox_sends_nothing(units: Callable[[], SqlUnitOfWork]) -> None:
    # Given an empty outbox
    queue = RecordingQueue()
    # When the relay runs
    report = relay(units, queue)
    # Then no send call was made
    assert (queue.calls, report.sent) == ([], 0)


def test_a_relay_that_fails_after_sending_leaves_its_notifications_for_the_next_run(
    units: Callable[[], SqlUnitOfWork],
) -> None:
    # Given 15 notifications and a relay that dies right after its first send
    sign_up_people(units, 15)
    with pytest.raises(Crash):
        relay(units, CrashAfterSendQueue())
    # When the next scheduled relay runs
    queue = RecordingQueue()
    relay(units, queue)
    # Then all 15 are sent (the first batch a second time: at least once), none lost
    assert len(queue.sent_ids) == 15
    assert outbox_size(units) == 0


def test_notifications_the_queue_refused_stay_in_the_outbox(
    units: Callable[[], SqlUnitOfWork],
) -> None:
    # Given 12 notifications, two of which the queue refuses
    sign_up_people(units, 12)
    queue = RecordingQueue(refuse=frozenset({3, 11}))
    # When the relay runs
    report = relay(units, queue)
    # Then exactly the refused ones remain for the next run
    assert (report.sent, report.unsent) == (10, 2)
    with units() as unit:
        assert [n.id for n in unit.outbox.take(100)] == [3, 11]


def test_a_relay_stops_when_its_time_is_spent(units: Callable[[], SqlUnitOfWork]) -> None:
    # Given 30 notifications and a time budget of one round of ten
    sign_up_people(units, 30)
    rounds = iter([True, False])
    # When the relay runs
    report = relay(units, RecordingQueue(), take=10, has_time=lambda: next(rounds))
    # Then it sent one round and left the rest
    assert (report.rounds, report.sent) == (1, 10)
    assert outbox_size(units) == 20


def test_two_relays_running_at_once_never_send_a_notification_twice(
    units: Callable[[], SqlUnitOfWork],
) -> None:
    # Given 40 notifications and two relays sharing one queue
    sign_up_people(units, 40)
    queue = RecordingQueue()
    threads = [
        threading.Thread(target=relay, args=(units, queue), kwargs={"take": 10}) for _ in "ab"
    ]
    # When both run at the same time
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    # Then each notification was sent exactly once and the outbox is empty
    assert queue.sent_ids == sorted(set(queue.sent_ids))
    assert len(queue.sent_ids) == 40
    assert outbox_size(units) == 0


class MeetingQueue(RecordingQueue):
    """Holds each sender until both relays are sending, so both transactions are open."""

    def __init__(self) -> None:
        super().__init__()
        self.barrier = threading.Barrier(2, timeout=15)

    def send(self, notifications: Sequence[Notification]) -> set[int]:
        self.barrier.wait()
        return super().send(notifications)


@pytest.mark.postgres
def test_a_second_postgres_relay_skips_the_rows_the_first_one_holds(
    empty_postgres: Engine,
) -> None:
    units = unit_of_work_factory(empty_postgres)
    # Given 20 notifications and a queue that only lets both relays send together
    sign_up_people(units, 20)
    queue = MeetingQueue()
    threads = [threading.Thread(target=relay_round, args=(units, queue, 10)) for _ in "ab"]
    # When both take a round of ten while the other still holds its locks
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    # Then they took disjoint halves: both sent ten, nothing twice, the outbox is empty
    assert sorted(len(call) for call in queue.calls) == [10, 10]
    assert queue.sent_ids == list(range(1, 21))
    assert outbox_size(units) == 0
