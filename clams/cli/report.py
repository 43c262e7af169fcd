"""``clams report``: the event report (or the kitchen report) of a stack, from its summary."""

from __future__ import annotations

import click

from clams import aws
from clams.cli.errors import OK, aws_failures, fail
from clams.domain.report import DEFAULT_CAMPING_RATE
from clams.services.attendees import AttendeeService
from clams.stacks import stack_output
from clams.stores.attendees import AttendeeStore

ATTENDEES_OUTPUT = "attendees-table"
SUMMARY_OUTPUT = "summary-table"


@click.command()
@click.option("--stack", help="Report on this stack (its tables found through SSM).")
@click.option(
    "--table-names",
    nargs=2,
    metavar="ATTENDEES SUMMARY",
    help="The attendees and summary tables, instead of --stack.",
)
@click.option("--rebuild", is_flag=True, help="Recompute the summary from every record first.")
@click.option("--kitchen", is_flag=True, help="Print the kitchen report instead.")
@click.option("--camping-rate", type=click.IntRange(min=0), default=DEFAULT_CAMPING_RATE)
@click.option("--endpoint-url", help="AWS endpoint, e.g. the local stack's emulator.")
def report(
    stack: str | None,
    table_names: tuple[str, str] | None,
    rebuild: bool,
    kitchen: bool,
    camping_rate: int,
    endpoint_url: str | None,
) -> None:
    """Print the report as JSON. Exit 0 when printed, 2 when the store cannot be read.

    --rebuild replaces the kept summary with one computed from every record; run it while
    nothing writes.
    """
    if bool(stack) == bool(table_names):
        fail("give exactly one of --stack or --table-names")
    with aws_failures():
        store = _store(stack, table_names, endpoint_url)
        if rebuild:
            total = store.rebuild_summary()
            click.echo(f"rebuilt the summary from {total.attendees} attendees", err=True)
        service = AttendeeService(store)
        result = service.kitchen_report() if kitchen else service.report(camping_rate)
    click.echo(result.model_dump_json(indent=2))
    raise SystemExit(OK)


def _store(
    stack: str | None, table_names: tuple[str, str] | None, endpoint_url: str | None
) -> AttendeeStore:
    if table_names:
        attendees, summary = table_names
    else:
        ssm = aws.client("ssm", endpoint_url)
        attendees = stack_output(str(stack), ATTENDEES_OUTPUT, ssm)
        summary = stack_output(str(stack), SUMMARY_OUTPUT, ssm)
    return AttendeeStore(aws.client("dynamodb", endpoint_url), attendees, summary)
