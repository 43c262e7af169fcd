"""What starts the background functions: queue event source mappings and the relay schedule."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pulumi
import pulumi_aws as aws

from clams.names import Function, Queue
from components.catalog import CONSUMER_BATCH
from components.messaging import CONSUMERS

RELAY_SCHEDULE = "rate(1 minute)"


@dataclass(frozen=True)
class TriggersArgs:
    queues: Mapping[Queue, aws.sqs.Queue]
    functions: Mapping[Function, aws.lambda_.Function]
    scheduled: Function = Function.RELAY


class Triggers(pulumi.ComponentResource):
    def __init__(
        self, name: str, args: TriggersArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        super().__init__("clams:components:Triggers", name, None, opts)
        self._child = pulumi.ResourceOptions(parent=self)
        for queue, consumer in CONSUMERS.items():
            self._consume(queue.value, args.queues[queue], args.functions[consumer], consumer)
        self._schedule(args.scheduled.value, args.functions[args.scheduled])
        self.register_outputs({})

    def _consume(
        self, name: str, queue: aws.sqs.Queue, function: aws.lambda_.Function, consumer: Function
    ) -> None:
        batch_size, window = CONSUMER_BATCH[consumer]
        aws.lambda_.EventSourceMapping(
            f"{name}-to-{consumer.value}",
            event_source_arn=queue.arn,
            function_name=function.arn,
            batch_size=batch_size,
            maximum_batching_window_in_seconds=window,
            function_response_types=["ReportBatchItemFailures"],
            opts=self._child,
        )

    def _schedule(self, name: str, function: aws.lambda_.Function) -> None:
        rule = aws.cloudwatch.EventRule(
            f"{name}-schedule",
            name=function.name.apply(lambda n: f"{n}-schedule"),
            schedule_expression=RELAY_SCHEDULE,
            opts=self._child,
        )
        aws.cloudwatch.EventTarget(
            f"{name}-schedule", rule=rule.name, arn=function.arn, opts=self._child
        )
        aws.lambda_.Permission(
            f"schedule-invokes-{name}",
            action="lambda:InvokeFunction",
            function=function.name,
            principal="events.amazonaws.com",
            source_arn=rule.arn,
            opts=self._child,
        )
