"""Exit codes shared by the commands, and the one-line failure they print."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Final, NoReturn

import click
from botocore.exceptions import (
    BotoCoreError,
    ClientError,
    EndpointConnectionError,
    NoCredentialsError,
    NoRegionError,
)

from clams.domain.errors import ClamsError

OK: Final = 0
SOME_REJECTED: Final = 1
NOTHING_DONE: Final = 2


def fail(message: str) -> NoReturn:
    """Print a one-line error (no traceback) and exit 2: nothing could be done."""
    click.echo(f"clams: {message}", err=True)
    raise SystemExit(NOTHING_DONE)


@contextmanager
def aws_failures() -> Iterator[None]:
    """Turn what stops a command from reaching AWS into a one-line ``fail`` (exit 2).

    Covers missing credentials or region, an unreachable endpoint, an AWS error reply
    (unknown queue, access denied) and the domain errors a lookup raises (unknown stack output).
    """
    try:
        yield
    except NoCredentialsError:
        fail("no AWS credentials found (set AWS_PROFILE, or AWS_ACCESS_KEY_ID and its secret)")
    except NoRegionError:
        fail("no AWS region set (set AWS_REGION or AWS_DEFAULT_REGION)")
    except EndpointConnectionError as error:
        fail(f"cannot reach {error.kwargs.get('endpoint_url', 'the AWS endpoint')}")
    except ClientError as error:
        details = error.response.get("Error", {})
        fail(f"{details.get('Code', 'error')}: {details.get('Message', error)}")
    except (BotoCoreError, ClamsError) as error:
        fail(str(error))
