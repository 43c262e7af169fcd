"""Lambda: supported runtimes, tracing, no secrets in configuration, scoped invocations."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from clams.graph.model import REDACTED, Graph, Resource
from clams.names import Env
from clams.policy import tokens
from clams.policy.config import PolicyConfig
from clams.policy.core import Finding, resource_rule, stack_rule
from clams.policy.refs import named
from clams.policy.values import dig, mapping, strings, text

SUPPORTED_RUNTIMES = frozenset(
    {
        "python3.10",
        "python3.11",
        "python3.12",
        "python3.13",
        "python3.14",
        "nodejs20.x",
        "nodejs22.x",
        "nodejs24.x",
        "java11",
        "java17",
        "java21",
        "java25",
        "dotnet8",
        "dotnet10",
        "ruby3.3",
        "ruby3.4",
        "provided.al2",
        "provided.al2023",
    }
)
SECRET_NAME = re.compile(
    r"PASSWORD|PASSWD|PWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL|ACCESS_?KEY", re.I
)
REFERENCE_NAME = re.compile(r"_(ARN|PARAMETER|PARAM|NAME|ID|URL|PATH)$", re.I)
SECRET_VALUE = re.compile(
    r"^\[secret\]$|(AKIA|ASIA)[0-9A-Z]{16}|-----BEGIN [A-Z ]*PRIVATE KEY|"
    r"://[^/\s:@]+:[^/\s@]+@|xox[abprs]-|ghp_[A-Za-z0-9]{20,}|github_pat_|sk_live_"
)
DATABASE_ENV = frozenset({Env.DB_HOST.value, Env.DB_SECRET_ARN.value})
DATABASES = (tokens.DB_INSTANCE, tokens.DB_CLUSTER)


def environment(resource: Resource) -> Mapping[str, Any]:
    return mapping(dig(mapping(resource.inputs).get("environment"), "variables"))


@resource_rule(
    "lambda-runtime-supported", "Functions use a runtime Lambda still supports.", tokens.FUNCTION
)
def runtime_supported(resource: Resource, config: PolicyConfig) -> Iterator[str]:
    runtime = text(mapping(resource.inputs).get("runtime"))
    if runtime and runtime not in SUPPORTED_RUNTIMES:
        yield f"runtime {runtime} is deprecated or unknown"


@resource_rule("lambda-tracing", "Functions trace with X-Ray (mode Active).", tokens.FUNCTION)
def tracing(resource: Resource, config: PolicyConfig) -> Iterator[str]:
    mode = dig(mapping(resource.inputs).get("tracingConfig"), "mode")
    if mode != "Active":
        yield f"tracing mode is {mode or 'unset'}, not Active"


@resource_rule(
    "lambda-no-secrets-in-environment",
    "No environment variable holds or is named like a secret (read secrets at run time).",
    tokens.FUNCTION,
)
def no_secrets(resource: Resource, config: PolicyConfig) -> Iterator[str]:
    for key, value in environment(resource).items():
        if SECRET_NAME.search(key) and not REFERENCE_NAME.search(key):
            yield f"environment variable {key} is named like a secret"
        elif value == REDACTED or SECRET_VALUE.search(text(value)):
            yield f"environment variable {key} holds what looks like a secret"


@resource_rule(
    "lambda-permission-scoped",
    "Invoke permissions name a specific principal and a source ARN.",
    tokens.PERMISSION,
)
def permission_scoped(resource: Resource, config: PolicyConfig) -> Iterator[str]:
    inputs = mapping(resource.inputs)
    if text(inputs.get("principal")) in ("", "*"):
        yield "permission is granted to every principal ('*')"
    if not inputs.get("sourceArn"):
        yield "permission has no source ARN"


@stack_rule(
    "lambda-database-in-vpc",
    "Functions that reach the relational database run in the VPC's subnets.",
)
def database_functions_in_vpc(graph: Graph, config: PolicyConfig) -> Iterator[Finding]:
    for function in graph.of_type(tokens.FUNCTION):
        if reaches_database(graph, function) and not in_vpc(function):
            yield function.urn, f"function '{function.name}' reaches RDS but has no VPC config"


def reaches_database(graph: Graph, function: Resource) -> bool:
    variables = environment(function)
    if DATABASE_ENV & set(variables):
        return True
    return any(named(graph, value, DATABASES) for value in variables.values())


def in_vpc(function: Resource) -> bool:
    vpc = mapping(function.inputs).get("vpcConfig")
    return bool(strings(dig(vpc, "subnetIds")) and strings(dig(vpc, "securityGroupIds")))


RULES = (runtime_supported, tracing, no_secrets, permission_scoped, database_functions_in_vpc)
