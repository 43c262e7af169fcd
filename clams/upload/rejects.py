"""``FILE.rejected.csv``: the rows of an export that could not be read, with line and reason."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any, Final

from clams.domain.bams import HEADER, Rejection

COLUMNS: Final = ("Line", "Reason", *HEADER)


def rejects_path(export: Path) -> Path:
    """``attendees.csv`` → ``attendees.rejected.csv``."""
    return export.with_name(f"{export.stem}.rejected.csv")


class RejectsFile:
    """Written only when a row is rejected; a rejects file left by an earlier run is removed.

    Bytes that were not UTF-8 in the export are written back as they were.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.count = 0
        self._out: Any = None
        self._writer: Any = None
        path.unlink(missing_ok=True)

    def add(self, rejection: Rejection) -> None:
        if self._writer is None:
            self._out = self.path.open("w", encoding="utf-8", errors="surrogateescape", newline="")
            self._writer = csv.writer(self._out, lineterminator="\r\n")
            self._writer.writerow(COLUMNS)
        self._writer.writerow([rejection.line, rejection.reason, *rejection.fields])
        self.count += 1

    def close(self) -> None:
        if self._out is not None:
            self._out.close()
