"""Factories for the attendee-domain tests: BAMS export text and attendee records."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from support.bams_rows import GOOD_FIELDS

from clams.domain.attendee import Attendee
from clams.domain.bams import HEADER, Rejection, Row, read_bams

HEADER_LINE = ",".join(HEADER)

ReadExport = Callable[[str], list[Row | Rejection]]
ReadRows = Callable[..., list[Row | Rejection]]


@pytest.fixture
def row() -> Callable[..., str]:
    """A valid BAMS data line; keyword arguments replace fields with raw text as written."""

    def make(**fields: str) -> str:
        unknown = set(fields) - set(GOOD_FIELDS)
        assert not unknown, f"not BAMS fields: {unknown}"
        return ",".join({**GOOD_FIELDS, **fields}.values())

    return make


@pytest.fixture
def read_export() -> ReadExport:
    """Reads whole export text (header included) the way a file opened with newline="" is."""

    def read(text: str) -> list[Row | Rejection]:
        return list(read_bams(io.StringIO(text, newline="")))

    return read


@pytest.fixture
def read_rows(read_export: ReadExport) -> ReadRows:
    """Reads data lines placed under the BAMS header, CRLF-terminated as BAMS writes them."""

    def read(*lines: str) -> list[Row | Rejection]:
        return read_export("\r\n".join((HEADER_LINE, *lines)) + "\r\n")

    return read


@pytest.fixture
def read_one(read_rows: ReadRows) -> Callable[[str], Row | Rejection]:
    """Reads a single data line and returns what the reader made of it."""

    def read(line: str) -> Row | Rejection:
        results = read_rows(line)
        assert len(results) == 1, results
        return results[0]

    return read


@pytest.fixture
def an_attendee() -> Callable[..., Attendee]:
    """An attendee built through the model; keyword arguments set the interesting parts."""

    def make(
        code: str = "ABC123",
        name: str = "Ada Lovelace",
        arrival: str = "Tuesday",
        late: bool = False,
        kids: int = 0,
        to_pay: int = 0,
        paid: int = 0,
        diet: str = "",
        date_paid: str = "",
        **extra: Any,
    ) -> Attendee:
        return Attendee.model_validate(
            {
                "AuthCode": code,
                "Name": name,
                "Email": f"{code.lower()}@example.org",
                "NumberOfKids": kids,
                "Diet": diet,
                "Financials": {"AmountToPay": to_pay, "AmountPaid": paid, "DatePaid": date_paid},
                "ArrivalDay": arrival,
                "StayingLate": late,
                **extra,
            }
        )

    return make
