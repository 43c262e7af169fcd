"""What each queue was last sent, per attendee, so an unchanged re-upload sends nothing.

The state is one small JSON file per target queue. A row's hash is remembered only after
the queue accepted it; a missing or unreadable state file just means everything is sent.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Final

from clams.domain.attendee import Attendee

STATE_DIR_ENV: Final = "CLAMS_STATE_DIR"


def default_state_dir(environ: Mapping[str, str]) -> Path:
    """``$CLAMS_STATE_DIR`` when set, else ``~/.clams``."""
    configured = environ.get(STATE_DIR_ENV)
    return Path(configured) if configured else Path.home() / ".clams"


def content_hash(attendee: Attendee) -> str:
    return hashlib.sha256(attendee.model_dump_json().encode("utf-8")).hexdigest()[:32]


class SentHashes:
    """Content hashes of the attendees last sent to one target, by AuthCode."""

    def __init__(self, path: Path, target: str, hashes: dict[str, str] | None = None) -> None:
        self.path = path
        self.target = target
        self._hashes = hashes or {}

    @classmethod
    def load(cls, state_dir: Path, target: str) -> SentHashes:
        key = hashlib.sha256(target.encode("utf-8")).hexdigest()[:16]
        path = state_dir / f"sent-{key}.json"
        return cls(path, target, _read(path, target))

    def unchanged(self, code: str, digest: str) -> bool:
        return self._hashes.get(code) == digest

    def remember(self, code: str, digest: str) -> None:
        self._hashes[code] = digest

    def save(self) -> None:
        """Write the state atomically: an interrupted save leaves the previous one intact."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = json.dumps({"target": self.target, "hashes": self._hashes}, sort_keys=True)
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(data)
        Path(temporary).replace(self.path)


def _read(path: Path, target: str) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("target") != target:
        return {}
    hashes = data.get("hashes")
    return {str(k): str(v) for k, v in hashes.items()} if isinstance(hashes, dict) else {}
