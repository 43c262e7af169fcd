"""What each Lambda function ships: its code package and its dependency layer.

The code package holds only the project modules the handler imports, directly or through
other project modules (found by reading the sources with ``ast``, never by importing them).
The layer holds only the third-party distributions those modules import. Building a layer
downloads wheels, so only the real deploy path calls :func:`build_layer`.
"""

from __future__ import annotations

import ast
import hashlib
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib.metadata import packages_distributions
from pathlib import Path

PROJECT_PACKAGES: tuple[str, ...] = ("clams", "handlers")
IN_RUNTIME: frozenset[str] = frozenset({"boto3", "botocore", "s3transfer", "jmespath"})
"""Distributions the Lambda Python runtime already provides."""

COMPANIONS: dict[str, tuple[str, ...]] = {"psycopg": ("psycopg-binary",)}
"""Optional distributions a function needs on Lambda, where no system libpq exists."""

LAYER_PLATFORM = "manylinux2014_aarch64"
LAYER_PYTHON = "3.13"


@dataclass(frozen=True)
class CodePackage:
    """The files of one function's code package, as archive path -> file on disk."""

    files: dict[str, Path]
    distributions: frozenset[str]

    @property
    def modules(self) -> frozenset[str]:
        return frozenset(module_name(path) for path in self.files if path.endswith(".py"))


def module_name(archive_path: str) -> str:
    parts = archive_path.removesuffix(".py").split("/")
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


class ProjectSources:
    """The project's Python modules under ``root``, and what each of them imports."""

    def __init__(self, root: Path, packages: Iterable[str] = PROJECT_PACKAGES) -> None:
        self.root = root
        self.packages = tuple(packages)

    def path_of(self, module: str) -> Path | None:
        base = self.root.joinpath(*module.split("."))
        for candidate in (base.with_suffix(".py"), base / "__init__.py"):
            if candidate.is_file():
                return candidate
        return None

    def is_project(self, module: str) -> bool:
        return module.split(".")[0] in self.packages

    def imports_of(self, path: Path, module: str) -> set[str]:
        version = path.stat().st_mtime_ns
        return set(_imports_of(path, version, module, self.root, self.packages))


@cache
def _imports_of(
    path: Path, version: int, module: str, root: Path, packages: tuple[str, ...]
) -> frozenset[str]:
    """Parsed once per version of the file: every function's package reads many of the
    same modules."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    return frozenset(_imported_names(tree, package, ProjectSources(root, packages)))


def _imported_names(tree: ast.AST, package: str, sources: ProjectSources) -> Iterator[str]:
    for node in _runtime_nodes(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _resolve_from(node, package)
            yield base
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                if sources.is_project(candidate) and sources.path_of(candidate):
                    yield candidate


def _runtime_nodes(tree: ast.AST) -> Iterator[ast.AST]:
    """Every node except those under ``if TYPE_CHECKING:`` (never imported at run time)."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            yield from (n for child in node.orelse for n in (child, *_runtime_nodes(child)))
            continue
        yield node
        yield from _runtime_nodes(node)


def _resolve_from(node: ast.ImportFrom, package: str) -> str:
    if not node.level:
        return node.module or ""
    parts = package.split(".")
    base = ".".join(parts[: len(parts) - node.level + 1])
    return f"{base}.{node.module}" if node.module else base


def with_parents(module: str) -> list[str]:
    """``a.b.c`` -> ``a``, ``a.b``, ``a.b.c``: importing a module runs its packages first."""
    parts = module.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts) + 1)]


def import_closure(sources: ProjectSources, roots: Iterable[str]) -> tuple[set[str], set[str]]:
    """The project modules reachable from ``roots``, and the top-level third-party imports."""
    seen: set[str] = set()
    external: set[str] = set()
    pending = [m for root in roots for m in with_parents(root)]
    while pending:
        module = pending.pop()
        if module in seen:
            continue
        path = sources.path_of(module)
        if path is None:
            continue
        seen.add(module)
        for name in sources.imports_of(path, module):
            if sources.is_project(name):
                pending.extend(with_parents(name))
            elif name:
                external.add(name.split(".")[0])
    return seen, external


def distributions_for(top_level_imports: Iterable[str]) -> frozenset[str]:
    """The installed distributions providing these imports, less stdlib and the runtime's."""
    providers = _import_providers()
    found: set[str] = set()
    for name in top_level_imports:
        if name in sys.stdlib_module_names or name == "__future__":
            continue
        found.update(dist.lower() for dist in providers.get(name, ()))
    found.update(extra for dist in list(found) for extra in COMPANIONS.get(dist, ()))
    return frozenset(found - IN_RUNTIME)


@cache
def _import_providers() -> dict[str, list[str]]:
    return dict(packages_distributions())


def code_package(
    root: Path, handler: str, extra_paths: Iterable[str] = (), packages: Iterable[str] = ()
) -> CodePackage:
    """The code package of the function whose handler is ``module.function``."""
    sources = ProjectSources(root, tuple(packages) or PROJECT_PACKAGES)
    extras = _extra_files(root, extra_paths)
    extra_modules = [_module_of_extra(root, path) for path in extras if path.suffix == ".py"]
    modules, external = import_closure(sources, [handler.rpartition(".")[0]])
    for path, module in extra_modules:
        found, more = _closure_of_file(sources, path, module)
        modules |= found
        external |= more
    files = {_archive_path(root, sources.path_of(m)): sources.path_of(m) for m in modules}
    files |= {_archive_path(root, path): path for path in extras}
    return CodePackage(
        files={k: v for k, v in sorted(files.items()) if v is not None},
        distributions=distributions_for(external),
    )


def _closure_of_file(sources: ProjectSources, path: Path, module: str) -> tuple[set[str], set[str]]:
    names = sources.imports_of(path, module)
    project = [n for n in names if sources.is_project(n)]
    modules, external = import_closure(sources, project)
    return modules, external | {n.split(".")[0] for n in names if not sources.is_project(n) and n}


def _extra_files(root: Path, extra_paths: Iterable[str]) -> list[Path]:
    files: list[Path] = []
    for extra in extra_paths:
        path = root / extra
        if path.is_file():
            files.append(path)
        elif path.is_dir():
            files.extend(p for p in sorted(path.rglob("*")) if _shippable(p))
    return files


def _shippable(path: Path) -> bool:
    return path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"


def _module_of_extra(root: Path, path: Path) -> tuple[Path, str]:
    return path, module_name(path.relative_to(root).as_posix())


def _archive_path(root: Path, path: Path | None) -> str:
    return path.relative_to(root).as_posix() if path else ""


def layer_requirements(distributions: Iterable[str], constraints: Path) -> list[str]:
    """Pinned requirement lines (``name==version``) for the distributions, from constraints."""
    pins = _read_pins(constraints)
    return sorted(pins.get(_normal(d), d) for d in distributions)


def _read_pins(constraints: Path) -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in constraints.read_text(encoding="utf-8").splitlines():
        requirement = line.split("#")[0].strip()
        if "==" in requirement:
            name = requirement.split("==")[0].split("[")[0]
            pins[_normal(name)] = requirement
    return pins


def _normal(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def layer_digest(requirements: Iterable[str]) -> str:
    return hashlib.sha256("\n".join(sorted(requirements)).encode()).hexdigest()[:16]


def pip_layer_command(requirements: Iterable[str], target: Path) -> list[str]:
    """The pip command that installs the requirements for Lambda's arm64 Linux runtime."""
    return [
        sys.executable,
        "-m",
        "pip",
        "install",
        "--quiet",
        "--platform",
        LAYER_PLATFORM,
        "--only-binary=:all:",
        "--implementation",
        "cp",
        "--python-version",
        LAYER_PYTHON,
        "--target",
        str(target / "python"),
        *sorted(requirements),
    ]


def pip_install(requirements: list[str], target: Path) -> None:
    subprocess.run(pip_layer_command(requirements, target), check=True)  # noqa: S603


def build_layer(
    requirements: list[str],
    cache_dir: Path,
    install: Callable[[list[str], Path], None] = pip_install,
) -> Path:
    """The layer's root folder (``python/`` inside), installed once per set of requirements.

    Downloads wheels: call it only on the real deploy path, never under the mocks.
    """
    digest = layer_digest(requirements)
    target, done = cache_dir / digest, cache_dir / f"{digest}.complete"
    if not done.exists():
        install(requirements, target)
        done.touch()
    return target
