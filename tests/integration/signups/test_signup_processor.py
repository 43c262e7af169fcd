from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import Engine, delete

from clams.db.schema import WorkshopSignup
from clams.db.unit_of_work import SqlUnitOfWork
from clams.domain.errors import NotFoundError
from clams.domain.signups import SignupNotice, SignupRequest
from clams.services.processor import process_notice
from clams.services.workshops import list_workshops, sign_up, workshop_signups
from clams.stores.signups import SignupRecords

ADA = SignupRequest(
    workshop="Knots", forename="Ada", surname="Lovelace", email="ada@example.org", role="helper"
)


def _notice(signup_id: int) -> SignupNotice:
    return SignupNotice(signup_id=signup_id, workshop_id=1, person_id=1, role_id=1)


def test_the_processor_stores_the_denormalised_sign_up(
    units: Callable[[], SqlUnitOfWork], signup_records: SignupRecords
) -> None:
    # Given Ada signed up for Knots as a helper
    record = sign_up(units, ADA)
    # When the processor handles its notification
    process_notice(_notice(record.SignupId), units, signup_records)
    # Then the sign-ups table holds the record with the title, full name and role spelled out
    [stored] = workshop_signups(signup_records, record.WorkshopId)
    assert (stored.WorkshopTitle, stored.FullName, stored.Email, stored.Role) == (
        "Knots",
        "Ada Lovelace",
        "ada@example.org",
        "helper",
    )
    assert stored.SignedUpOn == record.SignedUpOn


def test_a_duplicate_delivery_leaves_one_record(
    units: Callable[[], SqlUnitOfWork], signup_records: SignupRecords
) -> None:
    # Given a notification already processed once
    record = sign_up(units, ADA)
    process_notice(_notice(record.SignupId), units, signup_records)
    # When it is delivered again
    process_notice(_notice(record.SignupId), units, signup_records)
    # Then the workshop still counts one helper
    assert [w.SignupsByRole for w in list_workshops(signup_records)] == [{"helper": 1}]


def test_a_missing_sign_up_fails(
    engine: Engine, units: Callable[[], SqlUnitOfWork], signup_records: SignupRecords
) -> None:
    # Given a notification whose sign-up has since been deleted
    record = sign_up(units, ADA)
    with engine.begin() as connection:
        connection.execute(delete(WorkshopSignup))
    # When the processor handles it
    # Then it fails (so the message is retried and ends in the dead-letter queue)
    with pytest.raises(NotFoundError, match=f"sign-up {record.SignupId} does not exist"):
        process_notice(_notice(record.SignupId), units, signup_records)
    assert signup_records.all() == []
