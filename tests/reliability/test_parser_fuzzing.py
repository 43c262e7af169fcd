"""Part 1 — parser fuzzing: hostile input never raises anything but the documented error.

Each reader of outside input is fed arbitrary text, bytes or JSON-ish values (hypothesis):
the BAMS reader, the attendee record, the queue message, the sign-up models, page tokens,
the users document, the authorizer's header parsing and the API's request validation.
"""

from __future__ import annotations

import base64
import codecs
import io
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from reliability_strategies import (
    FEW,
    FUZZ,
    HEADER_LINE,
    attendee_shaped,
    csv_bodies,
    header_values,
    json_ish,
    raw_bytes,
    shaped,
)
from reliability_support import LambdaContext, MotoStack, http_event

from clams.api.errors import describe_validation
from clams.auth.credentials import Verdict, check, parse_basic
from clams.auth.users import Users, UsersDocumentError
from clams.domain.attendee import Attendee, StoredAttendee
from clams.domain.bams import HEADER, Rejection, Row, parse_row, read_bams
from clams.domain.errors import InvalidInputError
from clams.domain.messages import AttendeeMessage, code_in, why_invalid
from clams.domain.signups import SignupNotice, SignupRequest
from clams.services.writer import Delivery, write_batch
from clams.stores.attendees import Change, Outcome

API_FUZZ = settings(parent=FUZZ, max_examples=80)

# --- the BAMS reader ----------------------------------------------------------------------


def _read_all(text: str) -> list[Row | Rejection]:
    return list(read_bams(io.StringIO(text, newline="")))


@FUZZ
@given(st.text())
def test_the_csv_reader_never_raises_on_arbitrary_text(text: str) -> None:
    # Given any text at all
    # When it is read as a BAMS export
    items = _read_all(text)
    # Then every item is a row or a rejection with a line number
    assert all(isinstance(i, Row | Rejection) and i.line >= 1 for i in items)


@FUZZ
@given(csv_bodies)
def test_every_row_under_a_valid_header_is_an_attendee_or_a_rejection_with_a_reason(
    body: str,
) -> None:
    # Given a valid header over CSV-ish rows with quotes, commas, NULs and any Unicode
    # When the export is read
    items = _read_all(f"{HEADER_LINE}\r\n{body}")
    # Then nothing escapes: rejections say why, rows are valid attendees
    for item in items:
        if isinstance(item, Rejection):
            assert item.reason
        else:
            assert Attendee.model_validate(item.attendee.model_dump()) == item.attendee


@FUZZ
@given(raw_bytes)
def test_the_csv_reader_never_raises_on_arbitrary_bytes(data: bytes) -> None:
    # Given bytes that may not be UTF-8, read the way the uploader opens a file
    text = codecs.decode(data.removeprefix(codecs.BOM_UTF8), "utf-8", "surrogateescape")
    # When they are read
    items = _read_all(text)
    # Then no row holding undecodable bytes becomes an attendee
    for item in items:
        if isinstance(item, Row):
            assert not any(0xD800 <= ord(c) <= 0xDFFF for c in item.attendee.model_dump_json())


@FUZZ
@given(st.lists(st.text(max_size=30), max_size=14))
def test_a_row_of_any_fields_becomes_an_attendee_or_a_rejection(fields: list[str]) -> None:
    # Given any list of fields
    # When it is parsed as a row
    result = parse_row(7, fields)
    # Then it is a row or a rejection on that line
    assert isinstance(result, Row | Rejection)
    assert result.line == 7


@FUZZ
@given(st.fixed_dictionaries({name: st.text(max_size=25) for name in HEADER}))
def test_a_row_with_the_right_shape_and_any_values_never_raises(values: dict[str, str]) -> None:
    # Given eleven fields of arbitrary text
    # When parsed
    result = parse_row(2, [values[name] for name in HEADER])
    # Then a rejection names a reason
    assert isinstance(result, Row) or result.reason


# --- the attendee record and the queue message ------------------------------------------


def _validates_or_explains(model: Any, value: Any, *, from_json: bool = False) -> None:
    """Only pydantic's ValidationError may come out, and the API can word it as a 400;
    a value that passes survives a round trip unchanged."""
    try:
        parsed = model.model_validate_json(value) if from_json else model.model_validate(value)
    except ValidationError as error:
        assert describe_validation(error.errors())
        return
    assert model.model_validate(parsed.model_dump()) == parsed


@FUZZ
@given(json_ish | attendee_shaped)
def test_the_attendee_record_raises_validates_or_explains(value: Any) -> None:
    # Given any JSON-ish value, or one shaped like a record with arbitrary field values
    # When validated as an attendee, and as a stored attendee
    # Then only pydantic's ValidationError can come out, and it can be explained
    _validates_or_explains(Attendee, value)
    _validates_or_explains(StoredAttendee, value)


@FUZZ
@given(json_ish | attendee_shaped)
def test_the_api_request_body_as_json_text_raises_validates_or_explains(value: Any) -> None:
    # Given any JSON document (NaN and huge numbers included)
    text = json.dumps(value)
    # When a request body is validated from its text
    # Then it validates or is explained
    _validates_or_explains(Attendee, text, from_json=True)


@API_FUZZ
@given(
    st.text()
    | json_ish.map(json.dumps)
    | st.builds(
        lambda record, version: json.dumps({"Attendee": record, "Version": version}),
        attendee_shaped,
        json_ish,
    )
)
def test_a_queue_message_body_raises_validates_or_explains(body: str) -> None:
    # Given any message body
    # When the writer decodes it
    _validates_or_explains(AttendeeMessage, body, from_json=True)
    # Then explaining it and finding its code never raise either
    reason = why_invalid(body)
    assert reason is None or reason.strip()
    found = code_in(body)
    assert found is None or isinstance(found, str)


class _RecordingStore:
    """Accepts every change; remembers the codes it was asked to write."""

    def __init__(self) -> None:
        self.codes: list[str] = []

    def apply(self, changes: Any) -> dict[str, Outcome]:
        self.codes += [c.code for c in changes if isinstance(c, Change)]
        return dict.fromkeys((c.code for c in changes), Outcome.CREATED)


@FUZZ
@given(st.lists(st.text(max_size=60) | json_ish.map(json.dumps), max_size=10))
def test_the_writer_accounts_for_every_message_of_a_hostile_batch(bodies: list[str]) -> None:
    # Given a batch of arbitrary bodies
    deliveries = [Delivery(f"m{i}", body) for i, body in enumerate(bodies)]
    # When the writer takes it
    report = write_batch(deliveries, _RecordingStore())
    # Then each message either failed with a reason or was decoded and written
    for delivery in deliveries:
        assert (delivery.message_id in report.failures) != (why_invalid(delivery.body) is None)


# --- sign-ups -------------------------------------------------------------------------------


@FUZZ
@given(st.text() | json_ish.map(json.dumps))
def test_a_signup_notice_raises_validates_or_explains(body: str) -> None:
    # Given any body on the sign-ups queue
    # When the processor decodes it
    # Then it validates or is explained
    _validates_or_explains(SignupNotice, body, from_json=True)


@FUZZ
@given(json_ish | shaped(("workshop", "forename", "surname", "email", "role", "extra")))
def test_a_signup_request_raises_validates_or_explains(value: Any) -> None:
    _validates_or_explains(SignupRequest, value)


# --- tokens, users and the authorizer ------------------------------------------------------


@FUZZ
@given(st.text(max_size=300))
def test_a_forged_page_token_is_refused_as_invalid_input(token: str) -> None:
    from clams.api.tokens import PageTokens

    tokens = PageTokens(lambda: b"k" * 32)
    # Given any text as next_token
    # When it is read
    # Then it is refused with InvalidInputError (a 400), never anything else
    with pytest.raises(InvalidInputError):
        tokens.read(token)


@FUZZ
@given(json_ish.map(json.dumps) | st.text())
def test_a_malformed_users_document_raises_only_its_own_error(text: str) -> None:
    try:
        users = Users.parse(text)
    except UsersDocumentError as error:
        assert str(error).startswith("the users document is malformed")
        return
    assert Users.parse(users.dumps()) == users


@FUZZ
@given(header_values)
def test_parsing_any_authorization_header_never_raises(header: str) -> None:
    # Given any header value
    # When parsed as HTTP Basic
    parsed = parse_basic(header)
    # Then it is a name and password, or None
    assert parsed is None or (parsed[0] and ":" not in parsed[0])


@FEW
@given(header_values | st.none())
def test_checking_any_header_is_a_decision_never_an_exception(header: str | None) -> None:
    users = Users.parse('{"users": {}}')
    # Given any header and a users document without that user
    # When checked
    decision = check(header, users)
    # Then it is refused or missing, never allowed
    assert decision.verdict in (Verdict.MISSING, Verdict.REFUSED)


@FUZZ
@given(json_ish | st.fixed_dictionaries({"headers": json_ish}))
def test_the_authorizer_refuses_any_event_when_users_cannot_be_read(
    monkeypatch_session: pytest.MonkeyPatch, event: Any
) -> None:
    from handlers.authorizer import handler

    # Given any event at all, and no users parameter to read
    # When the authorizer runs
    reply = handler(event, None)
    # Then it refuses
    assert reply == {"isAuthorized": False, "context": {}}


# --- the API's request validation, end to end through the handler (under moto) ---------------


def _answer(event: dict[str, Any]) -> tuple[int, Any]:
    from handlers.api import handler

    reply = handler(event, LambdaContext())
    text = reply.get("body") or ""
    return int(reply["statusCode"]), json.loads(text) if text else None


def _is_refusal_or_success(status: int, body: Any) -> bool:
    if status >= 500:
        return False
    return status < 400 or (isinstance(body, dict) and isinstance(body.get("message"), str))


@API_FUZZ
@given(st.text(max_size=200) | (json_ish | attendee_shaped).map(json.dumps))
def test_any_body_posted_as_an_attendee_is_answered_without_a_server_error(
    moto_stack: MotoStack, body: str
) -> None:
    # When an organiser posts any body
    status, reply = _answer(http_event("POST", "/attendees", body=body))
    # Then it is created, or refused with a 4xx and a message
    assert _is_refusal_or_success(status, reply), (status, reply)


@API_FUZZ
@given(
    st.text(st.characters(codec="utf-8", exclude_characters="/?#%"), min_size=1, max_size=12),
    (json_ish | attendee_shaped).map(json.dumps),
)
def test_any_code_and_body_put_is_answered_without_a_server_error(
    moto_stack: MotoStack, code: str, body: str
) -> None:
    status, reply = _answer(http_event("PUT", f"/attendee/{code}", body=body))
    assert _is_refusal_or_success(status, reply), (status, reply)


@API_FUZZ
@given(
    st.dictionaries(
        st.sampled_from(["limit", "next_token", "other"]),
        st.text(st.characters(codec="ascii", exclude_characters="&=#"), max_size=40),
    )
)
def test_any_paging_query_is_answered_without_a_server_error(
    moto_stack: MotoStack, query: dict[str, str]
) -> None:
    status, reply = _answer(http_event("GET", "/attendees", query=query, roles="viewer"))
    assert _is_refusal_or_success(status, reply), (status, reply)


@pytest.fixture(scope="module")
def monkeypatch_session() -> Any:
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("USERS_PARAMETER", raising=False)
        yield patch


@API_FUZZ
@given(st.binary(max_size=200))
def test_any_bytes_posted_as_an_attendee_are_answered_without_a_server_error(
    moto_stack: MotoStack, raw: bytes
) -> None:
    # Given any bytes as the body (not UTF-8 ones reach the function base64-encoded)
    event = http_event("POST", "/attendees", body=base64.b64encode(raw).decode())
    event["isBase64Encoded"] = True
    # When an organiser posts them
    status, reply = _answer(event)
    # Then the answer is a refusal or a success, never a server error
    assert _is_refusal_or_success(status, reply), (status, reply)


def test_the_local_gateway_passes_a_body_that_is_not_utf8_base64_encoded() -> None:
    from clams.local.events import HttpRequest, Invocation
    from clams.local.events import http_event as gateway_event

    # Given a JSON request whose body is not UTF-8
    request = HttpRequest(
        method="POST",
        raw_path="/clams/attendees",
        raw_query="",
        headers=(("content-type", "application/json"),),
        body=b"\xf1{",
        source_ip="127.0.0.1",
    )
    # When the local gateway builds the function's event
    event = gateway_event(request, Invocation("POST /attendees", "clams"), None)
    # Then the body travels base64-encoded, as API Gateway sends bytes it cannot pass as text
    assert event["isBase64Encoded"] is True
    assert base64.b64decode(event["body"]) == b"\xf1{"
