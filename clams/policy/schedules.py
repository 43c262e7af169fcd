"""Whether an EventBridge schedule expression is one AWS accepts."""

from __future__ import annotations

import re

RATE = re.compile(r"^rate\((\d+) (minute|hour|day)(s?)\)$")
CRON = re.compile(r"^cron\(([^()]*)\)$")
AT = re.compile(r"^at\(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\)$")
MONTHS = "JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC"
DAYS = "SUN|MON|TUE|WED|THU|FRI|SAT"
CRON_FIELDS = (
    re.compile(r"^[0-9,*/-]+$"),
    re.compile(r"^[0-9,*/-]+$"),
    re.compile(r"^(\?|[0-9,*/LW-]+)$"),
    re.compile(rf"^([0-9,*/-]|{MONTHS})+$", re.I),
    re.compile(rf"^(\?|([0-9,*/#L-]|{DAYS})+)$", re.I),
    re.compile(r"^[0-9,*/-]+$"),
)


def schedule_problem(expression: str) -> str | None:
    """Why AWS would reject ``expression``, or None when it is well-formed."""
    if rate := RATE.match(expression):
        return _rate_problem(int(rate.group(1)), rate.group(3) == "s")
    if cron := CRON.match(expression):
        return _cron_problem(cron.group(1).split())
    if AT.match(expression):
        return None
    return "is not rate(...), cron(...) or at(...)"


def _rate_problem(value: int, plural: bool) -> str | None:
    if value < 1:
        return "has a rate below 1"
    if plural != (value > 1):
        return "must use the singular unit for 1 and the plural otherwise"
    return None


def _cron_problem(fields: list[str]) -> str | None:
    if len(fields) != len(CRON_FIELDS):
        return f"has {len(fields)} cron fields, not 6"
    if not all(p.match(f) for p, f in zip(CRON_FIELDS, fields, strict=True)):
        return "has a malformed cron field"
    if (fields[2] == "?") == (fields[4] == "?"):
        return "must have '?' in exactly one of day-of-month and day-of-week"
    return None
