"""The attendee store under moto: versions order writes, and the summary stays exact."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest
from botocore.exceptions import ClientError

from clams.domain.attendee import Attendee
from clams.domain.report import full_kitchen_report, full_report, kitchen_report, report
from clams.domain.summary import Summary
from clams.names import Table
from clams.stores.attendees import AttendeeStore, Change, Outcome, WriteConflictError
from clams.stores.dynamo import Backoff

Make = Callable[..., Attendee]


@pytest.fixture
def make() -> Make:
    def build(code: str = "AAAAAA", **fields: Any) -> Attendee:
        data = {"AuthCode": code, "Name": f"Person {code}", "Email": f"{code.lower()}@ex.org"}
        return Attendee.model_validate(data | fields)

    return build


def test_a_new_attendee_is_created_with_both_times_set(
    attendee_store: AttendeeStore, make: Make
) -> None:
    # Given an empty store
    # When an attendee is written
    outcome = attendee_store.apply([Change.put(make(), "v1")])
    # Then it is created, stamped, and counted
    stored = attendee_store.get("AAAAAA")
    assert outcome == {"AAAAAA": Outcome.CREATED}
    assert stored is not None and stored.CreatedTime and stored.UpdatedTime
    assert attendee_store.summary().attendees == 1


def test_an_older_version_never_replaces_a_newer_one(
    attendee_store: AttendeeStore, make: Make
) -> None:
    # Given an attendee stored at version v2
    attendee_store.apply([Change.put(make(Name="New name"), "v2")])
    # When an older message arrives late
    outcome = attendee_store.apply([Change.put(make(Name="Old name"), "v1")])
    # Then it is stale and the newer data stays
    assert outcome == {"AAAAAA": Outcome.STALE}
    assert attendee_store.get("AAAAAA").Name == "New name"  # type: ignore[union-attr]


def test_a_duplicate_delivery_changes_nothing(attendee_store: AttendeeStore, make: Make) -> None:
    # Given a stored attendee
    attendee_store.apply([Change.put(make(), "v1")])
    before = attendee_store.get("AAAAAA")
    # When the same message is delivered again
    outcome = attendee_store.apply([Change.put(make(), "v1")])
    # Then nothing changes, not even the update time, and it is counted once
    assert outcome == {"AAAAAA": Outcome.UNCHANGED}
    assert attendee_store.get("AAAAAA") == before
    assert attendee_store.summary().attendees == 1


def test_a_real_change_keeps_the_created_time_and_moves_the_updated_time(
    dynamodb: Any, tables: Any, make: Make
) -> None:
    # Given a store whose clock we control, and an attendee written at 09:00
    times = iter(["2027-06-01T09:00:00+00:00", "2027-06-01T10:00:00+00:00"])
    store = AttendeeStore(
        dynamodb,
        *_names(tables),
        clock=lambda: datetime.fromisoformat(next(times)),
        backoff=Backoff(sleep=lambda _: None),
    )
    store.apply([Change.put(make(), "v1")])
    # When it is paid for at 10:00
    store.apply([Change.put(make(Financials={"AmountToPay": 35, "AmountPaid": 35}), "v2")])
    # Then CreatedTime stays and UpdatedTime moves
    stored = store.get("AAAAAA")
    assert stored is not None
    assert (stored.CreatedTime, stored.UpdatedTime) == (
        "2027-06-01T09:00:00Z",
        "2027-06-01T10:00:00Z",
    )


def test_an_erased_attendee_is_not_brought_back_by_an_older_message(
    attendee_store: AttendeeStore, make: Make
) -> None:
    # Given an attendee erased at v5
    attendee_store.apply([Change.put(make(Diet="vegan"), "v1")])
    assert attendee_store.apply([Change.erase("AAAAAA", "v5")]) == {"AAAAAA": Outcome.ERASED}
    # When a message exported before the erasure arrives
    outcome = attendee_store.apply([Change.put(make(), "v3")])
    # Then the person stays erased and the summary and dietary copies are empty
    assert outcome == {"AAAAAA": Outcome.STALE}
    assert attendee_store.get("AAAAAA") is None
    assert attendee_store.summary().is_zero()
    assert attendee_store.diets() == []


def test_erasing_twice_is_harmless(attendee_store: AttendeeStore, make: Make) -> None:
    attendee_store.apply([Change.put(make(), "v1")])
    attendee_store.apply([Change.erase("AAAAAA", "v2")])
    assert attendee_store.apply([Change.erase("AAAAAA", "v3")]) == {"AAAAAA": Outcome.ABSENT}
    assert attendee_store.summary().is_zero()


def test_create_only_refuses_an_existing_code(attendee_store: AttendeeStore, make: Make) -> None:
    attendee_store.apply([Change.put(make(), "v1")])
    outcome = attendee_store.apply([Change.put(make(Name="Other"), "v2", create_only=True)])
    assert outcome == {"AAAAAA": Outcome.EXISTS}
    assert attendee_store.get("AAAAAA").Name == "Person AAAAAA"  # type: ignore[union-attr]


def test_of_two_changes_to_one_code_in_a_batch_the_newest_wins(
    attendee_store: AttendeeStore, make: Make
) -> None:
    changes = [Change.put(make(Name="Later"), "v2"), Change.put(make(Name="Earlier"), "v1")]
    attendee_store.apply(changes)
    assert attendee_store.get("AAAAAA").Name == "Later"  # type: ignore[union-attr]
    assert attendee_store.summary().attendees == 1


def test_a_large_batch_is_written_whole_and_the_report_equals_a_full_recomputation(
    attendee_store: AttendeeStore, make: Make
) -> None:
    # Given 250 attendees, some with dietary notes, written in one call
    people = [
        make(f"P{i:05d}", NumberOfKids=i % 3, Diet="vegan" if i % 4 == 0 else "", ArrivalDay="Thu")
        for i in range(250)
    ]
    attendee_store.apply([Change.put(p, "v1") for p in people])
    # Then every record is there and both reports equal the full computation
    stored = list(attendee_store.all())
    assert sorted(a.AuthCode for a in stored) == sorted(p.AuthCode for p in people)
    assert report(attendee_store.summary()) == full_report(people)
    kitchen = kitchen_report(attendee_store.summary(), attendee_store.diets())
    assert kitchen == full_kitchen_report(people)


def test_paging_returns_every_record_once_and_no_token_on_the_last_page(
    attendee_store: AttendeeStore, make: Make
) -> None:
    attendee_store.apply([Change.put(make(f"Q{i:05d}"), "v1") for i in range(25)])
    seen: list[str] = []
    after: str | None = None
    pages = 0
    while True:
        records, after = attendee_store.page(10, after)
        seen += [r.AuthCode for r in records]
        pages += 1
        if after is None:
            break
    assert pages == 3 and len(seen) == 25 == len(set(seen))


def test_rebuilding_the_summary_gives_the_same_figures(
    attendee_store: AttendeeStore, make: Make
) -> None:
    attendee_store.apply([Change.put(make(f"R{i:05d}", Diet="halal"), "v1") for i in range(30)])
    before = attendee_store.summary()
    assert attendee_store.rebuild_summary() == before == attendee_store.summary()
    assert len(attendee_store.diets()) == 30


class ConflictingClient:
    """A DynamoDB client whose transactions are cancelled the first ``conflicts`` times."""

    def __init__(self, real: Any, conflicts: int) -> None:
        self._real, self.conflicts, self.transactions = real, conflicts, 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)

    def transact_write_items(self, **kwargs: Any) -> Any:
        self.transactions += 1
        if self.conflicts:
            self.conflicts -= 1
            error = {"Error": {"Code": "TransactionCanceledException", "Message": "conflict"}}
            raise ClientError(error, "TransactWriteItems")
        return self._real.transact_write_items(**kwargs)


def test_a_cancelled_transaction_is_re_read_and_retried(
    dynamodb: Any, tables: Any, make: Make
) -> None:
    # Given a client whose first two transactions are cancelled by concurrent writers
    client = ConflictingClient(dynamodb, conflicts=2)
    store = AttendeeStore(client, *_names(tables), backoff=Backoff(sleep=lambda _: None))
    # When a change is applied
    store.apply([Change.put(make(), "v1")])
    # Then it lands exactly once after the retries
    assert client.transactions == 3
    assert store.summary() == Summary.of(make())


def test_writes_that_keep_conflicting_raise_a_conflict_error(
    dynamodb: Any, tables: Any, make: Make
) -> None:
    client = ConflictingClient(dynamodb, conflicts=100)
    store = AttendeeStore(client, *_names(tables), backoff=Backoff(sleep=lambda _: None))
    with pytest.raises(WriteConflictError):
        store.apply([Change.put(make(), "v1")])
    assert store.get("AAAAAA") is None and store.summary().is_zero()


def _names(tables: Any) -> tuple[str, str]:
    return tables[Table.ATTENDEES], tables[Table.SUMMARY]
