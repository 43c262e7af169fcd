"""Messages packed into SendMessageBatch calls: at most ten, never over the batch size limit."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

MAX_ENTRIES: Final = 10
MAX_BATCH_BYTES: Final = 256 * 1024


@dataclass(frozen=True)
class Entry:
    """One message to send: its batch entry id, body, and the attendee code and content hash."""

    id: str
    body: str
    code: str = ""
    digest: str = ""

    @property
    def size(self) -> int:
        return len(self.body.encode("utf-8"))


@dataclass
class BatchBuilder:
    """Collects entries; ``add`` hands back a full batch when the next entry would not fit."""

    max_entries: int = MAX_ENTRIES
    max_bytes: int = MAX_BATCH_BYTES
    _entries: list[Entry] = field(default_factory=list)
    _bytes: int = 0

    def add(self, entry: Entry) -> list[Entry] | None:
        full = None
        if self._entries and (
            len(self._entries) >= self.max_entries or self._bytes + entry.size > self.max_bytes
        ):
            full = self.take()
        self._entries.append(entry)
        self._bytes += entry.size
        return full

    def take(self) -> list[Entry]:
        """The entries collected so far (perhaps none), leaving the builder empty."""
        entries, self._entries, self._bytes = self._entries, [], 0
        return entries
