"""The authorizer handler: its simple responses, and refusals that never raise."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from api_gateway_double import LambdaContext, basic, load_event
from api_support import USERS_PARAMETER, clear_caches

HEADERS = {
    "bad-base64": "Basic @@not-base64@@",
    "no-colon": "Basic " + base64.b64encode(b"olga").decode(),
    "non-utf8": "Basic " + base64.b64encode(b"olga:\xff\xfe\xfd").decode(),
    "10kb": "Basic " + base64.b64encode(b"olga:" + b"p" * 10_240).decode(),
    "other-scheme": "Bearer eyJhbGciOi.eyJzdWIi.sig",
    "empty-basic": "Basic ",
    "unknown-user": basic("mallory", "organiser-pass-1"),
    "wrong-password": basic("olga", "organiser-pass-2"),
}


def authorize(header: str | None) -> dict[str, Any]:
    from handlers.authorizer import handler

    event = load_event("authorizer_request.json")
    if header is not None:
        event["headers"]["authorization"] = header
        event["identitySource"] = [header]
    result: dict[str, Any] = handler(event, LambdaContext())
    return result


def test_right_credentials_give_the_user_and_roles(api_stack: Any) -> None:
    assert authorize(basic("olga", "organiser-pass-1")) == {
        "isAuthorized": True,
        "context": {"user": "olga", "roles": "organiser"},
    }


@pytest.mark.parametrize("name", list(HEADERS))
def test_malformed_or_wrong_headers_are_refusals(api_stack: Any, name: str) -> None:
    assert authorize(HEADERS[name]) == {"isAuthorized": False, "context": {}}


def test_no_header_at_all_is_a_refusal(api_stack: Any) -> None:
    assert authorize(None)["isAuthorized"] is False


def test_an_event_of_the_wrong_shape_is_a_refusal(api_stack: Any) -> None:
    from handlers.authorizer import handler

    assert handler({"headers": "nonsense"}, LambdaContext())["isAuthorized"] is False


def test_unreachable_ssm_refuses(monkeypatch: pytest.MonkeyPatch) -> None:
    # Given SSM cannot be reached (no emulator; a closed port as the endpoint)
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:9")
    monkeypatch.setenv("USERS_PARAMETER", USERS_PARAMETER)
    clear_caches()
    try:
        # When right-looking credentials arrive; Then the authorizer fails closed
        assert authorize(basic("olga", "organiser-pass-1"))["isAuthorized"] is False
    finally:
        clear_caches()


def test_a_missing_users_parameter_refuses(api_stack: Any, ssm: Any) -> None:
    ssm.delete_parameter(Name=USERS_PARAMETER)
    clear_caches()
    assert authorize(basic("olga", "organiser-pass-1"))["isAuthorized"] is False


def test_a_corrupt_users_parameter_refuses(api_stack: Any, ssm: Any) -> None:
    ssm.put_parameter(Name=USERS_PARAMETER, Value="{oops", Type="SecureString", Overwrite=True)
    clear_caches()
    assert authorize(basic("olga", "organiser-pass-1"))["isAuthorized"] is False
