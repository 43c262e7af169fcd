"""``clams upload`` against moto's SQS: what it sends, what it keeps back, how it exits."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from pipeline_support import Queues, clams, poll_once

from clams.domain.bams import HEADER
from clams.stores.attendees import AttendeeStore

GOOD = "ABC001,Ada Lovelace,ada@example.org,070,035,02052027,07700 900123,Wed,0,2,vegan"
BAD_EMAIL = 'ABC002,"Brennan, Carys",not-an-email,035,000,00000000,,thu,no,0,'
GOOD_2 = "ABC003,Zoë Kowalczyk,zoe@example.org,035,000,00000000,,Fri,1,1,halal"


def export(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "attendees.csv"
    path.write_text("\r\n".join([",".join(HEADER), *rows]) + "\r\n", encoding="utf-8")
    return path


def received(sqs: Any, url: str) -> list[dict[str, Any]]:
    messages: list[dict[str, Any]] = []
    while batch := sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages"):
        messages += [json.loads(m["Body"]) for m in batch]
        sqs.delete_message_batch(
            QueueUrl=url,
            Entries=[
                {"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(batch)
            ],
        )
    return messages


@pytest.fixture
def state(tmp_path: Path) -> str:
    return str(tmp_path / "state")


def test_a_clean_export_is_sent_and_exits_0(
    tmp_path: Path, sqs: Any, queues: Queues, state: str
) -> None:
    # Given an export of two valid rows
    path = export(tmp_path, GOOD, GOOD_2)
    # When it is uploaded to the queue
    result = clams("upload", path, "--queue-url", queues.source, "--state-dir", state)
    # Then both are on the queue, versioned by export time and line, and it exits 0
    assert result.exit_code == 0, result.output
    assert "sent 2, unchanged 0, rejected 0" in result.output
    messages = received(sqs, queues.source)
    assert [m["Attendee"]["AuthCode"] for m in messages] == ["ABC001", "ABC003"]
    assert messages[1]["Version"].endswith("#00000003")


def test_an_unchanged_re_upload_sends_nothing(
    tmp_path: Path, sqs: Any, queues: Queues, state: str
) -> None:
    # Given an export uploaded once and consumed
    path = export(tmp_path, GOOD, GOOD_2)
    clams("upload", path, "--queue-url", queues.source, "--state-dir", state)
    received(sqs, queues.source)
    # When it is uploaded again
    result = clams("upload", path, "--queue-url", queues.source, "--state-dir", state)
    # Then nothing reaches the queue
    assert result.exit_code == 0
    assert "sent 0, unchanged 2, rejected 0" in result.output
    assert received(sqs, queues.source) == []
    # And --force sends everything again
    forced = clams("upload", path, "--queue-url", queues.source, "--state-dir", state, "--force")
    assert "sent 2" in forced.output and len(received(sqs, queues.source)) == 2


def test_rejected_rows_go_to_a_file_with_line_reason_and_fields_and_exit_1(
    tmp_path: Path, sqs: Any, queues: Queues, state: str
) -> None:
    # Given an export whose second row has an invalid e-mail
    path = export(tmp_path, GOOD, BAD_EMAIL, GOOD_2)
    # When it is uploaded
    result = clams("upload", path, "--queue-url", queues.source, "--state-dir", state)
    # Then the good rows are sent, it exits 1, and the rejects file explains line 3
    assert result.exit_code == 1
    assert "sent 2, unchanged 0, rejected 1" in result.output
    rejects = tmp_path / "attendees.rejected.csv"
    with rejects.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))
    assert rows[0] == ["Line", "Reason", *HEADER]
    assert rows[1][0] == "3" and "Email" in rows[1][1]
    assert rows[1][2:5] == ["ABC002", "Brennan, Carys", "not-an-email"]
    # And once the row is fixed, a re-run removes the stale rejects file
    export(tmp_path, GOOD, BAD_EMAIL.replace("not-an-email", "carys@example.org"), GOOD_2)
    again = clams("upload", path, "--queue-url", queues.source, "--state-dir", state)
    assert again.exit_code == 0 and not rejects.exists()
    assert "sent 1, unchanged 2" in again.output


def test_upload_through_a_stack_reaches_the_store(
    tmp_path: Path,
    sqs: Any,
    queues: Queues,
    stack: str,
    state: str,
    writer: Any,
    attendee_store: AttendeeStore,
) -> None:
    # Given a stack that publishes its queue
    path = export(tmp_path, GOOD, GOOD_2)
    # When an export is uploaded to it and the writer polls the queue
    result = clams("upload", path, "--stack", stack, "--state-dir", state)
    failures = poll_once(sqs, queues.source, writer)
    # Then both attendees are stored
    assert result.exit_code == 0, result.output
    assert failures == []
    assert attendee_store.summary().attendees == 2


def test_a_dry_run_reads_but_sends_nothing(
    tmp_path: Path, sqs: Any, queues: Queues, state: str
) -> None:
    # Given an export with one bad row
    path = export(tmp_path, GOOD, BAD_EMAIL)
    # When it is dry-run
    result = clams("upload", path, "--dry-run", "--state-dir", state)
    # Then it says what it would send, and the queue stays empty
    assert result.exit_code == 1
    assert "would send 1, unchanged 0, rejected 1" in result.output
    assert received(sqs, queues.source) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--queue-url", "https://sqs.eu-west-2.amazonaws.com/123456789012/none"],
            "NonExistentQueue",
        ),
        (["--stack", "nowhere"], "no output 'attendees-queue-url'"),
        ([], "exactly one of --stack or --queue-url"),
    ],
)
def test_an_unknown_target_is_one_line_and_exit_2(
    tmp_path: Path, aws: None, state: str, args: list[str], message: str
) -> None:
    # Given a good export and a target that does not exist
    path = export(tmp_path, GOOD)
    # When it is uploaded there
    result = clams("upload", path, *args, "--state-dir", state)
    # Then one line explains and it exits 2
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_an_unreadable_file_is_one_line_and_exit_2(tmp_path: Path, queues: Queues) -> None:
    result = clams("upload", tmp_path / "missing.csv", "--queue-url", queues.source)
    assert result.exit_code == 2
    assert "cannot read" in result.output


def test_a_file_that_is_not_an_export_is_exit_2(tmp_path: Path, queues: Queues) -> None:
    path = tmp_path / "notes.csv"
    path.write_text("hello,world\r\n")
    result = clams("upload", path, "--queue-url", queues.source)
    assert result.exit_code == 2
    assert "header" in result.output


def test_an_unreachable_endpoint_is_one_line_and_exit_2(tmp_path: Path, state: str) -> None:
    # Given an endpoint where nothing listens
    path = export(tmp_path, GOOD)
    # When the upload tries it
    result = clams(
        "upload",
        path,
        "--queue-url",
        "http://127.0.0.1:9/queue/x",
        "--endpoint-url",
        "http://127.0.0.1:9",
        "--state-dir",
        state,
    )
    # Then it says it cannot reach it, and exits 2
    assert result.exit_code == 2
    assert "cannot reach" in result.output


def test_without_credentials_it_is_one_line_and_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, state: str
) -> None:
    # Given no AWS credentials anywhere
    for name in (
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "AWS_SECURITY_TOKEN",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    path = export(tmp_path, GOOD)
    # When it is uploaded
    result = clams(
        "upload",
        path,
        "--queue-url",
        "https://sqs.eu-west-2.amazonaws.com/1/q",
        "--state-dir",
        state,
    )
    # Then it says credentials are missing
    assert result.exit_code == 2
    assert "no AWS credentials" in result.output
