"""The queues between the functions, each with its dead-letter queue."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pulumi
import pulumi_aws as aws

from clams.names import Function, Queue
from components.catalog import MAX_RECEIVES, visibility_timeout
from components.stack import StackConfig

CONSUMERS: dict[Queue, Function] = {
    Queue.ATTENDEES: Function.WRITER,
    Queue.SIGNUPS: Function.PROCESSOR,
}
FOUR_DAYS = 4 * 24 * 3600
FOURTEEN_DAYS = 14 * 24 * 3600


@dataclass(frozen=True)
class MessagingArgs:
    config: StackConfig


class Messaging(pulumi.ComponentResource):
    queues: dict[Queue, aws.sqs.Queue]
    dead_letters: dict[Queue, aws.sqs.Queue]

    def __init__(
        self, name: str, args: MessagingArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        super().__init__("clams:components:Messaging", name, None, opts)
        self._config = args.config
        self._child = pulumi.ResourceOptions(parent=self)
        self.dead_letters = {queue: self._dead_letter(queue) for queue in CONSUMERS}
        self.queues = {queue: self._queue(queue, consumer) for queue, consumer in CONSUMERS.items()}
        self.register_outputs({queue.value: q.url for queue, q in self.queues.items()})

    def _dead_letter(self, queue: Queue) -> aws.sqs.Queue:
        return aws.sqs.Queue(
            f"{queue.value}-dlq",
            name=self._config.physical(f"{queue.value}-dlq"),
            message_retention_seconds=FOURTEEN_DAYS,
            sqs_managed_sse_enabled=True,
            opts=self._child,
        )

    def _queue(self, queue: Queue, consumer: Function) -> aws.sqs.Queue:
        return aws.sqs.Queue(
            queue.value,
            name=self._config.physical(f"{queue.value}-queue"),
            visibility_timeout_seconds=visibility_timeout(consumer),
            message_retention_seconds=FOUR_DAYS,
            sqs_managed_sse_enabled=True,
            redrive_policy=self.dead_letters[queue].arn.apply(redrive_policy),
            opts=self._child,
        )


def redrive_policy(dead_letter_arn: str) -> str:
    return json.dumps({"deadLetterTargetArn": dead_letter_arn, "maxReceiveCount": MAX_RECEIVES})
