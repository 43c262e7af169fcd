from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from clams.cli.main import cli


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'clams.db'}"


def _run(*arguments: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["db", *arguments])
    return result.exit_code, result.output


ADA = (
    "--workshop",
    "Knots",
    "--email",
    "ada@example.org",
    "--forename",
    "Ada",
    "--surname",
    "Lovelace",
)


def test_upgrade_reports_the_revision_the_database_is_at(database_url: str) -> None:
    # Given a database that does not exist yet
    # When `clams db upgrade` runs
    code, output = _run("upgrade", "--database-url", database_url)
    # Then it succeeds and names the revision
    assert code == 0
    assert output.strip().endswith("schema at revision 0001 (latest)")


def test_signup_adds_a_sign_up_and_prints_it(database_url: str) -> None:
    # Given an upgraded database
    _run("upgrade", "--database-url", database_url)
    # When Ada signs up as a facilitator
    code, output = _run("signup", *ADA, "--role", "facilitator", "--database-url", database_url)
    # Then it prints the sign-up with its ids
    assert code == 0
    assert output == (
        "sign-up 1: Ada Lovelace <ada@example.org> as facilitator at 'Knots' (workshop 1)\n"
    )


def test_signup_refuses_an_unknown_role(database_url: str) -> None:
    # Given an upgraded database
    _run("upgrade", "--database-url", database_url)
    # When a sign-up names a role CLAMS does not know
    code, output = _run("signup", *ADA, "--role", "chef", "--database-url", database_url)
    # Then it exits 2 and lists the roles
    assert code == 2
    assert "unknown role 'chef'; roles are attendee, facilitator, helper, organiser" in output


def test_signup_refuses_a_database_that_was_never_upgraded(database_url: str) -> None:
    # Given a database without the schema
    # When a sign-up is added
    code, output = _run("signup", *ADA, "--database-url", database_url)
    # Then it exits 2 and says what to run
    assert code == 2
    assert "run `clams db upgrade` first" in output


def test_signup_refuses_a_malformed_email(database_url: str) -> None:
    # Given an upgraded database
    _run("upgrade", "--database-url", database_url)
    # When the e-mail is not an address
    arguments = ["--workshop", "Knots", "--email", "ada", "--forename", "A", "--surname", "L"]
    code, output = _run("signup", *arguments, "--database-url", database_url)
    # Then it exits 2 naming the option
    assert code == 2
    assert "--email: 'ada' does not look like an e-mail address" in output
