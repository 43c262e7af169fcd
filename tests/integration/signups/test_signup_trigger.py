from __future__ import annotations

import json
from collections.abc import Callable

from sqlalchemy import Engine, select, update

from clams.db.migrations import head_revision, upgrade
from clams.db.schema import ROLE_NAMES, SignupRole, WorkshopSignup
from clams.db.unit_of_work import SqlUnitOfWork
from clams.domain.signups import SignupRequest
from clams.services.workshops import sign_up


def _messages(units: Callable[[], SqlUnitOfWork]) -> list[dict[str, int]]:
    with units() as unit:
        return [json.loads(n.message) for n in unit.outbox.take(100)]


def test_the_migrated_schema_has_the_roles_seeded(engine: Engine) -> None:
    # Given a freshly migrated database
    # When its roles are read
    with engine.connect() as connection:
        names = set(connection.scalars(select(SignupRole.role_name)))
    # Then every role CLAMS knows is there
    assert names == set(ROLE_NAMES)


def test_upgrading_twice_changes_nothing(engine: Engine) -> None:
    # Given a database already at the latest revision
    # When it is upgraded again
    revision = upgrade(engine)
    # Then it stays at the head revision
    assert revision == head_revision() == "0001"


def test_a_new_sign_up_writes_one_notification(units: Callable[[], SqlUnitOfWork]) -> None:
    # Given an empty outbox
    # When a person signs up for a workshop
    record = sign_up(
        units,
        SignupRequest(
            workshop="Knots", forename="Ada", surname="Lovelace", email="ada@example.org"
        ),
    )
    # Then the trigger wrote a JSON notification naming the sign-up, workshop, person and role
    assert _messages(units) == [
        {
            "signup_id": record.SignupId,
            "workshop_id": record.WorkshopId,
            "person_id": record.PersonId,
            "role_id": 1,
        }
    ]


def test_an_updated_sign_up_writes_another_notification(
    engine: Engine, units: Callable[[], SqlUnitOfWork]
) -> None:
    # Given a sign-up as attendee
    request = SignupRequest(workshop="Knots", forename="Ada", surname="L", email="ada@example.org")
    record = sign_up(units, request)
    # When its role is changed in SQL
    helper = select(SignupRole.id).where(SignupRole.role_name == "helper").scalar_subquery()
    with engine.begin() as connection:
        connection.execute(
            update(WorkshopSignup)
            .where(WorkshopSignup.id == record.SignupId)
            .values(role_id=helper)
        )
    # Then there are two notifications, the second carrying the new role
    messages = _messages(units)
    assert [m["signup_id"] for m in messages] == [record.SignupId, record.SignupId]
    assert messages[1]["role_id"] == 3
