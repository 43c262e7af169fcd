"""``clams policy``: run every policy rule over a stack's resource graph or a graph file."""

from __future__ import annotations

import click

from clams.cli.errors import OK, SOME_REJECTED, fail
from clams.graph.model import Graph
from clams.policy import RULES, Violation, check, config_for

MANDATORY_FOUND = SOME_REJECTED


@click.command()
@click.option(
    "--stack",
    help="Evaluate this stack's program (nonprod, prod); with --graph, "
    "use its thresholds instead of the file's stack.",
)
@click.option(
    "--graph",
    "graph_file",
    type=click.Path(dir_okay=False),
    help="Check a graph file written by `clams graph` (possibly edited by hand).",
)
def policy(stack: str | None, graph_file: str | None) -> None:
    """Check a resource graph against the CLAMS policy rules.

    Prints each violation and a summary. Exit 0 when no mandatory rule is broken, 1 when
    one is, 2 when the graph cannot be read or evaluated.
    """
    if not stack and not graph_file:
        fail("give --stack NAME or --graph FILE.json")
    graph = load(graph_file) if graph_file else evaluate(stack or "")
    violations = check(graph, config_for(stack or graph.stack))
    for violation in sorted(violations, key=lambda v: not v.mandatory):
        click.echo(describe(graph, violation))
    click.echo(summary(graph, violations))
    raise SystemExit(MANDATORY_FOUND if any(v.mandatory for v in violations) else OK)


def load(path: str) -> Graph:
    try:
        return Graph.load(path)
    except OSError as error:
        fail(f"cannot read {path}: {error.strerror or error}")
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        fail(f"{path} is not a resource graph: {error}")


def evaluate(stack: str) -> Graph:
    from clams.graph.evaluate import evaluate as evaluate_program

    try:
        return evaluate_program(stack)
    except ValueError as error:
        fail(str(error))


def describe(graph: Graph, violation: Violation) -> str:
    resource = graph.by_urn(violation.urn) if violation.urn else None
    where = f"{resource.name} ({resource.type})" if resource else violation.urn or "stack"
    return f"{violation.level.upper()} {violation.rule}: {where}: {violation.message}"


def summary(graph: Graph, violations: list[Violation]) -> str:
    mandatory = sum(v.mandatory for v in violations)
    advisory = len(violations) - mandatory
    checked = f"{len(RULES)} rules over {len(graph.resources)} resources of stack {graph.stack}"
    return f"{mandatory} mandatory, {advisory} advisory violations ({checked})"
