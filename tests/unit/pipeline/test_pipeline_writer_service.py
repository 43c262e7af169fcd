from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

import pytest

from clams.domain.attendee import Attendee
from clams.domain.errors import InvalidInputError
from clams.domain.messages import AttendeeMessage
from clams.domain.version import make_version
from clams.services.writer import BatchNotWrittenError, Delivery, write_batch
from clams.stores.attendees import Change, Outcome

WHEN = datetime(2027, 6, 1, tzinfo=UTC)


@dataclass
class FakeStore:
    applied: list[list[Change]] = field(default_factory=list)
    broken: bool = False

    def apply(self, changes: Sequence[Change]) -> dict[str, Outcome]:
        if self.broken:
            raise RuntimeError("store down")
        self.applied.append(list(changes))
        return {c.code: Outcome.CREATED for c in changes}


def _delivery(code: str, line: int = 2) -> Delivery:
    attendee = Attendee(AuthCode=code, Name="Ada", Email="ada@example.org")
    body = AttendeeMessage(Attendee=attendee, Version=make_version(WHEN, line)).body()
    return Delivery(f"m-{code}", body)


def test_a_whole_batch_is_written_with_one_call_to_the_store() -> None:
    # Given a batch of 100 valid messages
    deliveries = [_delivery(f"A{i:05d}") for i in range(100)]
    store = FakeStore()
    # When it is written
    report = write_batch(deliveries, store)
    # Then the store was called once with all of them, and none failed
    assert len(store.applied) == 1 and len(store.applied[0]) == 100
    assert report.failures == {}
    assert report.counts()["created"] == 100


def test_an_invalid_message_fails_alone_without_personal_data() -> None:
    # Given a batch with one message whose e-mail is invalid
    bad = json.loads(_delivery("BAD001").body)
    bad["Attendee"]["Email"] = "private-address"
    deliveries = [_delivery("GOOD01"), Delivery("m-bad", json.dumps(bad))]
    store = FakeStore()
    # When it is written
    report = write_batch(deliveries, store)
    # Then only the bad message failed, for a reason that names the field only
    assert list(report.failures) == ["m-bad"]
    assert [c.code for c in store.applied[0]] == ["GOOD01"]
    with pytest.raises(InvalidInputError, match=r"Attendee\.Email") as raised:
        report.check("m-bad")
    assert "private-address" not in str(raised.value)
    report.check("m-GOOD01")


def test_when_the_store_fails_every_valid_message_fails() -> None:
    # Given a store that cannot be written and a batch with one invalid message
    deliveries = [_delivery("GOOD01"), _delivery("GOOD02"), Delivery("m-bad", "{}")]
    # When the batch is written
    report = write_batch(deliveries, FakeStore(broken=True))
    # Then all three fail, the valid ones because the store refused them
    assert set(report.failures) == {"m-GOOD01", "m-GOOD02", "m-bad"}
    assert isinstance(report.failures["m-GOOD01"], BatchNotWrittenError)
