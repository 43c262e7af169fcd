"""SQL repositories for sign-ups and people."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from clams.db.schema import Person, SignupRole, Workshop, WorkshopSignup
from clams.domain.errors import InvalidInputError
from clams.domain.signups import SignupRecord, SignupRequest


def iso_time(moment: datetime) -> str:
    """ISO-8601 in UTC; SQLite hands back naive UTC times."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(UTC).isoformat()


def _joined() -> Select[WorkshopSignup, Workshop, Person, SignupRole]:
    return (
        select(WorkshopSignup, Workshop, Person, SignupRole)
        .join(Workshop, Workshop.id == WorkshopSignup.workshop_id)
        .join(Person, Person.id == WorkshopSignup.people_id)
        .join(SignupRole, SignupRole.id == WorkshopSignup.role_id)
    )


def _record(
    signup: WorkshopSignup, workshop: Workshop, person: Person, role: SignupRole
) -> SignupRecord:
    return SignupRecord(
        WorkshopId=workshop.id,
        SignupId=signup.id,
        PersonId=person.id,
        WorkshopTitle=workshop.title,
        Forename=person.forename,
        Surname=person.surname,
        FullName=f"{person.forename} {person.surname}",
        Email=person.email,
        Role=role.role_name,
        SignedUpOn=iso_time(signup.signed_up_on),
    )


class Signups:
    def __init__(self, session: Session) -> None:
        self._session = session

    def describe(self, signup_id: int) -> SignupRecord | None:
        """The sign-up joined with its workshop, person and role; None when it does not exist."""
        row = self._session.execute(_joined().where(WorkshopSignup.id == signup_id)).one_or_none()
        return None if row is None else _record(*row)

    def sign_up(self, request: SignupRequest) -> int:
        """Add the sign-up (or change the role of the person's existing one); its id."""
        role = self._role(request.role)
        workshop = self._workshop(request.workshop)
        person = People(self._session).find_or_add(request)
        signup = self._session.scalars(
            select(WorkshopSignup).where(
                WorkshopSignup.people_id == person.id, WorkshopSignup.workshop_id == workshop.id
            )
        ).first()
        if signup is None:
            signup = WorkshopSignup(people_id=person.id, workshop_id=workshop.id, role_id=role.id)
            self._session.add(signup)
        signup.role_id = role.id
        self._session.flush()
        return signup.id

    def _role(self, name: str) -> SignupRole:
        roles = {r.role_name: r for r in self._session.scalars(select(SignupRole))}
        if name not in roles:
            raise InvalidInputError(f"unknown role {name!r}; roles are {', '.join(sorted(roles))}")
        return roles[name]

    def _workshop(self, title: str) -> Workshop:
        found = self._session.scalars(select(Workshop).where(Workshop.title == title)).first()
        if found is None:
            found = Workshop(title=title)
            self._session.add(found)
            self._session.flush()
        return found


class People:
    def __init__(self, session: Session) -> None:
        self._session = session

    def find(self, email: str) -> Person | None:
        return self._session.scalars(select(Person).where(Person.email == email)).first()

    def find_or_add(self, request: SignupRequest) -> Person:
        person = self.find(request.email)
        if person is None:
            person = Person(forename=request.forename, surname=request.surname, email=request.email)
            self._session.add(person)
            self._session.flush()
        return person

    def signups_of(self, person: Person) -> list[SignupRecord]:
        rows = self._session.execute(_joined().where(WorkshopSignup.people_id == person.id))
        return [_record(*row) for row in rows]

    def anonymise(self, person: Person) -> None:
        """Replace the personal data; the row and every foreign key to it stay."""
        person.forename = "erased"
        person.surname = "erased"
        person.email = f"erased-{person.id}@erased.invalid"
        self._session.flush()
