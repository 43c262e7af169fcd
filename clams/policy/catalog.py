"""Every rule of the policy pack, in the order they are reported."""

from __future__ import annotations

from clams.policy import (
    alerts,
    apigateway,
    cloudfront,
    dynamodb,
    iam,
    lambda_,
    logs,
    packages,
    rds,
    references,
    s3,
    sqs,
    ssm,
    tags,
    validity,
)
from clams.policy.core import ResourceRule, StackRule

_ALL = (
    *s3.RULES,
    *cloudfront.RULES,
    *apigateway.RULES,
    *lambda_.RULES,
    *dynamodb.RULES,
    *sqs.RULES,
    *alerts.RULES,
    *rds.RULES,
    *iam.RULES,
    *logs.RULES,
    *ssm.RULES,
    *tags.RULES,
    *validity.RULES,
    *packages.RULES,
    *references.RULES,
)
RESOURCE_RULES: tuple[ResourceRule, ...] = tuple(r for r in _ALL if isinstance(r, ResourceRule))
STACK_RULES: tuple[StackRule, ...] = tuple(r for r in _ALL if isinstance(r, StackRule))
RULES = (*RESOURCE_RULES, *STACK_RULES)
