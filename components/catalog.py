"""How each function is deployed: sizes, timeouts, network, and what it may only read.

What a function reads from its environment comes from ``clams.settings.SETTINGS``; this table
adds only what the settings cannot say.
"""

from __future__ import annotations

from dataclasses import dataclass

from clams.names import Env, Function


@dataclass(frozen=True)
class FunctionSpec:
    timeout: int = 10
    memory: int = 256
    in_vpc: bool = False
    read_only: frozenset[Env] = frozenset()
    """Table environment keys this function reads but never writes."""
    extra_paths: tuple[str, ...] = ()
    """Files or folders (relative to the project root) shipped besides the imported modules."""


SPECS: dict[Function, FunctionSpec] = {
    Function.API: FunctionSpec(timeout=15, memory=512, in_vpc=True),
    Function.AUTHORIZER: FunctionSpec(timeout=5, memory=256),
    Function.WRITER: FunctionSpec(timeout=30, memory=512),
    Function.RELAY: FunctionSpec(timeout=30, in_vpc=True),
    Function.PROCESSOR: FunctionSpec(timeout=30, in_vpc=True),
    Function.MIGRATE: FunctionSpec(
        timeout=120, in_vpc=True, extra_paths=("migrations", "alembic.ini")
    ),
}

CONSUMER_BATCH: dict[Function, tuple[int, int]] = {
    Function.WRITER: (100, 5),
    Function.PROCESSOR: (10, 0),
}
"""Queue consumers: (batch size, maximum batching window in seconds)."""

MAX_RECEIVES = 5
"""Deliveries of a message before it moves to the dead-letter queue."""


def visibility_timeout(consumer: Function) -> int:
    """Six times the consumer's timeout plus its batching window, as AWS advises."""
    return 6 * SPECS[consumer].timeout + CONSUMER_BATCH[consumer][1]
