"""Helpers shared by tests that use moto."""

from __future__ import annotations

import json
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


def queue_with_dead_letters(sqs: Any, name: str, receive_limit: int) -> tuple[str, str]:
    """A queue whose messages move to ``<name>-dlq`` after ``receive_limit`` receives, and
    are visible again at once after a failure; its URL and the dead-letter queue's."""
    dlq = sqs.create_queue(QueueName=f"{name}-dlq")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=dlq, AttributeNames=["QueueArn"])
    redrive = {
        "deadLetterTargetArn": arn["Attributes"]["QueueArn"],
        "maxReceiveCount": receive_limit,
    }
    attributes = {"VisibilityTimeout": "0", "RedrivePolicy": json.dumps(redrive)}
    return sqs.create_queue(QueueName=name, Attributes=attributes)["QueueUrl"], dlq
