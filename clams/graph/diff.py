"""What changed between two resource graphs, by resource and property path, for review."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from clams.graph.model import Graph, Resource

MISSING = object()
MAX_VALUE = 100


@dataclass(frozen=True)
class Change:
    path: str
    old: Any
    new: Any


@dataclass(frozen=True)
class GraphDiff:
    added: list[Resource] = field(default_factory=list)
    removed: list[Resource] = field(default_factory=list)
    changed: dict[str, list[Change]] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def diff(old: Graph, new: Graph) -> GraphDiff:
    before = {r.urn: r for r in old}
    after = {r.urn: r for r in new}
    changed = {
        urn: changes
        for urn in sorted(before.keys() & after.keys())
        if (changes := list(resource_changes(before[urn], after[urn])))
    }
    return GraphDiff(
        added=[after[u] for u in sorted(after.keys() - before.keys())],
        removed=[before[u] for u in sorted(before.keys() - after.keys())],
        changed=changed,
    )


def resource_changes(old: Resource, new: Resource) -> Iterator[Change]:
    yield from _compare("parent", old.parent, new.parent)
    yield from _compare("dependencies", sorted(old.dependencies), sorted(new.dependencies))
    yield from _compare("inputs", old.inputs, new.inputs)


def _compare(path: str, old: Any, new: Any) -> Iterator[Change]:
    old, new = _decoded(old), _decoded(new)
    if isinstance(old, dict) and isinstance(new, dict):
        for key in sorted(old.keys() | new.keys()):
            yield from _compare(f"{path}.{key}", old.get(key, MISSING), new.get(key, MISSING))
    elif isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        for index, (a, b) in enumerate(zip(old, new, strict=True)):
            yield from _compare(f"{path}[{index}]", a, b)
    elif old != new:
        yield Change(path, old, new)


def _decoded(value: Any) -> Any:
    """A JSON document held in a string (an IAM policy, a redrive policy) compared as data."""
    if isinstance(value, str) and value[:1] in "{[":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def short_urn(urn: str) -> str:
    """``urn:pulumi:prod::clams::a$b::name`` -> ``a$b::name``."""
    return urn.split("::", 2)[-1]


def render(result: GraphDiff) -> str:
    """A plain-text report, readable as a pull-request comment."""
    if result.empty:
        return "No changes to the resource graph."
    lines = [
        f"{len(result.added)} added, {len(result.removed)} removed, {len(result.changed)} changed"
    ]
    lines += [f"+ {short_urn(r.urn)}" for r in result.added]
    lines += [f"- {short_urn(r.urn)}" for r in result.removed]
    for urn, changes in result.changed.items():
        lines.append(f"~ {short_urn(urn)}")
        lines += [f"    {c.path}: {_show(c.old)} -> {_show(c.new)}" for c in changes]
    return "\n".join(lines)


def _show(value: Any) -> str:
    if value is MISSING:
        return "(absent)"
    text = json.dumps(value, sort_keys=True, default=str)
    return text if len(text) <= MAX_VALUE else text[: MAX_VALUE - 1] + "…"
