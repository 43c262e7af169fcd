"""``clams export``: the store written back out in the BAMS format."""

from __future__ import annotations

from pathlib import Path

from pipeline_support import clams

from clams.domain.attendee import Attendee
from clams.domain.bams import open_bams, read_bams_file
from clams.domain.version import make_version, utc_now
from clams.names import Table
from clams.stores.attendees import AttendeeStore, Change

PEOPLE = [
    {
        "AuthCode": "ABC001",
        "Name": "Ada, Countess",
        "Email": "ada@example.org",
        "Financials": {"AmountToPay": 70, "AmountPaid": 35, "DatePaid": "2027-05-02"},
        "ArrivalDay": "Wednesday",
        "NumberOfKids": 2,
        "Diet": 'no "nuts"\nat all',
    },
    {
        "AuthCode": "ABC002",
        "Name": "Zoë Kowalczyk",
        "Email": "zoe@example.org",
        "Financials": {"AmountToPay": 1050, "DatePaid": "paid at the gate"},
        "StayingLate": True,
    },
]


def test_an_export_reads_back_as_the_stored_attendees(
    tmp_path: Path, stack: str, attendee_store: AttendeeStore, tables: dict[Table, str]
) -> None:
    # Given two stored attendees with commas, quotes, newlines and non-ASCII text
    attendees = [Attendee.model_validate(p) for p in PEOPLE]
    attendee_store.apply([Change.put(a, make_version(utc_now())) for a in attendees])
    out = tmp_path / "export.csv"
    # When the stack's store is exported
    result = clams("export", "--stack", stack, "-o", out)
    # Then the file reads back as exactly those attendees, with no rejections
    assert result.exit_code == 0, result.output
    assert "exported 2 attendees" in result.output
    with open_bams(str(out)) as stream:
        read = read_bams_file(stream)
    assert read.rejections == []
    assert read.attendees == attendees


def test_an_unknown_table_is_one_line_and_exit_2(tmp_path: Path, aws: None) -> None:
    result = clams("export", "--table", "nothing-here", "-o", tmp_path / "x.csv")
    assert result.exit_code == 2
    assert "ResourceNotFoundException" in result.output
    assert not (tmp_path / "x.csv").exists()
