"""The gateway enforces what the graph says, not a list of its own.

Change a route's authorizer in the graph and the local stack follows: a route given the
authorizer is refused without credentials, and a route whose authorizer is removed is public,
served to anyone without the authorizer being asked — as API Gateway would serve it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest
from local_helpers import Browser
from local_stack_support import start_stack

from clams.graph.model import Graph, Resource
from clams.local.routes import AUTHORIZER, ROUTE
from clams.local.stack import LocalStack

pytestmark = pytest.mark.slow

OPENED = "GET /report"
CLOSED = "GET /openapi.json"


def with_route(graph: Graph, route_key: str, change: dict[str, Any], drop: str = "") -> Graph:
    """The same graph with one route's inputs changed, as a change to the program would."""

    def edited(resource: Resource) -> Resource:
        if resource.type != ROUTE or resource.inputs.get("routeKey") != route_key:
            return resource
        inputs = {k: v for k, v in resource.inputs.items() if k != drop}
        return replace(resource, inputs=inputs | change)

    return replace(graph, resources=tuple(edited(r) for r in graph))


def edited_graph(graph: Graph) -> Graph:
    authorizer_id = graph.of_type(AUTHORIZER)[0].outputs["id"]
    opened = with_route(graph, OPENED, {"authorizationType": "NONE"}, drop="authorizerId")
    protect = {"authorizationType": "CUSTOM", "authorizerId": authorizer_id}
    return with_route(opened, CLOSED, protect)


@pytest.fixture(scope="module")
def edited_stack(graph: Graph, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalStack]:
    running = start_stack(edited_graph(graph), tmp_path_factory.mktemp("edited"))
    yield running
    running.stop()


def test_a_route_given_the_authorizer_in_the_graph_refuses_anonymous_callers(
    edited_stack: LocalStack,
) -> None:
    # Given a graph in which the public OpenAPI route has the authorizer
    # When it is asked for without credentials
    reply = Browser(edited_stack.url).get("/clams/openapi.json")
    # Then the gateway refuses it as API Gateway would
    assert (reply.status, reply.body) == (401, {"message": "Unauthorized"})


def test_a_route_whose_authorizer_is_removed_from_the_graph_is_public(
    edited_stack: LocalStack,
) -> None:
    # Given a graph in which GET /report has no authorizer
    authorizer = edited_stack.function("authorizer")
    before = authorizer.invocations
    # When the report is asked for without credentials, and with wrong ones
    anonymous = Browser(edited_stack.url).get("/clams/report")
    wrong = Browser(edited_stack.url).get("/clams/report", ("organiser", "wrong"))
    # Then both are served the report and the authorizer was never asked
    assert anonymous.status == wrong.status == 200
    assert "TotalAttendees" in anonymous.body
    assert authorizer.invocations == before


def test_the_other_routes_keep_their_authorizer(edited_stack: LocalStack) -> None:
    # Given the same graph; when another protected route is called with wrong credentials
    reply = Browser(edited_stack.url).get("/clams/attendees", ("organiser", "wrong"))
    # Then the authorizer refuses it
    assert (reply.status, reply.body) == (403, {"message": "Forbidden"})
