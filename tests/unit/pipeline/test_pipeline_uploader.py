from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from pipeline_fakes import FakeQueue, Rows, export_text, read

from clams.stores.dynamo import Backoff
from clams.upload.hashes import SentHashes
from clams.upload.service import Uploader, UploadReport, latest_lines

WHEN = datetime(2027, 6, 1, 9, 30, tzinfo=UTC)
CODES = [f"ABC{i:03d}" for i in range(12)]


def _upload(
    text: str,
    queue: FakeQueue,
    hashes: SentHashes,
    force: bool = False,
    seen: Rows | None = None,
) -> UploadReport:
    items = read(text)
    uploader = Uploader(
        queue, hashes, seen or Rows(), seen or Rows(), Backoff(sleep=lambda _: None), force
    )
    return uploader.upload(items, latest_lines(items), WHEN)


def test_every_valid_row_is_sent_once_in_batches(queue: FakeQueue, state_dir: Path) -> None:
    # Given an export of twelve attendees
    text = export_text(*({"AuthCode": c} for c in CODES))
    # When it is uploaded
    report = _upload(text, queue, SentHashes.load(state_dir, "q"))
    # Then twelve messages went out in two calls, each carrying the export time and line
    assert report.sent == 12 and report.complete
    assert queue.calls == 2
    first = json.loads(queue.bodies[0])
    assert first["Attendee"]["AuthCode"] == "ABC000"
    assert first["Version"] == "2027-06-01T09:30:00.000000Z#00000002"


def test_an_unchanged_re_upload_sends_nothing(queue: FakeQueue, state_dir: Path) -> None:
    # Given an export uploaded once
    text = export_text(*({"AuthCode": c} for c in CODES))
    hashes = SentHashes.load(state_dir, "q")
    _upload(text, queue, hashes)
    calls = queue.calls
    # When it is uploaded again
    report = _upload(text, queue, hashes)
    # Then nothing is sent and every row is unchanged
    assert queue.calls == calls
    assert (report.sent, report.unchanged) == (0, 12)


def test_only_changed_rows_are_sent_again(queue: FakeQueue, state_dir: Path) -> None:
    # Given an export uploaded once, then one payment recorded
    hashes = SentHashes.load(state_dir, "q")
    _upload(export_text(*({"AuthCode": c} for c in CODES)), queue, hashes)
    changed = [{"AuthCode": c} | ({"AmountPaid": "070"} if c == "ABC005" else {}) for c in CODES]
    # When the new export is uploaded
    report = _upload(export_text(*changed), queue, hashes)
    # Then only that attendee is sent
    assert (report.sent, report.unchanged) == (1, 11)
    assert json.loads(queue.bodies[-1])["Attendee"]["AuthCode"] == "ABC005"


def test_force_sends_everything_again(queue: FakeQueue, state_dir: Path) -> None:
    # Given an export uploaded once
    text = export_text(*({"AuthCode": c} for c in CODES))
    hashes = SentHashes.load(state_dir, "q")
    _upload(text, queue, hashes)
    # When it is uploaded again with force
    report = _upload(text, queue, hashes, force=True)
    # Then every row is sent again
    assert report.sent == 12


def test_a_row_that_was_not_sent_is_sent_next_time(queue: FakeQueue, state_dir: Path) -> None:
    # Given an upload during which the queue refuses one row for good
    text = export_text({"AuthCode": "ABC001"}, {"AuthCode": "ABC002"})
    hashes = SentHashes.load(state_dir, "q")
    queue.refuse = [{"line3": False}]
    first = _upload(text, queue, hashes)
    # When the same export is uploaded again
    second = _upload(text, queue, hashes)
    # Then the refused row was not remembered as sent, and goes out now
    assert (first.sent, first.unsent, first.complete) == (1, 1, False)
    assert (second.sent, second.unchanged) == (1, 1)


def test_of_two_rows_with_one_code_only_the_later_is_sent(
    queue: FakeQueue, state_dir: Path
) -> None:
    # Given an export naming one code twice
    text = export_text({"AuthCode": "ABC001", "Name": "Old"}, {"AuthCode": "abc001", "Name": "New"})
    # When it is uploaded twice
    hashes = SentHashes.load(state_dir, "q")
    report = _upload(text, queue, hashes)
    again = _upload(text, queue, hashes)
    # Then the later row alone was sent, with a warning, and the re-upload sends nothing
    assert [json.loads(b)["Attendee"]["Name"] for b in queue.bodies] == ["New"]
    assert (report.sent, report.superseded) == (1, 1)
    assert any("line 3 wins" in warning for _, warning in report.warnings)
    assert again.sent == 0


def test_rejected_rows_are_handed_over_and_the_rest_still_sent(
    queue: FakeQueue, state_dir: Path
) -> None:
    # Given an export with a bad e-mail on line 3
    text = export_text({"AuthCode": "ABC001"}, {"AuthCode": "ABC002", "Email": "nope"})
    seen = Rows()
    # When it is uploaded
    report = _upload(text, queue, SentHashes.load(state_dir, "q"), seen=seen)
    # Then line 3 is rejected with its fields, line 2 is sent, and every row ticked progress
    assert [r.line for r in seen.items] == [3]
    assert seen.items[0].fields[0] == "ABC002"
    assert (report.sent, report.rejected, report.complete) == (1, 1, False)
    assert seen.ticks == 2
