from __future__ import annotations

import pytest
from pydantic import ValidationError
from signup_unit_fakes import CountingQueue, MemoryOutbox, MemoryRecords, MemoryUnit, record

from clams.db.engine import rds_url
from clams.domain.errors import NotFoundError
from clams.domain.signups import SignupNotice, SignupRecord, SignupRequest
from clams.services.processor import process_notice
from clams.services.relay import relay
from clams.services.workshops import list_workshops, workshop_signups
from clams.settings import DatabaseSettings


def test_the_relay_sends_in_batches_of_ten_and_commits_each_round() -> None:
    # Given 230 notifications
    outbox = MemoryOutbox(230)
    unit, queue = MemoryUnit(outbox), CountingQueue()
    # When the relay runs with rounds of 100
    report = relay(lambda: unit, queue, take=100)
    # Then 23 batches of at most ten went out over three committed rounds, and none is left
    assert len(queue.batches) == 23
    assert max(len(batch) for batch in queue.batches) == 10
    assert (report.sent, report.rounds, unit.commits) == (230, 3, 3)
    assert outbox.rows == {}


def test_the_relay_keeps_refused_notifications_and_stops_for_this_run() -> None:
    # Given 150 notifications, one of which the queue refuses
    outbox = MemoryOutbox(150)
    queue = CountingQueue(refuse={42})
    # When the relay runs
    report = relay(lambda: MemoryUnit(outbox), queue, take=100)
    # Then it stops after the round with the failure and keeps the refused one and the rest
    assert (report.sent, report.unsent, report.rounds) == (99, 1, 1)
    assert sorted(outbox.rows)[:2] == [42, 101]


class Lookup:
    def __init__(self, *records: SignupRecord) -> None:
        self._records = {r.SignupId: r for r in records}

    def describe(self, signup_id: int) -> SignupRecord | None:
        return self._records.get(signup_id)


class LookupUnit:
    def __init__(self, *records: SignupRecord) -> None:
        self.signups = Lookup(*records)

    def __enter__(self) -> LookupUnit:
        return self

    def __exit__(self, *exc: object) -> None:
        return None


def test_the_processor_stores_what_the_database_holds_now() -> None:
    # Given sign-up 3 is a helper now, though the notice was written when it was an attendee
    current = record(3, workshop_id=1, role="helper")
    records = MemoryRecords()
    # When the notice is processed
    process_notice(
        SignupNotice(signup_id=3, workshop_id=1, person_id=3, role_id=1),
        lambda: LookupUnit(current),
        records,
    )
    # Then the stored record is the current one
    assert records.all() == [current]


def test_the_processor_refuses_a_sign_up_that_does_not_exist() -> None:
    # Given no sign-up 9
    records = MemoryRecords()
    # When its notice is processed
    # Then it fails and nothing is stored
    with pytest.raises(NotFoundError):
        process_notice(
            SignupNotice(signup_id=9, workshop_id=1, person_id=1, role_id=1), LookupUnit, records
        )
    assert records.all() == []


def test_workshops_are_listed_with_counts_per_role() -> None:
    # Given two workshops with sign-ups in several roles
    records = MemoryRecords(
        record(1, 2),
        record(2, 1, "helper"),
        record(3, 1),
        record(4, 1),
        record(5, 2, "facilitator"),
    )
    # When the workshops are listed
    workshops = list_workshops(records)
    # Then each appears once, by id, with its counts
    assert [w.model_dump() for w in workshops] == [
        {"WorkshopId": 1, "Title": "Workshop 1", "SignupsByRole": {"attendee": 2, "helper": 1}},
        {
            "WorkshopId": 2,
            "Title": "Workshop 2",
            "SignupsByRole": {"attendee": 1, "facilitator": 1},
        },
    ]


def test_a_workshops_sign_ups_come_oldest_first() -> None:
    # Given a workshop with sign-ups stored out of order
    records = MemoryRecords(record(7, 1), record(2, 1), record(4, 9))
    # When its sign-ups are asked for
    # Then they come in sign-up order
    assert [r.SignupId for r in workshop_signups(records, 1)] == [2, 7]


def test_an_unknown_workshop_is_not_found() -> None:
    # Given no sign-ups for workshop 5
    # When its sign-ups are asked for
    # Then it is not found
    with pytest.raises(NotFoundError):
        workshop_signups(MemoryRecords(record(1, 1)), 5)


@pytest.mark.parametrize("email", ["ada", "ada@", "@example.org", "ada example@x.org"])
def test_a_sign_up_needs_an_email_address(email: str) -> None:
    # Given a sign-up request with a malformed e-mail
    # When it is validated
    # Then it is refused
    with pytest.raises(ValidationError, match="does not look like an e-mail address"):
        SignupRequest(workshop="Knots", forename="A", surname="L", email=email)


def test_the_rds_address_requires_tls_and_carries_no_credentials() -> None:
    # Given a function's database settings
    settings = DatabaseSettings(DB_SECRET_ARN="arn:secret", DB_HOST="db.internal", DB_PORT=6543)
    # When its address is built
    url = rds_url(settings)
    # Then TLS is required and neither user nor password is in it
    assert url.query["sslmode"] == "require"
    assert (url.host, url.port, url.username, url.password) == ("db.internal", 6543, None, None)
