"""The sign-ups table (denormalised records the API reads) and the sign-ups queue."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from clams.domain.signups import Notification, SignupRecord
from clams.names import TABLES, Table
from clams.services.personal_data import Subject
from clams.stores.dynamo import from_item, to_item

_SPEC = TABLES[Table.SIGNUPS]
_WORKSHOP = _SPEC.partition.name
_SIGNUP = _SPEC.sort.name if _SPEC.sort else "SignupId"
_BY_PERSON = _SPEC.indexes[0]


class SignupRecords:
    """Sign-up records keyed by workshop and sign-up id, with a by-person index."""

    def __init__(self, client: Any, table_name: str) -> None:
        self._client = client
        self._table = table_name

    def put(self, record: SignupRecord) -> None:
        """Write the record (idempotent) and drop copies left under a workshop it moved from."""
        self._client.put_item(TableName=self._table, Item=to_item(record.model_dump()))
        for stale in self.for_person(record.PersonId):
            if stale.SignupId == record.SignupId and stale.WorkshopId != record.WorkshopId:
                self.delete(stale)

    def delete(self, record: SignupRecord) -> None:
        key = {_WORKSHOP: record.WorkshopId, _SIGNUP: record.SignupId}
        self._client.delete_item(TableName=self._table, Key=to_item(key))

    def for_workshop(self, workshop_id: int) -> list[SignupRecord]:
        return self._records(
            "query",
            KeyConditionExpression="#w = :w",
            ExpressionAttributeNames={"#w": _WORKSHOP},
            ExpressionAttributeValues=to_item({":w": workshop_id}),
        )

    def for_person(self, person_id: int) -> list[SignupRecord]:
        return self._records(
            "query",
            IndexName=_BY_PERSON.name,
            KeyConditionExpression="#p = :p",
            ExpressionAttributeNames={"#p": _BY_PERSON.partition.name},
            ExpressionAttributeValues=to_item({":p": person_id}),
        )

    def for_email(self, email: str) -> list[SignupRecord]:
        return self._records(
            "scan",
            FilterExpression="Email = :e",
            ExpressionAttributeValues=to_item({":e": email}),
        )

    def all(self) -> list[SignupRecord]:
        return self._records("scan")

    def _records(self, operation: str, **arguments: Any) -> list[SignupRecord]:
        return [SignupRecord.model_validate(item) for item in self._items(operation, arguments)]

    def _items(self, operation: str, arguments: dict[str, Any]) -> Iterator[dict[str, Any]]:
        pages = self._client.get_paginator(operation).paginate(TableName=self._table, **arguments)
        for page in pages:
            yield from (from_item(item) for item in page.get("Items", []))


class SignupPersonalData:
    """GDPR: a person's sign-up records, matched by e-mail, disclosed or removed."""

    name = "signups"

    def __init__(self, records: SignupRecords) -> None:
        self._records = records

    def disclose(self, subject: Subject) -> list[dict[str, Any]]:
        return [r.model_dump() for r in self._matching(subject)]

    def forget(self, subject: Subject) -> int:
        found = self._matching(subject)
        for record in found:
            self._records.delete(record)
        return len(found)

    def _matching(self, subject: Subject) -> list[SignupRecord]:
        return self._records.for_email(subject.email) if subject.email else []


class SignupQueue:
    """The sign-ups queue, fed ten notifications per SendMessageBatch call."""

    def __init__(self, client: Any, queue_url: str) -> None:
        self._client = client
        self._url = queue_url

    def send(self, notifications: Sequence[Notification]) -> set[int]:
        """Send one batch (at most ten); the ids SQS reports as successful."""
        if not notifications:
            return set()
        entries = [{"Id": str(n.id), "MessageBody": n.message} for n in notifications]
        reply = self._client.send_message_batch(QueueUrl=self._url, Entries=entries)
        return {int(entry["Id"]) for entry in reply.get("Successful", [])}
