"""S3: private, owner-enforced, encrypted, versioned buckets reachable only over TLS.

In pulumi-aws v7 each of these settings is a resource of its own that names its bucket,
so most rules here are stack rules that look for the bucket's companion resources.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from clams.graph.model import Graph, Resource
from clams.policy import tokens
from clams.policy.config import PolicyConfig
from clams.policy.core import Finding, resource_rule, stack_rule
from clams.policy.documents import Statement, statements
from clams.policy.refs import refers_to
from clams.policy.values import block, dig, items, mapping, truthy

PUBLIC_ACCESS_SETTINGS = (
    "blockPublicAcls",
    "blockPublicPolicy",
    "ignorePublicAcls",
    "restrictPublicBuckets",
)
SSE_ALGORITHMS = frozenset({"AES256", "aws:kms", "aws:kms:dsse"})
CLOUDFRONT = "cloudfront.amazonaws.com"


def buckets(graph: Graph) -> list[Resource]:
    return [r for t in sorted(tokens.BUCKETS) for r in graph.of_type(t)]


def companions(graph: Graph, bucket: Resource, types: Iterable[str]) -> list[Resource]:
    """The settings resources of ``types`` that name ``bucket``."""
    found = [r for t in types for r in graph.of_type(t)]
    return [r for r in found if refers_to(graph, mapping(r.inputs).get("bucket"), bucket)]


def buckets_lacking(
    graph: Graph, types: Iterable[str], good: Callable[[Resource], bool], what: str
) -> Iterator[Finding]:
    for bucket in buckets(graph):
        if not any(good(c) for c in companions(graph, bucket, types)):
            yield bucket.urn, f"bucket '{bucket.name}' has no {what}"


def _blocks_everything(block_resource: Resource) -> bool:
    return all(truthy(mapping(block_resource.inputs).get(s)) for s in PUBLIC_ACCESS_SETTINGS)


def _owner_enforced(controls: Resource) -> bool:
    ownership = dig(mapping(controls.inputs).get("rule"), "objectOwnership")
    return bool(ownership == "BucketOwnerEnforced")


def _encrypts(configuration: Resource) -> bool:
    rules = items(mapping(configuration.inputs).get("rules")) or [
        mapping(configuration.inputs).get("rule")
    ]
    algorithms = {dig(r, "applyServerSideEncryptionByDefault", "sseAlgorithm") for r in rules}
    return bool(algorithms) and algorithms <= SSE_ALGORITHMS


def _versions(versioning: Resource) -> bool:
    status = dig(mapping(versioning.inputs).get("versioningConfiguration"), "status")
    return bool(status == "Enabled")


def _denies_plain_http(policy: Resource) -> bool:
    return any(_is_tls_deny(s) for s in statements(mapping(policy.inputs).get("policy")))


def _is_tls_deny(statement: Statement) -> bool:
    secure = block(statement.condition.get("Bool")).get("aws:SecureTransport")
    return statement.effect == "Deny" and statement.public and str(secure).lower() == "false"


@stack_rule("s3-public-access-block", "Every bucket blocks public access with all four settings.")
def public_access_blocked(graph: Graph, config: PolicyConfig) -> Iterator[Finding]:
    what = "public access block with all four settings on"
    return buckets_lacking(graph, [tokens.PUBLIC_ACCESS_BLOCK], _blocks_everything, what)


@stack_rule("s3-ownership-enforced", "Every bucket's object ownership is BucketOwnerEnforced.")
def ownership_enforced(graph: Graph, config: PolicyConfig) -> Iterator[Finding]:
    what = "ownership controls with BucketOwnerEnforced"
    return buckets_lacking(graph, [tokens.OWNERSHIP_CONTROLS], _owner_enforced, what)


@stack_rule("s3-encryption", "Every bucket has default server-side encryption.")
def encrypted(graph: Graph, config: PolicyConfig) -> Iterator[Finding]:
    what = "server-side encryption configuration"
    return buckets_lacking(graph, tokens.BUCKET_ENCRYPTION, _encrypts, what)


@stack_rule("s3-versioning", "Every bucket keeps object versions.")
def versioned(graph: Graph, config: PolicyConfig) -> Iterator[Finding]:
    return buckets_lacking(graph, tokens.BUCKET_VERSIONING, _versions, "versioning enabled")


@stack_rule("s3-deny-insecure-transport", "Every bucket's policy denies requests without TLS.")
def tls_only(graph: Graph, config: PolicyConfig) -> Iterator[Finding]:
    what = "bucket policy denying aws:SecureTransport false"
    return buckets_lacking(graph, [tokens.BUCKET_POLICY], _denies_plain_http, what)


@resource_rule(
    "s3-policy-principals",
    "Bucket policies grant nothing to everyone; CloudFront only with a source-ARN condition.",
    tokens.BUCKET_POLICY,
)
def policy_principals(resource: Resource, config: PolicyConfig) -> Iterator[str]:
    for number, statement in enumerate(statements(mapping(resource.inputs).get("policy"))):
        if statement.allows:
            yield from _grant_problems(number, statement)


def _grant_problems(number: int, statement: Statement) -> Iterator[str]:
    if statement.public:
        yield f"statement {number} allows everyone ('*')"
    services = [p for kind, p in statement.principals if kind == "Service"]
    if services and not _scoped(statement):
        yield f"statement {number} allows {', '.join(services)} without an AWS:SourceArn condition"


def _scoped(statement: Statement) -> bool:
    return "aws:sourcearn" in statement.condition_keys()


RULES = (
    public_access_blocked,
    ownership_enforced,
    encrypted,
    versioned,
    tls_only,
    policy_principals,
)
