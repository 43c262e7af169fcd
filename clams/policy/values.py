"""Reading resource properties that may be dicts or read-only mappings, lists or sequences.

Under Pulumi's mocks properties are plain JSON-like values (whole numbers as floats);
under the policy SDK they are read-only proxies. Rules read them only through these helpers.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

EMPTY: Mapping[str, Any] = {}


def mapping(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else EMPTY


def items(value: object) -> list[Any]:
    if isinstance(value, Sequence) and not isinstance(value, str | bytes):
        return list(value)
    return []


def block(value: object) -> Mapping[str, Any]:
    """A nested block, given either as an object or as a one-element list."""
    if isinstance(value, Mapping):
        return value
    return next((mapping(v) for v in items(value)), EMPTY)


def dig(value: object, *path: str) -> Any:
    for key in path:
        value = block(value).get(key)
    return value


def number(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return None
    return None


def truthy(value: object) -> bool:
    return value is True or (isinstance(value, str) and value.lower() == "true")


def text(value: object) -> str:
    return value if isinstance(value, str) else ""


def strings(value: object) -> list[str]:
    """One string or a list of them, as a list."""
    if isinstance(value, str):
        return [value]
    return [v for v in items(value) if isinstance(v, str)]


def json_document(value: object) -> Mapping[str, Any]:
    """A JSON document given as text (IAM policies, redrive policies) or as an object."""
    if isinstance(value, str):
        try:
            return mapping(json.loads(value))
        except ValueError:
            return EMPTY
    return mapping(value)
