"""Fixtures for tests that run the code against moto's in-memory AWS."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from moto import mock_aws
from support.aws import create_table

from clams.local.emulator_fixes import install as fix_emulator
from clams.names import TABLES, Table
from clams.stores.attendees import AttendeeStore
from clams.stores.dynamo import Backoff

fix_emulator()


@pytest.fixture
def aws() -> Iterator[None]:
    with mock_aws():
        yield


@pytest.fixture
def dynamodb(aws: None) -> Any:
    return boto3.client("dynamodb", region_name="eu-west-2")


@pytest.fixture
def tables(dynamodb: Any) -> dict[Table, str]:
    """Every table of the stack, created from the shared key schemas."""
    names = {table: f"test-{table.value}" for table in TABLES}
    for table, name in names.items():
        create_table(dynamodb, name, TABLES[table])
    return names


@pytest.fixture
def no_sleep() -> Backoff:
    return Backoff(sleep=lambda _: None)


@pytest.fixture
def attendee_store(dynamodb: Any, tables: dict[Table, str], no_sleep: Backoff) -> AttendeeStore:
    return AttendeeStore(dynamodb, tables[Table.ATTENDEES], tables[Table.SUMMARY], backoff=no_sleep)
