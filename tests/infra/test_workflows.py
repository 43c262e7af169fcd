"""The GitHub workflows are valid and do what the deploy process promises."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

WORKFLOWS = Path(__file__).resolve().parents[2] / ".github" / "workflows"


@pytest.mark.parametrize("name", ["ci.yml", "deploy.yml"])
def test_workflow_files_match_the_github_schema(name: str) -> None:
    # When the workflow file is checked against GitHub's schema (offline, shipped schema)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.github-workflows",
            str(WORKFLOWS / name),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    # Then it is valid
    assert result.returncode == 0, result.stdout + result.stderr


def load(name: str) -> dict[str, object]:
    document: dict[str, object] = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    return document


def steps(job: object) -> list[dict[str, object]]:
    assert isinstance(job, dict)
    found: list[dict[str, object]] = job["steps"]
    return found


def test_pull_requests_run_tests_graph_diff_and_previews_of_both_stacks() -> None:
    ci = load("ci.yml")
    jobs = ci["jobs"]
    assert isinstance(jobs, dict)
    assert set(jobs) == {"test", "graph-diff", "preview"}
    assert jobs["preview"]["strategy"]["matrix"]["stack"] == ["nonprod", "prod"]
    pulumi = next(
        s for s in steps(jobs["preview"]) if str(s.get("uses", "")).startswith("pulumi/actions")
    )
    assert pulumi["with"]["command"] == "preview"  # type: ignore[index]
    assert pulumi["with"]["comment-on-pr"] is True  # type: ignore[index]
    assert pulumi["with"]["policyPacks"] == "policy"  # type: ignore[index]


def test_prod_deploys_only_by_hand_behind_the_production_environment() -> None:
    jobs = load("deploy.yml")["jobs"]
    assert isinstance(jobs, dict)
    assert jobs["prod"]["environment"] == "production"
    assert jobs["prod"]["if"] == "github.event_name == 'workflow_dispatch'"
    assert jobs["nonprod"]["if"] == "github.event_name == 'push'"
