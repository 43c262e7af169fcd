"""Fixtures for the pipeline under moto: queues with dead letters, a published stack, the writer."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from pipeline_support import RECEIVE_LIMIT, STACK, Queues
from support.aws import queue_with_dead_letters

from clams import aws as aws_clients
from clams.names import Table, output_parameter
from clams.settings import load


@pytest.fixture
def sqs(aws: None) -> Any:
    return boto3.client("sqs", region_name="eu-west-2")


@pytest.fixture
def ssm(aws: None) -> Any:
    return boto3.client("ssm", region_name="eu-west-2")


@pytest.fixture
def queues(sqs: Any) -> Queues:
    source, dlq = queue_with_dead_letters(sqs, "attendees", RECEIVE_LIMIT)
    signups, signups_dlq = queue_with_dead_letters(sqs, "signups", RECEIVE_LIMIT)
    return Queues(source, dlq, signups, signups_dlq)


@pytest.fixture
def stack(ssm: Any, queues: Queues, tables: dict[Table, str]) -> str:
    """A stack named ``test`` whose outputs are published in SSM, as the infrastructure does."""
    outputs = {
        "attendees-queue-url": queues.source,
        "attendees-dlq-url": queues.dlq,
        "signups-queue-url": queues.signups,
        "signups-dlq-url": queues.signups_dlq,
        "attendees-table": tables[Table.ATTENDEES],
    }
    for name, value in outputs.items():
        ssm.put_parameter(Name=output_parameter(STACK, name), Value=value, Type="String")
    return STACK


@pytest.fixture(autouse=True)
def fresh_clients() -> Iterator[None]:
    aws_clients.client.cache_clear()
    yield
    aws_clients.client.cache_clear()


@pytest.fixture
def writer(monkeypatch: pytest.MonkeyPatch, tables: dict[Table, str]) -> Iterator[Any]:
    """The writer's handler module, configured for the test tables."""
    monkeypatch.setenv("ATTENDEES_TABLE", tables[Table.ATTENDEES])
    monkeypatch.setenv("SUMMARY_TABLE", tables[Table.SUMMARY])
    load.cache_clear()
    from handlers import writer as module

    factory = module.attendee_store
    factory.cache_clear()
    yield module
    factory.cache_clear()
    load.cache_clear()
