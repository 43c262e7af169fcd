"""The attendee record of SPEC section 1.

Derived fields (``AmountDue``, ``NumberOfNights``) are always computed; when a client sends
them back (a record fetched and sent again), they are ignored, never trusted.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Annotated, Any, Final, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    computed_field,
    field_validator,
    model_validator,
)

from clams.domain.nights import Day, Night, nights_on_site, parse_day

MAX_POUNDS: Final = 10_000_000
MAX_KIDS: Final = 1_000
_CODE = re.compile(r"[0-9A-Z]{6}")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_BAMS_DATE = re.compile(r"[0-9]{8}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)+")
_ALLOWED_CONTROLS: Final = frozenset("\t\n\r")
_DERIVED: Final = ("AmountDue", "NumberOfNights", "CreatedTime", "UpdatedTime")


def normalise_auth_code(value: object) -> str:
    """Upper-case and check a booking code; raise ValueError when it is not 6 of [0-9A-Z]."""
    if not isinstance(value, str):
        raise ValueError("must be text")
    code = value.strip().upper()
    if not _CODE.fullmatch(code):
        raise ValueError(f"{value!r} is not 6 letters or digits")
    return code


def _printable(value: str) -> str:
    for char in value:
        category = unicodedata.category(char)
        if category == "Cs" or (category == "Cc" and char not in _ALLOWED_CONTROLS):
            raise ValueError(f"contains the control character U+{ord(char):04X}")
    return value


def _email(value: str) -> str:
    if len(value) > 254 or not _EMAIL.fullmatch(value):
        raise ValueError(f"{value!r} does not look like an e-mail address")
    return value


def normalise_date_paid(text: str) -> tuple[str, bool]:
    """BAMS ``DDMMYYYY``, ISO ``YYYY-MM-DD``, ``00000000`` or blank → (value, is_a_date).

    Text that is no date is kept as written and reported as such (is_a_date False).
    """
    text = text.strip()
    if text in ("", "00000000"):
        return "", True
    for parse in (_parse_bams_date, _parse_iso_date):
        try:
            return parse(text).isoformat(), True
        except ValueError:
            continue
    return text, False


def _parse_bams_date(text: str) -> date:
    if not _BAMS_DATE.fullmatch(text):
        raise ValueError(text)
    return date(int(text[4:]), int(text[2:4]), int(text[:2]))


def _parse_iso_date(text: str) -> date:
    if not _ISO_DATE.fullmatch(text):
        raise ValueError(text)
    return date.fromisoformat(text)


def _date_paid(value: str) -> str:
    return normalise_date_paid(value)[0]


def _arrival_day(value: object) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        return ""
    day = parse_day(value) if isinstance(value, str) else None
    if day is None:
        raise ValueError(f"{value!r} is not one of Tue, Wed, Thu, Fri, Sat")
    return day


Text = Annotated[
    str,
    AfterValidator(_printable),
    Field(json_schema_extra={"pattern": r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$"}),
]
Code = Annotated[
    str,
    BeforeValidator(normalise_auth_code),
    Field(json_schema_extra={"pattern": "^[0-9A-Za-z]{6}$"}),
]
Pounds = Annotated[int, Field(ge=0, le=MAX_POUNDS)]


class _Record(BaseModel):
    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=True, populate_by_name=True
    )

    @model_validator(mode="before")
    @classmethod
    def _ignore_derived(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if k not in _DERIVED}
        return data


class Payments(_Record):
    """The ``Financials`` object: whole pounds to pay and paid, and when."""

    AmountToPay: Pounds = 0
    AmountPaid: Pounds = 0
    DatePaid: Annotated[Text, AfterValidator(_date_paid)] = Field(default="", max_length=100)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def AmountDue(self) -> int:
        return self.AmountToPay - self.AmountPaid


class Attendee(_Record):
    """One booking: an adult with their kids, what they owe and when they arrive."""

    AuthCode: Code
    Name: Text = Field(min_length=1, max_length=100)
    Email: Annotated[
        Text,
        AfterValidator(_email),
        Field(json_schema_extra={"maxLength": 254, "pattern": r"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$"}),
    ]
    Telephone: Text = Field(default="", max_length=100)
    NumberOfKids: int = Field(default=0, ge=0, le=MAX_KIDS)
    Diet: Text = Field(default="", max_length=1000)
    Financials: Payments = Field(default_factory=lambda: Payments())
    ArrivalDay: Annotated[Day | Literal[""], BeforeValidator(_arrival_day)] = ""
    StayingLate: bool = False

    @computed_field  # type: ignore[prop-decorator]
    @property
    def NumberOfNights(self) -> int:
        return len(self.nights)

    @property
    def nights(self) -> tuple[Night, ...]:
        return nights_on_site(self.ArrivalDay, self.StayingLate)

    @field_validator("StayingLate", mode="before")
    @classmethod
    def _staying_late(cls, value: Any) -> Any:
        return parse_yes_no(value) if isinstance(value, str) else value


class StoredAttendee(Attendee):
    """An attendee as the store holds it, with the times it was created and last changed."""

    CreatedTime: str = ""
    UpdatedTime: str = ""

    @model_validator(mode="before")
    @classmethod
    def _ignore_derived(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if k not in _DERIVED[:2]}
        return data


_YES: Final = frozenset({"1", "yes", "y", "true", "t"})
_NO: Final = frozenset({"0", "no", "n", "false", "f", ""})


def parse_yes_no(text: str) -> bool:
    """BAMS's ``0``/``1`` and the yes/no spellings people type, any case."""
    word = text.strip().lower()
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise ValueError(f"{text!r} is not one of 0, 1, yes, no, true, false")


def explain(error: Exception) -> str:
    """One line naming each invalid field and why, for people reading a rejection."""
    if not hasattr(error, "errors"):
        return str(error)
    parts = []
    for item in error.errors():
        where = ".".join(str(p) for p in item["loc"]) or "record"
        message = str(item["msg"]).removeprefix("Value error, ")
        if item["type"] == "extra_forbidden":
            message = "unknown field"
        parts.append(f"{where}: {message}")
    return "; ".join(parts)
