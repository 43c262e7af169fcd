"""Helpers shared by tests that use moto."""

from __future__ import annotations

from typing import Any

from clams.names import TableSpec


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
                + ([{"AttributeName": index.sort.name, "KeyType": "RANGE"}] if index.sort else []),
                "Projection": {"ProjectionType": "ALL"},
            }
            for index in spec.indexes
        ]
    client.create_table(**kwargs)
