"""Sign-up databases for the integration tests: SQLite and a real PostgreSQL, side by side.

PostgreSQL runs in a schema created for this test session and dropped at its end, so
parallel runs sharing the server do not collide. When the server cannot be reached the
PostgreSQL cases skip, except in CI (``CI`` set), where they fail.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import boto3
import psycopg
import pytest
from moto import mock_aws
from signup_fakes import create_signups_table
from sqlalchemy import Engine, text

from clams.db.engine import create_database_engine
from clams.db.migrations import upgrade
from clams.db.unit_of_work import SqlUnitOfWork, unit_of_work_factory
from clams.stores.signups import SignupRecords

SERVER = "host=127.0.0.1 port=5432 dbname=test connect_timeout=3"
USERS = ("postgres", "root")
TABLES = "workshop_signups, trigger_notifications, people, workshops"


def _reachable_user() -> tuple[str | None, str]:
    reasons = []
    for user in USERS:
        try:
            with psycopg.connect(f"{SERVER} user={user}"):
                return user, ""
        except psycopg.Error as error:
            reasons.append(f"{user}: {str(error).strip().splitlines()[0]}")
    return None, "; ".join(reasons)


@pytest.fixture(scope="session")
def postgres_engine() -> Iterator[Engine]:
    user, reason = _reachable_user()
    if user is None:
        message = f"PostgreSQL at 127.0.0.1:5432 (database test) is unreachable: {reason}"
        if os.environ.get("CI"):
            pytest.fail(f"{message} — CI must run the PostgreSQL tests", pytrace=False)
        pytest.skip(message)
    schema = f"clams_signups_{uuid.uuid4().hex[:10]}"
    url = f"postgresql+psycopg://{user}@127.0.0.1:5432/test?options=-csearch_path%3D{schema}"
    engine = create_database_engine(url)
    with engine.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        upgrade(engine)
        yield engine
    finally:
        with engine.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A migrated, empty sign-up database (roles seeded) of each kind."""
    if request.param == "sqlite":
        sqlite = create_database_engine(f"sqlite:///{tmp_path / 'signups.db'}")
        upgrade(sqlite)
        yield sqlite
        sqlite.dispose()
        return
    yield request.getfixturevalue("empty_postgres")


@pytest.fixture
def empty_postgres(postgres_engine: Engine) -> Engine:
    with postgres_engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {TABLES} RESTART IDENTITY CASCADE"))
    return postgres_engine


@pytest.fixture
def units(engine: Engine) -> Callable[[], SqlUnitOfWork]:
    return unit_of_work_factory(engine)


@pytest.fixture
def signup_records() -> Iterator[SignupRecords]:
    """An empty sign-ups table in the AWS emulator."""
    with mock_aws():
        client = boto3.client("dynamodb", region_name="eu-west-2")
        create_signups_table(client, "signups-test")
        yield SignupRecords(client, "signups-test")
