from __future__ import annotations

import pytest
from botocore.exceptions import ClientError
from pipeline_fakes import FakeQueue

from clams.stores.dynamo import Backoff
from clams.upload.batches import Entry
from clams.upload.sender import send_reliably

ENTRIES = [Entry(f"e{i}", f"body {i}") for i in range(4)]


def test_only_the_failed_entries_are_sent_again(queue: FakeQueue, no_sleep: Backoff) -> None:
    # Given a queue that refuses two entries once, for a passing reason
    queue.refuse = [{"e1": True, "e3": True}]
    # When the batch is sent
    delivery = send_reliably(queue, ENTRIES, no_sleep)
    # Then everything arrives exactly once, the refused two in a second call
    assert sorted(queue.bodies) == sorted(e.body for e in ENTRIES)
    assert queue.calls == 2
    assert delivery.unsent == []


def test_throttling_is_waited_out(queue: FakeQueue) -> None:
    # Given a queue that throttles the first two calls
    queue.throttle_calls = 2
    waits: list[float] = []
    # When the batch is sent
    delivery = send_reliably(queue, ENTRIES, Backoff(sleep=waits.append))
    # Then it arrives after two waits
    assert len(delivery.sent) == 4
    assert len(waits) == 2


def test_an_entry_refused_for_good_is_not_retried(queue: FakeQueue, no_sleep: Backoff) -> None:
    # Given a queue that refuses one entry as the sender's fault
    queue.refuse = [{"e2": False}]
    # When the batch is sent
    delivery = send_reliably(queue, ENTRIES, no_sleep)
    # Then that entry comes back unsent after one call, the others are sent
    assert [e.id for e in delivery.unsent] == ["e2"]
    assert queue.calls == 1


def test_entries_still_failing_after_every_attempt_are_unsent(
    queue: FakeQueue, no_sleep: Backoff
) -> None:
    # Given a queue that throttles more often than the backoff allows attempts
    queue.throttle_calls = 100
    # When the batch is sent
    delivery = send_reliably(queue, ENTRIES, Backoff(attempts=3, sleep=lambda _: None))
    # Then all of it is reported unsent after three calls
    assert len(delivery.unsent) == 4
    assert queue.calls == 3


def test_a_refusal_that_no_retry_can_fix_is_raised(no_sleep: Backoff) -> None:
    # Given a queue that does not exist
    class Missing:
        def send_batch(self, entries: object) -> object:
            raise ClientError({"Error": {"Code": "QueueDoesNotExist"}}, "SendMessageBatch")

    # When / Then sending raises at once
    with pytest.raises(ClientError):
        send_reliably(Missing(), ENTRIES, no_sleep)  # type: ignore[arg-type]
