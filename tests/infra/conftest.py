"""The two stacks' resource graphs, evaluated once per test session under Pulumi's mocks."""

from __future__ import annotations

import pytest

from clams.graph.evaluate import evaluate
from clams.graph.model import Graph


@pytest.fixture(scope="session")
def nonprod_graph() -> Graph:
    return evaluate("nonprod")


@pytest.fixture(scope="session")
def prod_graph() -> Graph:
    return evaluate("prod")


@pytest.fixture(scope="session", params=["nonprod", "prod"])
def stack_graph(request: pytest.FixtureRequest) -> Graph:
    graph: Graph = request.getfixturevalue(f"{request.param}_graph")
    return graph
