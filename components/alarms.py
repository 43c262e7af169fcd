"""Alarms to an SNS topic that e-mails the stack's contact: dead letters, errors, API 5xx."""

from __future__ import annotations

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


class Alarms(pulumi.ComponentResource):
    topic: aws.sns.Topic

    def __init__(
        self, name: str, args: AlarmsArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        super().__init__("clams:components:Alarms", name, None, opts)
        self._child = pulumi.ResourceOptions(parent=self)
        self.topic = aws.sns.Topic("alarms", name=args.topic_name, opts=self._child)
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
