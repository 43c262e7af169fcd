"""The graph's data resources created in the emulator from the graph's own inputs."""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Final

from clams.graph.model import REDACTED, Graph, Resource
from clams.local.emulator import ACCOUNT
from clams.local.references import Substitutions, physical_name

TABLE: Final = "aws:dynamodb/table:Table"
QUEUE: Final = "aws:sqs/queue:Queue"
PARAMETER: Final = "aws:ssm/parameter:Parameter"
BUCKET: Final = "aws:s3/bucket:Bucket"

_QUEUE_ATTRIBUTES: Final = {
    "visibilityTimeoutSeconds": "VisibilityTimeout",
    "messageRetentionSeconds": "MessageRetentionPeriod",
    "delaySeconds": "DelaySeconds",
    "receiveWaitTimeSeconds": "ReceiveMessageWaitTimeSeconds",
    "maxMessageSize": "MaximumMessageSize",
}


@dataclass
class Realised:
    """What exists locally: each resource's local outputs, by URN, and the substitutions."""

    region: str
    outputs: dict[str, dict[str, str]] = field(default_factory=dict)
    substitutions: Substitutions = field(default_factory=Substitutions)

    def record(self, resource: Resource, local: dict[str, str]) -> None:
        self.outputs[resource.urn] = local
        self.substitutions.add(resource.outputs, local)

    def arn(self, service: str, resource: str) -> str:
        return f"arn:aws:{service}:{self.region}:{ACCOUNT}:{resource}"


def realise(graph: Graph, client: Callable[[str], Any], realised: Realised) -> None:
    """Create every table, queue, parameter and bucket of the graph, in that order."""
    for resource in graph.of_type(TABLE):
        create_table(client("dynamodb"), resource, realised)
    for resource in sorted(graph.of_type(QUEUE), key=lambda r: "redrivePolicy" in r.inputs):
        create_queue(client("sqs"), resource, realised)
    for resource in graph.of_type(BUCKET):
        create_bucket(client("s3"), resource, realised)
    for resource in graph.of_type(PARAMETER):
        put_parameter(client("ssm"), resource, realised)


def create_table(dynamodb: Any, resource: Resource, realised: Realised) -> None:
    name = physical_name(resource, "name")
    dynamodb.create_table(**table_request(name, resource.inputs))
    arn = realised.arn("dynamodb", f"table/{name}")
    realised.record(resource, {"id": name, "name": name, "arn": arn})


def table_request(name: str, inputs: dict[str, Any]) -> dict[str, Any]:
    """CreateTable arguments from pulumi-aws Table inputs (billed per request locally)."""
    request: dict[str, Any] = {
        "TableName": name,
        "KeySchema": _key_schema(inputs),
        "AttributeDefinitions": [
            {"AttributeName": a["name"], "AttributeType": a["type"]}
            for a in inputs.get("attributes", [])
        ],
        "BillingMode": "PAY_PER_REQUEST",
    }
    indexes = [_index(index) for index in inputs.get("globalSecondaryIndexes") or []]
    if indexes:
        request["GlobalSecondaryIndexes"] = indexes
    if inputs.get("streamEnabled"):
        request["StreamSpecification"] = {
            "StreamEnabled": True,
            "StreamViewType": inputs.get("streamViewType", "NEW_AND_OLD_IMAGES"),
        }
    return request


def _key_schema(keys: dict[str, Any]) -> list[dict[str, str]]:
    schema = [{"AttributeName": keys["hashKey"], "KeyType": "HASH"}]
    if keys.get("rangeKey"):
        schema.append({"AttributeName": keys["rangeKey"], "KeyType": "RANGE"})
    return schema


def _index(index: dict[str, Any]) -> dict[str, Any]:
    projection: dict[str, Any] = {"ProjectionType": index.get("projectionType", "ALL")}
    if index.get("nonKeyAttributes"):
        projection["NonKeyAttributes"] = list(index["nonKeyAttributes"])
    return {"IndexName": index["name"], "KeySchema": _key_schema(index), "Projection": projection}


def create_queue(sqs: Any, resource: Resource, realised: Realised) -> None:
    name = physical_name(resource, "name")
    url = sqs.create_queue(QueueName=name, Attributes=queue_attributes(resource.inputs, realised))[
        "QueueUrl"
    ]
    arn = realised.arn("sqs", name)
    realised.record(resource, {"id": url, "url": url, "name": name, "arn": arn})


def queue_attributes(inputs: dict[str, Any], realised: Realised) -> dict[str, str]:
    """CreateQueue attributes from pulumi-aws Queue inputs; the redrive names the local DLQ."""
    attributes = {
        attribute: str(int(inputs[key])) for key, attribute in _QUEUE_ATTRIBUTES.items() if key in inputs
    }
    if inputs.get("fifoQueue"):
        attributes["FifoQueue"] = "true"
    if inputs.get("redrivePolicy"):
        policy = json.loads(inputs["redrivePolicy"])
        policy["deadLetterTargetArn"] = realised.substitutions.resolve(policy["deadLetterTargetArn"])
        attributes["RedrivePolicy"] = json.dumps(policy)
    return attributes


def create_bucket(s3: Any, resource: Resource, realised: Realised) -> None:
    name = physical_name(resource, "bucket", "id")
    location = {"LocationConstraint": realised.region} if realised.region != "us-east-1" else None
    s3.create_bucket(Bucket=name, **({"CreateBucketConfiguration": location} if location else {}))
    realised.record(resource, {"id": name, "bucket": name, "arn": f"arn:aws:s3:::{name}"})


def put_parameter(ssm: Any, resource: Resource, realised: Realised) -> None:
    """A redacted (secret) value is replaced by a fresh random one, as a deploy would generate."""
    name = physical_name(resource, "name")
    value = resource.inputs.get("value")
    if value == REDACTED or not isinstance(value, str):
        value = secrets.token_urlsafe(48)
    ssm.put_parameter(
        Name=name,
        Value=realised.substitutions.resolve(value),
        Type=resource.inputs.get("type", "String"),
        Overwrite=True,
    )
    realised.record(resource, {"id": name, "name": name, "arn": realised.arn("ssm", f"parameter{name}")})
