"""One test per trap of the BAMS export (SPEC section 2): what BAMS really writes."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest

from clams.domain.attendee import Attendee
from clams.domain.bams import HEADER, Rejection, Row, open_bams, read_bams, read_bams_file

ReadOne = Callable[[str], Row | Rejection]
ReadRows = Callable[..., list[Row | Rejection]]
ReadExport = Callable[[str], list[Row | Rejection]]
MakeRow = Callable[..., str]

HEADER_LINE = ",".join(HEADER)


def attendee_of(result: Row | Rejection) -> Attendee:
    assert isinstance(result, Row), result
    return result.attendee


def reason_of(result: Row | Rejection) -> str:
    assert isinstance(result, Rejection), result
    return result.reason


# --- money --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "pounds"), [("035", 35), ("010", 10), ("08", 8), ("09", 9), ("000", 0)]
)
def test_zero_padded_money_is_decimal_pounds_not_octal(
    read_one: ReadOne, row: MakeRow, written: str, pounds: int
) -> None:
    # Given a row whose amounts are zero-padded the COBOL way
    line = row(AmountToPay=written, AmountPaid=written)
    # When it is read
    money = attendee_of(read_one(line)).Financials
    # Then both amounts are read in base ten (an octal parser gives 29 for 035, fails on 08)
    assert (money.AmountToPay, money.AmountPaid) == (pounds, pounds)


def test_a_number_too_long_to_convert_is_a_rejection_not_a_crash(
    read_one: ReadOne, row: MakeRow
) -> None:
    # Given an amount of thousands of digits (beyond Python's int-from-text limit)
    line = row(AmountToPay="1" * 5000)
    # When it is read
    result = read_one(line)
    # Then the row is rejected for its AmountToPay
    assert "AmountToPay" in reason_of(result)


def test_a_long_run_of_leading_zeros_is_still_the_amount(read_one: ReadOne, row: MakeRow) -> None:
    # Given an amount padded with far more zeros than any field width
    line = row(AmountPaid="0" * 5000 + "35")
    # When it is read
    money = attendee_of(read_one(line)).Financials
    # Then the padding means nothing
    assert money.AmountPaid == 35


@pytest.mark.parametrize("written", ["-5", "3.50", "£35", "35p", "1e3"])
def test_money_that_is_not_whole_pounds_is_rejected(
    read_one: ReadOne, row: MakeRow, written: str
) -> None:
    # Given an amount BAMS would never write
    line = row(AmountToPay=written)
    # When it is read
    result = read_one(line)
    # Then the row is rejected and the reason names the field and the text
    assert "AmountToPay" in reason_of(result)
    assert repr(written) in reason_of(result)


# --- arrival days and staying late ----------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "day", "nights"),
    [
        ("Tue", "Tuesday", 5),
        ("tue", "Tuesday", 5),
        ("TUESDAY", "Tuesday", 5),
        ("wednesday", "Wednesday", 4),
        ("Thu", "Thursday", 3),
        ("fRi", "Friday", 2),
        ("SAT", "Saturday", 1),
        (" Sat ", "Saturday", 1),
    ],
)
def test_abbreviated_and_mixed_case_days_count_their_nights(
    read_one: ReadOne, row: MakeRow, written: str, day: str, nights: int
) -> None:
    # Given an arrival day as BAMS abbreviates it, in any case
    line = row(ArrivalDay=written, StayingLate="0")
    # When it is read
    attendee = attendee_of(read_one(line))
    # Then it becomes the full day name and the nights follow from it
    assert attendee.ArrivalDay == day
    assert attendee.NumberOfNights == nights


def test_a_blank_arrival_day_means_all_five_nights(read_one: ReadOne, row: MakeRow) -> None:
    # Given a row with no arrival day
    line = row(ArrivalDay="", StayingLate="0")
    # When it is read
    attendee = attendee_of(read_one(line))
    # Then the attendee is on site from the first night
    assert (attendee.ArrivalDay, attendee.NumberOfNights) == ("", 5)


def test_a_day_outside_the_event_is_rejected_not_guessed(read_one: ReadOne, row: MakeRow) -> None:
    # Given an arrival day the event does not have
    line = row(ArrivalDay="Mon")
    # When it is read
    result = read_one(line)
    # Then the row is rejected naming the field, rather than silently given 5 nights
    assert "ArrivalDay" in reason_of(result)


@pytest.mark.parametrize(
    ("written", "late"),
    [
        ("0", False),
        ("1", True),
        ("Yes", True),
        ("No", False),
        ("Y", True),
        ("n", False),
        ("true", True),
        ("FALSE", False),
        ("yEs", True),
    ],
)
def test_staying_late_accepts_0_1_and_yes_no_spellings(
    read_one: ReadOne, row: MakeRow, written: str, late: bool
) -> None:
    # Given a Thursday arrival with StayingLate spelled one of the accepted ways
    line = row(ArrivalDay="Thu", StayingLate=written)
    # When it is read
    attendee = attendee_of(read_one(line))
    # Then staying late is understood and adds the Sunday night
    assert attendee.StayingLate is late
    assert attendee.NumberOfNights == 3 + late


def test_staying_late_that_is_no_yes_or_no_is_rejected(read_one: ReadOne, row: MakeRow) -> None:
    # Given a StayingLate value that means neither
    line = row(StayingLate="maybe")
    # When it is read
    result = read_one(line)
    # Then the row is rejected naming the field
    assert "StayingLate" in reason_of(result)


# --- dates --------------------------------------------------------------------------------


def test_an_all_zero_date_means_not_paid_yet(read_one: ReadOne, row: MakeRow) -> None:
    # Given BAMS's "no date" of eight zeros
    line = row(DatePaid="00000000", AmountPaid="000")
    # When it is read
    result = read_one(line)
    # Then the date is empty and nothing is warned about
    assert isinstance(result, Row)
    assert result.attendee.Financials.DatePaid == ""
    assert result.warnings == ()


def test_a_valid_ddmmyyyy_date_becomes_iso(read_one: ReadOne, row: MakeRow) -> None:
    # Given a payment date as BAMS writes it, day first
    line = row(DatePaid="02052027")
    # When it is read
    result = read_one(line)
    # Then it is the ISO date, without a warning
    assert isinstance(result, Row)
    assert result.attendee.Financials.DatePaid == "2027-05-02"
    assert result.warnings == ()


@pytest.mark.parametrize("written", ["31022027", "13132027", "next week", "2027/05/02"])
def test_a_date_that_is_not_a_date_is_kept_as_written_with_a_warning(
    read_one: ReadOne, row: MakeRow, written: str
) -> None:
    # Given a DatePaid that cannot be a calendar date
    line = row(DatePaid=written)
    # When it is read
    result = read_one(line)
    # Then the row is kept, the text is unchanged and a warning names it
    assert isinstance(result, Row)
    assert result.attendee.Financials.DatePaid == written
    assert len(result.warnings) == 1
    assert repr(written) in result.warnings[0]


# --- text, quoting and encoding -------------------------------------------------------------


def test_a_leading_byte_order_mark_is_ignored(read_export: ReadExport, row: MakeRow) -> None:
    # Given an export that starts with a BOM, as Windows tools write it
    text = "\ufeff" + HEADER_LINE + "\r\n" + row() + "\r\n"
    # When it is read
    results = read_export(text)
    # Then the header is recognised and the row is read
    assert [attendee_of(r).AuthCode for r in results] == ["ABC123"]


def test_quoted_fields_keep_their_commas_and_doubled_quotes(
    read_one: ReadOne, row: MakeRow
) -> None:
    # Given fields quoted because they hold commas and quotes
    line = row(Name='"O""Neill, Urša"', Diet='"no nuts, please; ""really"""')
    # When it is read
    attendee = attendee_of(read_one(line))
    # Then the text is as the person wrote it
    assert attendee.Name == 'O"Neill, Urša'
    assert attendee.Diet == 'no nuts, please; "really"'


def test_a_quoted_field_may_span_lines_and_later_line_numbers_stay_physical(
    read_rows: ReadRows, row: MakeRow
) -> None:
    # Given a row on line 2 whose Diet runs over to line 4, then a bad row on line 5
    spanning = row(Diet='"no nuts\r\nno shellfish\r\nno gluten"')
    bad = row(AuthCode="BAD")
    # When the export is read
    first, second = read_rows(spanning, bad)
    # Then the note keeps its line breaks and each row is numbered where it starts
    assert isinstance(first, Row)
    assert first.line == 2
    assert first.attendee.Diet == "no nuts\r\nno shellfish\r\nno gluten"
    assert isinstance(second, Rejection)
    assert second.line == 5


@pytest.mark.parametrize("name", ["Zoë Kowalczyk", "Urša O'Neill", "李小龍", "Ifan ap Gwilym 🏕"])
def test_names_in_any_script_are_read_as_utf8(read_one: ReadOne, row: MakeRow, name: str) -> None:
    # Given a name outside ASCII
    line = row(Name=name)
    # When it is read
    attendee = attendee_of(read_one(line))
    # Then it is unchanged
    assert attendee.Name == name


def test_blank_lines_are_ignored_and_line_numbers_stay_physical(
    read_export: ReadExport, row: MakeRow
) -> None:
    # Given blank lines between the header and the rows, and between the rows
    text = "\r\n".join((HEADER_LINE, "", row(), "", "   ", row(AuthCode="BAD"), "")) + "\r\n"
    # When it is read
    results = read_export(text)
    # Then only the two rows come out, numbered by the lines they are on
    assert [(type(r), r.line) for r in results] == [(Row, 3), (Rejection, 6)]


@pytest.mark.parametrize(("extra", "count"), [(-1, 10), (1, 12), (-10, 1)])
def test_short_and_long_rows_are_rejected_with_their_field_count(
    read_one: ReadOne, row: MakeRow, extra: int, count: int
) -> None:
    # Given a row with too few or too many fields
    fields = row().split(",")
    line = ",".join(fields[:extra] if extra < 0 else [*fields, "surplus"])
    # When it is read
    result = read_one(line)
    # Then it is rejected saying how many fields it has
    assert reason_of(result) == f"has {count} fields, expected 11"


# --- fields that make a row invalid ---------------------------------------------------------


@pytest.mark.parametrize(
    "email", ["not-an-email", "ada@", "@example.org", "ada@example", "a b@c.d"]
)
def test_a_bad_email_is_rejected(read_one: ReadOne, row: MakeRow, email: str) -> None:
    # Given an e-mail address that does not look like one
    line = row(Email=email)
    # When it is read
    result = read_one(line)
    # Then the row is rejected naming the field
    assert reason_of(result).startswith("Email:")


def test_negative_kids_are_rejected(read_one: ReadOne, row: MakeRow) -> None:
    # Given a negative number of kids
    line = row(NumberOfKids="-1")
    # When it is read
    result = read_one(line)
    # Then the row is rejected naming the field
    assert "NumberOfKids" in reason_of(result)


@pytest.mark.parametrize("code", ["ABC12", "ABC1234", "ABC-12", "AB C12", "ÄBC123", ""])
def test_a_bad_code_is_rejected(read_one: ReadOne, row: MakeRow, code: str) -> None:
    # Given a booking code that is not 6 letters or digits
    line = row(AuthCode=code)
    # When it is read
    result = read_one(line)
    # Then the row is rejected naming the field
    assert reason_of(result).startswith("AuthCode:")


def test_a_lower_case_code_is_normalised_to_upper_case(read_one: ReadOne, row: MakeRow) -> None:
    # Given a code typed in lower case
    line = row(AuthCode="abc12x")
    # When it is read
    attendee = attendee_of(read_one(line))
    # Then it is stored in upper case
    assert attendee.AuthCode == "ABC12X"


def test_every_problem_of_a_row_is_named_in_one_reason(read_one: ReadOne, row: MakeRow) -> None:
    # Given a row with a bad amount and a bad e-mail
    line = row(AmountPaid="lots", Email="nobody")
    # When it is read
    reason = reason_of(read_one(line))
    # Then the reason names both fields
    assert "AmountPaid" in reason
    assert "Email" in reason


def test_the_same_code_twice_keeps_the_later_row_and_names_both_lines(row: MakeRow) -> None:
    # Given a code on line 2 and again, with another name, on line 4
    text = "\r\n".join((HEADER_LINE, row(Name="First"), row(AuthCode="XYZ789"), row(Name="Second")))
    # When the whole export is read
    result = read_bams_file(io.StringIO(text, newline=""))
    # Then the later row wins, and the warning names both lines
    assert result.rows["ABC123"].attendee.Name == "Second"
    assert result.rows["ABC123"].line == 4
    assert len(result.attendees) == 2
    [(line, warning)] = result.warnings
    assert line == 4
    assert "line 2" in warning
    assert "line 4" in warning


# --- files that are not BAMS exports --------------------------------------------------------


@pytest.mark.parametrize(
    "header",
    [
        "Code,Name,Email,AmountToPay,AmountPaid,DatePaid,Telephone,ArrivalDay,StayingLate,NumberOfKids,Diet",
        ",".join(HEADER[:-1]),
        ",".join(reversed(HEADER)),
        "ABC123,Ada,ada@example.org,070,010,02052027,,Wed,0,2,",
    ],
)
def test_a_wrong_header_rejects_line_1_and_reads_nothing_else(
    read_export: ReadExport, row: MakeRow, header: str
) -> None:
    # Given an export whose first line is not the BAMS header
    text = header + "\r\n" + row() + "\r\n"
    # When it is read
    results = read_export(text)
    # Then there is one rejection, for line 1, that spells out the expected header
    assert results == [Rejection(1, f"the header must be exactly: {','.join(HEADER)}")]


@pytest.mark.parametrize("text", ["", "\ufeff"])
def test_an_empty_file_is_one_rejection_for_line_1(read_export: ReadExport, text: str) -> None:
    # Given a file with nothing in it (perhaps but a BOM)
    # When it is read
    results = read_export(text)
    # Then it is rejected as empty
    assert results == [Rejection(1, "the file is empty: expected the BAMS header")]


def test_a_header_only_file_has_no_rows(read_export: ReadExport) -> None:
    # Given an export with no attendees
    # When it is read
    results = read_export(HEADER_LINE + "\r\n")
    # Then there is nothing to report
    assert results == []


def test_bytes_that_are_not_utf8_reject_only_their_row(tmp_path: Path, row: MakeRow) -> None:
    # Given a file whose second row holds Latin-1 bytes among UTF-8 ones
    path = tmp_path / "export.csv"
    lines = (HEADER_LINE, row(AuthCode="AAA111"), row(Name="Zo#"), row(AuthCode="CCC333"))
    path.write_bytes("\r\n".join(lines).encode().replace(b"Zo#", b"Zo\xeb"))
    # When it is read through open_bams
    with open_bams(str(path)) as stream:
        results = list(read_bams(stream))
    # Then that row alone is rejected, and the rows around it are read
    assert [(type(r), r.line) for r in results] == [(Row, 2), (Rejection, 3), (Row, 4)]
    assert "UTF-8" in reason_of(results[1])


@pytest.mark.parametrize("field", ["Name", "AuthCode", "Diet"])
def test_a_nul_byte_rejects_its_row(read_rows: ReadRows, row: MakeRow, field: str) -> None:
    # Given a row with a NUL byte in one of its fields, between two good rows
    bad = row(**{"AuthCode": "BBB222", field: "ab\x00c12"})
    # When the export is read
    results = read_rows(row(AuthCode="AAA111"), bad, row(AuthCode="CCC333"))
    # Then that row alone is rejected, naming the field
    assert [(type(r), r.line) for r in results] == [(Row, 2), (Rejection, 3), (Row, 4)]
    assert field in reason_of(results[1])
