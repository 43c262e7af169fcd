"""Migrate function, invoked on deploy: brings the sign-up database to the latest schema."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools import Logger
from aws_lambda_powertools.utilities.typing import LambdaContext

from clams.db.engine import engine_from_settings
from clams.db.migrations import upgrade
from clams.settings import MigrateSettings, load

logger = Logger()


@logger.inject_lambda_context
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, str | None]:
    engine = engine_from_settings(load(MigrateSettings))
    try:
        revision = upgrade(engine)
    finally:
        engine.dispose()
    logger.info("database migrated", extra={"revision": revision})
    return {"revision": revision}
