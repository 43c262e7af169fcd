"""The attendee record of SPEC section 1 as the API and the stores see it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from pydantic import ValidationError

from clams.domain.attendee import (
    Attendee,
    StoredAttendee,
    explain,
    normalise_auth_code,
    normalise_date_paid,
    parse_yes_no,
)

MakeAttendee = Callable[..., Attendee]


def a_record(**changes: Any) -> dict[str, Any]:
    """A JSON record as a client sends it."""
    return {
        "AuthCode": "ABC123",
        "Name": "Ada Lovelace",
        "Email": "ada@example.org",
        "Telephone": "07700 900123",
        "NumberOfKids": 1,
        "Diet": "",
        "Financials": {"AmountToPay": 100, "AmountPaid": 30, "DatePaid": "2027-05-02"},
        "ArrivalDay": "Thursday",
        "StayingLate": True,
        **changes,
    }


def rejection_of(record: dict[str, Any]) -> str:
    with pytest.raises(ValidationError) as caught:
        Attendee.model_validate(record)
    return explain(caught.value)


def test_derived_fields_are_computed_from_the_record() -> None:
    # Given a Thursday arrival staying late who owes 100 and paid 30
    # When the record is validated
    attendee = Attendee.model_validate(a_record())
    # Then what is due and the nights are worked out, and appear in the JSON
    dumped = attendee.model_dump()
    assert dumped["Financials"]["AmountDue"] == 70
    assert dumped["NumberOfNights"] == 4


def test_derived_fields_sent_by_a_client_are_not_trusted() -> None:
    # Given a record carrying its own (wrong) AmountDue and NumberOfNights
    record = a_record(NumberOfNights=42)
    record["Financials"] = {**record["Financials"], "AmountDue": -999}
    # When it is validated
    attendee = Attendee.model_validate(record)
    # Then the values sent are ignored and the computed ones stand
    assert attendee.Financials.AmountDue == 70
    assert attendee.NumberOfNights == 4


def test_a_record_read_back_from_its_own_json_is_the_same_record() -> None:
    # Given an attendee, dumped to JSON with its derived fields
    attendee = Attendee.model_validate(a_record())
    # When that JSON is validated again
    again = Attendee.model_validate_json(attendee.model_dump_json())
    # Then it is the same attendee
    assert again == attendee


def test_amount_due_is_negative_when_overpaid(an_attendee: MakeAttendee) -> None:
    # Given someone who paid 50 of a 35 bill
    attendee = an_attendee(to_pay=35, paid=50)
    # When what is due is worked out
    # Then it is negative: CLAMS owes them 15
    assert attendee.Financials.AmountDue == -15


def test_unknown_fields_are_rejected_by_name() -> None:
    # Given a record with fields the contract does not have, at both levels
    record = a_record(Nickname="Ada")
    record["Financials"] = {**record["Financials"], "Tip": 5}
    # When it is validated
    message = rejection_of(record)
    # Then the rejection names each of them
    assert "Nickname: unknown field" in message
    assert "Financials.Tip: unknown field" in message


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"AuthCode": "ABC12"}, "AuthCode"),
        ({"Name": "   "}, "Name"),
        ({"Name": "x" * 101}, "Name"),
        ({"Name": "Ada\x07"}, "Name"),
        ({"Email": "ada.example.org"}, "Email"),
        ({"NumberOfKids": -1}, "NumberOfKids"),
        ({"ArrivalDay": "Monday"}, "ArrivalDay"),
        ({"StayingLate": "perhaps"}, "StayingLate"),
        ({"Financials": {"AmountToPay": -1}}, "Financials.AmountToPay"),
        ({"Financials": {"AmountPaid": 1.5}}, "Financials.AmountPaid"),
    ],
)
def test_an_invalid_field_is_named_in_the_explanation(changes: dict[str, Any], field: str) -> None:
    # Given a record with one invalid field
    # When it is validated
    message = rejection_of(a_record(**changes))
    # Then the explanation starts with that field's name
    assert message.startswith(f"{field}: ")


def test_a_missing_required_field_is_named() -> None:
    # Given a record without an e-mail address
    record = a_record()
    del record["Email"]
    # When it is validated
    message = rejection_of(record)
    # Then the explanation names it
    assert message == "Email: Field required"


def test_text_is_trimmed_and_codes_and_days_normalised() -> None:
    # Given a record typed carelessly
    record = a_record(AuthCode=" abc123 ", Name="  Ada  ", ArrivalDay="thu", StayingLate="Y")
    # When it is validated
    attendee = Attendee.model_validate(record)
    # Then it is stored tidily
    assert (attendee.AuthCode, attendee.Name) == ("ABC123", "Ada")
    assert (attendee.ArrivalDay, attendee.StayingLate) == ("Thursday", True)


def test_a_bams_date_in_the_financials_becomes_iso() -> None:
    # Given a payment date in BAMS's DDMMYYYY form
    record = a_record(Financials={"AmountToPay": 10, "AmountPaid": 10, "DatePaid": "02052027"})
    # When it is validated
    attendee = Attendee.model_validate(record)
    # Then it is stored as an ISO date
    assert attendee.Financials.DatePaid == "2027-05-02"


def test_a_stored_attendee_keeps_its_times_but_not_derived_values() -> None:
    # Given a stored record with its times and a stale derived value
    record = a_record(
        CreatedTime="2027-01-01T10:00:00Z", UpdatedTime="2027-02-01T10:00:00Z", NumberOfNights=9
    )
    # When it is validated as a stored attendee
    stored = StoredAttendee.model_validate(record)
    # Then the times are kept and the nights recomputed
    assert (stored.CreatedTime, stored.UpdatedTime) == (
        "2027-01-01T10:00:00Z",
        "2027-02-01T10:00:00Z",
    )
    assert stored.NumberOfNights == 4


@pytest.mark.parametrize("text", ["abc123", " ABC123", "abC12z"])
def test_a_code_is_upper_cased(text: str) -> None:
    # Given a code in any case, perhaps with spaces
    # When it is normalised
    # Then it is six upper-case letters or digits
    assert normalise_auth_code(text) == text.strip().upper()


@pytest.mark.parametrize("text", ["ABC12", "ABC-12", "ABC12Ä", 123456])
def test_a_code_that_is_not_six_letters_or_digits_is_refused(text: object) -> None:
    # Given something that is no booking code
    # When it is normalised
    # Then it is refused
    with pytest.raises(ValueError):
        normalise_auth_code(text)


@pytest.mark.parametrize(
    ("text", "result"),
    [
        ("", ("", True)),
        ("00000000", ("", True)),
        ("02052027", ("2027-05-02", True)),
        ("2027-05-02", ("2027-05-02", True)),
        ("29022028", ("2028-02-29", True)),
        ("29022027", ("29022027", False)),
        ("soon", ("soon", False)),
    ],
)
def test_a_date_paid_is_iso_empty_or_kept_as_written(text: str, result: tuple[str, bool]) -> None:
    # Given a DatePaid as BAMS or a client may write it
    # When it is normalised
    # Then it is an ISO date, empty, or the text with "not a date"
    assert normalise_date_paid(text) == result


@pytest.mark.parametrize("text", ["2", "yess", "on?"])
def test_yes_no_refuses_other_words(text: str) -> None:
    # Given a word that is neither yes nor no
    # When it is parsed
    # Then it is refused
    with pytest.raises(ValueError):
        parse_yes_no(text)
