"""A valid BAMS row, field by field, that tests vary one field at a time."""

from __future__ import annotations

from typing import Final

GOOD_FIELDS: Final[dict[str, str]] = {
    "AuthCode": "ABC123",
    "Name": "Ada Lovelace",
    "Email": "ada@example.org",
    "AmountToPay": "070",
    "AmountPaid": "010",
    "DatePaid": "02052027",
    "Telephone": "07700 900123",
    "ArrivalDay": "Wed",
    "StayingLate": "0",
    "NumberOfKids": "2",
    "Diet": "vegan",
}
