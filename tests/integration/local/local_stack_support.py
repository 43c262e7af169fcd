"""The local stack, started in this process from the stack's own graph, for the integration tests.

Each test module that asks for ``stack`` gets one stack of its own, on free ports, with a SQLite
database in a temporary folder, and no sample data; it is stopped when the module ends.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from local_helpers import Browser

from clams.graph.model import Graph
from clams.local.graphs import stack_graph
from clams.local.stack import LocalOptions, LocalStack

PASSWORD = "local-organiser-password"


@pytest.fixture(scope="session")
def graph() -> Graph:
    return stack_graph("nonprod")


def start_stack(graph: Graph, folder: Path) -> LocalStack:
    options = LocalOptions(
        port=0,
        database_url=f"sqlite:///{folder / 'clams.db'}",
        seed=None,
        password=PASSWORD,
        retry_after=0,
    )
    return LocalStack(graph, options).start()


@pytest.fixture(scope="module")
def stack(graph: Graph, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalStack]:
    running = start_stack(graph, tmp_path_factory.mktemp("local-stack"))
    yield running
    running.stop()


@pytest.fixture(scope="module")
def browser(stack: LocalStack) -> Browser:
    return Browser(stack.url)


@pytest.fixture(scope="module")
def organiser(stack: LocalStack) -> tuple[str, str]:
    assert stack.organiser is not None
    return (stack.organiser.name, stack.organiser.password)
