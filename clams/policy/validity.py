"""AWS validity: what the first real deployment would be refused for (as cfn-lint and tflint
catch it), checked before any API call is made."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator
from dataclasses import dataclass

from clams.graph.model import Resource
from clams.policy import tokens
from clams.policy.config import PolicyConfig
from clams.policy.core import resource_rule
from clams.policy.lambda_ import environment
from clams.policy.schedules import schedule_problem
from clams.policy.values import mapping, text


@dataclass(frozen=True)
class NameLimit:
    key: str
    shortest: int
    longest: int
    pattern: re.Pattern[str]


NAME_LIMITS: dict[str, NameLimit] = {
    tokens.FUNCTION: NameLimit("name", 1, 64, re.compile(r"^[A-Za-z0-9_-]+$")),
    tokens.ROLE: NameLimit("name", 1, 64, re.compile(r"^[\w+=,.@-]+$")),
    tokens.MANAGED_POLICY: NameLimit("name", 1, 128, re.compile(r"^[\w+=,.@-]+$")),
    tokens.QUEUE: NameLimit("name", 1, 80, re.compile(r"^[A-Za-z0-9_-]+(\.fifo)?$")),
    tokens.LOG_GROUP: NameLimit("name", 1, 512, re.compile(r"^[.\-_/#A-Za-z0-9]+$")),
    tokens.TABLE: NameLimit("name", 3, 255, re.compile(r"^[A-Za-z0-9_.-]+$")),
    tokens.LAYER: NameLimit("layerName", 1, 140, re.compile(r"^[A-Za-z0-9_-]+$")),
    tokens.EVENT_RULE: NameLimit("name", 1, 64, re.compile(r"^[.\-_A-Za-z0-9]+$")),
    tokens.DB_INSTANCE: NameLimit(
        "identifier", 1, 63, re.compile(r"^[a-z](?!.*--)[a-z0-9-]*(?<!-)$")
    ),
    **dict.fromkeys(
        tokens.BUCKETS,
        NameLimit("bucket", 3, 63, re.compile(r"^(?!xn--)[a-z0-9](?!.*\.\.)[a-z0-9.-]*[a-z0-9]$")),
    ),
}
RESERVED_ENVIRONMENT = frozenset(
    {
        "_HANDLER",
        "_X_AMZN_TRACE_ID",
        "AWS_DEFAULT_REGION",
        "AWS_REGION",
        "AWS_EXECUTION_ENV",
        "AWS_ACCESS_KEY",
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
    }
)
RESERVED_PREFIXES = ("AWS_LAMBDA_", "LAMBDA_")
SETTABLE = frozenset({"AWS_LAMBDA_EXEC_WRAPPER"})
ENVIRONMENT_BYTES = 4096


@resource_rule(
    "aws-name-limits",
    "Names of functions, roles, queues, buckets, log groups, tables... are within AWS limits.",
    *NAME_LIMITS,
)
def name_limits(resource: Resource, config: PolicyConfig) -> Iterator[str]:
    limit = NAME_LIMITS[resource.type]
    name = text(mapping(resource.inputs).get(limit.key))
    if not name:
        return
    if not limit.shortest <= len(name) <= limit.longest:
        allowed = f"{limit.shortest}-{limit.longest}"
        yield f"{limit.key} {name!r} has {len(name)} characters, allowed {allowed}"
    elif not limit.pattern.match(name) or _looks_like_ip(resource, name):
        yield f"{limit.key} {name!r} has characters or a form AWS does not allow"


def _looks_like_ip(resource: Resource, name: str) -> bool:
    if resource.type not in tokens.BUCKETS:
        return False
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


@resource_rule(
    "lambda-reserved-environment",
    "No function sets an environment variable the Lambda runtime reserves (AWS_REGION, ...).",
    tokens.FUNCTION,
)
def reserved_environment(resource: Resource, config: PolicyConfig) -> Iterator[str]:
    for key in environment(resource):
        if key in SETTABLE:
            continue
        if key in RESERVED_ENVIRONMENT or key.startswith(RESERVED_PREFIXES):
            yield f"environment variable {key} is reserved by the Lambda runtime"


@resource_rule(
    "lambda-environment-size",
    f"A function's environment variables fit Lambda's {ENVIRONMENT_BYTES} bytes.",
    tokens.FUNCTION,
)
def environment_size(resource: Resource, config: PolicyConfig) -> Iterator[str]:
    size = sum(len(k.encode()) + len(str(v).encode()) for k, v in environment(resource).items())
    if size > ENVIRONMENT_BYTES:
        yield f"environment variables take {size} bytes, above {ENVIRONMENT_BYTES}"


@resource_rule(
    "schedule-expression",
    "Schedule expressions are well-formed rate(...), cron(...) or at(...).",
    tokens.EVENT_RULE,
    tokens.SCHEDULE,
)
def schedule_expression(resource: Resource, config: PolicyConfig) -> Iterator[str]:
    expression = mapping(resource.inputs).get("scheduleExpression")
    if isinstance(expression, str) and (problem := schedule_problem(expression)):
        yield f"schedule {expression!r} {problem}"


RULES = (name_limits, reserved_environment, environment_size, schedule_expression)
