"""The HTTP API's Lambda authorizer (REQUEST type, payload 2.0, simple responses).

It reads its one setting straight from the environment rather than through the settings
models: pydantic-settings alone would triple the import time of this function, which runs
in front of every request.
"""

from __future__ import annotations

import logging
import os
from typing import Any

from clams.auth.credentials import Decision, Verdict, check
from clams.auth.users import Users
from clams.names import Env
from clams.stores.users import read_users

logger = logging.getLogger("clams.authorizer")
logger.setLevel(logging.INFO)


def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    decision = check(_authorization(event), _users())
    _log(decision)
    return decision.simple_response()


def _authorization(event: dict[str, Any]) -> str | None:
    headers = event.get("headers") if isinstance(event, dict) else None
    if not isinstance(headers, dict):
        return None
    value = next((v for k, v in headers.items() if str(k).lower() == "authorization"), None)
    return value if isinstance(value, str) else None


def _users() -> Users | None:
    try:
        return read_users(os.environ[Env.USERS_PARAMETER])
    except Exception as error:
        logger.error("users parameter unreadable, refusing: %s", type(error).__name__)
        return None


def _log(decision: Decision) -> None:
    who = decision.user.name if decision.user else "-"
    level = logging.INFO if decision.verdict is Verdict.ALLOWED else logging.WARNING
    logger.log(level, "authorization %s for %s", decision.verdict.name.lower(), who)
