"""The pack under pulumi-policy's own analyzer (what `pulumi preview --policy-pack` calls).

The SDK's ``_PolicyAnalyzerServicer`` is private; pulumi-policy is pinned (constraints.txt)
so this path stays the one the CLI runs.
"""

from __future__ import annotations

from typing import Any

import pytest
from google.protobuf import struct_pb2
from policy_stack import build, changed, clean_specs
from pulumi.runtime import proto
from pulumi_policy import EnforcementLevel
from pulumi_policy.policy import _PolicyAnalyzerServicer
from pulumi_policy.proxy import UNKNOWN_STRING_VALUE

from clams.graph.model import Graph, Resource
from clams.policy import config_for
from clams.policy.pack import policies


def analyzer(stack: str) -> _PolicyAnalyzerServicer:
    return _PolicyAnalyzerServicer(
        "clams", "0.1.0", policies(config_for(stack)), EnforcementLevel.ADVISORY
    )


def struct(values: dict[str, Any]) -> struct_pb2.Struct:
    message = struct_pb2.Struct()
    message.update(values)
    return message


def analyze(resource: Resource, stack: str = "nonprod") -> dict[str, int]:
    request = proto.AnalyzeRequest(
        type=resource.type, urn=resource.urn, name=resource.name, properties=struct(resource.inputs)
    )
    response = analyzer(stack).Analyze(request, None)
    return {d.policyName: d.enforcementLevel for d in response.diagnostics}


def analyze_stack(graph: Graph, stack: str = "nonprod") -> dict[str, int]:
    resources = [
        proto.AnalyzerResource(
            type=r.type, urn=r.urn, name=r.name, properties=struct({**r.inputs, **r.outputs})
        )
        for r in graph
    ]
    response = analyzer(stack).AnalyzeStack(proto.AnalyzeStackRequest(resources=resources), None)
    return {d.policyName: d.enforcementLevel for d in response.diagnostics}


def named(graph: Graph, name: str) -> Resource:
    return next(r for r in graph if r.name == name)


def test_a_public_database_is_a_mandatory_violation_under_the_analyzer() -> None:
    # Given the database made public
    database = named(changed("database", "publiclyAccessible", True), "database")
    # When the SDK analyzes it as the CLI would during a preview
    diagnostics = analyze(database)
    # Then the pack reports rds-not-public as mandatory
    assert diagnostics.get("rds-not-public") == proto.MANDATORY


def test_the_private_database_passes_the_analyzer_with_only_nonprod_advice(
    clean_graph: Graph,
) -> None:
    # Given the clean database without Multi-AZ, in nonprod
    database = named(changed("database", "multiAz", False), "database")
    # When analyzed; Then the only finding is advisory, as configured for nonprod
    assert analyze(database) == {"rds-multi-az": proto.ADVISORY}
    # And in prod the same finding is mandatory
    assert analyze(database, "prod") == {"rds-multi-az": proto.MANDATORY}


def test_a_bucket_without_public_access_block_fails_the_stack_analysis() -> None:
    # Given the stack without the bucket's public access block
    graph = changed("site-pab", None, None)
    # When the SDK analyzes the whole stack
    diagnostics = analyze_stack(graph)
    # Then the stack rule reports it as mandatory
    assert diagnostics.get("s3-public-access-block") == proto.MANDATORY


def test_the_clean_stack_passes_the_stack_analysis(clean_graph: Graph) -> None:
    # Given the clean stack; When analyzed as a stack; Then no stack rule reports anything
    assert analyze_stack(clean_graph, "prod") == {}


def test_a_value_unknown_during_preview_is_reported_not_crashed() -> None:
    # Given a function whose tracing mode is not known yet (computed during a preview)
    function = named(build(clean_specs()), "api")
    inputs = {**function.inputs, "tracingConfig": {"mode": UNKNOWN_STRING_VALUE}}
    request = proto.AnalyzeRequest(
        type=function.type, urn=function.urn, name=function.name, properties=struct(inputs)
    )
    # When analyzed
    response = analyzer("nonprod").Analyze(request, None)
    # Then the tracing rule says it cannot run yet, as an advisory note, and nothing fails
    notes = [d for d in response.diagnostics if d.policyName == "lambda-tracing"]
    assert [n.enforcementLevel for n in notes] == [proto.ADVISORY]
    assert "can't be known during preview" in notes[0].message


@pytest.mark.parametrize("stack", ["nonprod", "prod"])
def test_every_rule_is_offered_to_the_cli_with_the_stack_level(stack: str) -> None:
    # Given the pack for a stack; When the CLI asks what it enforces
    info = analyzer(stack).GetAnalyzerInfo(None, None)
    levels = {p.name: p.enforcementLevel for p in info.policies}
    # Then every rule is there, PITR mandatory only in prod
    expected = proto.MANDATORY if stack == "prod" else proto.ADVISORY
    assert levels["dynamodb-point-in-time-recovery"] == expected
    assert levels["rds-not-public"] == proto.MANDATORY
