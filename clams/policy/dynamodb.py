"""DynamoDB: encrypted tables that can be restored to any point in time."""

from __future__ import annotations

from collections.abc import Iterator

from clams.graph.model import Resource
from clams.policy import tokens
from clams.policy.config import PolicyConfig
from clams.policy.core import resource_rule
from clams.policy.values import dig, mapping, truthy


@resource_rule(
    "dynamodb-encryption", "Tables enable server-side encryption with KMS.", tokens.TABLE
)
def encrypted(resource: Resource, config: PolicyConfig) -> Iterator[str]:
    if not truthy(dig(mapping(resource.inputs).get("serverSideEncryption"), "enabled")):
        yield "server-side encryption is not enabled"


@resource_rule(
    "dynamodb-point-in-time-recovery",
    "Tables keep point-in-time recovery (mandatory in prod).",
    tokens.TABLE,
)
def point_in_time_recovery(resource: Resource, config: PolicyConfig) -> Iterator[str]:
    if not truthy(dig(mapping(resource.inputs).get("pointInTimeRecovery"), "enabled")):
        yield "point-in-time recovery is not enabled"


RULES = (encrypted, point_in_time_recovery)
