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
API: Final = "aws:apigatewayv2/api:Api"
STAGE: Final = "aws:apigatewayv2/stage:Stage"
DISTRIBUTION: Final = "aws:cloudfront/distribution:Distribution"
PUBLISHED_KEYS: Final = ("invokeUrl", "url", "bucket", "name")
"""Which local output a parameter publishes when its value is redacted in the graph."""

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
    gateway_url: str
    outputs: dict[str, dict[str, str]] = field(default_factory=dict)
    substitutions: Substitutions = field(default_factory=Substitutions)

    def record(self, resource: Resource, local: dict[str, str]) -> None:
        self.outputs[resource.urn] = local
        self.substitutions.add(resource.outputs, local)

    def arn(self, service: str, resource: str) -> str:
        return f"arn:aws:{service}:{self.region}:{ACCOUNT}:{resource}"


def realise(graph: Graph, client: Callable[[str], Any], realised: Realised) -> None:
    """Create every table, queue, bucket and parameter of the graph, in that order."""
    for resource in graph.of_type(TABLE):
        create_table(client("dynamodb"), resource, realised)
    for resource in sorted(graph.of_type(QUEUE), key=lambda r: "redrivePolicy" in r.inputs):
        create_queue(client("sqs"), resource, realised)
    for resource in graph.of_type(BUCKET):
        create_bucket(client("s3"), resource, realised)
    record_web(graph, realised)
    for resource in graph.of_type(PARAMETER):
        put_parameter(client("ssm"), resource, realised)


def record_web(graph: Graph, realised: Realised) -> None:
    """The API, its stage and the CDN all answer at the local gateway."""
    url = realised.gateway_url
    for resource in graph.of_type(API):
        realised.record(resource, {"apiEndpoint": url})
    for resource in graph.of_type(STAGE):
        name = str(resource.inputs.get("name", "$default"))
        invoke_url = url if name == "$default" else f"{url}/{name}"
        realised.record(resource, {"id": name, "invokeUrl": invoke_url})
    for resource in graph.of_type(DISTRIBUTION):
        realised.record(resource, {"domainName": url.split("://", 1)[-1], "url": url})


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
    """From ``keySchemas`` (pulumi-aws v7 indexes) or the older ``hashKey``/``rangeKey``."""
    if keys.get("keySchemas"):
        return [
            {"AttributeName": k["attributeName"], "KeyType": k["keyType"]}
            for k in keys["keySchemas"]
        ]
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
        attribute: str(int(inputs[key]))
        for key, attribute in _QUEUE_ATTRIBUTES.items()
        if key in inputs
    }
    if inputs.get("fifoQueue"):
        attributes["FifoQueue"] = "true"
    if inputs.get("redrivePolicy"):
        policy = json.loads(inputs["redrivePolicy"])
        policy["deadLetterTargetArn"] = realised.substitutions.resolve(
            policy["deadLetterTargetArn"]
        )
        attributes["RedrivePolicy"] = json.dumps(policy)
    return attributes


def create_bucket(s3: Any, resource: Resource, realised: Realised) -> None:
    name = physical_name(resource, "bucket", "id")
    location = {"LocationConstraint": realised.region} if realised.region != "us-east-1" else None
    s3.create_bucket(Bucket=name, **({"CreateBucketConfiguration": location} if location else {}))
    realised.record(resource, {"id": name, "bucket": name, "arn": f"arn:aws:s3:::{name}"})


def put_parameter(ssm: Any, resource: Resource, realised: Realised) -> None:
    name = physical_name(resource, "name")
    ssm.put_parameter(
        Name=name,
        Value=parameter_value(resource, realised),
        Type=resource.inputs.get("type", "String"),
        Overwrite=True,
    )
    realised.record(
        resource, {"id": name, "name": name, "arn": realised.arn("ssm", f"parameter{name}")}
    )


def parameter_value(resource: Resource, realised: Realised) -> str:
    """The value, its references resolved. Pulumi keeps every parameter value secret, so a
    redacted value is the local output of the one resource it was made from (a queue's URL,
    the stage's URL...), or for a parameter made from nothing a fresh random secret."""
    value = resource.inputs.get("value")
    if isinstance(value, str) and value != REDACTED:
        return str(realised.substitutions.resolve(value))
    sources = [realised.outputs[urn] for urn in resource.dependencies if urn in realised.outputs]
    if len(sources) == 1:
        published = next((sources[0][k] for k in PUBLISHED_KEYS if k in sources[0]), None)
        if published:
            return published
    return secrets.token_urlsafe(48)
