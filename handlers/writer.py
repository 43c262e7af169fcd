"""Lambda entry point of the attendee writer (SQS → attendee store, partial batch failures)."""

from __future__ import annotations

from functools import cache
from typing import Any

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.batch import (
    BatchProcessor,
    EventType,
    process_partial_response,
)
from aws_lambda_powertools.utilities.batch.types import PartialItemFailureResponse
from aws_lambda_powertools.utilities.data_classes import SQSEvent
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.typing import LambdaContext

from clams import aws
from clams.domain.messages import code_in
from clams.services.writer import Delivery, WriteReport, write_batch
from clams.settings import WriterSettings, load
from clams.stores.attendees import AttendeeStore

logger = Logger()
tracer = Tracer()
metrics = Metrics(namespace="CLAMS")
processor = BatchProcessor(event_type=EventType.SQS, raise_on_entire_batch_failure=False)


@cache
def attendee_store() -> AttendeeStore:
    settings = load(WriterSettings)
    return AttendeeStore(aws.client("dynamodb"), settings.ATTENDEES_TABLE, settings.SUMMARY_TABLE)


@logger.inject_lambda_context
@tracer.capture_lambda_handler
@metrics.log_metrics
def handler(event: dict[str, Any], context: LambdaContext) -> PartialItemFailureResponse:
    records = list(SQSEvent(event).records)
    report = write_batch([Delivery(r.message_id, r.body) for r in records], attendee_store())
    _observe(report, records)

    def record_handler(record: SQSRecord) -> None:
        report.check(record.message_id)

    return process_partial_response(
        event=event, record_handler=record_handler, processor=processor, context=context
    )


def _observe(report: WriteReport, records: list[SQSRecord]) -> None:
    """Counts, codes and reasons only: never names, e-mails, phone numbers or diets."""
    counts = report.counts()
    for outcome, count in counts.items():
        metrics.add_metric(name=f"Attendees{outcome.title()}", unit=MetricUnit.Count, value=count)
    failed = [r for r in records if r.message_id in report.failures]
    logger.info("attendee batch written", extra={"messages": len(records), "outcomes": counts})
    for record in failed:
        reason = str(report.failures[record.message_id])
        extra = {"message_id": record.message_id, "code": code_in(record.body), "reason": reason}
        logger.warning("attendee message failed", extra=extra)
