"""``clams users add|remove|list``: who may use a stack's API, and with which roles.

Users live in the stack's SSM SecureString parameter as salted scrypt hashes with roles;
this command never prints a hash and never takes a password on the command line.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, Final, TypeVar

import click

from clams import aws
from clams.auth.passwords import hash_password
from clams.auth.users import User, Users, UsersDocumentError, check_name
from clams.cli.errors import OK, aws_failures, fail
from clams.names import Role, users_parameter
from clams.stores.users import UsersParameter, UsersParameterMissingError

MIN_PASSWORD_LENGTH: Final = 8
F = TypeVar("F", bound=Callable[..., Any])


def _target(command: F) -> F:
    options = (
        click.option("--stack", help="The stack whose users to manage (e.g. nonprod)."),
        click.option("--parameter", help="The SSM parameter holding the users, instead."),
        click.option("--endpoint-url", help="AWS endpoint, e.g. the local stack's emulator."),
    )
    for option in reversed(options):
        command = option(command)
    return command


def _parameter(
    stack: str | None, parameter: str | None, endpoint_url: str | None
) -> UsersParameter:
    if bool(stack) == bool(parameter):
        fail("give exactly one of --stack or --parameter")
    name = parameter or users_parameter(str(stack))
    return UsersParameter(aws.client("ssm", endpoint_url), name)


def _load(target: UsersParameter) -> Users:
    try:
        return target.load()
    except UsersParameterMissingError:
        fail(f"no users parameter {target.name} (is the stack deployed?)")
    except UsersDocumentError as error:
        fail(f"{target.name}: {error}")


@click.group()
def users() -> None:
    """Add, remove and list the users of a stack's API."""


@users.command()
@click.argument("name")
@click.option(
    "--role",
    "roles",
    multiple=True,
    required=True,
    type=click.Choice([r.value for r in Role]),
    help="A role to grant; repeat for several.",
)
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@_target
def add(
    name: str,
    roles: tuple[str, ...],
    password_stdin: bool,
    stack: str | None,
    parameter: str | None,
    endpoint_url: str | None,
) -> None:
    """Add user NAME (or replace their password and roles). Exit 0 when saved, 2 otherwise."""
    try:
        check_name(name)
    except ValueError as error:
        fail(str(error))
    password = _read_password(password_stdin)
    with aws_failures():
        target = _parameter(stack, parameter, endpoint_url)
        current = _load(target)
        user = User(name, hash_password(password), frozenset(Role(r) for r in roles))
        target.save(current.with_user(user))
    verb = "updated" if current.get(name) else "added"
    click.echo(f"{verb} {name} ({', '.join(sorted(user.roles))}) in {target.name}")
    raise SystemExit(OK)


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    if len(password) < MIN_PASSWORD_LENGTH:
        fail(f"a password has at least {MIN_PASSWORD_LENGTH} characters")
    return password


@users.command()
@click.argument("name")
@_target
def remove(name: str, stack: str | None, parameter: str | None, endpoint_url: str | None) -> None:
    """Remove user NAME. Exit 0 when removed, 2 when there is no such user."""
    with aws_failures():
        target = _parameter(stack, parameter, endpoint_url)
        current = _load(target)
        if current.get(name) is None:
            fail(f"no user {name} in {target.name}")
        target.save(current.without(name))
    click.echo(f"removed {name} from {target.name}")
    raise SystemExit(OK)


@users.command(name="list")
@_target
def list_users(stack: str | None, parameter: str | None, endpoint_url: str | None) -> None:
    """Print each user's name and roles (never their password hash)."""
    with aws_failures():
        target = _parameter(stack, parameter, endpoint_url)
        current = _load(target)
    if not current.by_name:
        click.echo(f"no users in {target.name}")
    for user in sorted(current.by_name.values(), key=lambda u: u.name):
        click.echo(f"{user.name}\t{','.join(sorted(user.roles))}")
    raise SystemExit(OK)
