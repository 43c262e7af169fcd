from __future__ import annotations

from clams.upload.batches import MAX_BATCH_BYTES, BatchBuilder, Entry


def _fill(builder: BatchBuilder, entries: list[Entry]) -> list[list[Entry]]:
    batches = [full for e in entries if (full := builder.add(e))]
    return [*batches, builder.take()]


def test_entries_go_out_ten_at_a_time() -> None:
    # Given 25 small messages
    entries = [Entry(str(i), "x") for i in range(25)]
    # When they are packed
    batches = _fill(BatchBuilder(), entries)
    # Then the batches hold 10, 10 and 5, in order
    assert [len(b) for b in batches] == [10, 10, 5]
    assert [e.id for b in batches for e in b] == [str(i) for i in range(25)]


def test_a_batch_never_exceeds_the_size_limit() -> None:
    # Given messages of 100 KB each (three would be over 256 KB)
    entries = [Entry(str(i), "é" * 50_000) for i in range(5)]
    # When they are packed
    batches = _fill(BatchBuilder(), entries)
    # Then no batch is over the limit, counting bytes rather than characters
    assert [len(b) for b in batches] == [2, 2, 1]
    assert all(sum(e.size for e in b) <= MAX_BATCH_BYTES for b in batches)


def test_taking_from_an_empty_builder_gives_nothing() -> None:
    assert BatchBuilder().take() == []
