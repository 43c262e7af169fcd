"""Following one resource's reference (an id, ARN, name or URL) to the resource it names."""

from __future__ import annotations

from collections.abc import Iterable

from clams.graph.model import Graph, Resource
from clams.policy.values import mapping

NAME_INPUTS = ("name", "bucket", "identifier", "arn")


def identities(resource: Resource) -> set[str]:
    """Every string by which another resource can refer to this one."""
    found = {v for v in mapping(resource.outputs).values() if isinstance(v, str) and v}
    inputs = mapping(resource.inputs)
    found |= {v for k in NAME_INPUTS if isinstance(v := inputs.get(k), str) and v}
    return found | {resource.urn}


def named(graph: Graph, value: object, types: Iterable[str] = ()) -> list[Resource]:
    """The resources (of ``types``, if given) that ``value`` refers to."""
    if not isinstance(value, str) or not value:
        return []
    wanted = frozenset(types)
    return [r for r in graph if (not wanted or r.type in wanted) and value in identities(r)]


def refers_to(graph: Graph, value: object, resource: Resource) -> bool:
    return isinstance(value, str) and value in identities(resource)
