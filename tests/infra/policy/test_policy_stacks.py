"""Both stacks of the real program keep every mandatory rule."""

from __future__ import annotations

from dataclasses import replace

import pytest

from clams.graph.model import Graph
from clams.policy import check, config_for, mandatory


@pytest.mark.parametrize("stack", ["nonprod", "prod"])
def test_the_stack_has_no_mandatory_violations(stack: str, request: pytest.FixtureRequest) -> None:
    # Given the stack's graph, evaluated under mocks (tests/infra/conftest.py)
    graph: Graph = request.getfixturevalue(f"{stack}_graph")
    # When every rule runs with the stack's thresholds
    broken = mandatory(check(graph, config_for(stack)))
    # Then none of the mandatory rules is broken
    assert [f"{v.rule}: {v.urn}: {v.message}" for v in broken] == []


def test_the_stack_rules_see_the_real_graph(nonprod_graph: Graph) -> None:
    # Given the nonprod graph with its database made public
    database = next(r for r in nonprod_graph.of_type("aws:rds/instance:Instance"))
    exposed = replace(database, inputs={**database.inputs, "publiclyAccessible": True})
    resources = tuple(exposed if r is database else r for r in nonprod_graph)
    public = replace(nonprod_graph, resources=resources)
    # When checked; Then the rule catches it
    assert {v.rule for v in mandatory(check(public, config_for("nonprod")))} == {"rds-not-public"}
