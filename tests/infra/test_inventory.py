"""What each stack is made of, and how prod differs from nonprod (only by configuration)."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from graph_helpers import FUNCTION, QUEUE, ROUTE, one

from clams.graph.mocks import ACCOUNT
from clams.graph.model import Graph
from clams.names import TABLES, Function
from clams.routes import ROUTES

CORE = {
    FUNCTION: len(Function),
    "aws:lambda/layerVersion:LayerVersion": len(Function),
    "aws:iam/role:Role": len(Function),
    "aws:dynamodb/table:Table": len(TABLES),
    QUEUE: 4,
    ROUTE: len(ROUTES),
    "aws:apigatewayv2/api:Api": 1,
    "aws:apigatewayv2/stage:Stage": 1,
    "aws:apigatewayv2/authorizer:Authorizer": 1,
    "aws:rds/instance:Instance": 1,
    "aws:ec2/vpc:Vpc": 1,
    "aws:ec2/vpcEndpoint:VpcEndpoint": 4,
    "aws:ec2/natGateway:NatGateway": 0,
    "aws:lambda/eventSourceMapping:EventSourceMapping": 2,
    "aws:cloudwatch/eventRule:EventRule": 1,
    "aws:lambda/invocation:Invocation": 1,
    "aws:s3/bucket:Bucket": 1,
    "aws:cloudfront/distribution:Distribution": 1,
    "aws:ssm/parameter:Parameter": 11,
}


def test_each_stack_declares_the_whole_platform(stack_graph: Graph) -> None:
    # Given the stack's graph / When its resources are counted by type
    counts = Counter(r.type for r in stack_graph)
    # Then every part of the platform is there, once per function, table or route
    assert {t: counts.get(t, 0) for t in CORE} == CORE


def test_every_resource_but_the_stack_has_a_component_parent(stack_graph: Graph) -> None:
    # Given the graph / Then every resource sits inside a component (no stray resources)
    def parent_type(urn: str | None) -> str:
        return (urn or "").split("::")[2].split("$")[-1] if urn else ""

    orphans = [
        r.urn
        for r in stack_graph
        if not r.type.startswith("clams:") and parent_type(r.parent) == "pulumi:pulumi:Stack"
    ]
    assert orphans == []


def test_only_prod_has_alarms_a_domain_and_a_certificate(
    nonprod_graph: Graph, prod_graph: Graph
) -> None:
    for token in (
        "aws:sns/topic:Topic",
        "aws:acm/certificate:Certificate",
        "aws:route53/record:Record",
        "aws:cloudwatch/metricAlarm:MetricAlarm",
    ):
        # Then nonprod has none of them and prod has them
        assert nonprod_graph.of_type(token) == []
        assert prod_graph.of_type(token) != []


def test_prod_alarms_watch_dead_letters_function_errors_and_api_5xx(prod_graph: Graph) -> None:
    alarms = prod_graph.of_type("aws:cloudwatch/metricAlarm:MetricAlarm")
    metrics = Counter(a.inputs["metricName"] for a in alarms)
    assert metrics == {"ApproximateNumberOfMessagesVisible": 2, "Errors": len(Function), "5xx": 1}
    topic = prod_graph.of_type("aws:sns/topic:Topic")[0]
    assert all(a.inputs["alarmActions"] == [topic.outputs["arn"]] for a in alarms)
    subscription = prod_graph.of_type("aws:sns/topicSubscription:TopicSubscription")[0]
    assert subscription.inputs["protocol"] == "email"


def test_the_alarm_topic_is_encrypted_with_a_rotating_key_cloudwatch_may_use(
    prod_graph: Graph,
) -> None:
    # Given prod's alarm topic and the key it names
    topic = prod_graph.of_type("aws:sns/topic:Topic")[0]
    key = prod_graph.referenced_by(topic.inputs["kmsMasterKeyId"])
    # Then the key is the stack's own, rotating, and lets only this account's alarms use it
    assert key is not None and key.type == "aws:kms/key:Key"
    assert key.inputs["enableKeyRotation"] is True
    policy = json.loads(key.inputs["policy"])
    cloudwatch = next(
        s for s in policy["Statement"] if s["Principal"] == {"Service": "cloudwatch.amazonaws.com"}
    )
    assert set(cloudwatch["Action"]) == {"kms:Decrypt", "kms:GenerateDataKey*"}
    assert cloudwatch["Condition"] == {"StringEquals": {"aws:SourceAccount": ACCOUNT}}


@pytest.mark.parametrize(
    ("setting", "nonprod", "prod"),
    [
        ("multiAz", False, True),
        ("deletionProtection", False, True),
        ("backupRetentionPeriod", 1, 14),
        ("skipFinalSnapshot", True, False),
    ],
)
def test_the_database_is_protected_in_prod_only(
    nonprod_graph: Graph, prod_graph: Graph, setting: str, nonprod: object, prod: object
) -> None:
    def value(graph: Graph) -> object:
        return one(graph, "aws:rds/instance:Instance", "database").inputs.get(setting)

    assert (value(nonprod_graph), value(prod_graph)) == (nonprod, prod)


def test_tables_recover_to_a_point_in_time_in_prod_only(
    nonprod_graph: Graph, prod_graph: Graph
) -> None:
    def pitr(graph: Graph) -> set[bool]:
        tables = graph.of_type("aws:dynamodb/table:Table")
        return {t.inputs["pointInTimeRecovery"]["enabled"] for t in tables}

    assert (pitr(nonprod_graph), pitr(prod_graph)) == ({False}, {True})


def test_prod_keeps_logs_longer(nonprod_graph: Graph, prod_graph: Graph) -> None:
    def retention(graph: Graph) -> set[int]:
        return {
            g.inputs["retentionInDays"] for g in graph.of_type("aws:cloudwatch/logGroup:LogGroup")
        }

    assert (retention(nonprod_graph), retention(prod_graph)) == ({14}, {365})


def test_the_database_is_private_encrypted_and_forces_tls(stack_graph: Graph) -> None:
    database = one(stack_graph, "aws:rds/instance:Instance", "database").inputs
    assert database["publiclyAccessible"] is False
    assert database["storageEncrypted"] is True
    assert database["manageMasterUserPassword"] is True
    assert "password" not in database
    group = one(stack_graph, "aws:rds/parameterGroup:ParameterGroup", "database")
    assert {"name": "rds.force_ssl", "value": "1"} in [
        {k: p[k] for k in ("name", "value")} for p in group.inputs["parameters"]
    ]


def test_table_key_schemas_come_from_the_shared_names(stack_graph: Graph) -> None:
    for table, spec in TABLES.items():
        inputs = one(stack_graph, "aws:dynamodb/table:Table", table.value).inputs
        assert inputs["name"] == f"clams-{stack_graph.stack}-{table.value}"
        assert inputs["hashKey"] == spec.partition.name
        assert inputs.get("rangeKey") == (spec.sort.name if spec.sort else None)
        assert inputs["serverSideEncryption"]["enabled"] is True


def test_in_vpc_functions_reach_aws_through_endpoints_without_a_nat(stack_graph: Graph) -> None:
    endpoints = stack_graph.of_type("aws:ec2/vpcEndpoint:VpcEndpoint")
    services = {
        e.inputs["serviceName"].rsplit(".", 1)[1]: e.inputs["vpcEndpointType"] for e in endpoints
    }
    assert services == {
        "dynamodb": "Gateway",
        "sqs": "Interface",
        "ssm": "Interface",
        "secretsmanager": "Interface",
    }
    assert stack_graph.of_type("aws:ec2/natGateway:NatGateway") == []
    assert stack_graph.of_type("aws:ec2/internetGateway:InternetGateway") == []
