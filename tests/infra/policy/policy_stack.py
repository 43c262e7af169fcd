"""A small, hand-built stack that keeps every policy rule, and a way to break one resource.

Inputs have the shape Pulumi's mocks record: camelCase keys, whole numbers as floats, IAM
policies as JSON strings.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from clams.graph.model import Graph, Resource
from clams.policy import tokens

ACCOUNT = "123456789012"
TAGS = {
    "Product": "clams",
    "Environment": "test",
    "Contact": "crew@example.org",
    "Orchestration": "pulumi",
}
QUEUE_ARN = f"arn:aws:sqs:eu-west-2:{ACCOUNT}:clams-test-attendees"
DLQ_ARN = f"arn:aws:sqs:eu-west-2:{ACCOUNT}:clams-test-attendees-dlq"
QUEUE_URL = f"https://sqs.eu-west-2.amazonaws.com/{ACCOUNT}/clams-test-attendees"
ROLE_ARN = f"arn:aws:iam::{ACCOUNT}:role/clams-test-api"
FUNCTION_ARN = f"arn:aws:lambda:eu-west-2:{ACCOUNT}:function:clams-test-api"
INVOKE_ARN = (
    f"arn:aws:apigateway:eu-west-2:lambda:path/2015-03-31/functions/{FUNCTION_ARN}/invocations"
)
LAYER_ARN = f"arn:aws:lambda:eu-west-2:{ACCOUNT}:layer:clams-test-deps:1"
LOG_ARN = f"arn:aws:logs:eu-west-2:{ACCOUNT}:log-group:/aws/apigateway/clams-test"
CERT_ARN = f"arn:aws:acm:us-east-1:{ACCOUNT}:certificate/0f7e-test"
DISTRIBUTION_ARN = f"arn:aws:cloudfront::{ACCOUNT}:distribution/E1TEST"
DB_ADDRESS = "clams-test-database.c0test.eu-west-2.rds.amazonaws.com"
DB_SECRET_ARN = f"arn:aws:secretsmanager:eu-west-2:{ACCOUNT}:secret:rds-db"
TABLE_ARN = f"arn:aws:dynamodb:eu-west-2:{ACCOUNT}:table/clams-test-attendees"
BUCKET = "clams-test-site"
KEY_ARN = f"arn:aws:kms:eu-west-2:{ACCOUNT}:key/0f7e0000-0000-4000-8000-000000000000"


def document(*statements: dict[str, Any]) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


TLS_DENY = {
    "Effect": "Deny",
    "Principal": "*",
    "Action": "s3:*",
    "Resource": [f"arn:aws:s3:::{BUCKET}", f"arn:aws:s3:::{BUCKET}/*"],
    "Condition": {"Bool": {"aws:SecureTransport": "false"}},
}
CLOUDFRONT_READ = {
    "Effect": "Allow",
    "Principal": {"Service": "cloudfront.amazonaws.com"},
    "Action": "s3:GetObject",
    "Resource": f"arn:aws:s3:::{BUCKET}/*",
    "Condition": {"StringEquals": {"AWS:SourceArn": DISTRIBUTION_ARN}},
}
LAMBDA_TRUST = {
    "Effect": "Allow",
    "Principal": {"Service": "lambda.amazonaws.com"},
    "Action": "sts:AssumeRole",
}
READ_TABLE = {
    "Effect": "Allow",
    "Action": ["dynamodb:GetItem", "dynamodb:Query"],
    "Resource": TABLE_ARN,
}
TRACE = {"Effect": "Allow", "Action": ["xray:PutTraceSegments"], "Resource": "*"}
ACCOUNT_SENDS = {
    "Effect": "Allow",
    "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"},
    "Action": "sqs:SendMessage",
    "Resource": QUEUE_ARN,
}


def spec(type_: str, name: str, inputs: dict[str, Any], outputs: dict[str, Any] | None = None):
    return type_, name, inputs, outputs or {}


def clean_specs() -> list[tuple[str, str, dict[str, Any], dict[str, Any]]]:
    return [
        spec(
            tokens.BUCKET,
            "site",
            {"bucket": BUCKET, "tags": TAGS},
            {"id": BUCKET, "arn": f"arn:aws:s3:::{BUCKET}"},
        ),
        spec(
            tokens.PUBLIC_ACCESS_BLOCK,
            "site-pab",
            {
                "bucket": BUCKET,
                "blockPublicAcls": True,
                "blockPublicPolicy": True,
                "ignorePublicAcls": True,
                "restrictPublicBuckets": True,
            },
        ),
        spec(
            tokens.OWNERSHIP_CONTROLS,
            "site-ownership",
            {"bucket": BUCKET, "rule": {"objectOwnership": "BucketOwnerEnforced"}},
        ),
        spec(
            sorted(tokens.BUCKET_ENCRYPTION)[0],
            "site-encryption",
            {
                "bucket": BUCKET,
                "rules": [{"applyServerSideEncryptionByDefault": {"sseAlgorithm": "AES256"}}],
            },
        ),
        spec(
            sorted(tokens.BUCKET_VERSIONING)[0],
            "site-versioning",
            {"bucket": BUCKET, "versioningConfiguration": {"status": "Enabled"}},
        ),
        spec(
            tokens.BUCKET_POLICY,
            "site-policy",
            {"bucket": BUCKET, "policy": document(TLS_DENY, CLOUDFRONT_READ)},
        ),
        spec(
            tokens.ORIGIN_ACCESS_CONTROL,
            "site-oac",
            {"name": "clams-test-site"},
            {"id": "E2OACTEST"},
        ),
        spec(
            tokens.RESPONSE_HEADERS_POLICY,
            "security-headers",
            {"name": "clams-test"},
            {"id": "rhp-test"},
        ),
        spec(
            tokens.CERTIFICATE,
            "certificate",
            {"domainName": "clams.example.org", "tags": TAGS},
            {"arn": CERT_ARN},
        ),
        spec(
            tokens.DISTRIBUTION,
            "frontend",
            {
                "origins": [
                    {
                        "domainName": f"{BUCKET}.s3.eu-west-2.amazonaws.com",
                        "originId": "site",
                        "originAccessControlId": "E2OACTEST",
                    }
                ],
                "defaultCacheBehavior": {
                    "targetOriginId": "site",
                    "viewerProtocolPolicy": "redirect-to-https",
                    "responseHeadersPolicyId": "rhp-test",
                },
                "defaultRootObject": "index.html",
                "viewerCertificate": {
                    "acmCertificateArn": CERT_ARN,
                    "sslSupportMethod": "sni-only",
                    "minimumProtocolVersion": "TLSv1.2_2021",
                },
                "tags": TAGS,
            },
            {"arn": DISTRIBUTION_ARN, "id": "E1TEST"},
        ),
        spec(
            tokens.HTTP_API,
            "http-api",
            {"name": "clams-test", "protocolType": "HTTP", "tags": TAGS},
            {"id": "api0test"},
        ),
        spec(
            tokens.LOG_GROUP,
            "access-logs",
            {"name": "/aws/apigateway/clams-test", "retentionInDays": 14.0, "tags": TAGS},
            {"arn": LOG_ARN},
        ),
        spec(
            tokens.STAGE,
            "stage",
            {
                "apiId": "api0test",
                "name": "clams",
                "accessLogSettings": {
                    "destinationArn": LOG_ARN,
                    "format": '{"id":"$context.requestId"}',
                },
                "defaultRouteSettings": {
                    "throttlingBurstLimit": 100.0,
                    "throttlingRateLimit": 50.0,
                },
                "tags": TAGS,
            },
        ),
        spec(
            tokens.AUTHORIZER,
            "authorizer",
            {"apiId": "api0test", "authorizerType": "REQUEST", "authorizerUri": INVOKE_ARN},
            {"id": "auth0test"},
        ),
        spec(
            tokens.INTEGRATION,
            "integration",
            {"apiId": "api0test", "integrationType": "AWS_PROXY", "integrationUri": INVOKE_ARN},
            {"id": "int0test"},
        ),
        spec(
            tokens.ROUTE,
            "attendees-route",
            {
                "apiId": "api0test",
                "routeKey": "GET /attendee/{authCode}",
                "authorizationType": "CUSTOM",
                "authorizerId": "auth0test",
                "target": "integrations/int0test",
            },
        ),
        spec(
            tokens.ROUTE,
            "openapi-route",
            {
                "apiId": "api0test",
                "routeKey": "GET /openapi.json",
                "authorizationType": "NONE",
                "target": "integrations/int0test",
            },
        ),
        spec(
            tokens.ROLE,
            "api-role",
            {"name": "clams-test-api", "assumeRolePolicy": document(LAMBDA_TRUST), "tags": TAGS},
            {"arn": ROLE_ARN},
        ),
        spec(
            tokens.ROLE_POLICY,
            "api-policy",
            {"role": "clams-test-api", "policy": document(READ_TABLE, TRACE)},
        ),
        spec(
            tokens.ROLE_POLICY_ATTACHMENT,
            "api-basic-execution",
            {
                "role": "clams-test-api",
                "policyArn": "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
            },
        ),
        spec(tokens.LAYER, "deps", {"layerName": "clams-test-deps"}, {"arn": LAYER_ARN}),
        spec(
            tokens.FUNCTION,
            "api",
            {
                "name": "clams-test-api",
                "runtime": "python3.13",
                "handler": "handlers.api.handler",
                "role": ROLE_ARN,
                "tracingConfig": {"mode": "Active"},
                "layers": [LAYER_ARN],
                "environment": {
                    "variables": {
                        "ATTENDEES_TABLE": "clams-test-attendees",
                        "DB_HOST": DB_ADDRESS,
                        "DB_SECRET_ARN": DB_SECRET_ARN,
                    }
                },
                "vpcConfig": {"subnetIds": ["subnet-0a"], "securityGroupIds": ["sg-0a"]},
                "loggingConfig": {"logGroup": "/aws/lambda/clams-test-api", "logFormat": "JSON"},
                "tags": TAGS,
            },
            {"arn": FUNCTION_ARN, "invokeArn": INVOKE_ARN, "name": "clams-test-api"},
        ),
        spec(
            tokens.LOG_GROUP,
            "api-logs",
            {"name": "/aws/lambda/clams-test-api", "retentionInDays": 14.0, "tags": TAGS},
        ),
        spec(
            tokens.PERMISSION,
            "api-invoke",
            {
                "function": "clams-test-api",
                "action": "lambda:InvokeFunction",
                "principal": "apigateway.amazonaws.com",
                "sourceArn": f"arn:aws:execute-api:eu-west-2:{ACCOUNT}:api0test/*/*",
            },
        ),
        spec(
            tokens.TABLE,
            "attendees-table",
            {
                "name": "clams-test-attendees",
                "serverSideEncryption": {"enabled": True},
                "pointInTimeRecovery": {"enabled": True},
                "tags": TAGS,
            },
            {"arn": TABLE_ARN},
        ),
        spec(
            tokens.QUEUE,
            "attendees-queue",
            {
                "name": "clams-test-attendees",
                "sqsManagedSseEnabled": True,
                "redrivePolicy": json.dumps({"deadLetterTargetArn": DLQ_ARN, "maxReceiveCount": 5}),
                "tags": TAGS,
            },
            {"arn": QUEUE_ARN, "url": QUEUE_URL, "id": QUEUE_URL},
        ),
        spec(
            tokens.QUEUE,
            "attendees-dlq",
            {"name": "clams-test-attendees-dlq", "sqsManagedSseEnabled": True, "tags": TAGS},
            {"arn": DLQ_ARN},
        ),
        spec(
            tokens.EVENT_SOURCE_MAPPING,
            "attendees-to-api",
            {
                "eventSourceArn": QUEUE_ARN,
                "functionName": FUNCTION_ARN,
                "batchSize": 10.0,
                "tags": TAGS,
            },
        ),
        spec(
            tokens.QUEUE_POLICY,
            "queue-policy",
            {"queueUrl": QUEUE_URL, "policy": document(ACCOUNT_SENDS)},
        ),
        spec(
            tokens.DB_PARAMETER_GROUP,
            "postgres",
            {
                "name": "clams-test-postgres",
                "family": "postgres16",
                "parameters": [{"name": "rds.force_ssl", "value": "1"}],
                "tags": TAGS,
            },
        ),
        spec(
            tokens.DB_INSTANCE,
            "database",
            {
                "identifier": "clams-test-database",
                "engine": "postgres",
                "publiclyAccessible": False,
                "storageEncrypted": True,
                "manageMasterUserPassword": True,
                "backupRetentionPeriod": 7.0,
                "deletionProtection": True,
                "multiAz": True,
                "parameterGroupName": "clams-test-postgres",
                "tags": TAGS,
            },
            {"address": DB_ADDRESS},
        ),
        spec(
            tokens.PARAMETER,
            "users-parameter",
            {"name": "/clams/test/users", "type": "SecureString", "tags": TAGS},
        ),
        spec(
            tokens.EVENT_RULE,
            "relay-schedule",
            {"name": "clams-test-relay", "scheduleExpression": "rate(1 minute)", "tags": TAGS},
        ),
        spec(
            tokens.KMS_KEY,
            "alarms-key",
            {"enableKeyRotation": True, "tags": TAGS},
            {"arn": KEY_ARN, "keyId": KEY_ARN.rsplit("/", 1)[-1]},
        ),
        spec(
            tokens.TOPIC,
            "alarms",
            {"name": "clams-test-alarms", "kmsMasterKeyId": KEY_ARN, "tags": TAGS},
            {"arn": f"arn:aws:sns:eu-west-2:{ACCOUNT}:clams-test-alarms"},
        ),
    ]


def urn(type_: str, name: str) -> str:
    return f"urn:pulumi:test::clams::{type_}::{name}"


def build(specs: list[tuple[str, str, dict[str, Any], dict[str, Any]]]) -> Graph:
    resources = tuple(
        Resource(urn=urn(t, n), type=t, name=n, inputs=i, outputs=o) for t, n, i, o in specs
    )
    return Graph("clams", "test", resources)


REMOVED = object()
"""As a change's value: delete the key (or, with no path, the whole resource)."""


def changed(name: str, path: str | None, value: object) -> Graph:
    """The clean stack with one input of one resource changed (``a.b.0.c`` paths)."""
    specs = copy.deepcopy(clean_specs())
    target = next(s for s in specs if s[1] == name)
    if path is None:
        specs.remove(target)
        return build(specs)
    *parents, last = path.split(".")
    node: Any = target[2]
    for key in parents:
        node = node[int(key)] if isinstance(node, list) else node.setdefault(key, {})
    if value is REMOVED:
        node.pop(last, None)
    else:
        node[int(last) if isinstance(node, list) else last] = value
    return build(specs)
