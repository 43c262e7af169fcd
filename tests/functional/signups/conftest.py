"""The sign-up functions under the AWS emulator, with a SQLite sign-up database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest
from moto import mock_aws
from signup_stack import TABLE, LambdaContext, Stack, create_table

from clams import aws
from clams.db.engine import create_database_engine
from clams.db.migrations import upgrade
from clams.db.unit_of_work import unit_of_work_factory
from clams.settings import load


def _clear_caches() -> None:
    from handlers import processor, relay

    aws.client.cache_clear()
    load.cache_clear()
    relay._dependencies.cache_clear()
    processor._dependencies.cache_clear()


@pytest.fixture
def stack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Stack]:
    database_url = f"sqlite:///{tmp_path / 'signups.db'}"
    engine = create_database_engine(database_url)
    upgrade(engine)
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-west-2")
    with mock_aws():
        sqs = boto3.client("sqs", region_name="eu-west-2")
        dynamodb = boto3.client("dynamodb", region_name="eu-west-2")
        queue_url = sqs.create_queue(QueueName="clams-signups-test")["QueueUrl"]
        create_table(dynamodb)
        environment = {
            "DB_SECRET_ARN": "unused-locally",
            "DB_HOST": "unused-locally",
            "DATABASE_URL": database_url,
            "SIGNUPS_QUEUE_URL": queue_url,
            "SIGNUPS_TABLE": TABLE,
        }
        for key, value in environment.items():
            monkeypatch.setenv(key, value)
        _clear_caches()
        yield Stack(queue_url, sqs, dynamodb, database_url, unit_of_work_factory(engine))
        _clear_caches()
    engine.dispose()


@pytest.fixture
def context() -> LambdaContext:
    return LambdaContext()
