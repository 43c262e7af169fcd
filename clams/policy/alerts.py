"""SNS topics and their KMS keys: encrypted with a key CloudWatch may use, rotated yearly."""

from __future__ import annotations

from collections.abc import Iterator

from clams.graph.model import Resource
from clams.policy import tokens
from clams.policy.config import PolicyConfig
from clams.policy.core import resource_rule
from clams.policy.values import mapping, text, truthy

AWS_MANAGED_ALIAS = "alias/aws/"
SYMMETRIC = "SYMMETRIC_DEFAULT"


@resource_rule(
    "sns-encryption",
    "Topics encrypt with a customer-managed KMS key (CloudWatch cannot use alias/aws/sns).",
    tokens.TOPIC,
)
def topic_encrypted(resource: Resource, config: PolicyConfig) -> Iterator[str]:
    key = text(mapping(resource.inputs).get("kmsMasterKeyId"))
    if not key:
        yield "the topic is not encrypted (no kmsMasterKeyId)"
    elif AWS_MANAGED_ALIAS in key:
        yield f"the topic uses the AWS-managed key {key!r}, which CloudWatch cannot publish with"


@resource_rule(
    "kms-key-rotation",
    "Symmetric KMS keys rotate automatically (keys in a custom key store cannot).",
    tokens.KMS_KEY,
)
def key_rotation(resource: Resource, config: PolicyConfig) -> Iterator[str]:
    inputs = mapping(resource.inputs)
    spec = text(inputs.get("customerMasterKeySpec")) or SYMMETRIC
    rotatable = spec == SYMMETRIC and not inputs.get("customKeyStoreId")
    if rotatable and not truthy(inputs.get("enableKeyRotation")):
        yield "automatic key rotation is not enabled"


RULES = (topic_encrypted, key_rotation)
