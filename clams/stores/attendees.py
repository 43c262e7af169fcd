"""The attendee store (DynamoDB) that keeps the event summary exact as it writes.

Every change of an attendee is one conditional transaction that writes the record and adds
the change's :func:`clams.domain.summary.delta` to a summary counter item. The conditions
make concurrent writers retry instead of double counting, so the report can be read in a
constant number of calls, is exact, and is fresh as soon as a write returns.

Besides the attendees table, the summary table holds, by ``Kind``:

- ``summary``: a few shards of counters (writers pick one at random to spread contention);
- ``diet``: a copy of name, note and nights of each attendee with a dietary note, so the
  kitchen report reads only those;
- ``erased``: the version at which a code was erased, so a late, older message cannot bring
  an erased person back.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, Final

from botocore.exceptions import ClientError

from clams.domain.attendee import Attendee, StoredAttendee
from clams.domain.errors import ClamsError
from clams.domain.report import DietEntry
from clams.domain.summary import Summary, delta
from clams.domain.version import iso_time, utc_now
from clams.names import TABLES, Table
from clams.stores.dynamo import Backoff, batch_get, error_code, from_item, to_item

KEY: Final = TABLES[Table.ATTENDEES].partition.name
VERSION: Final = "Version"
SUMMARY_SHARDS: Final = 4
_MAX_ACTIONS: Final = 100
_SUMMARY, _DIET, _ERASED = "summary", "diet", "erased"


class Outcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    STALE = "stale"
    EXISTS = "exists"
    ERASED = "erased"
    ABSENT = "absent"


@dataclass(frozen=True)
class Change:
    """Make ``code`` hold ``attendee`` (None: erase it) as of ``version``."""

    code: str
    attendee: Attendee | None
    version: str
    create_only: bool = False

    @classmethod
    def put(cls, attendee: Attendee, version: str, create_only: bool = False) -> Change:
        return cls(attendee.AuthCode, attendee, version, create_only)

    @classmethod
    def erase(cls, code: str, version: str) -> Change:
        return cls(code, None, version)


class WriteConflictError(ClamsError):
    """The records kept changing under a write; the caller should retry later."""


@dataclass(frozen=True)
class _Current:
    record: StoredAttendee | None
    version: str

    def newer_than(self, version: str) -> bool:
        return self.version > version


@dataclass
class _Step:
    """What one change needs: its outcome, the writes it takes and its summary delta."""

    change: Change
    outcome: Outcome
    actions: list[dict[str, Any]]
    delta: Summary


def _packs(steps: list[_Step]) -> Iterator[list[_Step]]:
    """Group steps into transactions of at most 100 actions, one kept for the summary."""
    pack: list[_Step] = []
    size = 0
    for step in steps:
        if pack and size + len(step.actions) > _MAX_ACTIONS - 1:
            yield pack
            pack, size = [], 0
        pack.append(step)
        size += len(step.actions)
    if pack:
        yield pack


class AttendeeStore:
    """Attendee records and their summary. ``client`` is a low-level DynamoDB client."""

    def __init__(
        self,
        client: Any,
        attendees_table: str,
        summary_table: str,
        clock: Callable[[], datetime] = utc_now,
        backoff: Backoff | None = None,
        conflict_attempts: int = 5,
    ) -> None:
        self._client = client
        self._attendees = attendees_table
        self._summary = summary_table
        self._clock = clock
        self._backoff = backoff or Backoff()
        self._conflict_attempts = conflict_attempts

    # ---- reading -------------------------------------------------------------------------

    def get(self, code: str) -> StoredAttendee | None:
        reply = self._backoff.call(
            self._client.get_item,
            TableName=self._attendees,
            Key=to_item({KEY: code}),
            ConsistentRead=True,
        )
        item = reply.get("Item")
        return _record(from_item(item)) if item else None

    def page(self, limit: int, after: str | None = None) -> tuple[list[StoredAttendee], str | None]:
        """Up to ``limit`` records after the code ``after``, and the code to continue from.

        The continuation is None exactly when there is nothing more.
        """
        items: list[dict[str, Any]] = []
        start = to_item({KEY: after}) if after else None
        while len(items) <= limit:
            kwargs: dict[str, Any] = {"TableName": self._attendees, "Limit": limit + 1}
            if start:
                kwargs["ExclusiveStartKey"] = start
            reply = self._backoff.call(self._client.scan, **kwargs)
            items.extend(from_item(i) for i in reply.get("Items", []))
            start = reply.get("LastEvaluatedKey")
            if not start:
                break
        records = [_record(i) for i in items[:limit]]
        more = len(items) > limit
        return records, (records[-1].AuthCode if more and records else None)

    def all(self) -> Iterator[StoredAttendee]:
        after: str | None = None
        while True:
            records, after = self.page(1000, after)
            yield from records
            if after is None:
                return

    def summary(self) -> Summary:
        """The event's counters: the sum of the summary shards (a constant-size read)."""
        total = Summary()
        for item in self._query_kind(_SUMMARY):
            total += Summary.from_counters(item)
        return total

    def diets(self) -> list[DietEntry]:
        """Name, note and nights of each attendee with a dietary note."""
        return [_diet_entry(item) for item in self._query_kind(_DIET)]

    def _query_kind(self, kind: str) -> Iterator[dict[str, Any]]:
        kwargs: dict[str, Any] = {
            "TableName": self._summary,
            "KeyConditionExpression": "Kind = :k",
            "ExpressionAttributeValues": to_item({":k": kind}),
            "ConsistentRead": True,
        }
        while True:
            reply = self._backoff.call(self._client.query, **kwargs)
            yield from (from_item(i) for i in reply.get("Items", []))
            if "LastEvaluatedKey" not in reply:
                return
            kwargs["ExclusiveStartKey"] = reply["LastEvaluatedKey"]

    # ---- writing -------------------------------------------------------------------------

    def apply(self, changes: Sequence[Change]) -> dict[str, Outcome]:
        """Apply changes; older versions never replace newer ones. Outcome per code.

        Of several changes to one code, the newest wins and the others are ``STALE``.
        Changes are packed into as few transactions as DynamoDB allows; a transaction whose
        conditions fail (someone wrote in between) is re-read and retried on its own.
        Raises :class:`WriteConflictError` when records keep changing underneath.
        """
        outcomes = {c.code: Outcome.STALE for c in changes}
        pending = list(_newest_per_code(changes).values())
        for delay in [*Backoff(self._conflict_attempts).delays(), None]:
            steps = self._plan(pending, self._current(pending))
            outcomes.update({s.change.code: s.outcome for s in steps if not s.actions})
            pending = []
            for pack in _packs([s for s in steps if s.actions]):
                if self._commit(pack, last_try=delay is None):
                    outcomes.update({s.change.code: s.outcome for s in pack})
                else:
                    pending.extend(s.change for s in pack)
            if not pending:
                return outcomes
            self._backoff.wait(delay or 0)
        raise AssertionError("unreachable")  # pragma: no cover

    def _commit(self, pack: list[_Step], last_try: bool) -> bool:
        """Write one pack in one transaction; False when its conditions failed."""
        actions = [action for step in pack for action in step.actions]
        total = sum((step.delta for step in pack), Summary())
        if not total.is_zero():
            actions.append(self._summary_update(total))
        try:
            self._backoff.call(self._client.transact_write_items, TransactItems=actions)
        except ClientError as error:
            if error_code(error) != "TransactionCanceledException" or last_try:
                raise WriteConflictError(f"attendee writes kept conflicting: {error}") from error
            return False
        return True

    def _current(self, changes: list[Change]) -> dict[str, _Current]:
        keys = [{KEY: c.code} for c in changes]
        found = batch_get(
            self._client,
            {
                self._attendees: [to_item(k) for k in keys],
                self._summary: [to_item({"Kind": _ERASED, "Id": c.code}) for c in changes],
            },
            self._backoff,
        )
        records = {i[KEY]: i for i in found[self._attendees]}
        erased = {i["Id"]: str(i[VERSION]) for i in found[self._summary]}
        current = {}
        for change in changes:
            item = records.get(change.code)
            version = max(str(item[VERSION]) if item else "", erased.get(change.code, ""))
            current[change.code] = _Current(_record(item) if item else None, version)
        return current

    def _plan(self, changes: list[Change], current: dict[str, _Current]) -> list[_Step]:
        now = iso_time(self._clock())
        steps = []
        for change in changes:
            held = current[change.code]
            outcome = _decide(change, held)
            step = _Step(change, outcome, [], Summary())
            needs_write = outcome not in (Outcome.STALE, Outcome.EXISTS) and not (
                outcome is Outcome.UNCHANGED and change.version == held.version
            )
            if needs_write:
                step.actions = self._actions(change, held, outcome, now)
                step.delta = delta(held.record, change.attendee)
            steps.append(step)
        return steps

    def _actions(
        self, change: Change, held: _Current, outcome: Outcome, now: str
    ) -> list[dict[str, Any]]:
        condition = _unchanged_since(held)
        if change.attendee is None and held.record is None:
            return [self._put_summary_item(_ERASED, change.code, {VERSION: change.version})]
        if change.attendee is None:
            return [
                {
                    "Delete": {"TableName": self._attendees, "Key": to_item({KEY: change.code})}
                    | condition
                },
                self._put_summary_item(_ERASED, change.code, {VERSION: change.version}),
                self._delete_summary_item(_DIET, change.code),
            ]
        record = _stamped(change.attendee, held.record, outcome, now)
        item = record.model_dump(mode="json") | {VERSION: change.version}
        actions = [{"Put": {"TableName": self._attendees, "Item": to_item(item)} | condition}]
        if change.attendee.Diet:
            actions.append(self._put_summary_item(_DIET, change.code, _diet_item(record)))
        elif held.record is not None and held.record.Diet:
            actions.append(self._delete_summary_item(_DIET, change.code))
        return actions

    def _put_summary_item(self, kind: str, key: str, data: dict[str, Any]) -> dict[str, Any]:
        item = {"Kind": kind, "Id": key, **data}
        return {"Put": {"TableName": self._summary, "Item": to_item(item)}}

    def _delete_summary_item(self, kind: str, key: str) -> dict[str, Any]:
        return {"Delete": {"TableName": self._summary, "Key": to_item({"Kind": kind, "Id": key})}}

    def _summary_update(self, change: Summary) -> dict[str, Any]:
        counters = {k: v for k, v in change.as_counters().items() if v}
        names = {f"#c{i}": name for i, name in enumerate(counters)}
        values = {f":c{i}": value for i, value in enumerate(counters.values())}
        shard = str(random.randrange(SUMMARY_SHARDS))
        return {
            "Update": {
                "TableName": self._summary,
                "Key": to_item({"Kind": _SUMMARY, "Id": shard}),
                "UpdateExpression": "ADD "
                + ", ".join(f"{n} {v}" for n, v in zip(names, values, strict=True)),
                "ExpressionAttributeNames": names,
                "ExpressionAttributeValues": to_item(values),
            }
        }

    # ---- maintenance ---------------------------------------------------------------------

    def rebuild_summary(self) -> Summary:
        """Recompute the summary and the dietary copies from every record.

        Run it while nothing writes (it replaces the counters wholesale).
        """
        records = list(self.all())
        total = Summary.of_all(records)
        stale = [(k, i["Id"]) for k in (_SUMMARY, _DIET) for i in list(self._query_kind(k))]
        for kind, key in stale:
            self._backoff.call(
                self._client.delete_item,
                TableName=self._summary,
                Key=to_item({"Kind": kind, "Id": key}),
            )
        puts = [self._put_summary_item(_SUMMARY, "0", dict(total.as_counters()))]
        puts += [
            self._put_summary_item(_DIET, r.AuthCode, _diet_item(r)) for r in records if r.Diet
        ]
        for start in range(0, len(puts), _MAX_ACTIONS):
            chunk = puts[start : start + _MAX_ACTIONS]
            self._backoff.call(self._client.transact_write_items, TransactItems=chunk)
        return total


def _newest_per_code(changes: Sequence[Change]) -> dict[str, Change]:
    newest: dict[str, Change] = {}
    for change in changes:
        held = newest.get(change.code)
        if held is None or change.version >= held.version:
            newest[change.code] = change
    return newest


def _decide(change: Change, held: _Current) -> Outcome:
    if held.newer_than(change.version):
        return Outcome.STALE
    if change.attendee is None:
        return Outcome.ERASED if held.record is not None else Outcome.ABSENT
    if held.record is None:
        return Outcome.CREATED
    if change.create_only:
        return Outcome.EXISTS
    if Attendee.model_validate(held.record.model_dump(exclude=_TIMES)) == change.attendee:
        return Outcome.UNCHANGED
    return Outcome.UPDATED


_TIMES: Final = {"CreatedTime", "UpdatedTime"}


def _unchanged_since(held: _Current) -> dict[str, Any]:
    if held.record is None:
        return {"ConditionExpression": f"attribute_not_exists({KEY})"}
    return {
        "ConditionExpression": f"{VERSION} = :held",
        "ExpressionAttributeValues": to_item({":held": held.version}),
    }


def _stamped(
    attendee: Attendee, held: StoredAttendee | None, outcome: Outcome, now: str
) -> StoredAttendee:
    created = held.CreatedTime if held and held.CreatedTime else now
    updated = held.UpdatedTime if held and outcome is Outcome.UNCHANGED else now
    return StoredAttendee.model_validate(
        attendee.model_dump() | {"CreatedTime": created, "UpdatedTime": updated}
    )


def _record(item: dict[str, Any]) -> StoredAttendee:
    data = {k: v for k, v in item.items() if k != VERSION}
    return StoredAttendee.model_validate(data)


def _diet_item(record: Attendee) -> dict[str, Any]:
    return {"Name": record.Name, "Diet": record.Diet, "Nights": list(record.nights)}


def _diet_entry(item: dict[str, Any]) -> DietEntry:
    return DietEntry(name=item["Name"], note=item["Diet"], nights=tuple(item["Nights"]))
