"""AWS clients: one loader of service models per process, a fresh session per client."""

from __future__ import annotations

import pytest

from clams.aws import client, new_session
from clams.domain.errors import InvalidInputError


def test_new_sessions_share_the_loaded_service_models() -> None:
    # Given two sessions made one after the other
    first, second = new_session(), new_session()
    # Then they read service models through the same loader, whose search path stays short
    loader = first._session.get_component("data_loader")
    assert second._session.get_component("data_loader") is loader
    assert len(loader.search_paths) == len(set(loader.search_paths))


def test_each_session_reads_credentials_when_it_is_made(monkeypatch: pytest.MonkeyPatch) -> None:
    # Given a session made under one set of keys and one made after they change
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "first-key")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "first-secret")
    before = new_session().get_credentials()
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "second-key")
    after = new_session().get_credentials()
    # Then each has the keys of its own moment
    assert (before.access_key, after.access_key) == ("first-key", "second-key")


def test_an_endpoint_that_is_not_http_is_refused() -> None:
    with pytest.raises(InvalidInputError, match="not an http"):
        client("sqs", "ftp://example.org")
