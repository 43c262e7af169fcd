"""How the resources are wired: routes and their authorizer, queues and their consumers."""

from __future__ import annotations

import json

from graph_helpers import FUNCTION, QUEUE, ROUTE, one, policy_document

from clams.graph.model import Graph
from clams.names import STAGE, Function
from clams.routes import ROUTES
from components.catalog import CONSUMER_BATCH, MAX_RECEIVES, SPECS


def test_every_route_but_openapi_json_goes_through_the_authorizer(stack_graph: Graph) -> None:
    # Given the routes in the graph
    authorizer = stack_graph.of_type("aws:apigatewayv2/authorizer:Authorizer")[0]
    routes = {r.inputs["routeKey"]: r.inputs for r in stack_graph.of_type(ROUTE)}
    # Then exactly the shared route table is served
    assert set(routes) == {route.key for route in ROUTES}
    # And each route but the public one names the authorizer
    for key, inputs in routes.items():
        if key == "GET /openapi.json":
            assert inputs["authorizationType"] == "NONE"
            assert "authorizerId" not in inputs
        else:
            assert inputs["authorizationType"] == "CUSTOM", key
            assert inputs["authorizerId"] == authorizer.outputs["id"], key


def test_the_authorizer_reads_basic_credentials_with_simple_responses(stack_graph: Graph) -> None:
    inputs = stack_graph.of_type("aws:apigatewayv2/authorizer:Authorizer")[0].inputs
    function = one(stack_graph, FUNCTION, Function.AUTHORIZER.value)
    assert inputs["authorizerType"] == "REQUEST"
    assert inputs["enableSimpleResponses"] is True
    assert inputs["identitySources"] == ["$request.header.Authorization"]
    assert inputs["authorizerUri"] == function.outputs["invokeArn"]


def test_routes_reach_the_api_function_with_payload_2(stack_graph: Graph) -> None:
    integration = stack_graph.of_type("aws:apigatewayv2/integration:Integration")[0]
    api = one(stack_graph, FUNCTION, Function.API.value)
    assert integration.inputs["integrationUri"] == api.outputs["invokeArn"]
    assert integration.inputs["payloadFormatVersion"] == "2.0"
    targets = {r.inputs["target"] for r in stack_graph.of_type(ROUTE)}
    assert targets == {f"integrations/{integration.outputs['id']}"}


def test_the_stage_logs_access_and_throttles(stack_graph: Graph) -> None:
    stage = stack_graph.of_type("aws:apigatewayv2/stage:Stage")[0].inputs
    assert stage["name"] == STAGE
    assert json.loads(stage["accessLogSettings"]["format"])["routeKey"] == "$context.routeKey"
    assert stage["defaultRouteSettings"]["throttlingBurstLimit"] > 0
    assert stage["defaultRouteSettings"]["throttlingRateLimit"] > 0


def test_api_gateway_may_invoke_functions_only_from_this_api(stack_graph: Graph) -> None:
    execution_arn = stack_graph.of_type("aws:apigatewayv2/api:Api")[0].outputs["executionArn"]
    permissions = [
        p
        for p in stack_graph.of_type("aws:lambda/permission:Permission")
        if p.inputs["principal"] == "apigateway.amazonaws.com"
    ]
    assert len(permissions) == 2
    assert all(p.inputs["sourceArn"].startswith(execution_arn + "/") for p in permissions)


def test_every_consumed_queue_has_a_dead_letter_queue(stack_graph: Graph) -> None:
    # Given every queue a function consumes
    queues = {q.outputs["arn"]: q for q in stack_graph.of_type(QUEUE)}
    mappings = stack_graph.of_type("aws:lambda/eventSourceMapping:EventSourceMapping")
    for mapping in mappings:
        queue = queues[mapping.inputs["eventSourceArn"]]
        # Then it redrives to another queue of the graph after a few receives
        redrive = json.loads(queue.inputs["redrivePolicy"])
        assert redrive["deadLetterTargetArn"] in queues
        assert redrive["deadLetterTargetArn"] != queue.outputs["arn"]
        assert redrive["maxReceiveCount"] == MAX_RECEIVES


def test_queue_visibility_is_at_least_six_times_the_consumer_timeout(stack_graph: Graph) -> None:
    queues = {q.outputs["arn"]: q for q in stack_graph.of_type(QUEUE)}
    functions = {f.outputs["arn"]: f for f in stack_graph.of_type(FUNCTION)}
    for mapping in stack_graph.of_type("aws:lambda/eventSourceMapping:EventSourceMapping"):
        queue = queues[mapping.inputs["eventSourceArn"]]
        consumer = functions[mapping.inputs["functionName"]]
        assert queue.inputs["visibilityTimeoutSeconds"] >= 6 * consumer.inputs["timeout"]


def test_consumers_report_partial_batch_failures_with_their_batch_sizes(stack_graph: Graph) -> None:
    functions = {f.outputs["arn"]: Function(f.name) for f in stack_graph.of_type(FUNCTION)}
    mappings = stack_graph.of_type("aws:lambda/eventSourceMapping:EventSourceMapping")
    consumers = {functions[m.inputs["functionName"]]: m.inputs for m in mappings}
    assert set(consumers) == {Function.WRITER, Function.PROCESSOR}
    for function, inputs in consumers.items():
        assert inputs["functionResponseTypes"] == ["ReportBatchItemFailures"]
        assert inputs["batchSize"] == CONSUMER_BATCH[function][0]


def test_the_relay_runs_every_minute(stack_graph: Graph) -> None:
    rule = stack_graph.of_type("aws:cloudwatch/eventRule:EventRule")[0]
    target = stack_graph.of_type("aws:cloudwatch/eventTarget:EventTarget")[0]
    relay = one(stack_graph, FUNCTION, Function.RELAY.value)
    assert rule.inputs["scheduleExpression"] == "rate(1 minute)"
    assert target.inputs["arn"] == relay.outputs["arn"]


def test_migrations_run_on_deploy_when_they_change(stack_graph: Graph) -> None:
    invocation = stack_graph.of_type("aws:lambda/invocation:Invocation")[0]
    migrate = one(stack_graph, FUNCTION, Function.MIGRATE.value)
    assert invocation.inputs["functionName"] == migrate.outputs["name"]
    assert set(invocation.inputs["triggers"]) == {"migrations"}
    database = one(stack_graph, "aws:rds/instance:Instance", "database")
    assert database.urn in invocation.dependencies


def test_consumers_may_only_consume_their_own_queue(stack_graph: Graph) -> None:
    writer = one(stack_graph, "aws:iam/rolePolicy:RolePolicy", Function.WRITER.value)
    statements = {s["Sid"]: s for s in policy_document(writer)["Statement"]}
    attendees = one(stack_graph, QUEUE, "attendees").outputs["arn"]
    assert statements["ConsumeQueues"]["Resource"] == [attendees]
    assert "SendToQueues" not in statements
    assert SPECS[Function.WRITER].in_vpc is False
