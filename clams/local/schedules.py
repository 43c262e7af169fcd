"""Scheduled rules: each ``rate(...)`` rule's targets invoked on a ticking thread."""

from __future__ import annotations

import json
import logging
import re
import threading
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final

from clams.graph.model import Graph, Resource
from clams.local.emulator import ACCOUNT
from clams.local.references import TYPE_FUNCTION, referenced
from clams.local.runtime import LocalFunction

RULE: Final = "aws:cloudwatch/eventRule:EventRule"
TARGET: Final = "aws:cloudwatch/eventTarget:EventTarget"
_RATE: Final = re.compile(r"rate\((\d+) (minute|minutes|hour|hours|day|days)\)")
_UNIT_SECONDS: Final = {"minute": 60, "hour": 3600, "day": 86400}

log = logging.getLogger("local.schedules")


@dataclass(frozen=True)
class Schedule:
    rule: str
    expression: str
    function: LocalFunction
    input: str | None = None

    @property
    def period_seconds(self) -> float | None:
        """The rule's period; None for ``cron(...)``, which only ``tick`` or a fixed tick runs."""
        found = _RATE.fullmatch(self.expression.strip())
        if found is None:
            return None
        return int(found[1]) * _UNIT_SECONDS[found[2].rstrip("s")]

    def event(self, region: str) -> Any:
        """The target's constant input when it has one, else the scheduled event."""
        if self.input:
            return json.loads(self.input)
        return {
            "version": "0",
            "id": str(uuid.uuid4()),
            "detail-type": "Scheduled Event",
            "source": "aws.events",
            "account": ACCOUNT,
            "time": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "region": region,
            "resources": [f"arn:aws:events:{region}:{ACCOUNT}:rule/{self.rule}"],
            "detail": {},
        }

    def run(self, region: str) -> Any:
        try:
            return self.function.invoke(self.event(region))
        except Exception:
            log.exception("scheduled %s failed", self.function.name)
            return None


def schedules(graph: Graph, functions: dict[str, LocalFunction]) -> list[Schedule]:
    """Each (scheduled rule, function target) pair of the graph."""
    found = []
    for target in graph.of_type(TARGET):
        rule = _rule(graph, target)
        function = referenced(graph, target.inputs.get("arn"), TYPE_FUNCTION)
        if rule is None or function is None or function.urn not in functions:
            continue
        expression = str(rule.inputs.get("scheduleExpression") or "")
        if expression:
            name = str(rule.inputs.get("name") or rule.name)
            found.append(
                Schedule(name, expression, functions[function.urn], target.inputs.get("input"))
            )
    return found


def _rule(graph: Graph, target: Resource) -> Resource | None:
    return referenced(graph, target.inputs.get("rule"), RULE)


class Ticker:
    """Runs each schedule every ``every`` seconds, or at its own rate when ``every`` is None."""

    def __init__(self, found: list[Schedule], region: str, every: float | None) -> None:
        self.schedules = found
        self._region = region
        self._every = every
        self._stopping = threading.Event()
        self._threads = [
            threading.Thread(target=self._run, args=(s,), name=f"schedule-{s.rule}", daemon=True)
            for s in found
            if (every or s.period_seconds)
        ]

    def start(self) -> None:
        for thread in self._threads:
            thread.start()

    def stop(self) -> None:
        self._stopping.set()
        for thread in self._threads:
            thread.join()

    def tick(self) -> list[Any]:
        """Run every schedule now; their results."""
        return [schedule.run(self._region) for schedule in self.schedules]

    def _run(self, schedule: Schedule) -> None:
        period = self._every or schedule.period_seconds or 60.0
        while not self._stopping.wait(period):
            schedule.run(self._region)
