"""Versions order the writes of one attendee: a stored record is only replaced by a newer one.

A version is text that sorts in time order: the moment the data was true (an export's time,
or the moment of an API call) and a sequence number that orders rows of one export.
"""

from __future__ import annotations

from datetime import UTC, datetime

_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def make_version(when: datetime, sequence: int = 0) -> str:
    """``2027-06-01T09:30:00.000000Z#00000042``: sorts by ``when``, then by ``sequence``."""
    return f"{when.astimezone(UTC).strftime(_FORMAT)}#{sequence:08d}"


def utc_now() -> datetime:
    return datetime.now(UTC)


def iso_time(when: datetime) -> str:
    """The ISO-8601 UTC form used for ``CreatedTime`` and ``UpdatedTime``."""
    return when.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
