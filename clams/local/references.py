"""How the graph's resources point at each other, and at their local stand-ins.

The graph holds the outputs the (mocked) provider returned: a function's environment names a
queue by its mocked URL, a route's target names an integration by its mocked id. Locally each
realised resource has its own outputs; ``Substitutions`` swaps the graph's values for those.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Final

from clams.graph.model import Graph, Resource

TYPE_FUNCTION: Final = "aws:lambda/function:Function"
_EMBEDDED_FUNCTION_ARN: Final = re.compile(r"functions/(arn:[^/]+)/invocations")


class Substitutions:
    """Graph output values mapped to the local values that replace them."""

    def __init__(self) -> None:
        self._values: dict[str, str] = {}

    def add(self, graph_outputs: Mapping[str, Any], local_outputs: Mapping[str, str]) -> None:
        """Map each of a resource's graph outputs to its local counterpart under the same key."""
        for key, value in graph_outputs.items():
            if isinstance(value, str) and value and key in local_outputs:
                self._values[value] = local_outputs[key]

    def resolve(self, value: Any) -> Any:
        """``value`` with every reference to a realised resource replaced, recursively."""
        if isinstance(value, str):
            return self._values.get(value, value)
        if isinstance(value, Mapping):
            return {key: self.resolve(item) for key, item in value.items()}
        if isinstance(value, list | tuple):
            return [self.resolve(item) for item in value]
        return value


def referenced(graph: Graph, value: object, type_token: str | None = None) -> Resource | None:
    """The resource ``value`` names (an id, arn, name, url, or an invoke ARN wrapping one).

    With ``type_token`` only resources of that type are considered: a table and a queue may
    well share a name.
    """
    if not isinstance(value, str) or not value:
        return None
    candidates = [
        value,
        value.removeprefix("integrations/"),
        *_EMBEDDED_FUNCTION_ARN.findall(value),
    ]
    resources = graph.of_type(type_token) if type_token else list(graph)
    for candidate in candidates:
        for resource in resources:
            if candidate == resource.urn or candidate in resource.outputs.values():
                return resource
    return None


def physical_name(resource: Resource, *keys: str) -> str:
    """The resource's name in AWS: from its inputs, else its outputs, else its logical name."""
    for source in (resource.inputs, resource.outputs):
        for key in keys:
            value = source.get(key)
            if isinstance(value, str) and value:
                return value
    return resource.name


def region_of(graph: Graph, default: str = "eu-west-2") -> str:
    """The region the graph's ARNs name."""
    for resource in graph:
        arn = resource.outputs.get("arn")
        if isinstance(arn, str) and arn.count(":") >= 4 and arn.split(":")[3]:
            return arn.split(":")[3]
    return default
