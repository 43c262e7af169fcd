"""The "sync back" writer: CLAMS's records in the format BAMS reads."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from clams.domain.attendee import Attendee
from clams.domain.bams import HEADER, Row, bams_fields, open_bams, read_bams, write_bams

MakeAttendee = Callable[..., Attendee]


def test_fields_are_written_the_way_bams_writes_them(an_attendee: MakeAttendee) -> None:
    # Given a Friday arrival staying late who paid part of the bill on 2 May 2027
    attendee = an_attendee(
        "ABC123",
        "Ada",
        arrival="Friday",
        late=True,
        kids=2,
        to_pay=35,
        paid=7,
        date_paid="2027-05-02",
        diet="vegan",
        Telephone="07700 900123",
    )
    # When its BAMS fields are produced
    fields = bams_fields(attendee)
    # Then money is zero-padded, the date day-first, the day abbreviated, late is 1
    assert fields == [
        "ABC123",
        "Ada",
        "abc123@example.org",
        "035",
        "007",
        "02052027",
        "07700 900123",
        "Fri",
        "1",
        "2",
        "vegan",
    ]


def test_an_unpaid_record_with_no_arrival_day_is_written_with_bams_blanks(
    an_attendee: MakeAttendee,
) -> None:
    # Given a record with no payment date and no arrival day
    attendee = an_attendee(arrival="", to_pay=1234)
    # When its BAMS fields are produced
    fields = dict(zip(HEADER, bams_fields(attendee), strict=True))
    # Then the date is eight zeros, the day blank, and large amounts are not cut
    assert (fields["DatePaid"], fields["ArrivalDay"], fields["AmountToPay"]) == (
        "00000000",
        "",
        "1234",
    )


def test_the_export_starts_with_the_header_and_ends_lines_with_crlf(
    an_attendee: MakeAttendee,
) -> None:
    # Given two records
    records = [an_attendee("AAA111"), an_attendee("BBB222")]
    out = io.StringIO(newline="")
    # When they are written
    count = write_bams(records, out)
    # Then the header comes first, each row on its own CRLF-terminated line
    lines = out.getvalue().split("\r\n")
    assert count == 2
    assert lines[0] == ",".join(HEADER)
    assert [line[:6] for line in lines[1:]] == ["AAA111", "BBB222", ""]


def test_an_export_written_to_a_file_reads_back_through_open_bams(
    tmp_path: Path, an_attendee: MakeAttendee
) -> None:
    # Given records with text that needs care: quotes, commas, line breaks, U+FFFD, a BOM char
    records = [
        an_attendee("AAA111", name='Zoë "Zo" O\'Neill, Jr', diet="no nuts,\nno gluten"),
        an_attendee("BBB222", name="Bryn \ufffd Jones", diet="\ufeffvegan"),
    ]
    path = tmp_path / "export.csv"
    # When they are written to a UTF-8 file and read with open_bams
    with path.open("w", encoding="utf-8", newline="") as out:
        write_bams(records, out)
    with open_bams(str(path)) as stream:
        results = list(read_bams(stream))
    # Then the same records come back
    assert [r.attendee for r in results if isinstance(r, Row)] == records
