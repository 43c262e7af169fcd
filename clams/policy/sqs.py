"""SQS: encrypted queues, a dead-letter queue behind every consumed queue, no open policies."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from clams.graph.model import Graph, Resource
from clams.policy import tokens
from clams.policy.config import PolicyConfig
from clams.policy.core import Finding, resource_rule, stack_rule
from clams.policy.documents import statements
from clams.policy.refs import named, refers_to
from clams.policy.values import json_document, mapping, number, truthy

MAX_RECEIVE_COUNT = 5


@resource_rule("sqs-encryption", "Queues encrypt at rest (SQS-managed or KMS keys).", tokens.QUEUE)
def encrypted(resource: Resource, config: PolicyConfig) -> Iterator[str]:
    inputs = mapping(resource.inputs)
    if not truthy(inputs.get("sqsManagedSseEnabled")) and not inputs.get("kmsMasterKeyId"):
        yield "neither SQS-managed nor KMS encryption is enabled"


@stack_rule(
    "sqs-consumer-redrive",
    f"Every queue a function consumes has a dead-letter queue, maxReceiveCount <= "
    f"{MAX_RECEIVE_COUNT}.",
)
def consumed_queues_redrive(graph: Graph, config: PolicyConfig) -> Iterator[Finding]:
    for queue in consumed_queues(graph):
        yield from (
            (queue.urn, f"queue '{queue.name}' {problem}")
            for problem in redrive_problems(graph, queue)
        )


def consumed_queues(graph: Graph) -> list[Resource]:
    sources = [
        mapping(m.inputs).get("eventSourceArn") for m in graph.of_type(tokens.EVENT_SOURCE_MAPPING)
    ]
    found = {q.urn: q for s in sources for q in named(graph, s, [tokens.QUEUE])}
    return list(found.values())


def redrive_problems(graph: Graph, queue: Resource) -> Iterator[str]:
    policy = redrive_policy(graph, queue)
    if not policy:
        yield "is consumed by a function but has no redrive policy"
        return
    count = number(policy.get("maxReceiveCount"))
    if count is None:
        yield "has a redrive policy without maxReceiveCount"
    elif count > MAX_RECEIVE_COUNT:
        yield f"has maxReceiveCount {count:g}, above {MAX_RECEIVE_COUNT}"
    if not named(graph, policy.get("deadLetterTargetArn"), [tokens.QUEUE]):
        yield "has a redrive policy whose dead-letter target is not a queue of this stack"


def redrive_policy(graph: Graph, queue: Resource) -> Mapping[str, Any]:
    inline = json_document(mapping(queue.inputs).get("redrivePolicy"))
    if inline:
        return inline
    separate = graph.of_type(tokens.REDRIVE_POLICY)
    owners = [p for p in separate if refers_to(graph, mapping(p.inputs).get("queueUrl"), queue)]
    return next((json_document(mapping(p.inputs).get("redrivePolicy")) for p in owners), {})


@resource_rule(
    "sqs-policy-principals",
    "Queue policies grant nothing to everyone without a condition.",
    tokens.QUEUE_POLICY,
)
def policy_principals(resource: Resource, config: PolicyConfig) -> Iterator[str]:
    for index, statement in enumerate(statements(mapping(resource.inputs).get("policy"))):
        if statement.allows and statement.public and not statement.condition:
            yield f"statement {index} allows everyone ('*') without a condition"


RULES = (encrypted, consumed_queues_redrive, policy_principals)
