"""``clams validate FILE.csv``: checks a BAMS export without touching AWS."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import clams
from clams.cli.main import cli
from clams.domain.bams import HEADER

SAMPLE = Path(clams.__file__).parent / "samples" / "attendees.csv"
HEADER_LINE = ",".join(HEADER)
GOOD = "ABC123,Ada Lovelace,ada@example.org,070,010,02052027,07700 900123,Wed,0,2,vegan"


def validate(path: Path | str) -> Result:
    return CliRunner().invoke(cli, ["validate", str(path)])


@pytest.fixture
def mixed_export(tmp_path: Path) -> Path:
    """An export with two good rows, two bad ones, a blank line and an odd date."""
    lines = [
        HEADER_LINE,
        GOOD,
        "BAD,Bryn Jones,bryn@example.org,035,000,00000000,,Thu,1,0,",
        "",
        "CCC333,Cai Evans,not-an-email,035,000,00000000,,Fri,0,-1,",
        "DDD444,Dee Price,dee@example.org,035,035,31022027,,Sat,yes,0,",
    ]
    path = tmp_path / "mixed.csv"
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


def test_the_sample_export_is_all_valid_and_exits_0() -> None:
    # Given the sample export that ships with CLAMS
    # When it is validated
    result = validate(SAMPLE)
    # Then every row is valid and the command succeeds
    assert result.exit_code == 0
    assert result.stdout == "40 valid, 0 rejected\n"


def test_rejected_rows_are_listed_by_line_and_exit_1(mixed_export: Path) -> None:
    # Given an export with good rows and bad ones
    # When it is validated
    result = validate(mixed_export)
    # Then each rejected row is printed with its physical line and reason, then the counts
    assert result.exit_code == 1
    rejected = [line for line in result.stdout.splitlines() if ": rejected: " in line]
    assert rejected == [
        "line 3: rejected: AuthCode: 'BAD' is not 6 letters or digits",
        "line 5: rejected: NumberOfKids: '-1' is not a whole number of 0 or more; "
        "Email: 'not-an-email' does not look like an e-mail address",
    ]
    assert result.stdout.splitlines()[-1] == "2 valid, 2 rejected"


def test_warnings_are_printed_but_do_not_fail_the_file(mixed_export: Path) -> None:
    # Given the same export, whose last row has a DatePaid that is no date
    # When it is validated
    result = validate(mixed_export)
    # Then the warning names the line and the text kept
    assert "line 6: warning: DatePaid '31022027' is not a date; kept as written" in result.stdout


def test_warnings_and_rejections_are_listed_in_line_order(tmp_path: Path) -> None:
    # Given an export whose bad row comes before a row with an odd date
    lines = [
        HEADER_LINE,
        "BAD,Bryn Jones,bryn@example.org,035,000,00000000,,Thu,1,0,",
        "DDD444,Dee Price,dee@example.org,035,035,31022027,,Sat,1,0,",
    ]
    path = tmp_path / "ordered.csv"
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    # When it is validated; Then the notes follow the file's lines
    notes = [line.split(":")[0] for line in validate(path).stdout.splitlines()[:-1]]
    assert notes == ["line 2", "line 3"]


def test_a_wrong_header_is_one_rejection_of_line_1(tmp_path: Path) -> None:
    # Given a file that is not a BAMS export
    path = tmp_path / "other.csv"
    path.write_text("id,name\r\n1,Ada\r\n", encoding="utf-8")
    # When it is validated
    result = validate(path)
    # Then line 1 is rejected, the expected header spelled out, and nothing else read
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"line 1: rejected: the header must be exactly: {HEADER_LINE}",
        "0 valid, 1 rejected",
    ]


@pytest.mark.parametrize(
    ("name", "reason"), [("missing.csv", "No such file or directory"), (".", "Is a directory")]
)
def test_a_file_that_cannot_be_read_is_one_line_and_exit_2(
    tmp_path: Path, name: str, reason: str
) -> None:
    # Given a path that is missing, or a directory
    path = tmp_path / name
    # When it is validated
    result = validate(path)
    # Then one line on stderr says why, nothing goes to stdout, and the exit code is 2
    assert result.exit_code == 2
    assert result.stderr == f"clams: cannot read {path}: {reason}\n"
    assert result.stdout == ""


def test_the_installed_command_fails_without_a_traceback(tmp_path: Path) -> None:
    # Given the real command, run as a user would
    command = Path(sys.executable).parent / "clams"
    # When it is pointed at a file that does not exist
    done = subprocess.run(
        [command, "validate", str(tmp_path / "missing.csv")],
        capture_output=True,
        text=True,
        check=False,
    )
    # Then it exits 2 with a single line and no traceback
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert "Traceback" not in done.stderr
