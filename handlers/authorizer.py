"""The HTTP API's Lambda authorizer (REQUEST type, payload 2.0, simple responses).

It reads its one setting straight from the environment rather than through the settings
models: pydantic-settings alone would triple the import time of this function, which runs
in front of every request.
"""

from __future__ import annotations

import logging
import os
import time
from typing import Any, Final

from clams.auth.credentials import Decision, Verdict, check
from clams.auth.users import Users
from clams.names import Env
from clams.stores.users import read_users

logger = logging.getLogger("clams.authorizer")
logger.setLevel(logging.INFO)


REFRESH_AT_MOST_EVERY: Final = 10.0
_last_refresh = [0.0]


def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    header = _authorization(event)
    decision = check(header, _users())
    if decision.verdict is Verdict.REFUSED and _may_refresh():
        decision = check(header, _users(fresh=True))
    _log(decision)
    return decision.simple_response()


def _may_refresh() -> bool:
    """A refusal may come from a cached users document older than a new user or password:
    read it afresh, but at most every few seconds, so refusals cannot flood SSM."""
    now = time.monotonic()
    if now - _last_refresh[0] < REFRESH_AT_MOST_EVERY:
        return False
    _last_refresh[0] = now
    return True


def _authorization(event: dict[str, Any]) -> str | None:
    headers = event.get("headers") if isinstance(event, dict) else None
    if not isinstance(headers, dict):
        return None
    value = next((v for k, v in headers.items() if str(k).lower() == "authorization"), None)
    return value if isinstance(value, str) else None


def _users(fresh: bool = False) -> Users | None:
    try:
        return read_users(os.environ[Env.USERS_PARAMETER], fresh)
    except Exception as error:
        logger.error("users parameter unreadable, refusing: %s", type(error).__name__)
        return None


def _log(decision: Decision) -> None:
    who = decision.user.name if decision.user else "-"
    level = logging.INFO if decision.verdict is Verdict.ALLOWED else logging.WARNING
    logger.log(level, "authorization %s for %s", decision.verdict.name.lower(), who)
