"""CloudWatch Logs: every log group expires, and every function has one."""

from __future__ import annotations

from collections.abc import Iterator

from clams.graph.model import Graph, Resource
from clams.policy import tokens
from clams.policy.config import PolicyConfig
from clams.policy.core import Finding, resource_rule, stack_rule
from clams.policy.values import dig, mapping, number, text


@resource_rule(
    "logs-retention",
    "Every log group has a retention of at least the stack's minimum (prod: 30 days).",
    tokens.LOG_GROUP,
)
def retention(resource: Resource, config: PolicyConfig) -> Iterator[str]:
    days = number(mapping(resource.inputs).get("retentionInDays")) or 0
    if days == 0:
        yield "log group never expires (no retentionInDays)"
    elif days < config.log_retention_days:
        yield f"retention {days:g} days is below the stack's minimum {config.log_retention_days}"


@stack_rule(
    "logs-function-log-group",
    "Every function logs to a log group of this stack (else Lambda creates one that never "
    "expires).",
)
def function_log_groups(graph: Graph, config: PolicyConfig) -> Iterator[Finding]:
    groups = {log_group_name(g) for g in graph.of_type(tokens.LOG_GROUP)}
    for function in graph.of_type(tokens.FUNCTION):
        if function_log_group(function) not in groups:
            yield function.urn, f"function '{function.name}' has no log group in the stack"


def log_group_name(group: Resource) -> str:
    return text(mapping(group.inputs).get("name")) or text(mapping(group.outputs).get("name"))


def function_log_group(function: Resource) -> str:
    configured = text(dig(mapping(function.inputs).get("loggingConfig"), "logGroup"))
    name = text(mapping(function.inputs).get("name")) or text(mapping(function.outputs).get("name"))
    return configured or f"/aws/lambda/{name}"


RULES = (retention, function_log_groups)
