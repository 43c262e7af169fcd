"""GDPR requests (SPEC section 6): erase a person everywhere, or disclose all that is held.

Every store that holds personal data implements
:class:`clams.services.personal_data.PersonalDataStore`; the service asks each in turn.
"""

from __future__ import annotations

import hashlib
import hmac
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final, Protocol

from clams.domain.errors import NotFoundError
from clams.domain.version import iso_time, make_version, utc_now
from clams.services.personal_data import PersonalDataStore, Subject
from clams.stores.attendees import AttendeeStore, Change, Outcome

ERASE: Final = "erase"
EXPORT: Final = "export"


@dataclass(frozen=True)
class AuditEntry:
    """One GDPR request, with no personal data: the code only as a keyed hash."""

    EntryId: str
    CodeHash: str
    Time: str
    Actor: str
    Action: str


class AuditLog(Protocol):
    def record(self, entry: AuditEntry) -> None: ...


class AttendeePersonalData:
    """The attendee table as a personal-data store; erasure goes through ``apply`` so the
    summary, the dietary copies and the erased marker follow."""

    name = "attendees"

    def __init__(self, store: AttendeeStore, clock: Callable[[], datetime] = utc_now) -> None:
        self._store = store
        self._clock = clock

    def disclose(self, subject: Subject) -> list[dict[str, Any]]:
        record = self._store.get(subject.auth_code)
        return [record.model_dump(mode="json")] if record else []

    def forget(self, subject: Subject) -> int:
        change = Change.erase(subject.auth_code, make_version(self._clock()))
        outcome = self._store.apply([change])[subject.auth_code]
        return int(outcome is Outcome.ERASED)

    def email_of(self, code: str) -> str | None:
        record = self._store.get(code)
        return record.Email if record else None


class GdprService:
    """``stores`` are the other personal-data stores; the attendee record is always last."""

    def __init__(
        self,
        attendees: AttendeePersonalData,
        stores: Sequence[PersonalDataStore],
        audit: AuditLog,
        secret_key: Callable[[], bytes],
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self._attendees = attendees
        self._stores = stores
        self._audit = audit
        self._secret_key = secret_key
        self._clock = clock

    def erase(self, code: str, actor: str) -> int:
        """Forget the person everywhere; how many records changed (0 when already erased)."""
        subject = Subject(code, self._attendees.email_of(code))
        changed = sum(store.forget(subject) for store in self._stores)
        changed += self._attendees.forget(subject)
        self._audit.record(self._entry(code, actor, ERASE))
        return changed

    def export(self, code: str, actor: str) -> dict[str, Any]:
        """Every datum held about the person, by store; NotFoundError for an unknown code."""
        subject = Subject(code, self._attendees.email_of(code))
        if subject.email is None:
            raise NotFoundError(f"no attendee {code}")
        stores = [self._attendees, *self._stores]
        found = {store.name: store.disclose(subject) for store in stores}
        self._audit.record(self._entry(code, actor, EXPORT))
        return {"Subject": code, "Stores": found}

    def _entry(self, code: str, actor: str, action: str) -> AuditEntry:
        return AuditEntry(
            EntryId=uuid.uuid4().hex,
            CodeHash=code_hash(self._secret_key(), code),
            Time=iso_time(self._clock()),
            Actor=actor,
            Action=action,
        )


def code_hash(key: bytes, code: str) -> str:
    """The keyed hash of a booking code that audit entries hold instead of the code."""
    return hmac.new(key, b"clams-audit\0" + code.encode(), hashlib.sha256).hexdigest()
