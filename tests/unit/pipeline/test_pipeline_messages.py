from __future__ import annotations

import json
from datetime import UTC, datetime

from clams.domain.attendee import Attendee
from clams.domain.messages import AttendeeMessage, code_in, decode, why_invalid
from clams.domain.version import make_version

WHEN = datetime(2027, 6, 1, 9, 30, tzinfo=UTC)


def test_a_message_survives_its_own_encoding() -> None:
    # Given a message
    attendee = Attendee(AuthCode="abc123", Name="Zoë", Email="zoe@example.org")
    message = AttendeeMessage(Attendee=attendee, Version=make_version(WHEN, 7))
    # When it is encoded and decoded
    # Then it is the same message
    assert decode(message.body()) == message


def test_why_a_message_is_invalid_names_fields_but_never_values() -> None:
    # Given a body with a bad e-mail and a bad version
    body = json.dumps(
        {
            "Attendee": {"AuthCode": "ABC123", "Name": "Ada", "Email": "secret-address"},
            "Version": "9999",
        }
    )
    # When it is explained
    reason = why_invalid(body)
    # Then the fields are named and the value is not shown
    assert reason is not None
    assert "Attendee.Email" in reason and "Version" in reason
    assert "secret-address" not in reason
    assert code_in(body) == "ABC123"


def test_a_body_that_is_not_json_is_invalid() -> None:
    assert why_invalid("not json") == "body: json_invalid"
    assert code_in("not json") is None
