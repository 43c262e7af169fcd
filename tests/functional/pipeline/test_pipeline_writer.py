"""The attendee writer (handler and service) against moto's DynamoDB."""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.exceptions import ClientError
from pipeline_support import EXPORT, LATER, FakeContext, bodies_event, body

from clams.names import Table
from clams.stores.attendees import AttendeeStore
from clams.stores.dynamo import Backoff


def write(writer: Any, *bodies: str) -> list[str]:
    reply = writer.handler(bodies_event(*bodies), FakeContext())
    return [f["itemIdentifier"] for f in reply["batchItemFailures"]]


def test_a_new_attendee_is_stored_with_its_times(
    writer: Any, attendee_store: AttendeeStore
) -> None:
    # Given a message about an attendee the store does not hold
    # When the writer handles it
    failures = write(writer, body(ArrivalDay="Thu", StayingLate=True))
    # Then the attendee is stored, derived fields computed, times set
    stored = attendee_store.get("ABC123")
    assert failures == []
    assert stored is not None and stored.NumberOfNights == 4
    assert stored.CreatedTime and stored.CreatedTime == stored.UpdatedTime


def test_a_newer_message_updates_the_attendee(writer: Any, attendee_store: AttendeeStore) -> None:
    # Given a stored attendee
    write(writer, body(Diet=""))
    # When a newer export changes their diet
    write(writer, body(when=LATER, Diet="vegan"))
    # Then the record holds the new diet
    stored = attendee_store.get("ABC123")
    assert stored is not None and stored.Diet == "vegan"


def test_an_invalid_message_is_reported_by_its_id_and_the_rest_is_written(
    writer: Any, attendee_store: AttendeeStore
) -> None:
    # Given a batch whose second message has no valid e-mail and third is not JSON
    bad = json.loads(body("BAD001"))
    bad["Attendee"]["Email"] = "not-an-address"
    # When the writer handles it
    failures = write(writer, body("GOOD01"), json.dumps(bad), "{oops")
    # Then exactly those two message ids fail, and the good one is stored
    assert failures == ["m1", "m2"]
    assert attendee_store.get("GOOD01") is not None
    assert attendee_store.get("BAD001") is None


def test_an_older_message_arriving_late_changes_nothing(
    writer: Any, attendee_store: AttendeeStore
) -> None:
    # Given the newer message was delivered first
    write(writer, body(when=LATER, Name="New Name"))
    # When the older one arrives afterwards, and the newer one again (a duplicate)
    failures = write(writer, body(when=EXPORT, Name="Old Name"))
    failures += write(writer, body(when=LATER, Name="New Name"))
    # Then neither fails and the newer data stays, counted once
    stored = attendee_store.get("ABC123")
    assert failures == []
    assert stored is not None and stored.Name == "New Name"
    assert attendee_store.summary().attendees == 1


def test_within_one_batch_the_later_line_wins(writer: Any, attendee_store: AttendeeStore) -> None:
    # Given one batch with two rows of one code from one export
    # When the writer handles it
    write(writer, body(line=9, Name="Later Row"), body(line=3, Name="Earlier Row"))
    # Then the later line is what is stored
    stored = attendee_store.get("ABC123")
    assert stored is not None and stored.Name == "Later Row"


class FlakyDynamo:
    """A DynamoDB client that leaves the first read unprocessed and throttles the first write."""

    def __init__(self, client: Any) -> None:
        self._client = client
        self.reads = 0
        self.writes = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self._client, name)

    def batch_get_item(self, RequestItems: dict[str, Any]) -> dict[str, Any]:
        self.reads += 1
        if self.reads == 1:
            return {"Responses": {}, "UnprocessedKeys": RequestItems}
        return dict(self._client.batch_get_item(RequestItems=RequestItems))

    def transact_write_items(self, **kwargs: Any) -> dict[str, Any]:
        self.writes += 1
        if self.writes == 1:
            error = {"Error": {"Code": "ThrottlingException", "Message": "slow down"}}
            raise ClientError(error, "TransactWriteItems")  # type: ignore[arg-type]
        return dict(self._client.transact_write_items(**kwargs))


@pytest.fixture
def flaky(
    writer: Any, monkeypatch: pytest.MonkeyPatch, dynamodb: Any, tables: dict[Table, str]
) -> FlakyDynamo:
    client = FlakyDynamo(dynamodb)
    store = AttendeeStore(
        client,
        tables[Table.ATTENDEES],
        tables[Table.SUMMARY],
        backoff=Backoff(sleep=lambda _: None),
    )
    monkeypatch.setattr(writer, "attendee_store", lambda: store)
    return client


def test_unprocessed_reads_and_throttled_writes_are_retried(
    writer: Any, flaky: FlakyDynamo, attendee_store: AttendeeStore
) -> None:
    # Given a store whose first read comes back unprocessed and first write is throttled
    # When the writer handles a batch
    failures = write(writer, body("ABC001"), body("ABC002"))
    # Then it retried both and wrote everything
    assert failures == []
    assert (flaky.reads, flaky.writes) == (2, 2)
    assert attendee_store.summary().attendees == 2


def test_when_the_store_cannot_be_written_the_whole_batch_fails(
    writer: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a store that refuses every write
    class Broken:
        def apply(self, changes: object) -> object:
            raise ClientError({"Error": {"Code": "AccessDeniedException"}}, "TransactWriteItems")

    monkeypatch.setattr(writer, "attendee_store", Broken)
    # When the writer handles a batch
    failures = write(writer, body("ABC001"), body("ABC002"))
    # Then every message is reported failed, so the queue redelivers them
    assert failures == ["m0", "m1"]


def test_the_logs_carry_counts_and_codes_but_no_personal_data(
    writer: Any, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    # Given a batch with personal data and one invalid e-mail
    bad = json.loads(body("BAD001", Diet="peanut allergy", Telephone="07700 900999"))
    bad["Attendee"]["Email"] = "secret@@example.org"
    # When the writer handles it
    write(writer, body(Diet="peanut allergy", Telephone="07700 900999"), json.dumps(bad))
    # Then the logs name the code and the counts, never the person
    logs = capsys.readouterr().out + " ".join(str(r.__dict__) for r in caplog.records)
    assert "BAD001" in logs and "'created': 1" in logs
    for secret in ("Ada Lovelace", "ada@example.org", "secret@@example.org", "peanut", "900999"):
        assert secret not in logs
