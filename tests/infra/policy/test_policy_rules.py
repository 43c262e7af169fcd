"""Every rule catches a deliberately broken resource and passes the fixed (clean) one."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest
from policy_stack import (
    CLOUDFRONT_READ,
    LAMBDA_TRUST,
    QUEUE_ARN,
    REMOVED,
    TRACE,
    changed,
    document,
)

from clams.graph.model import Graph
from clams.policy import RULES, ResourceRule, Rule, StackRule, config_for

CONFIG = config_for("test")
RULES_BY_NAME = {rule.name: rule for rule in RULES}
TESTED_ELSEWHERE = {"lambda-package-size", "lambda-layers"}


@dataclass(frozen=True)
class Break:
    rule: str
    resource: str
    path: str | None
    value: object

    @property
    def id(self) -> str:
        return f"{self.rule}: {self.resource}.{self.path or '(removed)'}"


OPEN_TO_ALL = {
    "Effect": "Allow",
    "Principal": "*",
    "Action": "sqs:SendMessage",
    "Resource": QUEUE_ARN,
}
S3_TO_ALL = {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}
UNSCOPED_CLOUDFRONT = {k: v for k, v in CLOUDFRONT_READ.items() if k != "Condition"}
ANYONE_ASSUMES = {**LAMBDA_TRUST, "Principal": {"AWS": "*"}}
TABLE_WILDCARD = {"Effect": "Allow", "Action": "dynamodb:*", "Resource": "arn:aws:dynamodb:*"}
GETITEM_ANYWHERE = {"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "*"}

BREAKS = [
    Break("s3-public-access-block", "site-pab", "blockPublicPolicy", False),
    Break("s3-ownership-enforced", "site-ownership", "rule.objectOwnership", "ObjectWriter"),
    Break("s3-encryption", "site-encryption", None, REMOVED),
    Break("s3-versioning", "site-versioning", "versioningConfiguration.status", "Suspended"),
    Break("s3-deny-insecure-transport", "site-policy", "policy", document(CLOUDFRONT_READ)),
    Break("s3-policy-principals", "site-policy", "policy", document(S3_TO_ALL)),
    Break("s3-policy-principals", "site-policy", "policy", document(UNSCOPED_CLOUDFRONT)),
    Break("cloudfront-https", "frontend", "defaultCacheBehavior.viewerProtocolPolicy", "allow-all"),
    Break("cloudfront-tls", "frontend", "viewerCertificate.minimumProtocolVersion", "TLSv1_2016"),
    Break(
        "cloudfront-custom-certificate",
        "frontend",
        "viewerCertificate",
        {"cloudfrontDefaultCertificate": True},
    ),
    Break(
        "cloudfront-certificate-region",
        "frontend",
        "viewerCertificate.acmCertificateArn",
        "arn:aws:acm:eu-west-2:123456789012:certificate/0f7e-test",
    ),
    Break(
        "cloudfront-origin-access-control", "frontend", "origins.0.originAccessControlId", REMOVED
    ),
    Break(
        "cloudfront-response-headers",
        "frontend",
        "defaultCacheBehavior.responseHeadersPolicyId",
        REMOVED,
    ),
    Break("cloudfront-default-root-object", "frontend", "defaultRootObject", ""),
    Break("apigateway-access-logging", "stage", "accessLogSettings", REMOVED),
    Break("apigateway-throttling", "stage", "defaultRouteSettings.throttlingRateLimit", REMOVED),
    Break("apigateway-route-authorization", "attendees-route", "authorizationType", "NONE"),
    Break("apigateway-route-authorization", "attendees-route", "authorizerId", REMOVED),
    Break("apigateway-route-key", "attendees-route", "routeKey", "GET attendee/{authCode}"),
    Break("lambda-runtime-supported", "api", "runtime", "python3.8"),
    Break("lambda-tracing", "api", "tracingConfig.mode", "PassThrough"),
    Break("lambda-no-secrets-in-environment", "api", "environment.variables.DB_PASSWORD", "x"),
    Break(
        "lambda-no-secrets-in-environment",
        "api",
        "environment.variables.DB_URL",
        "postgresql://clams:hunter2@db:5432/clams",
    ),
    Break("lambda-no-secrets-in-environment", "api", "environment.variables.SIGNING", "[secret]"),
    Break("lambda-permission-scoped", "api-invoke", "principal", "*"),
    Break("lambda-permission-scoped", "api-invoke", "sourceArn", REMOVED),
    Break("lambda-database-in-vpc", "api", "vpcConfig", REMOVED),
    Break("dynamodb-encryption", "attendees-table", "serverSideEncryption.enabled", False),
    Break("dynamodb-point-in-time-recovery", "attendees-table", "pointInTimeRecovery", REMOVED),
    Break("sqs-encryption", "attendees-queue", "sqsManagedSseEnabled", False),
    Break(
        "sqs-consumer-redrive",
        "attendees-queue",
        "redrivePolicy",
        json.dumps({"deadLetterTargetArn": QUEUE_ARN + "-dlq", "maxReceiveCount": 10}),
    ),
    Break("sqs-consumer-redrive", "attendees-queue", "redrivePolicy", REMOVED),
    Break("sqs-policy-principals", "queue-policy", "policy", document(OPEN_TO_ALL)),
    Break("sns-encryption", "alarms", "kmsMasterKeyId", REMOVED),
    Break("sns-encryption", "alarms", "kmsMasterKeyId", "alias/aws/sns"),
    Break("kms-key-rotation", "alarms-key", "enableKeyRotation", False),
    Break("kms-key-rotation", "alarms-key", "enableKeyRotation", REMOVED),
    Break("rds-not-public", "database", "publiclyAccessible", True),
    Break("rds-storage-encrypted", "database", "storageEncrypted", False),
    Break("rds-managed-password", "database", "password", "hunter2"),
    Break("rds-managed-password", "database", "manageMasterUserPassword", False),
    Break("rds-backups", "database", "backupRetentionPeriod", 0.0),
    Break("rds-deletion-protection", "database", "deletionProtection", False),
    Break("rds-multi-az", "database", "multiAz", False),
    Break("rds-force-tls", "postgres", "parameters.0.value", "0"),
    Break("iam-no-wildcard-action", "api-policy", "policy", document(TABLE_WILDCARD)),
    Break("iam-no-wildcard-resource", "api-policy", "policy", document(GETITEM_ANYWHERE, TRACE)),
    Break(
        "iam-no-administrator-access",
        "api-basic-execution",
        "policyArn",
        "arn:aws:iam::aws:policy/AdministratorAccess",
    ),
    Break("iam-assume-role-services", "api-role", "assumeRolePolicy", document(ANYONE_ASSUMES)),
    Break("logs-retention", "api-logs", "retentionInDays", REMOVED),
    Break("logs-retention", "api-logs", "retentionInDays", 3.0),
    Break("logs-function-log-group", "api-logs", None, REMOVED),
    Break("ssm-credentials-secure", "users-parameter", "type", "String"),
    Break("tags-required", "attendees-table", "tags.Contact", REMOVED),
    Break("aws-name-limits", "api", "name", "clams-test-api-" + "x" * 60),
    Break("aws-name-limits", "site", "bucket", "Clams_Site"),
    Break("aws-name-limits", "attendees-queue", "name", "clams test attendees"),
    Break("aws-name-limits", "api-role", "name", "clams/test"),
    Break("aws-name-limits", "api-logs", "name", "/aws/lambda/clams test"),
    Break("lambda-reserved-environment", "api", "environment.variables.AWS_REGION", "eu-west-2"),
    Break("lambda-reserved-environment", "api", "environment.variables._HANDLER", "x.y"),
    Break("lambda-environment-size", "api", "environment.variables.BIG_LIST", "x" * 5000),
    Break("schedule-expression", "relay-schedule", "scheduleExpression", "rate(1 minutes)"),
    Break("schedule-expression", "relay-schedule", "scheduleExpression", "cron(0 12 * * *)"),
    Break("references-typed", "api", "role", QUEUE_ARN),
]


def findings(rule: Rule, graph: Graph) -> list[str]:
    if isinstance(rule, ResourceRule):
        return [v.message for r in graph for v in rule(r, CONFIG)]
    assert isinstance(rule, StackRule)
    return [v.message for v in rule(graph, CONFIG)]


@pytest.mark.parametrize("case", BREAKS, ids=lambda c: c.id)
def test_a_deliberately_broken_resource_is_caught(case: Break) -> None:
    # Given the clean stack with one resource broken
    graph = changed(case.resource, case.path, case.value)
    # When the rule runs over it
    found = findings(RULES_BY_NAME[case.rule], graph)
    # Then it reports the broken resource
    assert found, f"{case.rule} missed {case.id}"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_the_fixed_resources_pass_every_rule(rule: Rule, clean_graph: Graph) -> None:
    # Given the clean stack; When the rule runs; Then it finds nothing
    assert findings(rule, clean_graph) == []


def test_every_rule_has_a_broken_case() -> None:
    # Given the table of broken resources; Then it covers every rule of the pack
    covered = {case.rule for case in BREAKS} | TESTED_ELSEWHERE
    assert covered == set(RULES_BY_NAME)
