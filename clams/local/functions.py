"""The graph's functions as ``LocalFunction``s, their environment resolved to local names."""

from __future__ import annotations

from typing import Final

from clams.graph.model import Graph, Resource
from clams.local.references import TYPE_FUNCTION, physical_name
from clams.local.resources import Realised
from clams.local.runtime import LocalFunction
from clams.names import Env

DATABASE_KEYS: Final = frozenset({Env.DB_HOST, Env.DB_SECRET_ARN})
LOCAL_ENVIRONMENT: Final = {
    "POWERTOOLS_TRACE_DISABLED": "true",
    "POWERTOOLS_METRICS_DISABLED": "true",
}


def local_functions(
    graph: Graph, realised: Realised, database_url: str
) -> dict[str, LocalFunction]:
    """Each function by URN; those that use the database are given ``DATABASE_URL``."""
    functions = {}
    for resource in graph.of_type(TYPE_FUNCTION):
        name = physical_name(resource, "name")
        arn = realised.arn("lambda", f"function:{name}")
        function = LocalFunction(
            name=resource.name,
            physical_name=name,
            handler=str(resource.inputs["handler"]),
            environment=function_environment(resource, realised, database_url),
            arn=arn,
            timeout=float(resource.inputs.get("timeout", 3)),
            memory=int(resource.inputs.get("memorySize", 128)),
        )
        realised.record(resource, {"id": name, "name": name, "arn": arn})
        functions[resource.urn] = function
    return functions


def function_environment(
    resource: Resource, realised: Realised, database_url: str
) -> dict[str, str]:
    variables = (resource.inputs.get("environment") or {}).get("variables") or {}
    resolved = {key: str(value) for key, value in realised.substitutions.resolve(variables).items()}
    if DATABASE_KEYS & set(resolved):
        resolved["DATABASE_URL"] = database_url
    return LOCAL_ENVIRONMENT | resolved
