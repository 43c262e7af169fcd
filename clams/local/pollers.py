"""SQS event source mappings: queues polled in threads, batches handed to their function.

Like Lambda's poller: up to the mapping's batch size per invocation; with
``ReportBatchItemFailures`` only the reported messages stay, otherwise any error keeps the
whole batch. Kept messages reappear after the queue's visibility timeout (or ``retry_after``
seconds when set) and the queue's redrive policy moves them to the dead-letter queue once
they have been received too often.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Final

from clams.graph.model import Graph
from clams.local.references import TYPE_FUNCTION, referenced
from clams.local.resources import QUEUE, Realised
from clams.local.runtime import LocalFunction

MAPPING: Final = "aws:lambda/eventSourceMapping:EventSourceMapping"
SQS_MAX_RECEIVE: Final = 10
LONG_POLL_SECONDS: Final = 1

log = logging.getLogger("local.pollers")


@dataclass(frozen=True)
class QueueMapping:
    name: str
    queue_url: str
    queue_arn: str
    function: LocalFunction
    batch_size: int = 10
    window_seconds: float = 0.0
    report_failures: bool = False


def queue_mappings(
    graph: Graph, realised: Realised, functions: dict[str, LocalFunction]
) -> list[QueueMapping]:
    """The graph's event source mappings whose source is one of its queues."""
    mappings = []
    for resource in graph.of_type(MAPPING):
        inputs = resource.inputs
        queue = referenced(graph, inputs.get("eventSourceArn"), QUEUE)
        target = referenced(graph, inputs.get("functionName"), TYPE_FUNCTION)
        if queue is None or target is None or target.urn not in functions:
            log.warning("event source mapping %s has no local source; not polled", resource.name)
            continue
        local = realised.outputs[queue.urn]
        mappings.append(
            QueueMapping(
                name=resource.name,
                queue_url=local["url"],
                queue_arn=local["arn"],
                function=functions[target.urn],
                batch_size=int(inputs.get("batchSize", 10)),
                window_seconds=float(inputs.get("maximumBatchingWindowInSeconds", 0)),
                report_failures="ReportBatchItemFailures"
                in (inputs.get("functionResponseTypes") or ()),
            )
        )
    return mappings


class QueuePoller:
    """Polls one mapping's queue on a thread until stopped."""

    def __init__(
        self, mapping: QueueMapping, sqs: Any, region: str, retry_after: int | None
    ) -> None:
        self.mapping = mapping
        self._sqs = sqs
        self._region = region
        self._retry_after = retry_after
        self._stopping = threading.Event()
        self._thread = threading.Thread(
            target=self._run, name=f"poller-{mapping.name}", daemon=True
        )

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stopping.is_set():
            try:
                self.poll_once(LONG_POLL_SECONDS)
            except Exception:
                log.exception("polling %s failed", self.mapping.name)
                self._stopping.wait(1)

    def poll_once(self, wait_seconds: int = 0) -> int:
        """Receive one batch, invoke the function with it, settle it; how many were received."""
        messages = self._gather(wait_seconds)
        if messages:
            failed = self._deliver(messages)
            self._settle(messages, failed)
        return len(messages)

    def _gather(self, wait_seconds: int) -> list[dict[str, Any]]:
        """Receive until the batch is full, the queue has nothing more, or the window closes."""
        messages: list[dict[str, Any]] = []
        closes = time.monotonic() + self.mapping.window_seconds
        while len(messages) < self.mapping.batch_size:
            received = self._receive(
                min(SQS_MAX_RECEIVE, self.mapping.batch_size - len(messages)), wait_seconds
            )
            messages += received
            if not received or time.monotonic() >= closes or self._stopping.is_set():
                break
            wait_seconds = 0
        return messages

    def _receive(self, count: int, wait_seconds: int) -> list[dict[str, Any]]:
        reply = self._sqs.receive_message(
            QueueUrl=self.mapping.queue_url,
            MaxNumberOfMessages=count,
            WaitTimeSeconds=wait_seconds,
            AttributeNames=["All"],
            MessageAttributeNames=["All"],
        )
        return list(reply.get("Messages", []))

    def _deliver(self, messages: list[dict[str, Any]]) -> set[str]:
        """The ids of the messages that failed."""
        every = {m["MessageId"] for m in messages}
        event = {"Records": [sqs_record(m, self.mapping.queue_arn, self._region) for m in messages]}
        try:
            result = self.mapping.function.invoke(event)
        except Exception as error:
            log.warning(
                "%s failed a batch of %d: %s", self.mapping.function.name, len(every), error
            )
            return every
        if not self.mapping.report_failures:
            return set()
        return batch_failures(result, every)

    def _settle(self, messages: list[dict[str, Any]], failed: set[str]) -> None:
        done = [m for m in messages if m["MessageId"] not in failed]
        for chunk in _chunks(done):
            self._sqs.delete_message_batch(QueueUrl=self.mapping.queue_url, Entries=chunk)
        if self._retry_after is None:
            return
        kept = [m for m in messages if m["MessageId"] in failed]
        for chunk in _chunks(kept):
            entries = [entry | {"VisibilityTimeout": self._retry_after} for entry in chunk]
            self._sqs.change_message_visibility_batch(
                QueueUrl=self.mapping.queue_url, Entries=entries
            )


def batch_failures(result: Any, every: set[str]) -> set[str]:
    """The failed ids of a partial batch response; a malformed one fails the whole batch."""
    if result is None:
        return set()
    failures = result.get("batchItemFailures") if isinstance(result, dict) else None
    if failures is None:
        return set()
    ids = {str(f.get("itemIdentifier")) for f in failures if isinstance(f, dict)}
    return ids if ids <= every and len(ids) == len(failures) else every


def sqs_record(message: dict[str, Any], queue_arn: str, region: str) -> dict[str, Any]:
    """One record of the event Lambda's SQS poller sends."""
    return {
        "messageId": message["MessageId"],
        "receiptHandle": message["ReceiptHandle"],
        "body": message.get("Body", ""),
        "attributes": dict(message.get("Attributes", {})),
        "messageAttributes": {
            name: _message_attribute(value)
            for name, value in message.get("MessageAttributes", {}).items()
        },
        "md5OfBody": message.get("MD5OfBody", ""),
        "eventSource": "aws:sqs",
        "eventSourceARN": queue_arn,
        "awsRegion": region,
    }


def _message_attribute(value: dict[str, Any]) -> dict[str, Any]:
    return {
        "stringValue": value.get("StringValue"),
        "binaryValue": value.get("BinaryValue"),
        "stringListValues": value.get("StringListValues", []),
        "binaryListValues": value.get("BinaryListValues", []),
        "dataType": value.get("DataType", "String"),
    }


def _chunks(messages: Iterable[dict[str, Any]]) -> Iterable[list[dict[str, str]]]:
    entries = [{"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(messages)]
    for start in range(0, len(entries), SQS_MAX_RECEIVE):
        yield entries[start : start + SQS_MAX_RECEIVE]
