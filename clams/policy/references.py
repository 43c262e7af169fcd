"""Cross-resource references: an id, ARN, name or URL that one resource takes from another
must come from a resource of the right type (a role ARN where a role is expected...)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from clams.graph.model import Graph, Resource
from clams.policy import tokens
from clams.policy.config import PolicyConfig
from clams.policy.core import Finding, stack_rule
from clams.policy.refs import named
from clams.policy.values import dig, items, json_document, mapping, strings, text

Getter = Callable[[Resource], list[str]]


def field(*path: str) -> Getter:
    return lambda r: strings(dig(mapping(r.inputs), *path))


def each(collection: str, key: str) -> Getter:
    return lambda r: [text(mapping(i).get(key)) for i in items(mapping(r.inputs).get(collection))]


def integration_target(resource: Resource) -> list[str]:
    target = text(mapping(resource.inputs).get("target"))
    return [target.removeprefix("integrations/")] if target else []


@dataclass(frozen=True)
class Reference:
    source: str
    label: str
    values: Getter
    targets: frozenset[str]


def ref(source: str, label: str, values: Getter, *targets: str) -> Reference:
    return Reference(source, label, values, frozenset(targets))


BUCKET_SETTINGS = (
    tokens.PUBLIC_ACCESS_BLOCK,
    tokens.OWNERSHIP_CONTROLS,
    tokens.BUCKET_POLICY,
    *tokens.BUCKET_ENCRYPTION,
    *tokens.BUCKET_VERSIONING,
)
REFERENCES: tuple[Reference, ...] = (
    ref(tokens.FUNCTION, "role", field("role"), tokens.ROLE),
    ref(tokens.FUNCTION, "layers", field("layers"), tokens.LAYER),
    ref(tokens.EVENT_SOURCE_MAPPING, "eventSourceArn", field("eventSourceArn"), tokens.QUEUE),
    ref(tokens.EVENT_SOURCE_MAPPING, "functionName", field("functionName"), tokens.FUNCTION),
    ref(tokens.PERMISSION, "function", field("function"), tokens.FUNCTION),
    ref(tokens.ROUTE, "apiId", field("apiId"), tokens.HTTP_API),
    ref(tokens.ROUTE, "authorizerId", field("authorizerId"), tokens.AUTHORIZER),
    ref(tokens.ROUTE, "target", integration_target, tokens.INTEGRATION),
    ref(tokens.STAGE, "apiId", field("apiId"), tokens.HTTP_API),
    ref(
        tokens.STAGE,
        "access log destination",
        field("accessLogSettings", "destinationArn"),
        tokens.LOG_GROUP,
    ),
    ref(tokens.INTEGRATION, "apiId", field("apiId"), tokens.HTTP_API),
    ref(tokens.INTEGRATION, "integrationUri", field("integrationUri"), tokens.FUNCTION),
    ref(tokens.AUTHORIZER, "apiId", field("apiId"), tokens.HTTP_API),
    ref(tokens.AUTHORIZER, "authorizerUri", field("authorizerUri"), tokens.FUNCTION),
    ref(tokens.QUEUE, "dead-letter target", lambda r: strings(_redrive_target(r)), tokens.QUEUE),
    ref(tokens.QUEUE_POLICY, "queueUrl", field("queueUrl"), tokens.QUEUE),
    ref(tokens.REDRIVE_POLICY, "queueUrl", field("queueUrl"), tokens.QUEUE),
    *(ref(t, "bucket", field("bucket"), *tokens.BUCKETS) for t in BUCKET_SETTINGS),
    ref(
        tokens.DISTRIBUTION,
        "originAccessControlId",
        each("origins", "originAccessControlId"),
        tokens.ORIGIN_ACCESS_CONTROL,
    ),
    ref(
        tokens.DISTRIBUTION,
        "responseHeadersPolicyId",
        field("defaultCacheBehavior", "responseHeadersPolicyId"),
        tokens.RESPONSE_HEADERS_POLICY,
    ),
    ref(
        tokens.DISTRIBUTION,
        "acmCertificateArn",
        field("viewerCertificate", "acmCertificateArn"),
        tokens.CERTIFICATE,
        tokens.CERTIFICATE_VALIDATION,
    ),
    ref(tokens.ROLE_POLICY, "role", field("role"), tokens.ROLE),
    ref(tokens.ROLE_POLICY_ATTACHMENT, "role", field("role"), tokens.ROLE),
    ref(
        tokens.DB_INSTANCE,
        "parameterGroupName",
        field("parameterGroupName"),
        tokens.DB_PARAMETER_GROUP,
    ),
    ref(
        tokens.DB_INSTANCE, "dbSubnetGroupName", field("dbSubnetGroupName"), tokens.DB_SUBNET_GROUP
    ),
    ref(
        tokens.DB_INSTANCE,
        "vpcSecurityGroupIds",
        field("vpcSecurityGroupIds"),
        tokens.SECURITY_GROUP,
    ),
    ref(tokens.EVENT_TARGET, "rule", field("rule"), tokens.EVENT_RULE),
)


def _redrive_target(resource: Resource) -> object:
    return json_document(mapping(resource.inputs).get("redrivePolicy")).get("deadLetterTargetArn")


@stack_rule(
    "references-typed",
    "Every cross-resource reference points at a resource of the expected type.",
)
def references_typed(graph: Graph, config: PolicyConfig) -> Iterator[Finding]:
    for reference in REFERENCES:
        for source in graph.of_type(reference.source):
            yield from _wrong_targets(graph, reference, source)


def _wrong_targets(graph: Graph, reference: Reference, source: Resource) -> Iterator[Finding]:
    for value in reference.values(source):
        found = [r for r in named(graph, value) if r.urn != source.urn]
        if found and not any(r.type in reference.targets for r in found):
            kinds = ", ".join(sorted({r.type for r in found}))
            yield source.urn, f"{reference.label} of '{source.name}' points at a {kinds}"


RULES = (references_typed,)
