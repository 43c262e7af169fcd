"""Pulumi type tokens of the AWS resources the rules look at (pulumi-aws v7)."""

from __future__ import annotations

BUCKET = "aws:s3/bucket:Bucket"
BUCKET_V2 = "aws:s3/bucketV2:BucketV2"
BUCKETS = frozenset({BUCKET, BUCKET_V2})
PUBLIC_ACCESS_BLOCK = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"
OWNERSHIP_CONTROLS = "aws:s3/bucketOwnershipControls:BucketOwnershipControls"
BUCKET_ENCRYPTION = frozenset(
    {
        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
        "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
    }
)
BUCKET_VERSIONING = frozenset(
    {"aws:s3/bucketVersioning:BucketVersioning", "aws:s3/bucketVersioningV2:BucketVersioningV2"}
)
BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy"

DISTRIBUTION = "aws:cloudfront/distribution:Distribution"
ORIGIN_ACCESS_CONTROL = "aws:cloudfront/originAccessControl:OriginAccessControl"
RESPONSE_HEADERS_POLICY = "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy"
CERTIFICATE = "aws:acm/certificate:Certificate"
CERTIFICATE_VALIDATION = "aws:acm/certificateValidation:CertificateValidation"

HTTP_API = "aws:apigatewayv2/api:Api"
STAGE = "aws:apigatewayv2/stage:Stage"
ROUTE = "aws:apigatewayv2/route:Route"
INTEGRATION = "aws:apigatewayv2/integration:Integration"
AUTHORIZER = "aws:apigatewayv2/authorizer:Authorizer"

FUNCTION = "aws:lambda/function:Function"
PERMISSION = "aws:lambda/permission:Permission"
LAYER = "aws:lambda/layerVersion:LayerVersion"
EVENT_SOURCE_MAPPING = "aws:lambda/eventSourceMapping:EventSourceMapping"

TABLE = "aws:dynamodb/table:Table"

QUEUE = "aws:sqs/queue:Queue"

TOPIC = "aws:sns/topic:Topic"
KMS_KEY = "aws:kms/key:Key"
QUEUE_POLICY = "aws:sqs/queuePolicy:QueuePolicy"
REDRIVE_POLICY = "aws:sqs/redrivePolicy:RedrivePolicy"

DB_INSTANCE = "aws:rds/instance:Instance"
DB_CLUSTER = "aws:rds/cluster:Cluster"
DB_PARAMETER_GROUP = "aws:rds/parameterGroup:ParameterGroup"
DB_SUBNET_GROUP = "aws:rds/subnetGroup:SubnetGroup"
SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup"

ROLE = "aws:iam/role:Role"
ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy"
MANAGED_POLICY = "aws:iam/policy:Policy"
POLICY_ATTACHMENTS = frozenset(
    {
        "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
        "aws:iam/userPolicyAttachment:UserPolicyAttachment",
        "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
        "aws:iam/policyAttachment:PolicyAttachment",
    }
)
ROLE_POLICY_ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment"

LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup"
EVENT_RULE = "aws:cloudwatch/eventRule:EventRule"
EVENT_TARGET = "aws:cloudwatch/eventTarget:EventTarget"
SCHEDULE = "aws:scheduler/schedule:Schedule"

PARAMETER = "aws:ssm/parameter:Parameter"

AWS_PROVIDER = "pulumi:providers:aws"

TAGGABLE = frozenset(
    {
        BUCKET,
        BUCKET_V2,
        DISTRIBUTION,
        CERTIFICATE,
        HTTP_API,
        STAGE,
        FUNCTION,
        EVENT_SOURCE_MAPPING,
        TABLE,
        QUEUE,
        DB_INSTANCE,
        DB_CLUSTER,
        DB_PARAMETER_GROUP,
        DB_SUBNET_GROUP,
        SECURITY_GROUP,
        ROLE,
        MANAGED_POLICY,
        LOG_GROUP,
        EVENT_RULE,
        PARAMETER,
        "aws:cloudwatch/metricAlarm:MetricAlarm",
        "aws:ec2/vpc:Vpc",
        "aws:ec2/subnet:Subnet",
        "aws:ec2/vpcEndpoint:VpcEndpoint",
        "aws:ec2/routeTable:RouteTable",
        "aws:secretsmanager/secret:Secret",
        TOPIC,
        KMS_KEY,
    }
)
"""Resource types that accept tags (S3 objects are left out: object tags are not resource tags)."""
