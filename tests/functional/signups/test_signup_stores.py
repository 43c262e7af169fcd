from __future__ import annotations

from signup_stack import TABLE, Stack

from clams.domain.signups import Notification, SignupRecord
from clams.stores.signups import SignupQueue, SignupRecords


def _record(signup_id: int, workshop_id: int, person_id: int = 7) -> SignupRecord:
    return SignupRecord(
        WorkshopId=workshop_id,
        SignupId=signup_id,
        PersonId=person_id,
        WorkshopTitle=f"Workshop {workshop_id}",
        Forename="Ada",
        Surname="Lovelace",
        FullName="Ada Lovelace",
        Email="ada@example.org",
        Role="attendee",
        SignedUpOn="2025-06-01T10:00:00+00:00",
    )


def test_the_queue_reports_every_notification_of_a_batch_it_took(stack: Stack) -> None:
    # Given ten notifications
    notifications = [Notification(i, f'{{"signup_id": {i}}}') for i in range(1, 11)]
    # When they are sent in one batch
    sent = SignupQueue(stack.sqs, stack.queue_url).send(notifications)
    # Then SQS took all ten and they are on the queue
    assert sent == set(range(1, 11))
    assert len(stack.queued_bodies()) == 10


def test_a_sign_up_moved_to_another_workshop_is_listed_only_there(stack: Stack) -> None:
    # Given sign-up 5 stored under workshop 1
    records = SignupRecords(stack.dynamodb, TABLE)
    records.put(_record(5, workshop_id=1))
    # When it is stored again under workshop 2
    records.put(_record(5, workshop_id=2))
    # Then workshop 1 no longer lists it
    assert records.for_workshop(1) == []
    assert [r.SignupId for r in records.for_workshop(2)] == [5]
    assert [r.WorkshopId for r in records.for_person(7)] == [2]
