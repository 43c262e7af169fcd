"""Alarms to an SNS topic that e-mails the stack's contact: dead letters, errors, API 5xx.

The topic is encrypted with a key of its own: CloudWatch cannot publish to a topic under the
AWS-managed SNS key, so the key's policy lets this account's CloudWatch alarms use it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

import pulumi
import pulumi_aws as aws

from clams.names import STAGE, Function, Queue

FIVE_MINUTES = 300


@dataclass(frozen=True)
class AlarmsArgs:
    email: str
    topic_name: str
    dead_letters: Mapping[Queue, aws.sqs.Queue]
    functions: Mapping[Function, aws.lambda_.Function]
    api_id: pulumi.Input[str]
    account_id: pulumi.Input[str]


class Alarms(pulumi.ComponentResource):
    topic: aws.sns.Topic

    def __init__(
        self, name: str, args: AlarmsArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        super().__init__("clams:components:Alarms", name, None, opts)
        self._child = pulumi.ResourceOptions(parent=self)
        self.key = self._key(args.topic_name, args.account_id)
        self.topic = aws.sns.Topic(
            "alarms", name=args.topic_name, kms_master_key_id=self.key.arn, opts=self._child
        )
        aws.sns.TopicSubscription(
            "alarms-email",
            topic=self.topic.arn,
            protocol="email",
            endpoint=args.email,
            opts=self._child,
        )
        for queue, dlq in args.dead_letters.items():
            self._alarm(
                f"{queue.value}-dead-letters",
                "AWS/SQS",
                "ApproximateNumberOfMessagesVisible",
                {"QueueName": dlq.name},
                "Maximum",
            )
        for function, lambda_ in args.functions.items():
            self._alarm(
                f"{function.value}-errors",
                "AWS/Lambda",
                "Errors",
                {"FunctionName": lambda_.name},
                "Sum",
            )
        self._alarm(
            "api-5xx", "AWS/ApiGateway", "5xx", {"ApiId": args.api_id, "Stage": STAGE}, "Sum"
        )
        self.register_outputs({"topic": self.topic.arn})

    def _key(self, topic_name: str, account_id: pulumi.Input[str]) -> aws.kms.Key:
        key = aws.kms.Key(
            "alarms",
            description=f"Encrypts the alarm topic {topic_name}",
            enable_key_rotation=True,
            deletion_window_in_days=30,
            policy=pulumi.Output.from_input(account_id).apply(alarm_key_policy),
            opts=self._child,
        )
        aws.kms.Alias(
            "alarms", name=f"alias/{topic_name}", target_key_id=key.key_id, opts=self._child
        )
        return key

    def _alarm(
        self,
        name: str,
        namespace: str,
        metric: str,
        dimensions: Mapping[str, pulumi.Input[str]],
        statistic: str,
    ) -> None:
        aws.cloudwatch.MetricAlarm(
            name,
            name=self.topic.name.apply(lambda topic: f"{topic}-{name}"),
            namespace=namespace,
            metric_name=metric,
            dimensions=dict(dimensions),
            statistic=statistic,
            period=FIVE_MINUTES,
            evaluation_periods=1,
            threshold=0,
            comparison_operator="GreaterThanThreshold",
            treat_missing_data="notBreaching",
            alarm_actions=[self.topic.arn],
            ok_actions=[self.topic.arn],
            opts=self._child,
        )


def alarm_key_policy(account_id: str) -> str:
    """The account administers the key; CloudWatch may use it for this account's alarms."""
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "AccountAdministers",
                    "Effect": "Allow",
                    "Principal": {"AWS": account_id},
                    "Action": "kms:*",
                    "Resource": "*",
                },
                {
                    "Sid": "CloudWatchAlarmsPublish",
                    "Effect": "Allow",
                    "Principal": {"Service": "cloudwatch.amazonaws.com"},
                    "Action": ["kms:Decrypt", "kms:GenerateDataKey*"],
                    "Resource": "*",
                    "Condition": {"StringEquals": {"aws:SourceAccount": account_id}},
                },
            ],
        }
    )
