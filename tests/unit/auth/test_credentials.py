"""The credential check: missing → 401, anything wrong or malformed → 403, never an error."""

from __future__ import annotations

import base64

import pytest

from clams.auth.credentials import Verdict, check, parse_basic
from clams.auth.passwords import hash_password
from clams.auth.users import User, Users, UsersDocumentError
from clams.names import Role


def basic(raw: bytes) -> str:
    return "Basic " + base64.b64encode(raw).decode()


@pytest.fixture(scope="module")
def users() -> Users:
    return Users().with_user(
        User("ana", hash_password("s3cret-pass"), frozenset({Role.ORGANISER, Role.VIEWER}))
    )


def test_right_credentials_are_allowed_with_user_and_roles(users: Users) -> None:
    # Given ana's right password; When checked
    decision = check(basic(b"ana:s3cret-pass"), users)
    # Then she is allowed and the simple response carries her name and roles
    assert decision.verdict is Verdict.ALLOWED
    assert decision.simple_response() == {
        "isAuthorized": True,
        "context": {"user": "ana", "roles": "organiser,viewer"},
    }


@pytest.mark.parametrize("header", [None, "", "   "])
def test_missing_credentials_are_401(users: Users, header: str | None) -> None:
    # Given no Authorization header; When checked; Then the caller is told to sign in
    assert check(header, users).verdict is Verdict.MISSING


@pytest.mark.parametrize(
    "header",
    [
        basic(b"ana:wrong-pass"),
        basic(b"bob:s3cret-pass"),
        "Basic not*base64!",
        basic(b"no-colon-here"),
        basic(b":s3cret-pass"),
        basic(b"ana:\xff\xfe"),
        basic(b"ana:" + b"x" * 10_000),
        "Basic " + "A" * 10_240,
        "Bearer abc.def.ghi",
        "Basic",
        "Basic  ",
        "\x00\x01",
    ],
    ids=[
        "wrong-password",
        "unknown-user",
        "bad-base64",
        "no-colon",
        "no-name",
        "not-utf8",
        "10kb-password",
        "10kb-header",
        "other-scheme",
        "scheme-only",
        "blank-credentials",
        "control-chars",
    ],
)
def test_wrong_or_malformed_credentials_are_refused(users: Users, header: str) -> None:
    # Given a wrong or malformed header; When checked; Then it is a refusal, not an error
    decision = check(header, users)
    assert decision.verdict is Verdict.REFUSED
    assert decision.simple_response() == {"isAuthorized": False, "context": {}}


def test_unreadable_users_refuse_everyone() -> None:
    # Given the users could not be read; When right-looking credentials arrive; Then refused
    assert check(basic(b"ana:s3cret-pass"), None).verdict is Verdict.REFUSED


def test_the_password_may_hold_colons() -> None:
    # Given a password with a colon; Then only the first colon separates the name
    assert parse_basic(basic(b"ana:pa:ss")) == ("ana", "pa:ss")


def test_the_users_document_round_trips_without_passwords(users: Users) -> None:
    # Given a users document; When written and read back
    text = users.dumps()
    again = Users.parse(text)
    # Then it holds the same users, and only hashes
    assert again == users
    assert "s3cret" not in text


@pytest.mark.parametrize(
    "text",
    [
        "",
        "[]",
        '{"people": {}}',
        '{"users": []}',
        '{"users": {"a": {"hash": 1, "roles": []}}}',
        '{"users": {"a": {"hash": "x", "roles": ["admin"]}}}',
        '{"users": {"a:b": {"hash": "x", "roles": []}}}',
    ],
)
def test_a_malformed_users_document_is_an_error(text: str) -> None:
    # Given a document in the wrong shape; When parsed; Then a UsersDocumentError says so
    with pytest.raises(UsersDocumentError):
        Users.parse(text)
