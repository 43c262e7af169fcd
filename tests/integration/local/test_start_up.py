"""Starting quickly: a stale graph is evaluated in a child process while the emulator and the
functions' code load, and a stack starts on the emulator so prepared."""

from __future__ import annotations

from pathlib import Path

import pytest
from aws_lambda_powertools import Logger
from local_helpers import Browser
from local_stack_support import PASSWORD

from clams.graph.model import Graph
from clams.local.emulator import Emulator
from clams.local.graphs import GraphEvaluationError, stack_graph_soon
from clams.local.logs import function_logs, logging_as
from clams.local.preload import handler_dependencies, preload
from clams.local.resources import TABLE
from clams.local.stack import LocalOptions, LocalStack

pytestmark = pytest.mark.slow


def test_a_stale_graph_is_evaluated_by_a_child_process_and_kept(
    tmp_path: Path, graph: Graph
) -> None:
    # Given no cached graph
    # When the graph is asked for
    pending = stack_graph_soon("nonprod", cache_dir=tmp_path)
    # Then a child process evaluates it, and the result is the stack's graph
    assert pending.child is not None
    assert pending.result().to_json() == graph.to_json()
    # And the next start finds it kept, with no child
    assert stack_graph_soon("nonprod", cache_dir=tmp_path).child is None


def test_a_damaged_cache_is_evaluated_again(tmp_path: Path, graph: Graph) -> None:
    # Given a cache file cut short (a start stopped while writing it, say)
    (tmp_path / "graph-nonprod.json").write_text('{"fingerprint": "', encoding="utf-8")
    # When the graph is asked for; Then it is evaluated again, not a crash
    pending = stack_graph_soon("nonprod", cache_dir=tmp_path)
    assert pending.child is not None
    assert pending.result().to_json() == graph.to_json()


def test_a_failed_evaluation_is_reported_with_its_reason(tmp_path: Path) -> None:
    # Given a stack that has no configuration file
    pending = stack_graph_soon("nowhere", cache_dir=tmp_path)
    # When its graph is awaited; Then the child's reason is given in one line
    with pytest.raises(GraphEvaluationError, match="no stack named 'nowhere'"):
        pending.result()


def test_handler_dependencies_leave_the_handler_modules_to_their_first_call() -> None:
    modules = handler_dependencies()
    assert "clams.db.migrations" in modules
    assert "clams.api.app" in modules
    assert not [m for m in modules if m.startswith("handlers")]


def test_preloading_needs_the_function_logs_in_place() -> None:
    # Given stdout as it is, not yet routed to the functions' logs
    # When the functions' code would be preloaded; Then it refuses, naming what is missing
    with pytest.raises(RuntimeError, match="function_logs"):
        preload(Emulator())


def test_a_logger_made_before_any_invocation_writes_its_functions_lines(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Given the function logs in place, and a logger made then (as preloading imports one)
    with function_logs():
        logger = Logger(service="clams-preloaded")
        # When a function logs through it
        with logging_as("api"):
            logger.warning("request failed", error="TableMissing")
    # Then the line is the function's, short and readable
    assert "[api] WARNING request failed  error=TableMissing" in capsys.readouterr().out


def test_a_stack_starts_on_a_preloaded_emulator(graph: Graph, tmp_path: Path) -> None:
    # Given an emulator started and warmed before the graph was known
    emulator = Emulator()
    with function_logs():
        preload(emulator)
    options = LocalOptions(
        port=0, database_url=f"sqlite:///{tmp_path / 'clams.db'}", seed=None, password=PASSWORD
    )
    # When a stack starts on it
    with LocalStack(graph, options, emulator=emulator) as stack:
        # Then it serves, with the graph's tables and nothing from the warm-up calls
        assert Browser(stack.url).get("/clams/openapi.json").status == 200
        tables = stack.client("dynamodb").list_tables()["TableNames"]
        assert len(tables) == len(graph.of_type(TABLE))
        assert stack.emulator.region == stack.region
