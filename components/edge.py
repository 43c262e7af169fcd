"""The front end's edge: a private bucket served only through CloudFront, with its own
domain and certificate when the stack configures one."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pulumi
import pulumi_aws as aws

from components.policies import site_bucket_policy
from components.stack import Domain, StackConfig

CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6"
"""AWS's managed cache policy for static content."""
CERTIFICATE_REGION = "us-east-1"
"""CloudFront accepts certificates from this region only."""
MIN_TLS = "TLSv1.2_2021"
INDEX = "index.html"
TWO_YEARS = 63072000


@dataclass(frozen=True)
class EdgeArgs:
    config: StackConfig
    account_id: pulumi.Input[str]


class Edge(pulumi.ComponentResource):
    bucket: aws.s3.Bucket
    distribution: aws.cloudfront.Distribution

    def __init__(
        self, name: str, args: EdgeArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        super().__init__("clams:components:Edge", name, None, opts)
        self._config = args.config
        self._child = pulumi.ResourceOptions(parent=self)
        self.bucket = self._bucket(args.account_id)
        domain = args.config.domain
        zone = aws.route53.get_zone_output(name=domain.hosted_zone) if domain else None
        certificate = self._certificate(domain, zone.zone_id) if domain and zone else None
        self.distribution = self._distribution(certificate)
        self._grant_read(self.distribution)
        if domain and zone:
            self._alias_records(domain, zone.zone_id)
        self.register_outputs({"url": self.url, "bucket": self.bucket.bucket})

    @property
    def url(self) -> pulumi.Output[str]:
        domain = self._config.domain
        if domain:
            return pulumi.Output.from_input(f"https://{domain.name}")
        return pulumi.Output.concat("https://", self.distribution.domain_name)

    def _bucket(self, account_id: pulumi.Input[str]) -> aws.s3.Bucket:
        bucket = aws.s3.Bucket(
            "frontend",
            bucket=pulumi.Output.concat(self._config.physical("frontend-"), account_id),
            opts=self._child,
        )
        aws.s3.BucketPublicAccessBlock(
            "frontend",
            bucket=bucket.id,
            block_public_acls=True,
            block_public_policy=True,
            ignore_public_acls=True,
            restrict_public_buckets=True,
            opts=self._child,
        )
        aws.s3.BucketOwnershipControls(
            "frontend",
            bucket=bucket.id,
            rule=aws.s3.BucketOwnershipControlsRuleArgs(object_ownership="BucketOwnerEnforced"),
            opts=self._child,
        )
        aws.s3.BucketServerSideEncryptionConfiguration(
            "frontend",
            bucket=bucket.id,
            rules=[
                aws.s3.BucketServerSideEncryptionConfigurationRuleArgs(
                    apply_server_side_encryption_by_default=aws.s3.BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultArgs(
                        sse_algorithm="AES256"
                    ),
                    bucket_key_enabled=True,
                )
            ],
            opts=self._child,
        )
        aws.s3.BucketVersioning(
            "frontend",
            bucket=bucket.id,
            versioning_configuration=aws.s3.BucketVersioningVersioningConfigurationArgs(
                status="Enabled"
            ),
            opts=self._child,
        )
        return bucket

    def _certificate(self, domain: Domain, zone_id: pulumi.Input[str]) -> pulumi.Output[str]:
        certificate = aws.acm.Certificate(
            "frontend",
            domain_name=domain.name,
            validation_method="DNS",
            region=CERTIFICATE_REGION,
            opts=self._child,
        )
        option = certificate.domain_validation_options[0]
        record = aws.route53.Record(
            "certificate-validation",
            zone_id=zone_id,
            name=option.resource_record_name,
            type=option.resource_record_type,
            records=[option.resource_record_value],
            ttl=60,
            allow_overwrite=True,
            opts=self._child,
        )
        validation = aws.acm.CertificateValidation(
            "frontend",
            certificate_arn=certificate.arn,
            validation_record_fqdns=[record.fqdn],
            region=CERTIFICATE_REGION,
            opts=self._child,
        )
        return validation.certificate_arn

    def _distribution(
        self, certificate_arn: pulumi.Output[str] | None
    ) -> aws.cloudfront.Distribution:
        access = aws.cloudfront.OriginAccessControl(
            "frontend",
            name=self._config.physical("frontend"),
            origin_access_control_origin_type="s3",
            signing_behavior="always",
            signing_protocol="sigv4",
            opts=self._child,
        )
        domain = self._config.domain
        return aws.cloudfront.Distribution(
            "frontend",
            enabled=True,
            comment=self._config.physical("frontend"),
            aliases=[domain.name] if domain else None,
            default_root_object=INDEX,
            http_version="http2and3",
            is_ipv6_enabled=True,
            price_class="PriceClass_100",
            origins=[
                aws.cloudfront.DistributionOriginArgs(
                    origin_id="site",
                    domain_name=self.bucket.bucket_regional_domain_name,
                    origin_access_control_id=access.id,
                )
            ],
            default_cache_behavior=aws.cloudfront.DistributionDefaultCacheBehaviorArgs(
                target_origin_id="site",
                viewer_protocol_policy="redirect-to-https",
                allowed_methods=["GET", "HEAD", "OPTIONS"],
                cached_methods=["GET", "HEAD"],
                compress=True,
                cache_policy_id=CACHING_OPTIMIZED,
                response_headers_policy_id=self._headers().id,
            ),
            custom_error_responses=[_spa_fallback(403), _spa_fallback(404)],
            restrictions=aws.cloudfront.DistributionRestrictionsArgs(
                geo_restriction=aws.cloudfront.DistributionRestrictionsGeoRestrictionArgs(
                    restriction_type="none"
                )
            ),
            viewer_certificate=_viewer_certificate(certificate_arn),
            opts=self._child,
        )

    def _headers(self) -> aws.cloudfront.ResponseHeadersPolicy:
        cf = aws.cloudfront
        return cf.ResponseHeadersPolicy(
            "security-headers",
            name=self._config.physical("security-headers"),
            security_headers_config=cf.ResponseHeadersPolicySecurityHeadersConfigArgs(
                content_security_policy=cf.ResponseHeadersPolicySecurityHeadersConfigContentSecurityPolicyArgs(
                    content_security_policy=content_security_policy(self._config.region),
                    override=True,
                ),
                content_type_options=cf.ResponseHeadersPolicySecurityHeadersConfigContentTypeOptionsArgs(
                    override=True
                ),
                frame_options=cf.ResponseHeadersPolicySecurityHeadersConfigFrameOptionsArgs(
                    frame_option="DENY", override=True
                ),
                referrer_policy=cf.ResponseHeadersPolicySecurityHeadersConfigReferrerPolicyArgs(
                    referrer_policy="strict-origin-when-cross-origin", override=True
                ),
                strict_transport_security=cf.ResponseHeadersPolicySecurityHeadersConfigStrictTransportSecurityArgs(
                    access_control_max_age_sec=TWO_YEARS,
                    include_subdomains=True,
                    preload=True,
                    override=True,
                ),
            ),
            opts=self._child,
        )

    def _grant_read(self, distribution: aws.cloudfront.Distribution) -> None:
        aws.s3.BucketPolicy(
            "frontend",
            bucket=self.bucket.id,
            policy=pulumi.Output.all(self.bucket.arn, distribution.arn).apply(
                lambda arns: json.dumps(site_bucket_policy(arns[0], arns[1]))
            ),
            opts=self._child,
        )

    def _alias_records(self, domain: Domain, zone_id: pulumi.Input[str]) -> None:
        for record_type in ("A", "AAAA"):
            aws.route53.Record(
                f"frontend-{record_type}",
                zone_id=zone_id,
                name=domain.name,
                type=record_type,
                aliases=[
                    aws.route53.RecordAliasArgs(
                        name=self.distribution.domain_name,
                        zone_id=self.distribution.hosted_zone_id,
                        evaluate_target_health=False,
                    )
                ],
                opts=self._child,
            )


def content_security_policy(region: str) -> str:
    """Scripts, styles and images from the site only; API calls to this region's API Gateway."""
    return "; ".join(
        [
            "default-src 'self'",
            f"connect-src 'self' https://*.execute-api.{region}.amazonaws.com",
            "img-src 'self' data:",
            "frame-ancestors 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "object-src 'none'",
        ]
    )


def _spa_fallback(status: int) -> aws.cloudfront.DistributionCustomErrorResponseArgs:
    return aws.cloudfront.DistributionCustomErrorResponseArgs(
        error_code=status,
        response_code=200,
        response_page_path=f"/{INDEX}",
        error_caching_min_ttl=0,
    )


def _viewer_certificate(
    certificate_arn: pulumi.Output[str] | None,
) -> aws.cloudfront.DistributionViewerCertificateArgs:
    if certificate_arn is None:
        return aws.cloudfront.DistributionViewerCertificateArgs(
            cloudfront_default_certificate=True, minimum_protocol_version=MIN_TLS
        )
    return aws.cloudfront.DistributionViewerCertificateArgs(
        acm_certificate_arn=certificate_arn,
        ssl_support_method="sni-only",
        minimum_protocol_version=MIN_TLS,
    )
