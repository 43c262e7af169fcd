"""Each function: runtime, environment against its settings, code package, layer, role."""

from __future__ import annotations

import ast
import importlib
import importlib.util
import json
from pathlib import Path

import pytest
from graph_helpers import FUNCTION, one, policy_document

from clams.graph.model import REDACTED, Graph, Resource
from clams.names import HANDLERS, Env, Function
from clams.settings import SETTINGS
from components.catalog import SPECS
from components.environment import settings_fields

ROOT = Path(__file__).resolve().parents[2]
LOCAL_ONLY = {"DATABASE_URL"}
"""Settings the local stack sets, never the cloud."""


def functions(graph: Graph) -> dict[Function, Resource]:
    return {Function(f.name): f for f in graph.of_type(FUNCTION)}


def archive_paths(function: Resource) -> set[str]:
    return set(function.inputs["code"]["archive"])


def test_every_function_runs_python_3_13_on_arm64_with_tracing(stack_graph: Graph) -> None:
    for name, function in functions(stack_graph).items():
        inputs = function.inputs
        assert (inputs["runtime"], inputs["architectures"]) == ("python3.13", ["arm64"]), name
        assert inputs["tracingConfig"] == {"mode": "Active"}
        assert inputs["handler"] == HANDLERS[name]


def test_environment_keys_equal_the_settings_fields(stack_graph: Graph) -> None:
    # Given each function's settings model
    for name, function in functions(stack_graph).items():
        fields, required = settings_fields(name)
        keys = set(function.inputs["environment"]["variables"])
        # Then the function sets every field but the local-only ones, and nothing else
        assert keys == fields - LOCAL_ONLY, name
        assert required <= keys


def test_the_environment_validates_against_the_settings_model(stack_graph: Graph) -> None:
    for name, function in functions(stack_graph).items():
        variables = function.inputs["environment"]["variables"]
        settings = SETTINGS[name].model_validate(variables)
        assert f"clams-{name.value}" == settings.POWERTOOLS_SERVICE_NAME


def test_no_environment_value_is_a_secret(stack_graph: Graph) -> None:
    for function in stack_graph.of_type(FUNCTION):
        assert REDACTED not in function.inputs["environment"]["variables"].values()


def test_environment_values_point_back_to_graph_resources(stack_graph: Graph) -> None:
    # Given the API function's environment
    variables = one(stack_graph, FUNCTION, "api").inputs["environment"]["variables"]
    # Then each name the stack made resolves to the resource it came from
    expected = {
        Env.ATTENDEES_TABLE: "aws:dynamodb/table:Table",
        Env.SECRET_KEY_PARAMETER: "aws:ssm/parameter:Parameter",
        Env.DB_HOST: "aws:rds/instance:Instance",
        Env.DB_SECRET_ARN: "aws:rds/instance:Instance",
    }
    for key, type_token in expected.items():
        resource = stack_graph.referenced_by(variables[key])
        assert resource is not None and resource.type == type_token, key
    relay = one(stack_graph, FUNCTION, "relay").inputs["environment"]["variables"]
    queue = stack_graph.referenced_by(relay[Env.SIGNUPS_QUEUE_URL])
    assert queue is not None and queue.name == "signups"


def test_functions_that_reach_the_database_run_in_the_vpc(stack_graph: Graph) -> None:
    for name, function in functions(stack_graph).items():
        in_vpc = "vpcConfig" in function.inputs
        assert in_vpc == ("DB_HOST" in function.inputs["environment"]["variables"]), name
        assert in_vpc == SPECS[name].in_vpc


def test_each_function_logs_to_its_own_group_with_the_stack_retention(stack_graph: Graph) -> None:
    for function in stack_graph.of_type(FUNCTION):
        group_name = function.inputs["loggingConfig"]["logGroup"]
        group = stack_graph.referenced_by(group_name)
        assert group is not None and group.type == "aws:cloudwatch/logGroup:LogGroup"
        assert group_name == f"/aws/lambda/{function.inputs['name']}"


@pytest.mark.parametrize("function", list(Function), ids=str)
def test_every_handler_named_by_a_function_imports(function: Function) -> None:
    module_name, _, attribute = HANDLERS[function].rpartition(".")
    if importlib.util.find_spec(module_name) is None:
        pytest.skip(f"{module_name} has not landed yet")
    module = importlib.import_module(module_name)
    assert callable(getattr(module, attribute))


def test_the_authorizer_ships_no_sqlalchemy(stack_graph: Graph) -> None:
    # Given the authorizer's code package and layer
    authorizer = one(stack_graph, FUNCTION, "authorizer")
    # Then no module in it imports SQLAlchemy or psycopg
    for path in archive_paths(authorizer):
        assert not _imports(ROOT / path, {"sqlalchemy", "psycopg"}), path
    layer = one(stack_graph, "aws:lambda/layerVersion:LayerVersion", "authorizer-dependencies")
    assert "sqlalchemy" not in layer.inputs.get("description", "").lower()


def test_each_code_package_holds_only_project_modules_its_handler_reaches(
    stack_graph: Graph,
) -> None:
    for name, function in functions(stack_graph).items():
        paths = archive_paths(function)
        assert all(
            p.startswith(("clams/", "handlers/", "migrations/")) or p == "alembic.ini"
            for p in paths
        )
        assert not any(
            p.startswith(("clams/cli/", "clams/graph/", "components/")) for p in paths
        ), name


def test_every_code_package_carries_its_handler_once_it_exists(stack_graph: Graph) -> None:
    for name, function in functions(stack_graph).items():
        handler_file = HANDLERS[name].rpartition(".")[0].replace(".", "/") + ".py"
        assert (handler_file in archive_paths(function)) == (ROOT / handler_file).is_file()


def test_roles_grant_only_what_the_environment_names(stack_graph: Graph) -> None:
    authorizer = one(stack_graph, "aws:iam/rolePolicy:RolePolicy", "authorizer")
    statements = {s["Sid"]: s for s in policy_document(authorizer)["Statement"]}
    users = one(stack_graph, "aws:ssm/parameter:Parameter", "users").outputs["arn"]
    assert set(statements) == {"Logs", "Tracing", "ReadParameters"}
    assert statements["ReadParameters"]["Resource"] == [users]


def test_roles_are_assumed_only_by_lambda(stack_graph: Graph) -> None:
    for role in stack_graph.of_type("aws:iam/role:Role"):
        document = json.loads(role.inputs["assumeRolePolicy"])
        principals = [s["Principal"] for s in document["Statement"]]
        assert principals == [{"Service": "lambda.amazonaws.com"}]


def test_layers_are_not_built_while_only_evaluating(stack_graph: Graph) -> None:
    for layer in stack_graph.of_type("aws:lambda/layerVersion:LayerVersion"):
        assert layer.inputs["compatibleArchitectures"] == ["arm64"]
        assert layer.inputs["code"]["archive"]["path"].startswith(".clams/layers/")


def _imports(path: Path, forbidden: set[str]) -> bool:
    if path.suffix != ".py":
        return False
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    names += [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    return any(name.split(".")[0] in forbidden for name in names)
