"""The CLAMS policy rules: security, reliability and AWS validity over the resource graph.

The same rule functions run in the tests, in ``clams policy`` and, wrapped by the
``policy/`` pack, under ``pulumi preview --policy-pack policy``.
"""

from __future__ import annotations

from clams.policy.catalog import RESOURCE_RULES, RULES, STACK_RULES
from clams.policy.checker import check, mandatory
from clams.policy.config import PolicyConfig, config_for
from clams.policy.core import Level, ResourceRule, Rule, StackRule, Violation

__all__ = [
    "RESOURCE_RULES",
    "RULES",
    "STACK_RULES",
    "Level",
    "PolicyConfig",
    "ResourceRule",
    "Rule",
    "StackRule",
    "Violation",
    "check",
    "config_for",
    "mandatory",
]
