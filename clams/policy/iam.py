"""IAM: least privilege, no administrator access, roles assumable by named services only."""

from __future__ import annotations

from collections.abc import Iterator

from clams.graph.model import Resource
from clams.policy import tokens
from clams.policy.config import PolicyConfig
from clams.policy.core import resource_rule
from clams.policy.documents import Statement, statements
from clams.policy.values import items, mapping, strings, text

STAR_ONLY_ACTIONS = frozenset(
    a.lower()
    for a in (
        "xray:PutTraceSegments",
        "xray:PutTelemetryRecords",
        "xray:GetSamplingRules",
        "xray:GetSamplingTargets",
        "xray:GetSamplingStatisticSummaries",
        "ec2:CreateNetworkInterface",
        "ec2:DescribeNetworkInterfaces",
        "ec2:DeleteNetworkInterface",
        "ec2:AssignPrivateIpAddresses",
        "ec2:UnassignPrivateIpAddresses",
        "ec2:DescribeSubnets",
        "ec2:DescribeSecurityGroups",
        "ec2:DescribeVpcs",
        "cloudwatch:PutMetricData",
        "ssm:DescribeParameters",
        "sqs:ListQueues",
        "dynamodb:ListTables",
        "s3:ListAllMyBuckets",
        "sts:GetCallerIdentity",
        "secretsmanager:GetRandomPassword",
        "secretsmanager:ListSecrets",
        "kms:ListKeys",
        "kms:ListAliases",
        "lambda:ListFunctions",
    )
)
ADMINISTRATOR = ":policy/AdministratorAccess"
POLICY_HOLDERS = (tokens.ROLE, tokens.ROLE_POLICY, tokens.MANAGED_POLICY)


def permission_statements(resource: Resource) -> list[Statement]:
    inputs = mapping(resource.inputs)
    documents = [inputs.get("policy")]
    documents += [mapping(p).get("policy") for p in items(inputs.get("inlinePolicies"))]
    return [s for d in documents if d for s in statements(d) if s.allows]


@resource_rule(
    "iam-no-wildcard-action",
    "Policies allow named actions, never '*', 'service:*' or NotAction.",
    *POLICY_HOLDERS,
)
def no_wildcard_action(resource: Resource, config: PolicyConfig) -> Iterator[str]:
    for statement in permission_statements(resource):
        for action in statement.actions:
            if action == "*" or action.endswith(":*"):
                yield f"allows the wildcard action {action!r}"
        if statement.not_actions:
            yield "allows everything but a list of actions (NotAction)"


@resource_rule(
    "iam-no-wildcard-resource",
    "Policies name their resources; '*' only for actions that accept nothing else.",
    *POLICY_HOLDERS,
)
def no_wildcard_resource(resource: Resource, config: PolicyConfig) -> Iterator[str]:
    for statement in permission_statements(resource):
        if "*" in statement.resources:
            scoped = sorted(a for a in statement.actions if a.lower() not in STAR_ONLY_ACTIONS)
            if scoped:
                yield f"allows {', '.join(scoped)} on every resource ('*')"


@resource_rule(
    "iam-no-administrator-access",
    "Nothing is granted the AdministratorAccess managed policy.",
    tokens.ROLE,
    *tokens.POLICY_ATTACHMENTS,
)
def no_administrator(resource: Resource, config: PolicyConfig) -> Iterator[str]:
    inputs = mapping(resource.inputs)
    arns = [text(inputs.get("policyArn")), *strings(inputs.get("managedPolicyArns"))]
    if any(arn.endswith(ADMINISTRATOR) for arn in arns):
        yield "attaches AdministratorAccess"


@resource_rule(
    "iam-assume-role-services",
    "Roles can be assumed only by specific AWS services.",
    tokens.ROLE,
)
def assumed_by_services(resource: Resource, config: PolicyConfig) -> Iterator[str]:
    trust = statements(mapping(resource.inputs).get("assumeRolePolicy"))
    for statement in (s for s in trust if s.allows):
        for kind, principal in statement.principals:
            if kind != "Service" or "*" in principal or not principal.endswith(".amazonaws.com"):
                yield f"can be assumed by {kind} principal {principal!r}"


RULES = (no_wildcard_action, no_wildcard_resource, no_administrator, assumed_by_services)
