"""GDPR for the relational ``people`` rows: disclose a person's sign-ups, anonymise the row."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from clams.db.schema import Person
from clams.db.unit_of_work import SqlUnitOfWork
from clams.domain.signups import SignupRecord
from clams.services.personal_data import Subject


class PeoplePersonalData:
    """Matches the ``people`` row by e-mail; forgetting keeps the row and its foreign keys."""

    name = "people"

    def __init__(self, units: Callable[[], SqlUnitOfWork]) -> None:
        self._units = units

    def disclose(self, subject: Subject) -> list[dict[str, Any]]:
        if not subject.email:
            return []
        with self._units() as unit:
            person = unit.people.find(subject.email)
            if person is None:
                return []
            return [_disclosure(person, unit.people.signups_of(person))]

    def forget(self, subject: Subject) -> int:
        if not subject.email:
            return 0
        with self._units() as unit:
            person = unit.people.find(subject.email)
            if person is None:
                return 0
            unit.people.anonymise(person)
            unit.commit()
            return 1


def _disclosure(person: Person, signups: list[SignupRecord]) -> dict[str, Any]:
    return {
        "PersonId": person.id,
        "Forename": person.forename,
        "Surname": person.surname,
        "Email": person.email,
        "Signups": [
            r.model_dump(include={"SignupId", "WorkshopId", "WorkshopTitle", "Role", "SignedUpOn"})
            for r in signups
        ],
    }
