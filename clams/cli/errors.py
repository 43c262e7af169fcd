"""Exit codes shared by the commands, and the one-line failure they print."""

from __future__ import annotations

from typing import Final, NoReturn

import click

OK: Final = 0
SOME_REJECTED: Final = 1
NOTHING_DONE: Final = 2


def fail(message: str) -> NoReturn:
    """Print a one-line error (no traceback) and exit 2: nothing could be done."""
    click.echo(f"clams: {message}", err=True)
    raise SystemExit(NOTHING_DONE)
