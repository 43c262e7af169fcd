"""The port every store holding personal data implements, so GDPR requests reach them all."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol


@dataclass(frozen=True)
class Subject:
    """The person a GDPR request is about: their booking code and, when known, e-mail."""

    auth_code: str
    email: str | None = None


class PersonalDataStore(Protocol):
    """A store that can disclose and forget what it holds about a person."""

    @property
    def name(self) -> str:
        """The store's name as shown in a subject-access export (``attendees``, ``signups``)."""
        ...

    def disclose(self, subject: Subject) -> list[dict[str, Any]]:
        """Every record this store holds about the subject, as JSON-ready dicts."""
        ...

    def forget(self, subject: Subject) -> int:
        """Remove or anonymise what it holds; return how many records changed (0 if none)."""
        ...
