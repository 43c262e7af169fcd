"""Small helpers for talking to DynamoDB with the low-level client."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from typing import Any, TypeVar

from boto3.dynamodb.types import TypeDeserializer, TypeSerializer
from botocore.exceptions import ClientError

_SERIALIZER = TypeSerializer()
_DESERIALIZER = TypeDeserializer()
RETRYABLE = frozenset(
    {
        "ProvisionedThroughputExceededException",
        "ThrottlingException",
        "RequestLimitExceeded",
        "InternalServerError",
        "ServiceUnavailable",
        "TransactionConflictException",
    }
)
T = TypeVar("T")


def to_item(data: Mapping[str, Any]) -> dict[str, Any]:
    """A plain dict → DynamoDB's typed attribute map."""
    return {k: _SERIALIZER.serialize(v) for k, v in data.items()}


def from_item(item: Mapping[str, Any]) -> dict[str, Any]:
    """DynamoDB's typed attribute map → a plain dict, whole numbers as ``int``."""
    return {k: _plain(_DESERIALIZER.deserialize(v)) for k, v in item.items()}


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | set):
        return [_plain(v) for v in value]
    return value


def error_code(error: ClientError) -> str:
    return str(error.response.get("Error", {}).get("Code", ""))


class Backoff:
    """Exponential backoff with full jitter; ``sleep`` is injectable for tests."""

    def __init__(
        self,
        attempts: int = 8,
        base: float = 0.05,
        cap: float = 2.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.attempts, self.base, self.cap, self._sleep = attempts, base, cap, sleep

    def delays(self) -> Iterator[float]:
        for attempt in range(self.attempts - 1):
            yield random.uniform(0, min(self.cap, self.base * 2**attempt))

    def wait(self, delay: float) -> None:
        self._sleep(delay)

    def call(self, operation: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """Call ``operation(*args, **kwargs)``, retrying throttling and transient errors."""
        for delay in self.delays():
            try:
                return operation(*args, **kwargs)
            except ClientError as error:
                if error_code(error) not in RETRYABLE:
                    raise
            self.wait(delay)
        return operation(*args, **kwargs)


_BATCH_GET_KEYS = 100


def batch_get(
    client: Any, requests: dict[str, list[dict[str, Any]]], backoff: Backoff
) -> dict[str, list[dict[str, Any]]]:
    """BatchGetItem with consistent reads over any number of keys (100 per call),
    following UnprocessedKeys with backoff."""
    found: dict[str, list[dict[str, Any]]] = {table: [] for table in requests}
    wanted = [(table, key) for table, keys in requests.items() for key in keys]
    for start in range(0, len(wanted), _BATCH_GET_KEYS):
        chunk: dict[str, list[dict[str, Any]]] = {}
        for table, key in wanted[start : start + _BATCH_GET_KEYS]:
            chunk.setdefault(table, []).append(key)
        for table, items in _batch_get_chunk(client, chunk, backoff).items():
            found[table].extend(items)
    return found


def _batch_get_chunk(
    client: Any, requests: dict[str, list[dict[str, Any]]], backoff: Backoff
) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    pending = {t: {"Keys": keys, "ConsistentRead": True} for t, keys in requests.items()}
    delays = backoff.delays()
    while pending:
        reply = backoff.call(client.batch_get_item, RequestItems=pending)
        for table, items in reply.get("Responses", {}).items():
            found.setdefault(table, []).extend(from_item(i) for i in items)
        pending = reply.get("UnprocessedKeys") or {}
        if pending:
            backoff.wait(next(delays, backoff.cap))
    return found
