"""``clams validate FILE.csv``: check a BAMS export without touching AWS."""

from __future__ import annotations

import click

from clams.cli.errors import OK, SOME_REJECTED, fail
from clams.domain.bams import open_bams, read_bams_file


@click.command()
@click.argument("path", type=click.Path())
def validate(path: str) -> None:
    """Parse a BAMS export and report its valid and rejected rows.

    Exit 0 when every row is valid, 1 when some are rejected, 2 when the file cannot be read.
    """
    try:
        with open_bams(path) as stream:
            result = read_bams_file(stream)
    except OSError as error:
        fail(f"cannot read {path}: {error.strerror or error}")
    notes = [(line, f"warning: {warning}") for line, warning in result.warnings]
    notes += [(r.line, f"rejected: {r.reason}") for r in result.rejections]
    for line, note in sorted(notes, key=lambda n: n[0]):
        click.echo(f"line {line}: {note}")
    click.echo(f"{len(result.rows)} valid, {len(result.rejections)} rejected")
    raise SystemExit(SOME_REJECTED if result.rejections else OK)
