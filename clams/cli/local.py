"""``clams local``: the whole platform on this machine, realised from the stack's graph."""

from __future__ import annotations

import logging
import signal
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from clams.cli.errors import fail

if TYPE_CHECKING:
    from clams.local.graphs import PendingGraph
    from clams.local.stack import LocalOptions, LocalStack

STACKS = ("nonprod", "prod")
QUIET_LOGGERS = ("botocore", "boto3", "urllib3", "alembic", "werkzeug")


@click.command()
@click.option("--stack", type=click.Choice(STACKS), default="nonprod", show_default=True)
@click.option("--port", type=int, default=8000, show_default=True, help="Port of the gateway.")
@click.option(
    "--database-url",
    envvar="DATABASE_URL",
    help="SQLAlchemy URL of the sign-up database [default: SQLite in .clams/clams.db].",
)
@click.option(
    "--seed",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="BAMS export to upload at start [default: the sample in clams/samples].",
)
@click.option("--no-seed", is_flag=True, help="Start with no attendees.")
@click.option(
    "--password",
    envvar="CLAMS_LOCAL_PASSWORD",
    help="Password of the local organiser [default: a new one each start].",
)
@click.option(
    "--tick",
    type=float,
    envvar="CLAMS_LOCAL_TICK",
    help="Run scheduled functions every SECONDS instead of at their own rate.",
)
@click.option(
    "--retry-after",
    type=int,
    help="Redeliver a failed queue message after SECONDS [default: the queue's timeout].",
)
def local(
    stack: str,
    port: int,
    database_url: str | None,
    seed: Path | None,
    no_seed: bool,
    password: str | None,
    tick: float | None,
    retry_after: int | None,
) -> None:
    """Run CLAMS locally: emulated AWS, the API at /clams, the front end at /.

    Everything comes from the stack's resource graph. Stop with Ctrl-C.
    """
    started = time.perf_counter()
    from clams.local.graphs import stack_graph_soon

    pending = stack_graph_soon(stack)  # first: a stale graph is evaluated meanwhile
    _configure_logging()
    from clams.db.engine import DEFAULT_DATABASE_URL
    from clams.local.logs import function_logs
    from clams.local.seed import SAMPLE_CSV
    from clams.local.stack import LocalOptions

    options = LocalOptions(
        port=port,
        seed=None if no_seed else seed or SAMPLE_CSV,
        password=password,
        tick_seconds=tick,
        retry_after=retry_after,
        database_url=database_url or DEFAULT_DATABASE_URL,
    )
    with function_logs():  # before any function's code is imported, which preloading does
        running = _start(pending, options)
        _announce(running, time.perf_counter() - started)
        _wait_for_interrupt()
        click.echo("stopping...")
        running.stop()
    click.echo("stopped")


def _start(pending: PendingGraph, options: LocalOptions) -> LocalStack:
    """Load the emulator and the functions' code while the graph comes, then start on it."""
    from clams.local.emulator import Emulator
    from clams.local.graphs import GraphEvaluationError
    from clams.local.preload import preload
    from clams.local.stack import LocalStack

    emulator = Emulator()
    try:
        preload(emulator)
        graph = pending.result()
    except BaseException as error:
        pending.cancel()
        emulator.stop()
        if isinstance(error, GraphEvaluationError):
            fail(str(error))
        raise
    running = LocalStack(graph, options, emulator=emulator)
    try:
        running.start()
    except OSError as error:
        fail(f"cannot start: {error.strerror or error} (is port {options.port} in use? try --port)")
    return running


def _configure_logging() -> None:
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("%(asctime)s [%(name)s] %(message)s", "%H:%M:%S"))
    logging.basicConfig(level=logging.INFO, handlers=[handler])
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)


def _announce(running: Any, seconds: float) -> None:
    organiser = running.organiser
    lines = [
        f"CLAMS local stack {running.graph.stack!r} ready in {seconds:.1f}s",
        f"  front end   {running.url}/",
        f"  API         {running.api_url}",
        f"  sign in     {organiser.name} / {organiser.password}",
        f"  database    {running.options.database_url}",
        f"  AWS         {running.endpoint}",
    ]
    if running.seeded is not None:
        lines.append(f"  seeded      {running.seeded.sent} attendees from {running.options.seed}")
    exports = " ".join(f"{k}={v}" for k, v in running.emulator.environment.items())
    lines += [
        "",
        "To upload from another shell:",
        f"  export {exports}",
        f"  clams upload FILE.csv --stack {running.graph.stack}",
        "Press Ctrl-C to stop.",
    ]
    click.echo("\n".join(lines))


def _wait_for_interrupt() -> None:
    """Block until Ctrl-C or SIGTERM."""
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        while not stop.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
