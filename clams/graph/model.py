"""The resource graph as data: what ``clams graph`` prints and the checks and local stack read.

JSON shape (one object per stack)::

    {"project": "clams", "stack": "nonprod",
     "resources": [{"urn": ..., "type": "aws:sqs/queue:Queue", "name": "attendees",
                    "parent": <urn or null>, "dependencies": [<urn>, ...],
                    "inputs": {camelCase inputs, secrets redacted},
                    "outputs": {what the (mocked) provider returned: id, arn, name, url, ...}}]}
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

REDACTED = "[secret]"


@dataclass(frozen=True)
class Resource:
    urn: str
    type: str
    name: str
    parent: str | None = None
    dependencies: tuple[str, ...] = ()
    inputs: dict[str, Any] = field(default_factory=dict)
    outputs: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Resource:
        return cls(
            urn=data["urn"],
            type=data["type"],
            name=data["name"],
            parent=data.get("parent"),
            dependencies=tuple(data.get("dependencies", ())),
            inputs=dict(data.get("inputs", {})),
            outputs=dict(data.get("outputs", {})),
        )


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


@dataclass(frozen=True)
class Graph:
    project: str
    stack: str
    resources: tuple[Resource, ...]

    def __iter__(self) -> Iterator[Resource]:
        return iter(self.resources)

    def of_type(self, type_token: str) -> list[Resource]:
        return [r for r in self.resources if r.type == type_token]

    def by_urn(self, urn: str) -> Resource | None:
        return next((r for r in self.resources if r.urn == urn), None)

    def referenced_by(self, value: object) -> Resource | None:
        """The resource one of whose outputs (id, arn, name, url...) equals ``value``.

        Nested outputs count too (an RDS instance's ``masterUserSecrets[0].secretArn``).
        """
        if not isinstance(value, str) or not value:
            return None
        for resource in self.resources:
            if value == resource.urn or value in _strings(resource.outputs):
                return resource
        return None

    def to_json(self) -> str:
        data = {
            "project": self.project,
            "stack": self.stack,
            "resources": [asdict(r) | {"dependencies": list(r.dependencies)} for r in self],
        }
        return json.dumps(data, indent=2, sort_keys=False, default=str)

    @classmethod
    def from_json(cls, text: str) -> Graph:
        data = json.loads(text)
        return cls(
            project=data["project"],
            stack=data["stack"],
            resources=tuple(Resource.from_json(r) for r in data["resources"]),
        )

    @classmethod
    def load(cls, path: str | Path) -> Graph:
        return cls.from_json(Path(path).read_text(encoding="utf-8"))
