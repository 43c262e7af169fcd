"""The stack's graph for the local stack, evaluated once per change of the program.

Evaluating the Pulumi program under mocks takes seconds; the result is kept under
``.clams/`` with a fingerprint of every file the program reads, and reused while none changes.
When it must be evaluated, :func:`stack_graph_soon` does it in a child process, so that the
local stack can load what it needs meanwhile on the machine's other core.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from clams.graph.model import Graph

PROJECT_ROOT: Final = Path(__file__).resolve().parents[2]
PROGRAM_FOLDERS: Final = ("components", "clams", "handlers", "migrations")
CACHE_DIR: Final = Path(".clams")


class GraphEvaluationError(RuntimeError):
    """The Pulumi program could not be evaluated under mocks."""


@dataclass
class PendingGraph:
    """A stack's graph: already read from the cache, or being evaluated by a child process."""

    cached: Path
    child: subprocess.Popen[bytes] | None = None
    graph: Graph | None = None

    def cancel(self) -> None:
        """Stop the child, if one is still evaluating (the local stack is not starting)."""
        if self.child is not None and self.child.poll() is None:
            self.child.kill()
            self.child.wait()

    def result(self) -> Graph:
        """The graph, once the child (if any) has written it to the cache."""
        if self.graph is not None:
            return self.graph
        if self.child is not None:
            _, errors = self.child.communicate()
            if self.child.returncode != 0:
                lines = errors.decode(errors="replace").strip().splitlines() or ["(no output)"]
                raise GraphEvaluationError(f"evaluating the stack's program failed: {lines[-1]}")
        # what the child wrote, even if a file changed meanwhile: the next start re-checks
        self.graph = _read_cache(self.cached, fingerprint=None)
        if self.graph is None:
            raise GraphEvaluationError(f"no graph was written to {self.cached}")
        return self.graph


def stack_graph(stack: str, cache_dir: Path = CACHE_DIR, root: Path = PROJECT_ROOT) -> Graph:
    """The graph of ``stack``: from the cache when the program is unchanged, else evaluated."""
    cached, fingerprint = _cache_file(stack, cache_dir), program_fingerprint(root)
    graph = _read_cache(cached, fingerprint)
    if graph is None:
        from clams.graph.evaluate import evaluate

        graph = evaluate(stack)
        _write_cache(cached, fingerprint, graph)
    return graph


def stack_graph_soon(
    stack: str, cache_dir: Path = CACHE_DIR, root: Path = PROJECT_ROOT
) -> PendingGraph:
    """The graph of ``stack``, evaluated in a child process unless the cache holds it."""
    cached, fingerprint = _cache_file(stack, cache_dir), program_fingerprint(root)
    graph = _read_cache(cached, fingerprint)
    if graph is not None:
        return PendingGraph(cached, graph=graph)
    command = [sys.executable, "-m", "clams.local.graphs", stack, str(cache_dir.resolve())]
    child = subprocess.Popen(  # noqa: S603 - this module, run by this interpreter
        command, cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    return PendingGraph(cached, child)


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


def _cache_file(stack: str, cache_dir: Path) -> Path:
    return cache_dir / f"graph-{stack}.json"


def _read_cache(cached: Path, fingerprint: str | None) -> Graph | None:
    """The kept graph if it is of the program with this fingerprint (any, when None);
    None when absent, stale or unreadable."""
    try:
        document = json.loads(cached.read_text(encoding="utf-8"))
        if fingerprint is not None and document.get("fingerprint") != fingerprint:
            return None
        return Graph.from_json(json.dumps(document["graph"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _write_cache(cached: Path, fingerprint: str, graph: Graph) -> None:
    """Written whole or not at all: several local stacks may start at once."""
    cached.parent.mkdir(parents=True, exist_ok=True)
    document = {"fingerprint": fingerprint, "graph": json.loads(graph.to_json())}
    partial = cached.with_name(f"{cached.name}.{os.getpid()}.partial")
    try:
        partial.write_text(json.dumps(document), encoding="utf-8")
        partial.replace(cached)
    finally:
        partial.unlink(missing_ok=True)


if __name__ == "__main__":
    stack_graph(sys.argv[1], Path(sys.argv[2]))
