"""``clams db``: the workshop sign-up database (schema upgrades, adding a sign-up)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import click
from pydantic import ValidationError
from pydantic_core import ErrorDetails
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

from clams.cli.errors import fail
from clams.db import migrations
from clams.db.engine import DEFAULT_DATABASE_URL, create_database_engine
from clams.db.unit_of_work import unit_of_work_factory
from clams.domain.errors import InvalidInputError
from clams.domain.signups import SignupRequest
from clams.services.workshops import sign_up

database_url_option = click.option(
    "--database-url",
    envvar="DATABASE_URL",
    default=DEFAULT_DATABASE_URL,
    show_default=True,
    help="SQLAlchemy URL of the database (also read from DATABASE_URL).",
)


@click.group()
def db() -> None:
    """The workshop sign-up database."""


@contextmanager
def _engine(url: str) -> Iterator[Engine]:
    engine = create_database_engine(url)
    shown = engine.url.render_as_string(hide_password=True)
    try:
        yield engine
    except OperationalError as error:
        fail(f"cannot use the database at {shown}: {error.orig or error}")
    finally:
        engine.dispose()


@db.command()
@database_url_option
def upgrade(database_url: str) -> None:
    """Create or bring the schema up to date (tables, roles, the sign-up trigger)."""
    with _engine(database_url) as engine:
        revision = migrations.upgrade(engine)
        shown = engine.url.render_as_string(hide_password=True)
    click.echo(f"{shown}: schema at revision {revision} (latest)")


@db.command()
@click.option("--workshop", required=True, help="Workshop title; created when new.")
@click.option("--email", required=True, help="The person's e-mail; the person is created when new.")
@click.option("--forename", required=True)
@click.option("--surname", required=True)
@click.option("--role", default="attendee", show_default=True, help="attendee, facilitator, ...")
@database_url_option
def signup(database_url: str, **fields: str) -> None:
    """Sign a person up for a workshop; the trigger queues a notification for the relay."""
    try:
        request = SignupRequest.model_validate(fields)
    except ValidationError as error:
        fail("; ".join(_problem(e) for e in error.errors()))
    with _engine(database_url) as engine:
        _require_schema(engine)
        try:
            record = sign_up(unit_of_work_factory(engine), request)
        except InvalidInputError as error:
            fail(str(error))
    click.echo(
        f"sign-up {record.SignupId}: {record.FullName} <{record.Email}> as {record.Role}"
        f" at {record.WorkshopTitle!r} (workshop {record.WorkshopId})"
    )


def _require_schema(engine: Engine) -> None:
    if migrations.current_revision(engine) != migrations.head_revision():
        fail("the database schema is not up to date; run `clams db upgrade` first")


def _problem(error: ErrorDetails) -> str:
    return f"--{error['loc'][0]}: {error['msg'].removeprefix('Value error, ')}"
