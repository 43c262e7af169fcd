"""CloudFront: HTTPS to viewers, TLS 1.2 or newer, private S3 origins, security headers."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from clams.graph.model import Resource
from clams.policy import tokens
from clams.policy.config import PolicyConfig
from clams.policy.core import resource_rule
from clams.policy.values import block, items, mapping, text, truthy

SECURE_VIEWER_POLICIES = frozenset({"redirect-to-https", "https-only"})
MODERN_TLS = re.compile(r"^TLSv1\.[23]_")
S3_DOMAIN = re.compile(r"\.s3[.-]([a-z0-9-]+\.)?amazonaws\.com$")
CERTIFICATE_REGION = "us-east-1"


def behaviours(resource: Resource) -> list[tuple[str, Mapping[str, Any]]]:
    inputs = mapping(resource.inputs)
    ordered = [mapping(b) for b in items(inputs.get("orderedCacheBehaviors"))]
    named = [(f"cache behaviour '{text(b.get('pathPattern'))}'", b) for b in ordered]
    return [("default cache behaviour", block(inputs.get("defaultCacheBehavior"))), *named]


def certificate(resource: Resource) -> Mapping[str, Any]:
    return block(mapping(resource.inputs).get("viewerCertificate"))


def s3_origins(resource: Resource) -> list[Mapping[str, Any]]:
    origins = [mapping(o) for o in items(mapping(resource.inputs).get("origins"))]
    return [o for o in origins if S3_DOMAIN.search(text(o.get("domainName")))]


@resource_rule(
    "cloudfront-https", "Viewers are redirected to HTTPS or served HTTPS only.", tokens.DISTRIBUTION
)
def https_only(resource: Resource, config: PolicyConfig) -> Iterator[str]:
    for where, behaviour in behaviours(resource):
        policy = behaviour.get("viewerProtocolPolicy")
        if policy not in SECURE_VIEWER_POLICIES:
            yield f"{where} has viewer protocol policy {policy!r}"


@resource_rule(
    "cloudfront-tls", "A custom certificate requires TLS 1.2 or newer.", tokens.DISTRIBUTION
)
def modern_tls(resource: Resource, config: PolicyConfig) -> Iterator[str]:
    cert = certificate(resource)
    version = text(cert.get("minimumProtocolVersion"))
    if cert.get("acmCertificateArn") and not MODERN_TLS.match(version):
        yield f"minimum protocol version is {version or 'unset'}, not TLSv1.2_2021 or newer"


@resource_rule(
    "cloudfront-custom-certificate",
    "The distribution serves its own domain with an ACM certificate (the default "
    "*.cloudfront.net certificate still accepts TLS 1.0).",
    tokens.DISTRIBUTION,
)
def custom_certificate(resource: Resource, config: PolicyConfig) -> Iterator[str]:
    cert = certificate(resource)
    if truthy(cert.get("cloudfrontDefaultCertificate")) or not cert.get("acmCertificateArn"):
        yield "uses the default CloudFront certificate"


@resource_rule(
    "cloudfront-certificate-region",
    "The viewer certificate is issued in us-east-1, the only region CloudFront reads.",
    tokens.DISTRIBUTION,
)
def certificate_region(resource: Resource, config: PolicyConfig) -> Iterator[str]:
    arn = text(certificate(resource).get("acmCertificateArn"))
    parts = arn.split(":")
    if arn and (len(parts) < 6 or parts[3] != CERTIFICATE_REGION):
        yield f"certificate {arn} is not in {CERTIFICATE_REGION}"


@resource_rule(
    "cloudfront-origin-access-control",
    "S3 origins are reached through an origin access control.",
    tokens.DISTRIBUTION,
)
def origin_access_control(resource: Resource, config: PolicyConfig) -> Iterator[str]:
    for origin in s3_origins(resource):
        name = text(origin.get("originId"))
        if not origin.get("originAccessControlId"):
            yield f"S3 origin '{name}' has no origin access control"
        if block(origin.get("s3OriginConfig")).get("originAccessIdentity"):
            yield f"S3 origin '{name}' uses a legacy origin access identity"


@resource_rule(
    "cloudfront-response-headers",
    "Every cache behaviour attaches a response headers policy (security headers).",
    tokens.DISTRIBUTION,
)
def response_headers(resource: Resource, config: PolicyConfig) -> Iterator[str]:
    for where, behaviour in behaviours(resource):
        if not behaviour.get("responseHeadersPolicyId"):
            yield f"{where} has no response headers policy"


@resource_rule(
    "cloudfront-default-root-object",
    "The distribution names a default root object.",
    tokens.DISTRIBUTION,
)
def default_root_object(resource: Resource, config: PolicyConfig) -> Iterator[str]:
    if not text(mapping(resource.inputs).get("defaultRootObject")):
        yield "no default root object"


RULES = (
    https_only,
    modern_tls,
    custom_certificate,
    certificate_region,
    origin_access_control,
    response_headers,
    default_root_object,
)
