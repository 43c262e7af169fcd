"""Deterministic fault injection: a client wrapper that fails chosen calls, and a queue model.

Faults are chosen by call number (the Nth call of an operation), never by time or chance,
so every run injects exactly the same faults.
"""

from __future__ import annotations

import random
from collections import Counter, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from botocore.exceptions import ClientError, EndpointConnectionError


@dataclass(frozen=True)
class Fault:
    """Fail calls of ``operation`` whose number (from 1) satisfies ``when``.

    ``after``: the call reaches the service first and the reply is lost (the write happened,
    the caller cannot know). ``partial``: a batch send where entries chosen by ``when`` on
    their position fail, the others go through.
    """

    operation: str
    when: Callable[[int], bool]
    code: str = "ThrottlingException"
    status: int = 400
    after: bool = False
    partial: bool = False


def every(n: int, offset: int = 0) -> Callable[[int], bool]:
    return lambda number: number % n == offset


def between(first: int, last: int) -> Callable[[int], bool]:
    return lambda number: first <= number <= last


def client_error(code: str, status: int, operation: str) -> ClientError:
    reply: Any = {
        "Error": {"Code": code, "Message": "injected by the reliability campaign"},
        "ResponseMetadata": {"HTTPStatusCode": status},
    }
    return ClientError(reply, operation)


class FaultyClient:
    """Forwards every call to ``client``; the calls the faults name fail as planned.

    ``calls`` and ``injected`` count, per operation, what was asked and what was failed.
    """

    def __init__(self, client: Any, faults: Iterable[Fault]) -> None:
        self._client = client
        self._faults = list(faults)
        self.calls: Counter[str] = Counter()
        self.injected: Counter[str] = Counter()
        self.entry_number = 0

    def __getattr__(self, name: str) -> Any:
        target = getattr(self._client, name)
        faults = [f for f in self._faults if f.operation == name]
        if not faults or not callable(target):
            return target
        return lambda *args, **kwargs: self._call(name, target, faults, kwargs)

    def _call(self, name: str, target: Any, faults: list[Fault], kwargs: dict[str, Any]) -> Any:
        self.calls[name] += 1
        number = self.calls[name]
        partial = next((f for f in faults if f.partial), None)
        if partial is not None:
            return self._partial(name, target, partial, kwargs)
        fault = next((f for f in faults if f.when(number)), None)
        if fault is None:
            return target(**kwargs)
        self.injected[f"{name}:{fault.code}"] += 1
        if fault.after:
            target(**kwargs)
        if fault.code == "EndpointConnectionError":
            raise EndpointConnectionError(endpoint_url="https://unreachable.invalid")
        raise client_error(fault.code, fault.status, name)

    def _partial(self, name: str, target: Any, fault: Fault, kwargs: dict[str, Any]) -> Any:
        """A batch send where the entries at the positions ``fault.when`` picks fail."""
        entries = kwargs["Entries"]
        failing, passing = [], []
        for entry in entries:
            self.entry_number += 1
            (failing if fault.when(self.entry_number) else passing).append(entry)
        reply = target(**(kwargs | {"Entries": passing})) if passing else {"Successful": []}
        self.injected[f"{name}:{fault.code}"] += len(failing)
        reply["Failed"] = [*reply.get("Failed", []), *map(_failed_entry(fault), failing)]
        return reply


def _failed_entry(fault: Fault) -> Callable[[dict[str, Any]], dict[str, Any]]:
    return lambda entry: {
        "Id": entry["Id"],
        "SenderFault": fault.status < 500,
        "Code": fault.code,
        "Message": "injected",
    }


@dataclass
class Message:
    message_id: str
    body: str
    receives: int = 0


@dataclass
class QueueModel:
    """An SQS standard queue as the writer's event source mapping sees it.

    Batches are taken in a shuffled (seeded) order; a failed message becomes visible again
    at the back of the queue, and after ``receive_limit`` receives moves to ``dead``.
    """

    receive_limit: int = 5
    seed: int = 10
    waiting: deque[Message] = field(default_factory=deque)
    dead: list[Message] = field(default_factory=list)
    redeliveries: int = 0

    def send(self, messages: Iterable[Message]) -> None:
        shuffled = list(messages)
        random.Random(self.seed).shuffle(shuffled)
        self.waiting.extend(shuffled)

    def receive(self, limit: int = 10) -> list[Message]:
        batch = [self.waiting.popleft() for _ in range(min(limit, len(self.waiting)))]
        for message in batch:
            message.receives += 1
        return batch

    def fail(self, messages: Iterable[Message]) -> None:
        for message in messages:
            if message.receives >= self.receive_limit:
                self.dead.append(message)
            else:
                self.redeliveries += 1
                self.waiting.append(message)
