"""The emulator fixes keep moto's behaviour: failed transactions leave no trace, and
queue counts follow the messages."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from botocore.session import get_session
from support.aws import create_table

from clams.names import TABLES, Table
from clams.stores.dynamo import from_item, to_item


@pytest.fixture
def table(dynamodb: Any) -> str:
    create_table(dynamodb, "journal", TABLES[Table.SUMMARY])
    dynamodb.put_item(TableName="journal", Item=to_item({"Kind": "k", "Id": "kept", "N": 1}))
    return "journal"


def _items(dynamodb: Any, table: str) -> list[dict[str, Any]]:
    return sorted(
        (from_item(i) for i in dynamodb.scan(TableName=table)["Items"]), key=lambda i: i["Id"]
    )


def test_a_transaction_whose_condition_fails_leaves_every_item_as_it_was(
    dynamodb: Any, table: str
) -> None:
    # Given one item, and a transaction that adds one, updates it and then fails a condition
    before = _items(dynamodb, table)
    actions = [
        {"Put": {"TableName": table, "Item": to_item({"Kind": "k", "Id": "new"})}},
        {
            "Update": {
                "TableName": table,
                "Key": to_item({"Kind": "k", "Id": "kept"}),
                "UpdateExpression": "ADD N :one",
                "ExpressionAttributeValues": to_item({":one": 1}),
            }
        },
        {
            "Put": {
                "TableName": table,
                "Item": to_item({"Kind": "k", "Id": "other"}),
                "ConditionExpression": "attribute_exists(Id)",
            }
        },
    ]
    # When it runs
    with pytest.raises(ClientError) as raised:
        dynamodb.transact_write_items(TransactItems=actions)
    # Then it is cancelled and nothing it touched changed
    assert raised.value.response["Error"]["Code"] == "TransactionCanceledException"
    assert _items(dynamodb, table) == before


def test_a_transaction_that_succeeds_applies_every_action(dynamodb: Any, table: str) -> None:
    dynamodb.transact_write_items(
        TransactItems=[
            {"Put": {"TableName": table, "Item": to_item({"Kind": "k", "Id": "new"})}},
            {"Delete": {"TableName": table, "Key": to_item({"Kind": "k", "Id": "kept"})}},
        ]
    )
    assert [i["Id"] for i in _items(dynamodb, table)] == ["new"]


def test_queue_counts_still_follow_the_messages(aws: None) -> None:
    sqs = boto3.client("sqs", region_name="eu-west-2")
    url = sqs.create_queue(QueueName="counted")["QueueUrl"]
    for n in range(3):
        sqs.send_message(QueueUrl=url, MessageBody=str(n))
    attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    assert attributes["ApproximateNumberOfMessages"] == "3"


@pytest.mark.parametrize("partition", ["aws", "aws-cn"])
def test_region_lists_are_those_botocore_knows(partition: str) -> None:
    # Given the fixes installed (the functional conftest installs them)
    # When boto3 is asked for a partition's regions, twice
    first = boto3.session.Session().get_available_regions("ec2", partition)
    second = boto3.session.Session().get_available_regions("ec2", partition)
    # Then the answer is botocore's own, and a fresh list each time
    assert first == second == get_session().get_available_regions("ec2", partition)
    assert first is not second


def test_the_emulator_loads_no_machine_images_and_parameters_still_work(aws: None) -> None:
    # Given the fixes installed before moto's EC2 emulation was loaded
    ssm = boto3.client("ssm", region_name="eu-west-2")
    # When a parameter is kept and read back (SSM's emulation loads EC2's)
    ssm.put_parameter(Name="/clams/kept", Value="v", Type="String")
    from moto.ec2.models.amis import AMIS

    # Then it is there, and no machine-image catalogue was parsed for it
    assert ssm.get_parameter(Name="/clams/kept")["Parameter"]["Value"] == "v"
    assert AMIS == []


def test_messages_past_the_queue_retention_are_still_not_delivered(aws: None) -> None:
    # Given a queue keeping messages a minute, one message sent now and one sent long ago
    from moto.sqs.models import sqs_backends

    sqs = boto3.client("sqs", region_name="eu-west-2")
    url = sqs.create_queue(QueueName="kept", Attributes={"MessageRetentionPeriod": "60"})[
        "QueueUrl"
    ]
    sqs.send_message(QueueUrl=url, MessageBody="fresh")
    sqs.send_message(QueueUrl=url, MessageBody="expired")
    queue = sqs_backends["123456789012"]["eu-west-2"].get_queue("kept")
    expired = next(m for m in queue._messages if m.body == "expired")
    expired.sent_timestamp -= 61_000
    # When messages are received
    got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)["Messages"]
    # Then only the one within the retention period is handed out
    assert [m["Body"] for m in got] == ["fresh"]


def test_a_fifo_queue_still_drops_a_duplicate_by_content(aws: None) -> None:
    # Given a FIFO queue that deduplicates by content (the setting a send reads)
    sqs = boto3.client("sqs", region_name="eu-west-2")
    url = sqs.create_queue(
        QueueName="deduplicated.fifo",
        Attributes={"FifoQueue": "true", "ContentBasedDeduplication": "true"},
    )["QueueUrl"]
    # When the same body is sent twice in one group
    for _ in range(2):
        sqs.send_message(QueueUrl=url, MessageBody="same", MessageGroupId="g")
    # Then one message is kept, and the queue's attributes are complete again
    attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    assert attributes["ApproximateNumberOfMessages"] == "1"
    assert attributes["ContentBasedDeduplication"] == "true"


def test_a_deleted_message_is_gone_and_only_known_receipts_are_accepted(aws: None) -> None:
    # Given three messages received (so in flight)
    sqs = boto3.client("sqs", region_name="eu-west-2")
    url = sqs.create_queue(QueueName="deleting")["QueueUrl"]
    for body in ("a", "b", "c"):
        sqs.send_message(QueueUrl=url, MessageBody=body)
    received = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)["Messages"]
    middle = next(m for m in received if m["Body"] == "b")["ReceiptHandle"]
    # When the middle one is deleted, twice
    sqs.delete_message(QueueUrl=url, ReceiptHandle=middle)
    sqs.delete_message(QueueUrl=url, ReceiptHandle=middle)
    # Then the other two are still in flight, and a receipt never handed out is refused
    attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    assert attributes["ApproximateNumberOfMessagesNotVisible"] == "2"
    with pytest.raises(ClientError) as refused:
        sqs.delete_message(QueueUrl=url, ReceiptHandle="never-handed-out")
    assert refused.value.response["Error"]["Code"] == "ReceiptHandleIsInvalid"


@pytest.mark.parametrize(("kilobytes", "stored"), [(390, True), (410, False)])
def test_an_item_is_stored_only_within_the_size_limit(
    dynamodb: Any, table: str, kilobytes: int, stored: bool
) -> None:
    # Given an item whose attributes add up to about ``kilobytes``
    item = {"Kind": "k", "Id": "big"} | {f"A{n}": "x" * 1000 for n in range(kilobytes)}
    # When it is put
    if stored:
        dynamodb.put_item(TableName=table, Item=to_item(item))
    else:
        with pytest.raises(ClientError) as refused:
            dynamodb.put_item(TableName=table, Item=to_item(item))
        assert "maximum allowed size" in refused.value.response["Error"]["Message"]
    # Then it is there only when within the limit
    kept = dynamodb.get_item(TableName=table, Key=to_item({"Kind": "k", "Id": "big"}))
    assert ("Item" in kept) is stored
