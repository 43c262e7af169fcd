"""Running every rule over a resource graph."""

from __future__ import annotations

from clams.graph.model import Graph
from clams.policy.catalog import RESOURCE_RULES, STACK_RULES
from clams.policy.config import PolicyConfig
from clams.policy.core import Violation


def check(graph: Graph, config: PolicyConfig) -> list[Violation]:
    """Every violation of every rule: resource rules per resource, then the stack rules."""
    found = [v for resource in graph for rule in RESOURCE_RULES for v in rule(resource, config)]
    return found + [v for rule in STACK_RULES for v in rule(graph, config)]


def mandatory(violations: list[Violation]) -> list[Violation]:
    return [v for v in violations if v.mandatory]
