from __future__ import annotations

from collections.abc import Callable

from clams.db.unit_of_work import SqlUnitOfWork
from clams.domain.signups import SignupNotice, SignupRequest
from clams.services.personal_data import PersonalDataStore, Subject
from clams.services.processor import process_notice
from clams.services.workshops import list_workshops, sign_up
from clams.stores.people import PeoplePersonalData
from clams.stores.signups import SignupPersonalData, SignupRecords

ADA = Subject(auth_code="ABC123", email="ada@example.org")


def _ada_and_bob(units: Callable[[], SqlUnitOfWork], records: SignupRecords) -> None:
    for forename, email in (("Ada", "ada@example.org"), ("Bob", "bob@example.org")):
        request = SignupRequest(workshop="Knots", forename=forename, surname="X", email=email)
        record = sign_up(units, request)
        notice = SignupNotice(signup_id=record.SignupId, workshop_id=0, person_id=0, role_id=0)
        process_notice(notice, units, records)


def test_both_sign_up_stores_are_personal_data_stores(
    units: Callable[[], SqlUnitOfWork], signup_records: SignupRecords
) -> None:
    # Given the two stores
    stores: list[PersonalDataStore] = [
        PeoplePersonalData(units),
        SignupPersonalData(signup_records),
    ]
    # Then they are named as a subject-access export shows them
    assert [s.name for s in stores] == ["people", "signups"]


def test_disclosing_shows_the_person_and_their_sign_ups(
    units: Callable[[], SqlUnitOfWork], signup_records: SignupRecords
) -> None:
    # Given Ada and Bob signed up
    _ada_and_bob(units, signup_records)
    # When Ada's data is disclosed
    [person] = PeoplePersonalData(units).disclose(ADA)
    [record] = SignupPersonalData(signup_records).disclose(ADA)
    # Then only Ada's row and record come back
    assert (person["Forename"], person["Email"]) == ("Ada", "ada@example.org")
    assert [s["WorkshopTitle"] for s in person["Signups"]] == ["Knots"]
    assert (record["FullName"], record["Email"]) == ("Ada X", "ada@example.org")


def test_forgetting_anonymises_the_person_and_removes_their_records(
    units: Callable[[], SqlUnitOfWork], signup_records: SignupRecords
) -> None:
    # Given Ada and Bob signed up
    _ada_and_bob(units, signup_records)
    people, records = PeoplePersonalData(units), SignupPersonalData(signup_records)
    # When Ada is forgotten
    changed = (people.forget(ADA), records.forget(ADA))
    # Then her row is anonymised (kept for its sign-up), her record gone, Bob untouched
    assert changed == (1, 1)
    assert people.disclose(ADA) == records.disclose(ADA) == []
    assert [r.FullName for r in signup_records.all()] == ["Bob X"]
    with units() as unit:
        erased = unit.people.find("erased-1@erased.invalid")
        assert erased is not None
        assert [r.FullName for r in unit.people.signups_of(erased)] == ["erased erased"]


def test_forgetting_twice_changes_nothing_the_second_time(
    units: Callable[[], SqlUnitOfWork], signup_records: SignupRecords
) -> None:
    # Given Ada already forgotten
    _ada_and_bob(units, signup_records)
    people, records = PeoplePersonalData(units), SignupPersonalData(signup_records)
    people.forget(ADA)
    records.forget(ADA)
    # When she is forgotten again
    # Then nothing changes
    assert (people.forget(ADA), records.forget(ADA)) == (0, 0)
    assert [w.SignupsByRole for w in list_workshops(signup_records)] == [{"attendee": 1}]


def test_a_subject_without_an_email_matches_nothing(
    units: Callable[[], SqlUnitOfWork], signup_records: SignupRecords
) -> None:
    # Given Ada and Bob signed up
    _ada_and_bob(units, signup_records)
    anonymous = Subject(auth_code="ABC123")
    # When a subject without an e-mail is forgotten
    # Then no store matches anything
    assert PeoplePersonalData(units).forget(anonymous) == 0
    assert SignupPersonalData(signup_records).forget(anonymous) == 0
