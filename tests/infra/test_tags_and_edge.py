"""Tags on every taggable resource; the front end's private bucket behind CloudFront."""

from __future__ import annotations

import importlib
import json
import keyword

from graph_helpers import one

from clams.graph.model import Graph

REQUIRED_TAGS = {"Product", "Environment", "Contact", "Orchestration"}


def accepts_tags(type_token: str) -> bool:
    """Whether pulumi-aws's class for this type has a ``tags`` argument."""
    package, module_path, class_name = type_token.split(":")
    if package != "aws":
        return False
    module = module_path.split("/")[0]
    module = module + "_" if keyword.iskeyword(module) else module
    args = getattr(importlib.import_module(f"pulumi_aws.{module}"), f"{class_name}Args", None)
    return args is not None and hasattr(args, "tags")


def test_every_taggable_resource_carries_the_four_tags(stack_graph: Graph) -> None:
    # Given each resource whose type accepts tags
    taggable = [r for r in stack_graph if accepts_tags(r.type)]
    assert len(taggable) > 50
    for resource in taggable:
        # Then its own inputs carry the stack's tags
        tags = resource.inputs.get("tags", {})
        assert set(tags) >= REQUIRED_TAGS, resource.urn
        assert tags["Environment"] == stack_graph.stack


def test_the_bucket_is_private_encrypted_versioned_and_owner_enforced(stack_graph: Graph) -> None:
    block = one(stack_graph, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "frontend")
    assert all(
        block.inputs[k] is True
        for k in (
            "blockPublicAcls",
            "blockPublicPolicy",
            "ignorePublicAcls",
            "restrictPublicBuckets",
        )
    )
    ownership = one(
        stack_graph, "aws:s3/bucketOwnershipControls:BucketOwnershipControls", "frontend"
    )
    assert ownership.inputs["rule"]["objectOwnership"] == "BucketOwnerEnforced"
    versioning = one(stack_graph, "aws:s3/bucketVersioning:BucketVersioning", "frontend")
    assert versioning.inputs["versioningConfiguration"]["status"] == "Enabled"


def test_only_the_distribution_reads_the_bucket_and_only_over_tls(stack_graph: Graph) -> None:
    distribution = one(stack_graph, "aws:cloudfront/distribution:Distribution", "frontend")
    policy = json.loads(
        one(stack_graph, "aws:s3/bucketPolicy:BucketPolicy", "frontend").inputs["policy"]
    )
    allow, deny = policy["Statement"]
    assert allow["Condition"]["StringEquals"]["AWS:SourceArn"] == distribution.outputs["arn"]
    assert deny["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}


def test_the_distribution_is_https_only_with_security_headers_and_spa_routing(
    stack_graph: Graph,
) -> None:
    inputs = one(stack_graph, "aws:cloudfront/distribution:Distribution", "frontend").inputs
    behaviour = inputs["defaultCacheBehavior"]
    assert behaviour["viewerProtocolPolicy"] == "redirect-to-https"
    assert behaviour["responseHeadersPolicyId"]
    assert inputs["viewerCertificate"]["minimumProtocolVersion"] == "TLSv1.2_2021"
    assert inputs["defaultRootObject"] == "index.html"
    assert {(e["errorCode"], e["responsePagePath"]) for e in inputs["customErrorResponses"]} == {
        (403, "/index.html"),
        (404, "/index.html"),
    }
    assert inputs["origins"][0]["originAccessControlId"]


def test_prod_serves_its_domain_with_a_us_east_1_certificate(prod_graph: Graph) -> None:
    distribution = one(prod_graph, "aws:cloudfront/distribution:Distribution", "frontend").inputs
    certificate = one(prod_graph, "aws:acm/certificate:Certificate", "frontend")
    assert certificate.inputs["region"] == "us-east-1"
    assert distribution["aliases"] == [certificate.inputs["domainName"]]
    assert distribution["viewerCertificate"]["acmCertificateArn"] == certificate.outputs["arn"]
    aliases = [r for r in prod_graph.of_type("aws:route53/record:Record") if "aliases" in r.inputs]
    assert {r.inputs["type"] for r in aliases} == {"A", "AAAA"}


def test_the_site_config_names_the_api(stack_graph: Graph) -> None:
    config = one(stack_graph, "aws:s3/bucketObjectv2:BucketObjectv2", "config.json").inputs
    stage = stack_graph.of_type("aws:apigatewayv2/stage:Stage")[0]
    assert json.loads(config["content"]) == {"apiBase": stage.outputs["invokeUrl"]}
    assert config["contentType"] == "application/json"


def test_outputs_are_published_to_ssm_for_the_command_line(stack_graph: Graph) -> None:
    prefix = f"/clams/{stack_graph.stack}/outputs/"
    published = {
        p.inputs["name"].removeprefix(prefix): p.inputs["insecureValue"]
        for p in stack_graph.of_type("aws:ssm/parameter:Parameter")
        if p.inputs["name"].startswith(prefix)
    }
    assert set(published) == {
        "api-url",
        "attendees-table",
        "summary-table",
        "attendees-queue-url",
        "attendees-dlq-url",
        "signups-queue-url",
        "signups-dlq-url",
        "frontend-bucket",
        "frontend-url",
    }
    queue = stack_graph.referenced_by(published["attendees-dlq-url"])
    assert queue is not None and queue.name == "attendees-dlq"
