"""``clams users`` and ``clams report`` against moto."""

from __future__ import annotations

import json
from typing import Any

import pytest
from api_support import clear_caches
from click.testing import CliRunner

from clams.auth.credentials import Verdict, check
from clams.auth.users import EMPTY_DOCUMENT, Users
from clams.cli.main import cli
from clams.domain.attendee import Attendee
from clams.names import Table, users_parameter
from clams.stores.attendees import AttendeeStore, Change

PARAMETER = users_parameter("nonprod")


@pytest.fixture
def run(aws: None) -> Any:
    clear_caches()
    runner = CliRunner()

    def invoke(*args: str, stdin: str | None = None) -> Any:
        return runner.invoke(cli, list(args), input=stdin)

    yield invoke
    clear_caches()


@pytest.fixture
def deployed(ssm: Any) -> Any:
    ssm.put_parameter(Name=PARAMETER, Value=EMPTY_DOCUMENT, Type="SecureString")
    return ssm


def stored_users(ssm: Any) -> Users:
    value = ssm.get_parameter(Name=PARAMETER, WithDecryption=True)["Parameter"]["Value"]
    return Users.parse(value)


def add_user(run: Any, name: str, *roles: str) -> Any:
    """``clams users add`` with the password ``long-enough-pw`` on standard input."""
    options = [option for role in roles for option in ("--role", role)]
    arguments = ["users", "add", name, *options, "--stack", "nonprod", "--password-stdin"]
    return run(*arguments, stdin="long-enough-pw\n")


def test_an_added_user_can_sign_in_with_their_roles(run: Any, deployed: Any) -> None:
    # When a user is added with two roles and a password on standard input
    result = add_user(run, "ana", "organiser", "viewer")
    # Then it says so, and the stored document lets her in with those roles
    assert result.exit_code == 0, result.output
    assert "added ana (organiser, viewer)" in result.output
    decision = check("Basic " + _b64("ana:long-enough-pw"), stored_users(deployed))
    assert decision.verdict is Verdict.ALLOWED
    assert decision.simple_response()["context"]["roles"] == "organiser,viewer"


def test_the_password_is_prompted_twice_without_echo(run: Any, deployed: Any) -> None:
    result = run(
        "users",
        "add",
        "bo",
        "--role",
        "kitchen",
        "--parameter",
        PARAMETER,
        stdin="kitchen-secret\nkitchen-secret\n",
    )
    assert result.exit_code == 0, result.output
    assert "kitchen-secret" not in result.output
    assert stored_users(deployed).get("bo") is not None


def test_list_shows_names_and_roles_never_hashes(run: Any, deployed: Any) -> None:
    add_user(run, "ana", "viewer")
    result = run("users", "list", "--stack", "nonprod")
    assert result.exit_code == 0
    assert result.output.strip() == "ana\tviewer"
    assert "scrypt" not in result.output


def test_remove_takes_the_user_out(run: Any, deployed: Any) -> None:
    add_user(run, "ana", "viewer")
    assert run("users", "remove", "ana", "--stack", "nonprod").exit_code == 0
    assert stored_users(deployed).get("ana") is None


@pytest.mark.parametrize(
    ("args", "stdin"),
    [
        (["users", "remove", "nobody", "--stack", "nonprod"], None),
        (
            ["users", "add", "a:b", "--role", "viewer", "--stack", "nonprod", "--password-stdin"],
            "long-enough-pw\n",
        ),
        (
            ["users", "add", "ana", "--role", "viewer", "--stack", "nonprod", "--password-stdin"],
            "short\n",
        ),
        (["users", "list"], None),
        (["users", "list", "--stack", "prod"], None),
        (["users", "list", "--stack", "nonprod", "--endpoint-url", "--password-stdin"], None),
    ],
    ids=[
        "unknown-user",
        "colon-in-name",
        "short-password",
        "no-target",
        "undeployed-stack",
        "endpoint-not-a-url",
    ],
)
def test_errors_exit_2_with_one_line(run: Any, deployed: Any, args: list[str], stdin: str) -> None:
    result = run(*args, stdin=stdin)
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 1
    assert result.output.startswith("clams: ")


def test_no_region_is_one_line_and_exit_2(
    run: Any, deployed: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a shell with no AWS region
    for name in ("AWS_DEFAULT_REGION", "AWS_REGION"):
        monkeypatch.delenv(name, raising=False)
    clear_caches()
    # When users are listed; Then one line says what is missing
    result = run("users", "list", "--stack", "nonprod")
    assert result.exit_code == 2
    assert (
        result.output.strip() == "clams: no AWS region set (set AWS_REGION or AWS_DEFAULT_REGION)"
    )


def test_report_prints_the_summary_and_rebuild_recomputes_it(
    run: Any, tables: dict[Table, str], dynamodb: Any
) -> None:
    # Given two stored attendees and a summary item that has drifted
    store = AttendeeStore(dynamodb, tables[Table.ATTENDEES], tables[Table.SUMMARY])
    for code, kids in (("AAA111", 1), ("BBB222", 2)):
        attendee = Attendee(AuthCode=code, Name=code, Email="x@example.org", NumberOfKids=kids)
        store.apply([Change.put(attendee, "2020-01-01T00:00:00.000000Z#00000000")])
    dynamodb.put_item(
        TableName=tables[Table.SUMMARY],
        Item={"Kind": {"S": "summary"}, "Id": {"S": "9"}, "attendees": {"N": "40"}},
    )
    names = ["--table-names", tables[Table.ATTENDEES], tables[Table.SUMMARY]]
    # When reported, then rebuilt
    drifted = json.loads(run("report", *names).output)
    rebuilt = run("report", "--rebuild", *names)
    # Then the rebuild restores the exact figures
    assert drifted["TotalAttendees"] == 42
    assert rebuilt.exit_code == 0
    assert json.loads(rebuilt.stdout)["TotalAttendees"] == 2
    assert json.loads(rebuilt.stdout)["TotalKids"] == 3


def _b64(text: str) -> str:
    import base64

    return base64.b64encode(text.encode()).decode()
