"""The BAMS CSV export (SPEC section 2): a streaming reader and the "sync back" writer.

The reader never raises on bad data: each physical row becomes either a :class:`Row` (an
attendee, perhaps with warnings) or a :class:`Rejection` naming the line and the reason.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final, TextIO

from pydantic import ValidationError

from clams.domain.attendee import Attendee, explain, normalise_date_paid

HEADER: Final = (
    "AuthCode",
    "Name",
    "Email",
    "AmountToPay",
    "AmountPaid",
    "DatePaid",
    "Telephone",
    "ArrivalDay",
    "StayingLate",
    "NumberOfKids",
    "Diet",
)
_WHOLE_NUMBER = re.compile(r"[0-9]+")
_UNDECODED = re.compile("[\ud800-\udfff]")
_MAX_DIGITS: Final = 19


@dataclass(frozen=True)
class Row:
    """A valid row: the physical line it starts on, the attendee, and any warnings."""

    line: int
    attendee: Attendee
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rejection:
    """A row that could not become an attendee, with the line it starts on and why."""

    line: int
    reason: str
    fields: tuple[str, ...] = field(default=(), compare=False)
    """The row's fields as read, when it could be split into fields (for a rejects file)."""


def read_bams(lines: Iterable[str]) -> Iterator[Row | Rejection]:
    """Read a BAMS export row by row.

    ``lines`` is a text stream opened with ``newline=""`` (quoted fields may span lines).
    A code seen twice yields both rows; the later one carries a warning naming both lines.
    """
    reader = csv.reader(_without_bom(lines), strict=False)
    header = _next_row(reader)
    if header is None:
        yield Rejection(1, "the file is empty: expected the BAMS header")
        return
    if isinstance(header, Rejection) or tuple(h.strip() for h in header[1]) != HEADER:
        yield Rejection(1, f"the header must be exactly: {','.join(HEADER)}")
        return
    first_seen: dict[str, int] = {}
    while (item := _next_row(reader)) is not None:
        if isinstance(item, Rejection):
            yield item
            continue
        line, fields = item
        if not any(f.strip() for f in fields):
            continue
        result = parse_row(line, fields)
        if isinstance(result, Row):
            result = _note_duplicate(result, first_seen)
        yield result


def _without_bom(lines: Iterable[str]) -> Iterator[str]:
    iterator = iter(lines)
    first = next(iterator, None)
    if first is None:
        return
    first = first.removeprefix("\ufeff")
    if first:
        yield first
    yield from iterator


def _next_row(reader: Iterator[list[str]]) -> tuple[int, list[str]] | Rejection | None:
    start = reader.line_num + 1  # type: ignore[attr-defined]
    try:
        return start, next(reader)
    except StopIteration:
        return None
    except csv.Error as error:
        return Rejection(start, f"not readable as CSV: {error}")


def _note_duplicate(row: Row, first_seen: dict[str, int]) -> Row:
    code = row.attendee.AuthCode
    earlier = first_seen.get(code)
    first_seen[code] = row.line
    if earlier is None:
        return row
    warning = f"AuthCode {code} also on line {earlier}; line {row.line} wins"
    return Row(row.line, row.attendee, (*row.warnings, warning))


def parse_row(line: int, fields: list[str]) -> Row | Rejection:
    """Turn one row's fields into an attendee, or say why it cannot be one."""
    if len(fields) != len(HEADER):
        return Rejection(line, f"has {len(fields)} fields, expected {len(HEADER)}", tuple(fields))
    if any(_UNDECODED.search(f) for f in fields):
        return Rejection(line, "is not valid UTF-8 text", tuple(fields))
    raw = dict(zip(HEADER, fields, strict=True))
    numbers, problems = _numbers(raw)
    try:
        attendee = Attendee.model_validate(
            {
                "AuthCode": raw["AuthCode"],
                "Name": raw["Name"],
                "Email": raw["Email"],
                "Telephone": raw["Telephone"],
                "NumberOfKids": numbers["NumberOfKids"],
                "Diet": raw["Diet"],
                "Financials": {
                    "AmountToPay": numbers["AmountToPay"],
                    "AmountPaid": numbers["AmountPaid"],
                    "DatePaid": raw["DatePaid"],
                },
                "ArrivalDay": raw["ArrivalDay"],
                "StayingLate": raw["StayingLate"],
            }
        )
    except ValidationError as error:
        problems.append(explain(error))
    if problems:
        return Rejection(line, "; ".join(problems), tuple(fields))
    return Row(line, attendee, _date_warning(raw["DatePaid"]))


def _numbers(raw: dict[str, str]) -> tuple[dict[str, int], list[str]]:
    """Money and kids as decimal whole numbers (``035`` is 35, never octal 29)."""
    numbers: dict[str, int] = {}
    problems: list[str] = []
    for name in ("AmountToPay", "AmountPaid", "NumberOfKids"):
        text = raw[name].strip()
        value = _whole_number(text)
        if value is None:
            problems.append(f"{name}: {text!r} is not a whole number of 0 or more")
        numbers[name] = value or 0
    return numbers, problems


def _whole_number(text: str) -> int | None:
    """Decimal digits, zero padding ignored; blank is 0; anything else None.

    Digits beyond any sensible amount are cut off (the model then rejects the value as too
    large): Python refuses to turn thousands of digits into a number.
    """
    if not _WHOLE_NUMBER.fullmatch(text or "0"):
        return None
    return int(text.lstrip("0")[:_MAX_DIGITS] or "0", 10)


def _date_warning(text: str) -> tuple[str, ...]:
    value, is_a_date = normalise_date_paid(text)
    return () if is_a_date else (f"DatePaid {value!r} is not a date; kept as written",)


@dataclass
class BamsFile:
    """A whole export, read: the latest row per code, the rejections and the warnings."""

    rows: dict[str, Row] = field(default_factory=dict)
    rejections: list[Rejection] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)

    @property
    def attendees(self) -> list[Attendee]:
        return [row.attendee for row in self.rows.values()]


def read_bams_file(lines: Iterable[str]) -> BamsFile:
    """Read a whole export, keeping the later row where a code appears twice."""
    result = BamsFile()
    for item in read_bams(lines):
        if isinstance(item, Rejection):
            result.rejections.append(item)
            continue
        result.rows.pop(item.attendee.AuthCode, None)
        result.rows[item.attendee.AuthCode] = item
        result.warnings.extend((item.line, w) for w in item.warnings)
    return result


def open_bams(path: str) -> TextIO:
    """Open an export as the reader wants it: UTF-8 (a BOM may lead), newlines untouched.

    Bytes that are not UTF-8 become lone surrogates (``surrogateescape``), so the row holding
    them is rejected, not the file, while a real U+FFFD in a name is still text. Write such a
    row back out with ``errors="surrogateescape"`` to keep its bytes as they were.
    """
    return Path(path).open(encoding="utf-8-sig", errors="surrogateescape", newline="")


def write_bams(attendees: Iterable[Attendee], out: TextIO) -> int:
    """Write attendees in the BAMS format; return how many rows were written.

    ``out`` must be opened with ``newline=""``. Money is zero-padded to three digits, dates
    are ``DDMMYYYY`` (``00000000`` when unpaid), days abbreviated, ``StayingLate`` 0/1.
    """
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    count = 0
    for attendee in attendees:
        writer.writerow(bams_fields(attendee))
        count += 1
    return count


def bams_fields(attendee: Attendee) -> list[str]:
    money = attendee.Financials
    return [
        attendee.AuthCode,
        attendee.Name,
        attendee.Email,
        f"{money.AmountToPay:03d}",
        f"{money.AmountPaid:03d}",
        _bams_date(money.DatePaid),
        attendee.Telephone,
        attendee.ArrivalDay[:3],
        "1" if attendee.StayingLate else "0",
        str(attendee.NumberOfKids),
        attendee.Diet,
    ]


def _bams_date(value: str) -> str:
    if not value:
        return "00000000"
    iso, is_a_date = normalise_date_paid(value)
    if not is_a_date:
        return value
    year, month, day = iso.split("-")
    return f"{day}{month}{year}"
