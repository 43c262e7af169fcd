"""IAM-style policy documents (roles, bucket and queue policies) as statements."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from clams.policy.values import items, json_document, mapping, strings

Principal = tuple[str, str]
"""``("*", "*")`` for ``"Principal": "*"``, else ``(kind, value)`` such as ``("Service", ...)``."""


@dataclass(frozen=True)
class Statement:
    effect: str
    actions: tuple[str, ...]
    not_actions: tuple[str, ...]
    resources: tuple[str, ...]
    principals: tuple[Principal, ...]
    condition: Mapping[str, Any]

    @property
    def allows(self) -> bool:
        return self.effect == "Allow"

    @property
    def public(self) -> bool:
        return any(value == "*" for _, value in self.principals)

    def condition_keys(self) -> set[str]:
        return {key.lower() for test in self.condition.values() for key in mapping(test)}


def statements(document: object) -> list[Statement]:
    body = json_document(document).get("Statement")
    listed = items(body) or ([body] if isinstance(body, Mapping) else [])
    return [_statement(mapping(s)) for s in listed]


def _statement(raw: Mapping[str, Any]) -> Statement:
    return Statement(
        effect=str(raw.get("Effect", "")),
        actions=tuple(strings(raw.get("Action"))),
        not_actions=tuple(strings(raw.get("NotAction"))),
        resources=tuple(strings(raw.get("Resource"))),
        principals=_principals(raw.get("Principal")),
        condition=mapping(raw.get("Condition")),
    )


def _principals(value: object) -> tuple[Principal, ...]:
    if value == "*":
        return (("*", "*"),)
    return tuple((kind, p) for kind, listed in mapping(value).items() for p in strings(listed))
