"""What a rule is, what it reports, and how a rule is declared.

A resource rule looks at one resource at a time; a stack rule looks at the whole graph
(bucket settings, queue consumers and parameter groups live in resources of their own).
Each rule has a name, a one-line description and a default enforcement level, which the
stack's :class:`~clams.policy.config.PolicyConfig` may override.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from clams.graph.model import Graph, Resource
from clams.policy.config import PolicyConfig


class Level(StrEnum):
    MANDATORY = "mandatory"
    ADVISORY = "advisory"


@dataclass(frozen=True)
class Violation:
    rule: str
    level: Level
    urn: str | None
    message: str

    @property
    def mandatory(self) -> bool:
        return self.level is Level.MANDATORY


Finding = tuple[str | None, str]
"""A stack rule's finding: the URN it is about (None for the stack) and the message."""

ResourceCheck = Callable[[Resource, PolicyConfig], Iterable[str]]
StackCheck = Callable[[Graph, PolicyConfig], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    name: str
    description: str
    level: Level

    def level_in(self, config: PolicyConfig) -> Level:
        return Level(config.levels.get(self.name, self.level))

    def violation(self, config: PolicyConfig, urn: str | None, message: str) -> Violation:
        return Violation(self.name, self.level_in(config), urn, message)


@dataclass(frozen=True)
class ResourceRule(Rule):
    """``(resource, config) -> violations`` for the resources of ``types`` (all when empty)."""

    types: frozenset[str]
    check: ResourceCheck

    def applies_to(self, resource: Resource) -> bool:
        return not self.types or resource.type in self.types

    def __call__(self, resource: Resource, config: PolicyConfig) -> list[Violation]:
        if not self.applies_to(resource):
            return []
        return [self.violation(config, resource.urn, m) for m in self.check(resource, config)]


@dataclass(frozen=True)
class StackRule(Rule):
    """``(graph, config) -> violations``."""

    check: StackCheck

    def __call__(self, graph: Graph, config: PolicyConfig) -> list[Violation]:
        return [self.violation(config, urn, m) for urn, m in self.check(graph, config)]


def resource_rule(
    name: str, description: str, *types: str, level: Level = Level.MANDATORY
) -> Callable[[ResourceCheck], ResourceRule]:
    def declare(check: ResourceCheck) -> ResourceRule:
        return ResourceRule(name, description, level, frozenset(types), check)

    return declare


def stack_rule(
    name: str, description: str, level: Level = Level.MANDATORY
) -> Callable[[StackCheck], StackRule]:
    def declare(check: StackCheck) -> StackRule:
        return StackRule(name, description, level, check)

    return declare
