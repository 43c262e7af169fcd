"""``clams graph``: the stack's resource graph as JSON, and the difference between two graphs."""

from __future__ import annotations

from pathlib import Path

import click

from clams.cli.errors import OK, fail
from clams.graph.model import Graph

STACKS = ("nonprod", "prod")


@click.group(invoke_without_command=True)
@click.option("--stack", type=click.Choice(STACKS), default="nonprod", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE.")
@click.pass_context
def graph(ctx: click.Context, stack: str, output: str | None) -> None:
    """Evaluate the Pulumi program under mocks and print every resource as JSON."""
    if ctx.invoked_subcommand is not None:
        return
    from clams.graph.evaluate import evaluate

    text = evaluate(stack).to_json()
    if output is None:
        click.echo(text)
        return
    try:
        Path(output).write_text(text + "\n", encoding="utf-8")
    except OSError as error:
        fail(f"cannot write {output}: {error.strerror or error}")
    click.echo(f"wrote the {stack} graph to {output}", err=True)


@graph.command("diff")
@click.argument("old", type=click.Path(dir_okay=False))
@click.argument("new", type=click.Path(dir_okay=False))
def diff_command(old: str, new: str) -> None:
    """Print the resources added, removed and changed between two graph files."""
    from clams.graph.diff import diff, render

    click.echo(render(diff(_load(old), _load(new))))
    raise SystemExit(OK)


def _load(path: str) -> Graph:
    try:
        return Graph.load(path)
    except OSError as error:
        fail(f"cannot read {path}: {error.strerror or error}")
    except (ValueError, KeyError, TypeError) as error:
        fail(f"{path} is not a resource graph: {error}")
