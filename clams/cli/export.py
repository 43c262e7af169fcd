"""``clams export``: the attendee store written out as a BAMS export ("sync back")."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import click

from clams import aws
from clams.cli.errors import OK, aws_failures, fail
from clams.domain.bams import write_bams
from clams.stacks import stack_output
from clams.stores.attendees import AttendeeStore

TABLE_OUTPUT = "attendees-table"


@click.command()
@click.option("--stack", help="Export this stack's attendee table (found through SSM).")
@click.option("--table", help="Export this DynamoDB table instead of a stack's.")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The CSV file to write (replaced only once the export is complete).",
)
@click.option("--endpoint-url", help="AWS endpoint, e.g. the local stack's emulator.")
def export(stack: str | None, table: str | None, output: Path, endpoint_url: str | None) -> None:
    """Write every attendee in the BAMS CSV format, sorted by AuthCode.

    Exit 0 when written, 2 when nothing could be done.
    """
    if bool(stack) == bool(table):
        fail("give exactly one of --stack or --table")
    with aws_failures():
        client = aws.client("dynamodb", endpoint_url)
        name = table or stack_output(str(stack), TABLE_OUTPUT, aws.client("ssm", endpoint_url))
        # The summary table is not read by an export.
        store = AttendeeStore(client, name, summary_table="")
        count = _write(output, store)
    click.echo(f"exported {count} attendees to {output}")
    raise SystemExit(OK)


def _write(output: Path, store: AttendeeStore) -> int:
    """Write next to ``output`` first, so a failed export leaves any earlier file intact."""
    records = sorted(store.all(), key=lambda record: record.AuthCode)
    try:
        handle, temporary = tempfile.mkstemp(dir=output.parent, suffix=".tmp")
    except OSError as error:
        fail(f"cannot write {output}: {error.strerror or error}")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            count = write_bams(records, out)
        Path(temporary).replace(output)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        fail(f"cannot write {output}: {error.strerror or error}")
    return count
