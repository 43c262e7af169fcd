"""An API stack under moto: tables, the users and secret-key parameters, a SQLite database
for the relational sign-ups, and the gateway stand-in in front of the real handlers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from api_gateway_double import Gateway, basic
from aws_lambda_powertools.utilities import parameters

from clams import aws, settings
from clams.api import wiring
from clams.auth.passwords import hash_password
from clams.auth.users import User, Users
from clams.db.engine import create_database_engine
from clams.db.migrations import upgrade
from clams.names import Env, Role, Table
from clams.stores import users as users_store

USERS_PARAMETER = "/clams/test/users"
SECRET_KEY_PARAMETER = "/clams/test/secret-key"
PASSWORDS = {"olga": "organiser-pass-1", "vic": "viewer-pass-22", "kit": "kitchen-pass-333"}
ROLES = {"olga": Role.ORGANISER, "vic": Role.VIEWER, "kit": Role.KITCHEN}


def clear_caches() -> None:
    for cached in (settings.load, aws.client, wiring.services, users_store._provider):
        cached.cache_clear()
    parameters.clear_caches()


@pytest.fixture(scope="session")
def user_document() -> str:
    """Hashing is slow on purpose: done once per session."""
    users = Users()
    for name, password in PASSWORDS.items():
        users = users.with_user(User(name, hash_password(password), frozenset({ROLES[name]})))
    return users.dumps()


@pytest.fixture
def ssm(aws: None) -> Any:
    return boto3.client("ssm", region_name="eu-west-2")


@pytest.fixture
def api_stack(
    tables: dict[Table, str],
    ssm: Any,
    user_document: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[dict[Table, str]]:
    ssm.put_parameter(Name=USERS_PARAMETER, Value=user_document, Type="SecureString")
    ssm.put_parameter(Name=SECRET_KEY_PARAMETER, Value="k" * 40, Type="SecureString")
    database = f"sqlite:///{tmp_path / 'clams.db'}"
    upgrade(create_database_engine(database))
    environment = {
        Env.ATTENDEES_TABLE: tables[Table.ATTENDEES],
        Env.SUMMARY_TABLE: tables[Table.SUMMARY],
        Env.AUDIT_TABLE: tables[Table.AUDIT],
        Env.SIGNUPS_TABLE: tables[Table.SIGNUPS],
        Env.USERS_PARAMETER: USERS_PARAMETER,
        Env.SECRET_KEY_PARAMETER: SECRET_KEY_PARAMETER,
        Env.DB_SECRET_ARN: "arn:aws:secretsmanager:eu-west-2:123456789012:secret:unused",
        Env.DB_HOST: "unused",
        "DATABASE_URL": database,
    }
    for key, value in environment.items():
        monkeypatch.setenv(str(key), value)
    clear_caches()
    yield tables
    clear_caches()


@pytest.fixture
def gateway(api_stack: dict[Table, str]) -> Gateway:
    from handlers.api import handler as api
    from handlers.authorizer import handler as authorizer

    return Gateway(api, authorizer)


@pytest.fixture
def as_user() -> dict[str, str]:
    """The Authorization header of each test user, by role name."""
    return {ROLES[name].value: basic(name, password) for name, password in PASSWORDS.items()}
