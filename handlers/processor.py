"""Processor function: each sign-up notification from the queue becomes a sign-up record.

A notification whose sign-up does not exist fails on its own (partial batch response);
after the queue's receive limit it lands in the dead-letter queue.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from aws_lambda_powertools import Logger
from aws_lambda_powertools.utilities.batch import (
    BatchProcessor,
    EventType,
    process_partial_response,
)
from aws_lambda_powertools.utilities.batch.types import PartialItemFailureResponse
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.typing import LambdaContext

from clams import aws
from clams.db.engine import engine_from_settings
from clams.db.unit_of_work import SqlUnitOfWork, unit_of_work_factory
from clams.domain.signups import SignupNotice
from clams.services.processor import process_notice
from clams.settings import ProcessorSettings, load
from clams.stores.signups import SignupRecords

logger = Logger()
processor = BatchProcessor(event_type=EventType.SQS)


@cache
def _dependencies() -> tuple[Callable[[], SqlUnitOfWork], SignupRecords]:
    settings = load(ProcessorSettings)
    records = SignupRecords(aws.client("dynamodb"), settings.SIGNUPS_TABLE)
    return unit_of_work_factory(engine_from_settings(settings)), records


def _process(record: SQSRecord) -> None:
    units, records = _dependencies()
    stored = process_notice(SignupNotice.model_validate_json(record.body), units, records)
    logger.info("stored sign-up", extra={"signup_id": stored.SignupId})


@logger.inject_lambda_context
def handler(event: dict[str, Any], context: LambdaContext) -> PartialItemFailureResponse:
    return process_partial_response(
        event=event, record_handler=_process, processor=processor, context=context
    )
