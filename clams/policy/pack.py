"""The rules as pulumi-policy policies, for the ``policy/`` pack that ``pulumi preview`` runs.

Only ``policy/__main__.py`` builds the ``PolicyPack`` (which serves forever); the tests
hand these policies to the SDK's analyzer directly.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pulumi_policy import (
    EnforcementLevel,
    Policy,
    PolicyResource,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
)
from pulumi_policy.proxy import UnknownValueError

from clams.graph.model import Graph, Resource
from clams.names import PRODUCT
from clams.policy.catalog import RESOURCE_RULES, STACK_RULES
from clams.policy.config import PolicyConfig
from clams.policy.core import Level, ResourceRule, Rule, StackRule, Violation

LEVELS = {Level.MANDATORY: EnforcementLevel.MANDATORY, Level.ADVISORY: EnforcementLevel.ADVISORY}


def policies(config: PolicyConfig) -> list[Policy]:
    """Every rule as a policy, with the enforcement level the stack's config gives it."""
    resource = [resource_policy(rule, config) for rule in RESOURCE_RULES]
    stack = [stack_policy(rule, config) for rule in STACK_RULES]
    return [*resource, *stack]


def enforcement(rule: Rule, config: PolicyConfig) -> EnforcementLevel:
    return LEVELS[rule.level_in(config)]


def resource_policy(rule: ResourceRule, config: PolicyConfig) -> ResourceValidationPolicy:
    def validate(args: ResourceValidationArgs, report: ReportViolation) -> None:
        report_all(rule(resource_from_args(args), config), report)

    return ResourceValidationPolicy(
        rule.name, rule.description, validate, enforcement(rule, config)
    )


def stack_policy(rule: StackRule, config: PolicyConfig) -> StackValidationPolicy:
    def validate(args: StackValidationArgs, report: ReportViolation) -> None:
        report_all(rule(graph_from_args(args, config.stack), config), report)

    return StackValidationPolicy(rule.name, rule.description, validate, enforcement(rule, config))


def report_all(violations: list[Violation], report: ReportViolation) -> None:
    for violation in violations:
        report(violation.message, violation.urn)


def resource_from_args(args: ResourceValidationArgs) -> Resource:
    """The resource under validation; its inputs stay the SDK's unknown-checking view."""
    inputs: Any = args.props
    return Resource(urn=args.urn, type=args.resource_type, name=args.name, inputs=inputs)


def graph_from_args(args: StackValidationArgs, stack: str) -> Graph:
    return Graph(PRODUCT, stack, tuple(resource_from_stack(r) for r in args.resources))


def resource_from_stack(resource: PolicyResource) -> Resource:
    """A deployed resource: its properties are its outputs, inputs included."""
    properties: Any = resource.props
    return Resource(
        urn=resource.urn,
        type=resource.resource_type,
        name=resource.name,
        parent=resource.parent.urn if resource.parent else None,
        dependencies=tuple(d.urn for d in resource.dependencies),
        inputs=properties,
        outputs=known(resource.props),
    )


def known(properties: Mapping[str, Any]) -> dict[str, Any]:
    """The top-level properties whose values are known (during a preview some are not)."""
    found: dict[str, Any] = {}
    for key in properties:
        try:
            found[key] = properties[key]
        except UnknownValueError:
            continue
    return found
