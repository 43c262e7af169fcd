"""``clams dlq list|redrive``: the dead-letter queues of a stack, and moving them back."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import click
from pydantic import ValidationError

from clams import aws
from clams.cli.errors import OK, SOME_REJECTED, aws_failures, fail
from clams.domain.messages import code_in, problems, why_invalid
from clams.domain.signups import SignupNotice
from clams.services.dead_letters import Explain, Letter, peek, redrive
from clams.stacks import stack_output
from clams.upload.sqs import SqsQueue


def _signup_problem(body: str) -> str | None:
    try:
        SignupNotice.model_validate_json(body)
    except ValidationError as error:
        return problems(error)
    return None


def _no_code(_: str) -> str | None:
    return None


@dataclass(frozen=True)
class Flow:
    """A consumer queue of the stack and its dead-letter queue."""

    name: str
    explain: Explain
    find_code: Callable[[str], str | None]


FLOWS = (Flow("attendees", why_invalid, code_in), Flow("signups", _signup_problem, _no_code))


@dataclass(frozen=True)
class Pair:
    flow: Flow
    dlq: SqsQueue
    source: SqsQueue | None


@click.group()
def dlq() -> None:
    """The dead-letter queues: what failed, why, and moving it back once fixed."""


def _target_options(command: Callable[..., None]) -> Callable[..., None]:
    command = click.option("--stack", help="The stack whose dead-letter queues to use.")(command)
    command = click.option("--endpoint-url", help="AWS endpoint, e.g. the local emulator.")(command)
    command = click.option(
        "--queue-url", help="A dead-letter queue to use instead of a stack's (attendee messages)."
    )(command)
    return click.option("--to", "to_url", help="With --queue-url: where redrive sends to.")(command)


@dlq.command(name="list")
@_target_options
@click.option("--limit", default=50, show_default=True, help="Messages to show per queue.")
def list_(
    stack: str | None,
    endpoint_url: str | None,
    queue_url: str | None,
    to_url: str | None,
    limit: int,
) -> None:
    """Show how many messages each dead-letter queue holds, and for each why it failed."""
    with aws_failures():
        for pair in _pairs(stack, endpoint_url, queue_url, to_url):
            depth, letters = peek(pair.dlq, pair.flow.explain, pair.flow.find_code, limit)
            click.echo(f"{pair.flow.name} dead letters: {depth} ({pair.dlq.url})")
            for letter in letters:
                click.echo(f"  {_line(letter)}")
    raise SystemExit(OK)


@dlq.command(name="redrive")
@_target_options
def redrive_(
    stack: str | None, endpoint_url: str | None, queue_url: str | None, to_url: str | None
) -> None:
    """Move every dead letter back to the queue it came from."""
    complete = True
    with aws_failures():
        for pair in _pairs(stack, endpoint_url, queue_url, to_url):
            if pair.source is None:
                fail("redrive needs --to with --queue-url")
            moved = redrive(pair.dlq, pair.source)
            left = pair.dlq.depth()
            complete = complete and left == 0
            click.echo(f"{pair.flow.name}: moved {moved} back to {pair.source.url}, {left} left")
    raise SystemExit(OK if complete else SOME_REJECTED)


def _line(letter: Letter) -> str:
    sent = letter.first_sent.strftime("%Y-%m-%dT%H:%M:%SZ")
    code = letter.code or "-"
    return f"{letter.message_id}  receives {letter.receives}  sent {sent}  {code}  {letter.reason}"


def _pairs(
    stack: str | None, endpoint_url: str | None, queue_url: str | None, to_url: str | None
) -> list[Pair]:
    sqs = aws.client("sqs", endpoint_url)
    if bool(stack) == bool(queue_url):
        fail("give exactly one of --stack or --queue-url")
    if queue_url:
        source = SqsQueue(sqs, to_url) if to_url else None
        return [Pair(FLOWS[0], _checked(SqsQueue(sqs, queue_url)), source)]
    ssm = aws.client("ssm", endpoint_url)
    return [
        Pair(
            flow,
            _checked(SqsQueue(sqs, stack_output(str(stack), f"{flow.name}-dlq-url", ssm))),
            SqsQueue(sqs, stack_output(str(stack), f"{flow.name}-queue-url", ssm)),
        )
        for flow in FLOWS
    ]


def _checked(queue: SqsQueue) -> SqsQueue:
    queue.arn()
    return queue
