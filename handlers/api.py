"""The API function: API Gateway HTTP API events (payload 2.0) → the CLAMS resolver."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools import Logger

from clams.api.app import app

logger = Logger(service="clams")


@logger.inject_lambda_context(clear_state=True)
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return app.resolve(event, context)
