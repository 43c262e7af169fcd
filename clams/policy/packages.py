"""Lambda code packages and layers within Lambda's size limits, where their files are known.

A package may be a Pulumi archive (FileArchive, AssetArchive of FileAssets) or, in a graph
file, the same written as ``{"archive": {name: {"asset": {"path": ...}}}}``, ``{"path": ...}``
or a plain path. Relative paths are read from the current directory (the project root).
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from clams.graph.model import Graph, Resource
from clams.policy import tokens
from clams.policy.config import PolicyConfig
from clams.policy.core import Finding, resource_rule, stack_rule
from clams.policy.refs import named
from clams.policy.values import mapping, strings

MB = 1024 * 1024
ZIPPED_LIMIT = 50 * MB
UNZIPPED_LIMIT = 250 * MB
MAX_LAYERS = 5


@dataclass(frozen=True)
class Size:
    zipped: int = 0
    unzipped: int = 0

    def __add__(self, other: Size) -> Size:
        return Size(self.zipped + other.zipped, self.unzipped + other.unzipped)


def package_size(archive: object) -> Size:
    """The size of a package's files, as far as they can be found on this machine."""
    if isinstance(archive, str):
        return path_size(Path(archive))
    path = getattr(archive, "path", None) or mapping(archive).get("path")
    if isinstance(path, str):
        return path_size(Path(path))
    members = getattr(archive, "assets", None) or _wrapped(mapping(archive))
    if "path" in mapping(members):
        return package_size(members)
    return sum((package_size(m) for m in mapping(members).values()), Size())


def _wrapped(archive: Mapping[str, Any]) -> object:
    return archive.get("assets") or archive.get("archive") or archive.get("asset")


def path_size(path: Path) -> Size:
    if path.is_file() and zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as package:
            unzipped = sum(i.file_size for i in package.infolist())
        return Size(path.stat().st_size, unzipped)
    if path.is_file():
        return Size(path.stat().st_size, path.stat().st_size)
    return Size(0, _tree_size(path)) if path.is_dir() else Size()


def _tree_size(root: Path) -> int:
    total = 0
    for file in (p for p in root.rglob("*") if p.is_file()):
        total += file.stat().st_size
        if total > UNZIPPED_LIMIT:
            break
    return total


def code_of(resource: Resource) -> Size:
    return package_size(mapping(resource.inputs).get("code"))


@resource_rule(
    "lambda-package-size",
    "Code packages and layers stay under 50 MB zipped and 250 MB unzipped.",
    tokens.FUNCTION,
    tokens.LAYER,
)
def package_within_limits(resource: Resource, config: PolicyConfig) -> Iterator[str]:
    size = code_of(resource)
    if size.zipped > ZIPPED_LIMIT:
        yield f"package is {size.zipped / MB:.1f} MB zipped, above {ZIPPED_LIMIT // MB} MB"
    if size.unzipped > UNZIPPED_LIMIT:
        yield f"package is {size.unzipped / MB:.1f} MB unzipped, above {UNZIPPED_LIMIT // MB} MB"


@stack_rule(
    "lambda-layers",
    f"A function uses at most {MAX_LAYERS} layers and, with them, stays under 250 MB unzipped.",
)
def layers_within_limits(graph: Graph, config: PolicyConfig) -> Iterator[Finding]:
    for function in graph.of_type(tokens.FUNCTION):
        arns = strings(mapping(function.inputs).get("layers"))
        if len(arns) > MAX_LAYERS:
            yield function.urn, f"function '{function.name}' uses {len(arns)} layers"
        layers = [layer for arn in arns for layer in named(graph, arn, [tokens.LAYER])[:1]]
        total = sum((code_of(r) for r in [function, *layers]), Size()).unzipped
        if total > UNZIPPED_LIMIT:
            yield function.urn, f"function '{function.name}' and its layers are {total / MB:.1f} MB"


RULES = (package_within_limits, layers_within_limits)
