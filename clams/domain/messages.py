"""The message that carries one attendee from the uploader to the writer.

Body: ``{"Attendee": {...record...}, "Version": "<make_version(export time, line)>"}``. The
uploader encodes it and the writer decodes it with the same model, so the two cannot drift.
"""

from __future__ import annotations

import json
import re
from typing import Final

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pydantic_core import ErrorDetails

from clams.domain.attendee import Attendee as AttendeeRecord

VERSION_PATTERN: Final = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z#\d{8}$"
_CODE_IN_BODY = re.compile(r'"AuthCode"\s*:\s*"([0-9A-Za-z]{6})"')


class AttendeeMessage(BaseModel):
    """One attendee as of a version (see :mod:`clams.domain.version`)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    Attendee: AttendeeRecord
    Version: str = Field(pattern=VERSION_PATTERN)

    def body(self) -> str:
        return self.model_dump_json()


def decode(body: str) -> AttendeeMessage:
    """The message in an SQS body; raises pydantic's ValidationError when it is not one."""
    return AttendeeMessage.model_validate_json(body)


def why_invalid(body: str) -> str | None:
    """Why a body is not a valid message (see :func:`problems`); None when it is valid."""
    try:
        decode(body)
    except ValidationError as error:
        return problems(error)
    return None


def problems(error: ValidationError) -> str:
    """Each invalid field and the kind of problem, never the value: safe for logs and listings.

    An invalid e-mail reads ``Attendee.Email: value_error``, not the address itself.
    """
    return "; ".join(_field_problem(item) for item in error.errors())


def _field_problem(item: ErrorDetails) -> str:
    where = ".".join(str(part) for part in item["loc"]) or "body"
    return f"{where}: {item['type']}"


def code_in(body: str) -> str | None:
    """The AuthCode a body names, when one can be found even in an invalid body."""
    try:
        code = json.loads(body)["Attendee"]["AuthCode"]
    except (ValueError, KeyError, TypeError):
        match = _CODE_IN_BODY.search(body)
        return match.group(1).upper() if match else None
    return code.strip().upper() if isinstance(code, str) else None
