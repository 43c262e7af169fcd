"""The graph as JSON: deterministic, readable, and comparable between two revisions."""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from pathlib import Path

from click.testing import CliRunner

from clams.cli.graph import graph as graph_command
from clams.graph.diff import diff, render
from clams.graph.evaluate import evaluate, stack_config
from clams.graph.model import REDACTED, Graph

IDENTIFYING = ("id", "arn", "name", "url", "invokeArn", "executionArn")


def test_evaluating_a_stack_twice_gives_byte_identical_json() -> None:
    # Given the program evaluated once / When it is evaluated again
    first, again = evaluate("nonprod"), evaluate("nonprod")
    # Then the JSON is the same, byte for byte
    assert again.to_json() == first.to_json()


def test_the_json_reads_back_as_the_same_graph(prod_graph: Graph) -> None:
    assert Graph.from_json(prod_graph.to_json()) == prod_graph


def test_identifying_outputs_are_distinct_per_resource(stack_graph: Graph) -> None:
    # Given every id, ARN, name and URL the mocks gave out
    values = Counter(
        value
        for resource in stack_graph
        for key in IDENTIFYING
        if isinstance(value := resource.outputs.get(key), str)
        and not (key == "id" and value == resource.outputs.get("name"))
        and not (
            key == "id" and value in (resource.outputs.get("arn"), resource.outputs.get("url"))
        )
    )
    # Then none of them is shared by two resources
    assert [v for v, n in values.items() if n > 1] == []


def test_secret_parameter_values_are_redacted(stack_graph: Graph) -> None:
    secure = [
        p
        for p in stack_graph.of_type("aws:ssm/parameter:Parameter")
        if p.inputs["type"] == "SecureString"
    ]
    assert {p.name for p in secure} == {"users", "secret-key"}
    assert {p.inputs["value"] for p in secure} == {REDACTED}


def test_secure_config_values_get_stand_ins(tmp_path: Path) -> None:
    # Given a stack file with a secret
    (tmp_path / "Pulumi.demo.yaml").write_text(
        "config:\n  clams:token:\n    secure: AAABAxyz\n  clams:days: 3\n", encoding="utf-8"
    )
    # When its config is read for evaluation
    config, secrets = stack_config("demo", tmp_path)
    # Then the secret is a marked stand-in and other values are Pulumi's strings
    assert secrets == ["clams:token"]
    assert config["clams:token"] != "AAABAxyz"
    assert config["clams:days"] == "3"


def test_graph_diff_shows_a_change_made_to_a_copy(nonprod_graph: Graph) -> None:
    # Given a copy of the graph where one queue's visibility timeout changed
    changed = [
        dataclasses.replace(r, inputs={**r.inputs, "visibilityTimeoutSeconds": 1})
        if r.type == "aws:sqs/queue:Queue" and r.name == "attendees"
        else r
        for r in nonprod_graph
    ]
    copy = dataclasses.replace(nonprod_graph, resources=tuple(changed[1:]))
    # When the two are compared
    report = render(diff(nonprod_graph, copy))
    # Then the report names the removed resource and the changed property path
    assert report.splitlines()[0] == "0 added, 1 removed, 1 changed"
    assert "- " + nonprod_graph.resources[0].urn.split("::", 2)[-1] in report
    assert "    inputs.visibilityTimeoutSeconds: 185 -> 1" in report


def test_graph_diff_looks_inside_policy_documents(nonprod_graph: Graph) -> None:
    policy = next(r for r in nonprod_graph if r.type == "aws:iam/rolePolicy:RolePolicy")
    document = json.loads(policy.inputs["policy"])
    document["Statement"][0]["Action"] = ["logs:*"]
    edited = dataclasses.replace(policy, inputs={**policy.inputs, "policy": json.dumps(document)})
    old = dataclasses.replace(nonprod_graph, resources=(policy,))
    new = dataclasses.replace(nonprod_graph, resources=(edited,))
    assert "inputs.policy.Statement[0].Action: " in render(diff(old, new))


def test_graph_diff_of_identical_files_says_so(tmp_path: Path, nonprod_graph: Graph) -> None:
    path = tmp_path / "graph.json"
    path.write_text(nonprod_graph.to_json(), encoding="utf-8")
    result = CliRunner().invoke(graph_command, ["diff", str(path), str(path)])
    assert (result.exit_code, result.output) == (0, "No changes to the resource graph.\n")


def test_graph_diff_of_a_missing_file_fails_in_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        graph_command, ["diff", str(tmp_path / "a.json"), str(tmp_path / "b.json")]
    )
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 1
    assert "cannot read" in result.output


def test_graph_command_writes_the_stack_graph_to_a_file(tmp_path: Path, prod_graph: Graph) -> None:
    target = tmp_path / "prod.json"
    result = CliRunner().invoke(graph_command, ["--stack", "prod", "-o", str(target)])
    assert result.exit_code == 0
    assert Graph.load(target) == prod_graph
