"""The graph's HTTP API: routes, their integrations and authorizers, matched like API Gateway."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from clams.graph.model import Graph, Resource
from clams.local.references import TYPE_FUNCTION, referenced
from clams.local.runtime import LocalFunction

ROUTE: Final = "aws:apigatewayv2/route:Route"
INTEGRATION: Final = "aws:apigatewayv2/integration:Integration"
AUTHORIZER: Final = "aws:apigatewayv2/authorizer:Authorizer"
STAGE: Final = "aws:apigatewayv2/stage:Stage"
DEFAULT_STAGE: Final = "$default"


@dataclass(frozen=True)
class LocalAuthorizer:
    name: str
    function: LocalFunction
    identity_sources: tuple[str, ...]
    simple_responses: bool
    cache_seconds: int = 0
    """How long API Gateway keeps an answer for the same identity (the graph's TTL)."""


@dataclass(frozen=True)
class LocalRoute:
    key: str
    function: LocalFunction
    authorizer: LocalAuthorizer | None = None

    @property
    def method(self) -> str:
        return self.key.split(" ", 1)[0] if " " in self.key else "ANY"

    @property
    def path(self) -> str:
        return self.key.split(" ", 1)[1] if " " in self.key else ""

    def match(self, method: str, path: str) -> dict[str, str] | None:
        """The path parameters when this route serves ``method path``, else None."""
        if self.key == "$default":
            return {}
        if self.method not in ("ANY", method):
            return None
        found = _pattern(self.path).fullmatch(path)
        return None if found is None else found.groupdict()

    @property
    def specificity(self) -> tuple[int, int, int]:
        """API Gateway prefers literal segments, then exact methods; ``$default`` comes last."""
        segments = self.path.split("/")
        literal = sum(1 for s in segments if not s.startswith("{"))
        greedy = sum(1 for s in segments if s.endswith("+}"))
        return (self.key != "$default", literal - greedy, self.method != "ANY")


def _pattern(template: str) -> re.Pattern[str]:
    parts = []
    for segment in template.split("/"):
        if segment.startswith("{") and segment.endswith("+}"):
            parts.append(f"(?P<{segment[1:-2]}>.+)")
        elif segment.startswith("{") and segment.endswith("}"):
            parts.append(f"(?P<{segment[1:-1]}>[^/]+)")
        else:
            parts.append(re.escape(segment))
    return re.compile("/".join(parts))


def find_route(
    routes: list[LocalRoute], method: str, path: str
) -> tuple[LocalRoute, dict[str, str]] | None:
    candidates = []
    for route in routes:
        parameters = route.match(method, path)
        if parameters is not None:
            candidates.append((route.specificity, route, parameters))
    if not candidates:
        return None
    _, route, parameters = max(candidates, key=lambda c: c[0])
    return route, parameters


def api_routes(graph: Graph, functions: dict[str, LocalFunction]) -> list[LocalRoute]:
    """Every route of the graph whose integration is a function of the graph."""
    routes = []
    for resource in graph.of_type(ROUTE):
        function = _integration_function(graph, resource, functions)
        if function is not None:
            authorizer = _authorizer(graph, resource, functions)
            routes.append(LocalRoute(str(resource.inputs["routeKey"]), function, authorizer))
    return routes


def stage_name(graph: Graph) -> str:
    """The path prefix requests carry: the stage's name, none for ``$default``."""
    stages = [str(s.inputs.get("name", DEFAULT_STAGE)) for s in graph.of_type(STAGE)]
    named = [name for name in stages if name != DEFAULT_STAGE]
    return named[0] if named else ""


def _integration_function(
    graph: Graph, route: Resource, functions: dict[str, LocalFunction]
) -> LocalFunction | None:
    integration = referenced(graph, route.inputs.get("target"), INTEGRATION)
    if integration is None:
        return None
    target = referenced(graph, integration.inputs.get("integrationUri"), TYPE_FUNCTION)
    return None if target is None else functions.get(target.urn)


def _authorizer(
    graph: Graph, route: Resource, functions: dict[str, LocalFunction]
) -> LocalAuthorizer | None:
    kind = route.inputs.get("authorizationType", "NONE")
    if kind == "NONE":
        return None
    if kind != "CUSTOM":
        raise ValueError(f"{kind} authorization is not available locally, only Lambda authorizers")
    resource = referenced(graph, route.inputs.get("authorizerId"), AUTHORIZER)
    if resource is None:
        raise ValueError(f"route {route.inputs.get('routeKey')} names no authorizer of the graph")
    target = referenced(graph, resource.inputs.get("authorizerUri"), TYPE_FUNCTION)
    if target is None or target.urn not in functions:
        raise ValueError(f"authorizer {resource.name} names no function of the graph")
    return LocalAuthorizer(
        name=resource.name,
        function=functions[target.urn],
        identity_sources=tuple(resource.inputs.get("identitySources") or ()),
        simple_responses=bool(resource.inputs.get("enableSimpleResponses", False)),
        cache_seconds=int(resource.inputs.get("authorizerResultTtlInSeconds") or 0),
    )
