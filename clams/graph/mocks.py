"""Realistic, distinct provider outputs for every resource type the CLAMS program declares.

Each resource gets identifiers shaped like AWS's own (``vpc-…``, ARNs, queue URLs, invoke
ARNs), derived from its type and name so that evaluation is deterministic and every value
points back to exactly one resource (``Graph.referenced_by``).
"""

from __future__ import annotations

import hashlib
import string
from collections.abc import Callable
from typing import Any

import pulumi

ACCOUNT = "123456789012"
CLOUDFRONT_ZONE = "Z2FDTNDATAQYW2"
HEX = "0123456789abcdef"
LOWER = string.ascii_lowercase + string.digits
UPPER = string.ascii_uppercase + string.digits

Outputs = dict[str, Any]
CALLER_IDENTITY = "aws:index/getCallerIdentity:getCallerIdentity"
GET_ZONE = "aws:route53/getZone:getZone"
GET_REGION = "aws:index/getRegion:getRegion"
SSE_CONFIGURATION = "BucketServerSideEncryptionConfiguration"


class Seed:
    """A resource's identity for the mocks: its type, name, inputs and region."""

    def __init__(self, type_: str, name: str, inputs: dict[str, Any], region: str) -> None:
        self.type = type_
        self.name = name
        self.inputs = inputs
        self.region = str(inputs.get("region") or region)

    def token(self, length: int, alphabet: str = HEX, salt: str = "") -> str:
        digest = hashlib.sha256(f"{self.type}|{self.name}|{salt}".encode()).digest()
        number = int.from_bytes(digest, "big")
        chars = []
        for _ in range(length):
            number, index = divmod(number, len(alphabet))
            chars.append(alphabet[index])
        return "".join(chars)

    def named(self, key: str = "name") -> str:
        return str(self.inputs.get(key) or f"{self.name}-{self.token(7)}")

    def arn(self, service: str, resource: str, region: bool = True) -> str:
        return f"arn:aws:{service}:{self.region if region else ''}:{ACCOUNT}:{resource}"


def _ec2(prefix: str, kind: str) -> Callable[[Seed], Outputs]:
    def outputs(seed: Seed) -> Outputs:
        id_ = f"{prefix}-{seed.token(17)}"
        return {"id": id_, "arn": seed.arn("ec2", f"{kind}/{id_}")}

    return outputs


def _vpc_endpoint(seed: Seed) -> Outputs:
    out = _ec2("vpce", "vpc-endpoint")(seed)
    if seed.inputs.get("vpcEndpointType") == "Gateway":
        out["prefixListId"] = f"pl-{seed.token(8, salt='prefix-list')}"
    return out


def _security_group(seed: Seed) -> Outputs:
    return _ec2("sg", "security-group")(seed) | {"name": seed.named()}


def _table(seed: Seed) -> Outputs:
    name = seed.named()
    arn = seed.arn("dynamodb", f"table/{name}")
    return {"id": name, "name": name, "arn": arn}


def _rds_named(kind: str) -> Callable[[Seed], Outputs]:
    def outputs(seed: Seed) -> Outputs:
        name = seed.named()
        return {"id": name, "name": name, "arn": seed.arn("rds", f"{kind}:{name}")}

    return outputs


def _database(seed: Seed) -> Outputs:
    identifier = seed.named("identifier")
    address = f"{identifier}.c{seed.token(11, LOWER)}.{seed.region}.rds.amazonaws.com"
    port = 5432
    secret = seed.arn(
        "secretsmanager", f"secret:rds!db-{seed.token(36, HEX)}-{seed.token(6, LOWER, 's')}"
    )
    return {
        "id": f"db-{seed.token(26, UPPER)}",
        "identifier": identifier,
        "resourceId": f"db-{seed.token(26, UPPER, 'resource')}",
        "arn": seed.arn("rds", f"db:{identifier}"),
        "address": address,
        "endpoint": f"{address}:{port}",
        "port": port,
        "masterUserSecrets": [
            {
                "secretArn": secret,
                "secretStatus": "active",
                "kmsKeyId": seed.arn("kms", "alias/aws/secretsmanager"),
            }
        ],
    }


def _queue(seed: Seed) -> Outputs:
    name = seed.named()
    url = f"https://sqs.{seed.region}.amazonaws.com/{ACCOUNT}/{name}"
    return {"id": url, "url": url, "name": name, "arn": seed.arn("sqs", name)}


def _parameter(seed: Seed) -> Outputs:
    name = seed.named()
    return {"id": name, "name": name, "arn": seed.arn("ssm", f"parameter{name}"), "version": 1}


def _log_group(seed: Seed) -> Outputs:
    name = seed.named()
    return {"id": name, "name": name, "arn": seed.arn("logs", f"log-group:{name}")}


def _role(seed: Seed) -> Outputs:
    name = seed.named()
    return {
        "id": name,
        "name": name,
        "arn": seed.arn("iam", f"role/{name}", region=False),
        "uniqueId": f"AROA{seed.token(17, UPPER)}",
    }


def _role_policy(seed: Seed) -> Outputs:
    return {"id": f"{seed.inputs.get('role', seed.name)}:{seed.named()}"}


def _layer(seed: Seed) -> Outputs:
    layer_arn = seed.arn("lambda", f"layer:{seed.named('layerName')}")
    return {"id": f"{layer_arn}:1", "arn": f"{layer_arn}:1", "layerArn": layer_arn, "version": "1"}


def _function(seed: Seed) -> Outputs:
    name = seed.named()
    arn = seed.arn("lambda", f"function:{name}")
    invoke = f"arn:aws:apigateway:{seed.region}:lambda:path/2015-03-31/functions/{arn}/invocations"
    return {
        "id": name,
        "name": name,
        "arn": arn,
        "invokeArn": invoke,
        "qualifiedArn": f"{arn}:$LATEST",
        "version": "$LATEST",
    }


def _permission(seed: Seed) -> Outputs:
    return {"id": str(seed.inputs.get("statementId") or f"{seed.name}-{seed.token(8)}")}


def _event_source_mapping(seed: Seed) -> Outputs:
    uuid = _uuid(seed)
    return {"id": uuid, "uuid": uuid, "arn": seed.arn("lambda", f"event-source-mapping:{uuid}")}


def _invocation(seed: Seed) -> Outputs:
    return {"id": f"{seed.inputs.get('functionName')}_$LATEST_{seed.token(12)}", "result": "{}"}


def _api(seed: Seed) -> Outputs:
    id_ = seed.token(10, LOWER)
    return {
        "id": id_,
        "apiEndpoint": f"https://{id_}.execute-api.{seed.region}.amazonaws.com",
        "executionArn": seed.arn("execute-api", id_),
        "arn": f"arn:aws:apigateway:{seed.region}::/apis/{id_}",
    }


def _stage(seed: Seed) -> Outputs:
    api, name = seed.inputs.get("apiId", ""), seed.named()
    return {
        "id": name,
        "invokeUrl": f"https://{api}.execute-api.{seed.region}.amazonaws.com/{name}",
        "executionArn": seed.arn("execute-api", f"{api}/{name}"),
        "arn": f"arn:aws:apigateway:{seed.region}::/apis/{api}/stages/{name}",
    }


def _short_id(length: int) -> Callable[[Seed], Outputs]:
    return lambda seed: {"id": seed.token(length, LOWER)}


def _bucket(seed: Seed) -> Outputs:
    name = seed.named("bucket")
    return {
        "id": name,
        "bucket": name,
        "arn": f"arn:aws:s3:::{name}",
        "bucketDomainName": f"{name}.s3.amazonaws.com",
        "bucketRegionalDomainName": f"{name}.s3.{seed.region}.amazonaws.com",
    }


def _bucket_part(seed: Seed) -> Outputs:
    kind = seed.type.rsplit(":", 1)[-1]
    return {"id": f"{seed.inputs.get('bucket', '')}/{kind}"}


def _object(seed: Seed) -> Outputs:
    key = str(seed.inputs.get("key", seed.name))
    bucket = seed.inputs.get("bucket", "")
    return {
        "id": key,
        "etag": seed.token(32),
        "versionId": seed.token(32, LOWER),
        "arn": f"arn:aws:s3:::{bucket}/{key}",
    }


def _cloudfront_id(seed: Seed) -> Outputs:
    return {"id": f"E{seed.token(13, UPPER)}"}


def _distribution(seed: Seed) -> Outputs:
    id_ = f"E{seed.token(13, UPPER)}"
    return {
        "id": id_,
        "arn": f"arn:aws:cloudfront::{ACCOUNT}:distribution/{id_}",
        "domainName": f"d{seed.token(13, LOWER)}.cloudfront.net",
        "hostedZoneId": CLOUDFRONT_ZONE,
        "status": "Deployed",
    }


def _certificate(seed: Seed) -> Outputs:
    domain = str(seed.inputs.get("domainName", "example.org"))
    return {
        "id": (arn := seed.arn("acm", f"certificate/{_uuid(seed)}")),
        "arn": arn,
        "domainValidationOptions": [
            {
                "domainName": domain,
                "resourceRecordName": f"_{seed.token(32)}.{domain}.",
                "resourceRecordType": "CNAME",
                "resourceRecordValue": f"_{seed.token(32, salt='v')}.acm-validations.aws.",
            }
        ],
    }


def _certificate_validation(seed: Seed) -> Outputs:
    return {"id": f"validation-{seed.token(16)}"}


def _record(seed: Seed) -> Outputs:
    name = str(seed.inputs.get("name", seed.name))
    return {
        "id": f"{seed.inputs.get('zoneId')}_{name}_{seed.inputs.get('type')}",
        "fqdn": name.rstrip("."),
    }


def _event_rule(seed: Seed) -> Outputs:
    name = seed.named()
    return {"id": name, "name": name, "arn": seed.arn("events", f"rule/{name}")}


def _event_target(seed: Seed) -> Outputs:
    target = seed.token(20, LOWER)
    return {"id": f"{seed.inputs.get('rule')}-{target}", "targetId": target}


def _topic(seed: Seed) -> Outputs:
    name = seed.named()
    arn = seed.arn("sns", name)
    return {"id": arn, "arn": arn, "name": name}


def _subscription(seed: Seed) -> Outputs:
    arn = f"{seed.inputs.get('topic')}:{_uuid(seed)}"
    return {"id": arn, "arn": arn}


def _kms_key(seed: Seed) -> Outputs:
    key_id = _uuid(seed)
    return {"id": key_id, "keyId": key_id, "arn": seed.arn("kms", f"key/{key_id}")}


def _kms_alias(seed: Seed) -> Outputs:
    name = str(seed.inputs.get("name"))
    return {"id": name, "arn": seed.arn("kms", name)}


def _alarm(seed: Seed) -> Outputs:
    name = seed.named()
    return {"id": name, "arn": seed.arn("cloudwatch", f"alarm:{name}")}


def _provider(seed: Seed) -> Outputs:
    return {"id": _uuid(seed)}


def _uuid(seed: Seed) -> str:
    raw = seed.token(32)
    return f"{raw[:8]}-{raw[8:12]}-{raw[12:16]}-{raw[16:20]}-{raw[20:]}"


OUTPUTS: dict[str, Callable[[Seed], Outputs]] = {
    "aws:ec2/vpc:Vpc": _ec2("vpc", "vpc"),
    "aws:ec2/subnet:Subnet": _ec2("subnet", "subnet"),
    "aws:ec2/routeTable:RouteTable": _ec2("rtb", "route-table"),
    "aws:ec2/routeTableAssociation:RouteTableAssociation": _ec2(
        "rtbassoc", "route-table-association"
    ),
    "aws:ec2/securityGroup:SecurityGroup": _security_group,
    "aws:ec2/vpcEndpoint:VpcEndpoint": _vpc_endpoint,
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": _ec2("sgr", "security-group-rule"),
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": _ec2("sgr", "security-group-rule"),
    "aws:dynamodb/table:Table": _table,
    "aws:rds/subnetGroup:SubnetGroup": _rds_named("subgrp"),
    "aws:rds/parameterGroup:ParameterGroup": _rds_named("pg"),
    "aws:rds/instance:Instance": _database,
    "aws:sqs/queue:Queue": _queue,
    "aws:ssm/parameter:Parameter": _parameter,
    "aws:cloudwatch/logGroup:LogGroup": _log_group,
    "aws:iam/role:Role": _role,
    "aws:iam/rolePolicy:RolePolicy": _role_policy,
    "aws:lambda/layerVersion:LayerVersion": _layer,
    "aws:lambda/function:Function": _function,
    "aws:lambda/permission:Permission": _permission,
    "aws:lambda/eventSourceMapping:EventSourceMapping": _event_source_mapping,
    "aws:lambda/invocation:Invocation": _invocation,
    "aws:apigatewayv2/api:Api": _api,
    "aws:apigatewayv2/stage:Stage": _stage,
    "aws:apigatewayv2/authorizer:Authorizer": _short_id(6),
    "aws:apigatewayv2/integration:Integration": _short_id(7),
    "aws:apigatewayv2/route:Route": _short_id(7),
    "aws:s3/bucket:Bucket": _bucket,
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": _bucket_part,
    "aws:s3/bucketOwnershipControls:BucketOwnershipControls": _bucket_part,
    f"aws:s3/bucketServerSideEncryptionConfiguration:{SSE_CONFIGURATION}": _bucket_part,
    "aws:s3/bucketVersioning:BucketVersioning": _bucket_part,
    "aws:s3/bucketPolicy:BucketPolicy": _bucket_part,
    "aws:s3/bucketObjectv2:BucketObjectv2": _object,
    "aws:cloudfront/originAccessControl:OriginAccessControl": _cloudfront_id,
    "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy": lambda seed: {"id": _uuid(seed)},
    "aws:cloudfront/distribution:Distribution": _distribution,
    "aws:acm/certificate:Certificate": _certificate,
    "aws:acm/certificateValidation:CertificateValidation": _certificate_validation,
    "aws:route53/record:Record": _record,
    "aws:cloudwatch/eventRule:EventRule": _event_rule,
    "aws:cloudwatch/eventTarget:EventTarget": _event_target,
    "aws:sns/topic:Topic": _topic,
    "aws:sns/topicSubscription:TopicSubscription": _subscription,
    "aws:cloudwatch/metricAlarm:MetricAlarm": _alarm,
    "aws:kms/key:Key": _kms_key,
    "aws:kms/alias:Alias": _kms_alias,
}


def identity(type_: str, name: str, inputs: dict[str, Any], region: str) -> Outputs:
    """The outputs a provider would compute for this resource (always including ``id``)."""
    seed = Seed(type_, name, inputs, region)
    if type_.startswith("pulumi:providers:"):
        return _provider(seed)
    make = OUTPUTS.get(type_)
    return make(seed) if make else {"id": f"{name}-{seed.token(12)}"}


def call_result(function: str, args: dict[str, Any], region: str) -> dict[str, Any]:
    """What the provider's functions (invokes) return under the mocks."""
    if function == CALLER_IDENTITY:
        arn = f"arn:aws:iam::{ACCOUNT}:user/deployer"
        return {"accountId": ACCOUNT, "arn": arn, "userId": "AIDA" + "X" * 17, "id": ACCOUNT}
    if function == GET_ZONE:
        seed = Seed(function, str(args.get("name")), args, region)
        zone = f"Z{seed.token(20, UPPER)}"
        return {"zoneId": zone, "id": zone, "name": args.get("name")}
    if function == GET_REGION:
        return {"name": region, "region": region, "id": region}
    return {}


class GraphMocks(pulumi.runtime.Mocks):
    """Pulumi mocks that echo a resource's inputs plus its :func:`identity` outputs."""

    def __init__(self, region: str) -> None:
        self.region = region

    def new_resource(
        self, args: pulumi.runtime.MockResourceArgs
    ) -> tuple[str | None, dict[str, Any]]:
        outputs = identity(args.typ, args.name, args.inputs, self.region)
        return str(outputs["id"]), {**args.inputs, **outputs}

    def call(
        self, args: pulumi.runtime.MockCallArgs
    ) -> tuple[dict[str, Any], list[tuple[str, str]] | None]:
        return call_result(args.token, args.args, self.region), []
