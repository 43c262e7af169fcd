"""`clams policy`: prints each violation and a summary; exit 1 on a mandatory one."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from policy_stack import changed

from clams.cli.main import cli
from clams.graph.model import Graph


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["policy", *args])
    return result.exit_code, result.output


def written(graph: Graph, tmp_path: Path) -> str:
    path = tmp_path / "graph.json"
    path.write_text(graph.to_json(), encoding="utf-8")
    return str(path)


def test_a_graph_whose_database_was_made_public_exits_1_naming_the_rule(tmp_path: Path) -> None:
    # Given a graph file in which the database was made public by hand
    path = written(changed("database", "publiclyAccessible", True), tmp_path)
    # When checked
    code, output = run("--graph", path)
    # Then the command names the rule, the resource and why, and exits 1
    assert code == 1
    assert "MANDATORY rds-not-public: database (aws:rds/instance:Instance): " in output
    assert "publicly accessible" in output
    assert "1 mandatory, 0 advisory violations" in output


def test_a_clean_graph_exits_0(clean_graph: Graph, tmp_path: Path) -> None:
    # Given the clean graph; When checked; Then it passes with a summary line
    code, output = run("--graph", written(clean_graph, tmp_path))
    assert code == 0
    assert output.startswith("0 mandatory, 0 advisory violations")


def test_advisory_findings_are_printed_but_do_not_fail(tmp_path: Path) -> None:
    # Given a graph without Multi-AZ, checked with nonprod's thresholds
    path = written(changed("database", "multiAz", False), tmp_path)
    code, output = run("--graph", path, "--stack", "nonprod")
    # Then the finding is shown as advisory and the command succeeds
    assert code == 0
    assert "ADVISORY rds-multi-az: database" in output


def test_the_stack_option_selects_stricter_thresholds(tmp_path: Path) -> None:
    # Given the same graph checked with prod's thresholds; Then Multi-AZ is mandatory
    path = written(changed("database", "multiAz", False), tmp_path)
    code, output = run("--graph", path, "--stack", "prod")
    assert code == 1
    assert "MANDATORY rds-multi-az: database" in output


def test_a_missing_graph_file_exits_2_with_one_line(tmp_path: Path) -> None:
    code, output = run("--graph", str(tmp_path / "absent.json"))
    assert code == 2
    assert output.strip().startswith("clams: cannot read")
    assert len(output.strip().splitlines()) == 1


def test_a_file_that_is_not_a_graph_exits_2_with_one_line(tmp_path: Path) -> None:
    # Given a file of broken JSON and one of the wrong shape
    broken, wrong = tmp_path / "broken.json", tmp_path / "wrong.json"
    broken.write_text('{"project": ', encoding="utf-8")
    wrong.write_text("[1, 2]", encoding="utf-8")
    for path in (broken, wrong):
        code, output = run("--graph", str(path))
        # Then each is refused in one line
        assert code == 2
        assert output.strip().splitlines() == [output.strip()]
        assert "is not a resource graph" in output


def test_neither_stack_nor_graph_exits_2() -> None:
    code, output = run()
    assert code == 2
    assert "--stack" in output
