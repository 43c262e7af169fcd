"""Size limits of code packages and layers, per-stack thresholds, and which types take tags."""

from __future__ import annotations

import importlib
import inspect
import zipfile
from pathlib import Path

import pytest
from policy_stack import LAYER_ARN, changed

from clams.graph.model import Graph
from clams.policy import Level, check, config_for
from clams.policy.packages import MB, layers_within_limits, package_within_limits
from clams.policy.tokens import TAGGABLE


def sparse_file(path: Path, size: int) -> str:
    with path.open("wb") as file:
        file.truncate(size)
    return str(path)


def asset(path: str) -> dict[str, object]:
    return {"archive": {Path(path).name: {"asset": {"path": path}}}}


def package_findings(graph: Graph) -> list[str]:
    config = config_for("test")
    return [v.message for r in graph for v in package_within_limits(r, config)]


def test_a_function_package_over_50_mb_is_caught(tmp_path: Path) -> None:
    # Given a function whose code holds a 60 MB file
    big = sparse_file(tmp_path / "big.bin", 60 * MB)
    # When the package rule runs; Then the function is reported
    assert package_findings(changed("api", "code", asset(big)))


def test_a_small_function_package_passes(tmp_path: Path) -> None:
    # Given a function whose code is a small file; Then nothing is reported
    small = sparse_file(tmp_path / "small.py", 10_000)
    assert package_findings(changed("api", "code", asset(small))) == []


def test_a_layer_that_unzips_beyond_250_mb_is_caught(tmp_path: Path) -> None:
    # Given a layer zip that is small but unzips to 260 MB
    archive = tmp_path / "layer.zip"
    with (
        zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as package,
        package.open("python/zeros.bin", "w", force_zip64=True) as member,
    ):
        for _ in range(260):
            member.write(bytes(MB))
    # When the package rule runs; Then the layer is reported for its unzipped size
    found = package_findings(changed("deps", "code", {"archive": {"path": str(archive)}}))
    assert any("unzipped" in message for message in found)


def test_a_function_with_its_layers_beyond_250_mb_is_caught(tmp_path: Path) -> None:
    # Given a 40 MB function and a layer of 230 MB unzipped (each fine alone)
    graph = changed("deps", "code", asset(sparse_file(tmp_path / "deps.bin", 230 * MB)))
    function = next(r for r in graph if r.name == "api")
    function.inputs["code"] = asset(sparse_file(tmp_path / "code.bin", 40 * MB))
    # When the layers rule runs; Then the function is reported
    assert list(layers_within_limits(graph, config_for("test")))


def test_a_function_with_six_layers_is_caught() -> None:
    # Given a function naming six layers; Then the layers rule reports it
    graph = changed("api", "layers", [LAYER_ARN] * 6)
    assert list(layers_within_limits(graph, config_for("test")))


def test_a_function_with_one_small_layer_passes(clean_graph: Graph) -> None:
    assert list(layers_within_limits(clean_graph, config_for("test"))) == []


def levels(graph: Graph, stack: str, rule: str) -> set[Level]:
    return {v.level for v in check(graph, config_for(stack)) if v.rule == rule}


def test_missing_point_in_time_recovery_is_advisory_in_nonprod_and_mandatory_in_prod() -> None:
    # Given a table without point-in-time recovery
    graph = changed("attendees-table", "pointInTimeRecovery", {"enabled": False})
    # Then nonprod is advised and prod is blocked
    assert levels(graph, "nonprod", "dynamodb-point-in-time-recovery") == {Level.ADVISORY}
    assert levels(graph, "prod", "dynamodb-point-in-time-recovery") == {Level.MANDATORY}


def test_two_weeks_of_logs_are_enough_for_nonprod_but_not_for_prod(clean_graph: Graph) -> None:
    # Given the clean stack, whose log groups keep 14 days
    # Then nonprod has no retention finding and prod has one per log group
    assert levels(clean_graph, "nonprod", "logs-retention") == set()
    assert levels(clean_graph, "prod", "logs-retention") == {Level.MANDATORY}


@pytest.mark.parametrize("token", sorted(TAGGABLE))
def test_every_type_the_tag_rule_checks_accepts_tags(token: str) -> None:
    # Given a type token the tag rule treats as taggable (aws:module/x:Class)
    module, _, name = token.split(":")[1].partition("/")[0], None, token.split(":")[2]
    package = importlib.import_module(f"pulumi_aws.{'lambda_' if module == 'lambda' else module}")
    # Then pulumi-aws gives that resource a tags argument
    assert "tags" in inspect.signature(getattr(package, f"{name}Args").__init__).parameters
