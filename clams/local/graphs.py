"""The stack's graph for the local stack, evaluated once per change of the program.

Evaluating the Pulumi program under mocks takes seconds; the result is kept under
``.clams/`` with a fingerprint of every file the program reads, and reused while none changes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Final

from clams.graph.model import Graph

PROJECT_ROOT: Final = Path(__file__).resolve().parents[2]
PROGRAM_FOLDERS: Final = ("components", "clams", "handlers", "migrations")
CACHE_DIR: Final = Path(".clams")


def stack_graph(stack: str, cache_dir: Path = CACHE_DIR, root: Path = PROJECT_ROOT) -> Graph:
    """The graph of ``stack``: from the cache when the program is unchanged, else evaluated."""
    cached = cache_dir / f"graph-{stack}.json"
    fingerprint = program_fingerprint(root)
    if cached.is_file():
        document = json.loads(cached.read_text(encoding="utf-8"))
        if document.get("fingerprint") == fingerprint:
            return Graph.from_json(json.dumps(document["graph"]))
    from clams.graph.evaluate import evaluate

    graph = evaluate(stack)
    cache_dir.mkdir(parents=True, exist_ok=True)
    document = {"fingerprint": fingerprint, "graph": json.loads(graph.to_json())}
    cached.write_text(json.dumps(document), encoding="utf-8")
    return graph


def program_fingerprint(root: Path) -> str:
    digest = hashlib.sha256()
    for path in _program_files(root):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _program_files(root: Path) -> Iterator[Path]:
    yield from sorted(root.glob("Pulumi*.yaml"))
    yield from sorted(root.glob("*.py"))
    for folder in PROGRAM_FOLDERS:
        yield from sorted((root / folder).rglob("*.py"))
