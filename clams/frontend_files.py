"""How the front end's files are served, by the edge bucket and by the local stack alike."""

from __future__ import annotations

from pathlib import PurePath
from typing import Final

CONTENT_TYPES: Final = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".webmanifest": "application/manifest+json",
    ".txt": "text/plain; charset=utf-8",
    ".woff2": "font/woff2",
}


def content_type(path: str | PurePath) -> str:
    """The Content-Type of a front-end file, by its suffix."""
    return CONTENT_TYPES.get(PurePath(path).suffix.lower(), "application/octet-stream")
