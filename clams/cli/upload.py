"""``clams upload FILE.csv``: send a BAMS export to a stack's attendee queue."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from pathlib import Path

import click

from clams import aws
from clams.cli.errors import OK, SOME_REJECTED, aws_failures, fail
from clams.domain.bams import Rejection, Row, open_bams, read_bams
from clams.stacks import stack_output
from clams.upload.batches import Entry
from clams.upload.hashes import SentHashes, default_state_dir
from clams.upload.progress import BarProgress, LineProgress
from clams.upload.rejects import RejectsFile, rejects_path
from clams.upload.sender import BatchReply, QueueSender
from clams.upload.service import Latest, Uploader, UploadReport, latest_lines
from clams.upload.sqs import SqsQueue

QUEUE_OUTPUT = "attendees-queue-url"


@click.command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--stack", help="Send to this stack's attendee queue (found through SSM).")
@click.option("--queue-url", help="Send to this queue instead of a stack's.")
@click.option("--endpoint-url", help="AWS endpoint, e.g. the local stack's emulator.")
@click.option("--dry-run", is_flag=True, help="Read and check the file; send nothing.")
@click.option("--force", is_flag=True, help="Send every row, changed or not.")
@click.option(
    "--state-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help=("Where to remember what was sent [default: $CLAMS_STATE_DIR or ~/.clams]."),
)
@click.option(
    "--export-time",
    callback=lambda _c, _p, v: _parse_time(v),
    help=("When the export was taken, ISO 8601 [default: the file's modification time]."),
)
def upload(
    path: Path,
    stack: str | None,
    queue_url: str | None,
    endpoint_url: str | None,
    dry_run: bool,
    force: bool,
    state_dir: Path | None,
    export_time: datetime | None,
) -> None:
    """Send each valid, changed row of a BAMS export to the attendee queue.

    Rows that cannot be read go to FILE.rejected.csv with their line and reason. Exit 0 when
    every row was sent or unchanged, 1 when some were rejected or could not be sent, 2 when
    nothing could be done.
    """
    if not dry_run and bool(stack) == bool(queue_url):
        fail("give exactly one of --stack or --queue-url")
    latest = _first_pass(path)
    when = export_time or _modified(path)
    if dry_run:
        report = _run(path, latest, when, _Accepting(), _dry_hashes(queue_url, state_dir))
        _summarise(report, path, "would send")
        raise SystemExit(OK if report.complete else SOME_REJECTED)
    with aws_failures():
        queue = _queue(stack, queue_url, endpoint_url)
        hashes = SentHashes.load(state_dir or default_state_dir(os.environ), queue.url)
        report = _run(path, latest, when, queue, hashes, force=force, save=True)
    _summarise(report, path, "sent")
    raise SystemExit(OK if report.complete else SOME_REJECTED)


def _parse_time(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not an ISO 8601 time") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _modified(path: Path) -> datetime:
    return datetime.fromtimestamp(path.stat().st_mtime, UTC)


def _rows(path: Path) -> Iterator[Row | Rejection]:
    with open_bams(str(path)) as stream:
        yield from read_bams(stream)


def _first_pass(path: Path) -> Latest:
    try:
        latest = latest_lines(_rows(path))
    except OSError as error:
        fail(f"cannot read {path}: {error.strerror or error}")
    if not latest.lines and latest.rows == 1:
        header = next(_rows(path))
        if isinstance(header, Rejection) and header.line == 1:
            fail(f"{path}: {header.reason}")
    return latest


def _queue(stack: str | None, queue_url: str | None, endpoint_url: str | None) -> SqsQueue:
    if queue_url is None:
        queue_url = stack_output(str(stack), QUEUE_OUTPUT, aws.client("ssm", endpoint_url))
    queue = SqsQueue(aws.client("sqs", endpoint_url), queue_url)
    queue.arn()
    return queue


def _run(
    path: Path,
    latest: Latest,
    when: datetime,
    sender: QueueSender,
    hashes: SentHashes,
    force: bool = False,
    save: bool = False,
) -> UploadReport:
    rejects = RejectsFile(rejects_path(path))
    try:
        with _progress(latest.rows) as progress:
            uploader = Uploader(sender, hashes, rejects, progress, force=force)
            return uploader.upload(_rows(path), latest, when)
    finally:
        rejects.close()
        if save:
            hashes.save()


def _progress(total: int) -> AbstractContextManager[BarProgress | LineProgress]:
    if sys.stdout.isatty():
        return BarProgress(total)
    return LineProgress(total, click.echo)


class _Accepting:
    """A queue for dry runs that accepts everything and sends nothing."""

    def send_batch(self, entries: Sequence[Entry]) -> BatchReply:
        return BatchReply()


def _dry_hashes(queue_url: str | None, state_dir: Path | None) -> SentHashes:
    """What a dry run compares with: the state of ``--queue-url`` when given (never saved)."""
    if queue_url is None:
        return SentHashes(Path(os.devnull), "")
    return SentHashes.load(state_dir or default_state_dir(os.environ), queue_url)


def _summarise(report: UploadReport, path: Path, verb: str) -> None:
    for line, warning in report.warnings:
        click.echo(f"line {line}: warning: {warning}", err=True)
    parts = [f"{verb} {report.sent}", f"unchanged {report.unchanged}"]
    parts.append(f"rejected {report.rejected}")
    if report.superseded:
        parts.append(f"superseded by a later line {report.superseded}")
    if report.unsent:
        parts.append(f"could not be sent {report.unsent}")
    click.echo(", ".join(parts))
    if report.rejected:
        click.echo(f"rejected rows with their reasons: {rejects_path(path)}")
