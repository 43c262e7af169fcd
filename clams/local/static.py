"""The front end's files, served as they are (no build step)."""

from __future__ import annotations

from pathlib import Path
from typing import Final
from urllib.parse import unquote

from clams.frontend_files import content_type
from clams.local.events import HttpReply, message_reply

FRONTEND_DIR: Final = Path(__file__).resolve().parents[2] / "frontend"


def static_reply(root: Path, raw_path: str) -> HttpReply:
    """The file under ``root`` that ``raw_path`` names; ``/`` and folders mean index.html."""
    file = _file(root, raw_path)
    if file is None:
        return message_reply(404, "Not Found")
    headers = (("content-type", content_type(file)), ("cache-control", "no-cache"))
    return HttpReply(200, headers, file.read_bytes())


def _file(root: Path, raw_path: str) -> Path | None:
    base = root.resolve()
    candidate = (base / unquote(raw_path).lstrip("/")).resolve()
    if not candidate.is_relative_to(base):
        return None
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None
