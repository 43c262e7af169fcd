"""Small readers over the resource graph, shared by the infra tests."""

from __future__ import annotations

import json
from typing import Any

from clams.graph.model import Graph, Resource


def one(graph: Graph, type_token: str, name: str) -> Resource:
    found = [r for r in graph.of_type(type_token) if r.name == name]
    assert len(found) == 1, f"expected one {type_token} named {name}, found {len(found)}"
    return found[0]


def policy_document(resource: Resource) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(resource.inputs["policy"])
    return document


FUNCTION = "aws:lambda/function:Function"
QUEUE = "aws:sqs/queue:Queue"
ROUTE = "aws:apigatewayv2/route:Route"
