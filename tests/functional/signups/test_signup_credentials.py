from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from moto import mock_aws
from sqlalchemy import event

from clams.db.credentials import read_credentials
from clams.db.engine import engine_from_settings
from clams.settings import DatabaseSettings


class Intercepted(Exception):
    """Stops a connection attempt once its parameters are known."""


@pytest.fixture
def secret_arn(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-west-2")
    with mock_aws():
        client = boto3.client("secretsmanager", region_name="eu-west-2")
        secret = json.dumps({"username": "clams", "password": "s3cret", "engine": "postgres"})
        yield client.create_secret(Name="rds!cluster-1", SecretString=secret)["ARN"]


def _settings(secret_arn: str) -> DatabaseSettings:
    return DatabaseSettings(DB_SECRET_ARN=secret_arn, DB_HOST="db.internal", DB_NAME="clams")


def test_credentials_come_from_the_rds_managed_secret(secret_arn: str) -> None:
    # Given the RDS-managed secret in Secrets Manager
    # When the credentials are read
    credentials = read_credentials(secret_arn)
    # Then user name and password are those of the secret
    assert (credentials.username, credentials.password.get_secret_value()) == ("clams", "s3cret")


def test_the_database_engine_connects_over_tls_with_the_secret(secret_arn: str) -> None:
    # Given a function's database settings (no credentials in them)
    engine = engine_from_settings(_settings(secret_arn))
    seen: dict[str, Any] = {}

    @event.listens_for(engine, "do_connect")
    def intercept(dialect: Any, record: Any, arguments: Any, parameters: dict[str, Any]) -> None:
        seen.update(parameters)
        raise Intercepted

    # When it opens a connection
    with pytest.raises(Intercepted):
        engine.connect()
    # Then it asks for TLS and signs in with the secret's credentials
    assert seen["sslmode"] == "require"
    assert (seen["host"], seen["dbname"], seen["user"], seen["password"]) == (
        "db.internal",
        "clams",
        "clams",
        "s3cret",
    )


def test_the_password_never_appears_in_the_engine_url(secret_arn: str) -> None:
    # Given the function's engine
    engine = engine_from_settings(_settings(secret_arn))
    # Then its URL (what logs and errors show) holds no credentials
    assert engine.url.password is None and engine.url.username is None
