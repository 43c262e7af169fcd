"""API Gateway (HTTP APIs): logged, throttled stages and authorised routes."""

from __future__ import annotations

import re
from collections.abc import Iterator

from clams.graph.model import Resource
from clams.policy import tokens
from clams.policy.config import PolicyConfig
from clams.policy.core import resource_rule
from clams.policy.values import block, mapping, number, text

AUTHORISED = frozenset({"CUSTOM", "AWS_IAM", "JWT"})
NEEDS_AUTHORIZER = frozenset({"CUSTOM", "JWT"})
METHODS = ("ANY", "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
SEGMENT = r"/(?:[A-Za-z0-9._~!$&'()*+,;=:@-]+|\{[A-Za-z0-9_]+\})"
GREEDY = r"/\{[A-Za-z0-9_]+\+\}"
ROUTE_KEY = re.compile(rf"^(?:{'|'.join(METHODS)}) (?:/|(?:{SEGMENT})+(?:{GREEDY})?|{GREEDY})$")
THROTTLES = ("throttlingBurstLimit", "throttlingRateLimit")


@resource_rule(
    "apigateway-access-logging",
    "Every stage writes access logs to a log group, with a format.",
    tokens.STAGE,
)
def access_logging(resource: Resource, config: PolicyConfig) -> Iterator[str]:
    settings = block(mapping(resource.inputs).get("accessLogSettings"))
    if not settings.get("destinationArn") or not settings.get("format"):
        yield "stage has no access log destination and format"


@resource_rule(
    "apigateway-throttling", "Every stage sets default burst and rate limits.", tokens.STAGE
)
def throttled(resource: Resource, config: PolicyConfig) -> Iterator[str]:
    settings = block(mapping(resource.inputs).get("defaultRouteSettings"))
    for limit in THROTTLES:
        if not (number(settings.get(limit)) or 0) > 0:
            yield f"default route settings have no {limit}"


@resource_rule(
    "apigateway-route-authorization",
    "Every route has an authorizer, except the explicitly public ones (GET /openapi.json).",
    tokens.ROUTE,
)
def route_authorised(resource: Resource, config: PolicyConfig) -> Iterator[str]:
    inputs = mapping(resource.inputs)
    key, kind = text(inputs.get("routeKey")), text(inputs.get("authorizationType")) or "NONE"
    if key in config.public_routes:
        return
    if kind not in AUTHORISED:
        yield f"route '{key}' has authorization type {kind} and is not on the public list"
    elif kind in NEEDS_AUTHORIZER and not inputs.get("authorizerId"):
        yield f"route '{key}' has authorization type {kind} but no authorizer"


@resource_rule(
    "apigateway-route-key",
    "Route keys are '$default' or 'METHOD /path' with well-formed {parameters}.",
    tokens.ROUTE,
)
def route_key_well_formed(resource: Resource, config: PolicyConfig) -> Iterator[str]:
    key = text(mapping(resource.inputs).get("routeKey"))
    if key != "$default" and not ROUTE_KEY.match(key):
        yield f"route key {key!r} is not '$default' or 'METHOD /path'"


RULES = (access_logging, throttled, route_authorised, route_key_well_formed)
