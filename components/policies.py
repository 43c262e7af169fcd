"""IAM and bucket policy documents as pure functions of ARNs: tested without Pulumi."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

Document = dict[str, Any]

TABLE_READ = (
    "dynamodb:GetItem",
    "dynamodb:BatchGetItem",
    "dynamodb:Query",
    "dynamodb:Scan",
    "dynamodb:ConditionCheckItem",
)
TABLE_WRITE = (
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
    "dynamodb:DeleteItem",
    "dynamodb:BatchWriteItem",
)
QUEUE_CONSUME = (
    "sqs:ReceiveMessage",
    "sqs:DeleteMessage",
    "sqs:ChangeMessageVisibility",
    "sqs:GetQueueAttributes",
)
QUEUE_SEND = ("sqs:SendMessage", "sqs:GetQueueAttributes")
VPC_NETWORK_INTERFACES = (
    "ec2:CreateNetworkInterface",
    "ec2:DescribeNetworkInterfaces",
    "ec2:DescribeSubnets",
    "ec2:DeleteNetworkInterface",
    "ec2:AssignPrivateIpAddresses",
    "ec2:UnassignPrivateIpAddresses",
)
TRACING = ("xray:PutTraceSegments", "xray:PutTelemetryRecords")
"""X-Ray and the network-interface actions accept no resource narrower than ``*``."""


@dataclass(frozen=True)
class Grants:
    """What one function may touch, by ARN."""

    log_group: str
    tables_written: tuple[str, ...] = ()
    tables_read: tuple[str, ...] = ()
    queues_consumed: tuple[str, ...] = ()
    queues_sent: tuple[str, ...] = ()
    parameters: tuple[str, ...] = ()
    secrets: tuple[str, ...] = ()
    in_vpc: bool = False


def assume_role_policy(service: str) -> Document:
    return {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Principal": {"Service": service}, "Action": "sts:AssumeRole"}
        ],
    }


def statement(sid: str, actions: tuple[str, ...], resources: list[str]) -> Document:
    return {"Sid": sid, "Effect": "Allow", "Action": list(actions), "Resource": resources}


def function_policy(grants: Grants) -> Document:
    """The least-privilege policy of one function's role."""
    statements = [
        statement("Logs", ("logs:CreateLogStream", "logs:PutLogEvents"), [f"{grants.log_group}:*"]),
        statement("Tracing", TRACING, ["*"]),
        *_table_statements(grants),
        *_optional("ConsumeQueues", QUEUE_CONSUME, grants.queues_consumed),
        *_optional("SendToQueues", QUEUE_SEND, grants.queues_sent),
        *_optional("ReadParameters", ("ssm:GetParameter",), grants.parameters),
        *_optional("ReadSecrets", ("secretsmanager:GetSecretValue",), grants.secrets),
    ]
    if grants.in_vpc:
        statements.append(statement("NetworkInterfaces", VPC_NETWORK_INTERFACES, ["*"]))
    return {"Version": "2012-10-17", "Statement": statements}


def _table_statements(grants: Grants) -> list[Document]:
    read_only = [t for t in grants.tables_read if t not in grants.tables_written]
    return [
        *_optional("WriteTables", TABLE_READ + TABLE_WRITE, _with_indexes(grants.tables_written)),
        *_optional("ReadTables", TABLE_READ, _with_indexes(read_only)),
    ]


def _with_indexes(tables: tuple[str, ...] | list[str]) -> list[str]:
    return [arn for table in tables for arn in (table, f"{table}/index/*")]


def _optional(
    sid: str, actions: tuple[str, ...], resources: tuple[str, ...] | list[str]
) -> list[Document]:
    return [statement(sid, actions, sorted(resources))] if resources else []


def site_bucket_policy(bucket_arn: str, distribution_arn: str) -> Document:
    """Objects readable only by the one CloudFront distribution, and only over TLS."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "CloudFrontReadsObjects",
                "Effect": "Allow",
                "Principal": {"Service": "cloudfront.amazonaws.com"},
                "Action": "s3:GetObject",
                "Resource": f"{bucket_arn}/*",
                "Condition": {"StringEquals": {"AWS:SourceArn": distribution_arn}},
            },
            {
                "Sid": "DenyInsecureTransport",
                "Effect": "Deny",
                "Principal": "*",
                "Action": "s3:*",
                "Resource": [bucket_arn, f"{bucket_arn}/*"],
                "Condition": {"Bool": {"aws:SecureTransport": "false"}},
            },
        ],
    }
