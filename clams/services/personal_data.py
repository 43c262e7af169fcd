"""The port every store holding personal data implements, so GDPR requests reach them all."""

from __future__ import annotations

from collections.abc import Callable
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


class OnFirstUse:
    """A store built the first time a GDPR request reaches it, under its known name.

    Lets a function that seldom needs a store (the API and the sign-up database) start
    without loading what the store needs.
    """

    def __init__(self, name: str, build: Callable[[], PersonalDataStore]) -> None:
        self.name = name
        self._build = build
        self._store: PersonalDataStore | None = None

    def disclose(self, subject: Subject) -> list[dict[str, Any]]:
        return self._built().disclose(subject)

    def forget(self, subject: Subject) -> int:
        return self._built().forget(subject)

    def _built(self) -> PersonalDataStore:
        if self._store is None:
            self._store = self._build()
        return self._store
