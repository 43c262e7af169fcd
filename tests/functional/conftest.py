"""Fixtures for tests that run the code against moto's in-memory AWS."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from moto import mock_aws

from clams.names import TABLES, Table, TableSpec
from clams.stores.attendees import AttendeeStore
from clams.stores.dynamo import Backoff


def create_table(client: Any, name: str, spec: TableSpec) -> None:
    """A table with the key schema the data component gives it."""
    keys = [{"AttributeName": spec.partition.name, "KeyType": "HASH"}]
    if spec.sort:
        keys.append({"AttributeName": spec.sort.name, "KeyType": "RANGE"})
    kwargs: dict[str, Any] = {
        "TableName": name,
        "KeySchema": keys,
        "AttributeDefinitions": [
            {"AttributeName": k.name, "AttributeType": k.type} for k in spec.attributes
        ],
        "BillingMode": "PAY_PER_REQUEST",
    }
    if spec.indexes:
        kwargs["GlobalSecondaryIndexes"] = [
            {
                "IndexName": index.name,
                "KeySchema": [{"AttributeName": index.partition.name, "KeyType": "HASH"}]
                + (
                    [{"AttributeName": index.sort.name, "KeyType": "RANGE"}]
                    if index.sort
                    else []
                ),
                "Projection": {"ProjectionType": "ALL"},
            }
            for index in spec.indexes
        ]
    client.create_table(**kwargs)


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
    return AttendeeStore(
        dynamodb, tables[Table.ATTENDEES], tables[Table.SUMMARY], backoff=no_sleep
    )
