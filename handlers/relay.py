"""Relay function (every minute): sign-up notifications from the outbox to the sign-ups queue."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from functools import cache
from typing import Any, Final

from aws_lambda_powertools import Logger
from aws_lambda_powertools.utilities.typing import LambdaContext

from clams import aws
from clams.db.engine import engine_from_settings
from clams.db.unit_of_work import SqlUnitOfWork, unit_of_work_factory
from clams.services.relay import relay
from clams.settings import RelaySettings, load
from clams.stores.signups import SignupQueue

RESERVE_MS: Final = 10_000
"""Time kept back from the function's timeout: no new round starts within it."""

logger = Logger()


@cache
def _dependencies() -> tuple[Callable[[], SqlUnitOfWork], SignupQueue]:
    settings = load(RelaySettings)
    queue = SignupQueue(aws.client("sqs"), settings.SIGNUPS_QUEUE_URL)
    return unit_of_work_factory(engine_from_settings(settings)), queue


@logger.inject_lambda_context
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, int]:
    units, queue = _dependencies()
    report = relay(
        units, queue, has_time=lambda: context.get_remaining_time_in_millis() > RESERVE_MS
    )
    logger.info("relayed sign-up notifications", extra=asdict(report))
    return asdict(report)
