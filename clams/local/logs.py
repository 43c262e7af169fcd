"""Readable, per-function logs: each function's JSON log lines become one short line."""

from __future__ import annotations

import json
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import IO, Any, Final

current_function: ContextVar[str | None] = ContextVar("current_function", default=None)

LAMBDA_KEYS: Final = frozenset(
    {
        "level",
        "location",
        "message",
        "timestamp",
        "service",
        "cold_start",
        "function_name",
        "function_memory_size",
        "function_arn",
        "function_request_id",
        "xray_trace_id",
        "sampling_rate",
        "exception",
        "exception_name",
        "stack_trace",
    }
)


def format_line(function: str, line: str) -> str:
    """``[writer] INFO stored 10 attendees  count=10`` for a Powertools JSON line."""
    try:
        record = json.loads(line)
    except ValueError:
        return f"[{function}] {line}"
    if not isinstance(record, dict) or "message" not in record:
        return f"[{function}] {line}"
    extras = "  ".join(f"{k}={_short(v)}" for k, v in record.items() if k not in LAMBDA_KEYS)
    text = f"[{function}] {record.get('level', 'INFO')} {record['message']}"
    text += f"  {extras}" if extras else ""
    if record.get("exception"):
        text += "\n" + str(record["exception"])
    return text


def _short(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, default=str)


class FunctionLogStream:
    """Stands in for stdout: lines written while a function runs are shown as its log."""

    def __init__(self, target: IO[str]) -> None:
        self.target = target
        self._lock = threading.Lock()

    def write(self, text: str) -> int:
        function = current_function.get()
        if function is None:
            return self.target.write(text)
        lines = [format_line(function, line) for line in text.splitlines() if line.strip()]
        with self._lock:
            for line in lines:
                self.target.write(line + "\n")
        return len(text)

    def flush(self) -> None:
        self.target.flush()

    def isatty(self) -> bool:
        return self.target.isatty()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.target, name)


@contextmanager
def function_logs() -> Iterator[FunctionLogStream]:
    """Route stdout through a ``FunctionLogStream`` for as long as the stack runs.

    Enter it before any function's code is imported: Powertools loggers made at import write
    to the stdout of that moment. Entering it again while it is in place changes nothing.
    """
    if isinstance(sys.stdout, FunctionLogStream):
        yield sys.stdout
        return
    original = sys.stdout
    stream = FunctionLogStream(original)
    sys.stdout = stream
    try:
        yield stream
    finally:
        if sys.stdout is stream:
            sys.stdout = original


def function_logs_active() -> bool:
    return isinstance(sys.stdout, FunctionLogStream)


@contextmanager
def logging_as(function: str) -> Iterator[None]:
    token = current_function.set(function)
    try:
        yield
    finally:
        current_function.reset(token)
