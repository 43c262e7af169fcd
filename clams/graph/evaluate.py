"""Evaluate the Pulumi program under Pulumi's mocks and record its resource graph.

No cloud, no Pulumi CLI: the stack's config comes from ``Pulumi.<stack>.yaml`` (``secure:``
values get stand-ins), every registration is recorded with its parent, dependencies and
inputs (secrets redacted), and the mocks answer with realistic identifiers.
"""

from __future__ import annotations

import json
import runpy
import threading
from pathlib import Path
from typing import Any

import pulumi
import yaml
from pulumi.runtime import mocks as pulumi_mocks
from pulumi.runtime import rpc
from pulumi.runtime.proto import resource_pb2
from pulumi.runtime.settings import reset_options
from pulumi.runtime.stack import run_pulumi_func
from pulumi.runtime.sync_await import _ensure_event_loop, _sync_await

from clams.graph.mocks import GraphMocks, identity
from clams.graph.model import REDACTED, Graph, Resource

PROJECT_ROOT = Path(__file__).resolve().parents[2]
STAND_IN = "stand-in-for-a-secret"
EVALUATION_ONLY = {"clams:buildLayers": "false"}
"""Config the evaluation adds: never download dependency layers under the mocks."""
_LOCK = threading.Lock()


class UnknownStackError(ValueError):
    """There is no ``Pulumi.<stack>.yaml`` for the stack asked for."""


def stack_config(stack: str, root: Path = PROJECT_ROOT) -> tuple[dict[str, str], list[str]]:
    """The stack's config as Pulumi passes it to a program (strings), and the secret keys."""
    path = root / f"Pulumi.{stack}.yaml"
    if not path.is_file():
        raise UnknownStackError(f"no stack named {stack!r} (expected {path.name})")
    document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    config: dict[str, str] = {}
    secrets: list[str] = []
    for key, value in (document.get("config") or {}).items():
        if isinstance(value, dict) and "secure" in value:
            config[key], secrets = STAND_IN, [*secrets, key]
        else:
            config[key] = value if isinstance(value, str) else json.dumps(value)
    return config | EVALUATION_ONLY, secrets


class RecordingMonitor(pulumi_mocks.MockMonitor):
    """The mock monitor, also keeping each registration's parent, dependencies and inputs."""

    def __init__(self, mocks: GraphMocks) -> None:
        super().__init__(mocks)
        self.region = mocks.region
        self.recorded: dict[str, Resource] = {}

    def RegisterResource(self, request: Any) -> Any:
        urn = self.make_urn(request.parent, request.type, request.name)
        if request.type == "pulumi:pulumi:Stack":
            return resource_pb2.RegisterResourceResponse(urn=urn)
        _ensure_event_loop()  # type: ignore[no-untyped-call]
        inputs = rpc.deserialize_properties(request.object)
        outputs = identity(request.type, request.name, inputs, self.region)
        state = {**inputs, **outputs}
        self.resources[urn] = pulumi_mocks.MockMonitor.ResourceRegistration(
            urn, outputs["id"], state
        )
        self.recorded[urn] = _resource(urn, request, inputs, outputs)
        obj = _sync_await(rpc.serialize_properties(state, {}))
        return resource_pb2.RegisterResourceResponse(urn=urn, id=outputs["id"], object=obj)


def _resource(urn: str, request: Any, inputs: dict[str, Any], outputs: dict[str, Any]) -> Resource:
    return Resource(
        urn=urn,
        type=request.type,
        name=request.name,
        parent=request.parent or None,
        dependencies=tuple(sorted(set(request.dependencies))),
        inputs=plain(inputs),
        outputs=plain(outputs),
    )


def plain(value: Any) -> Any:
    """JSON-ready: secrets redacted, assets as paths, whole floats as ints, keys sorted."""
    if rpc.is_rpc_secret(value):
        return REDACTED
    if isinstance(value, pulumi.Asset | pulumi.Archive):
        return _asset(value)
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in sorted(value.items())}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _asset(value: pulumi.Asset | pulumi.Archive) -> dict[str, Any]:
    if isinstance(value, pulumi.AssetArchive):
        return {"archive": {name: plain(a) for name, a in sorted(value.assets.items())}}
    if isinstance(value, pulumi.FileArchive | pulumi.FileAsset):
        kind = "archive" if isinstance(value, pulumi.Archive) else "asset"
        return {kind: {"path": _relative(value.path)}}
    if isinstance(value, pulumi.StringAsset):
        return {"asset": {"text": value.text}}
    return {"asset": {"unsupported": type(value).__name__}}


def _relative(path: str) -> str:
    candidate = Path(path)
    if candidate.is_absolute() and candidate.is_relative_to(PROJECT_ROOT):
        return candidate.relative_to(PROJECT_ROOT).as_posix()
    return str(path)


def evaluate(stack: str, program: Path | None = None, project: str = "clams") -> Graph:
    """Run the Pulumi program for ``stack`` under mocks and return its resource graph."""
    config, secrets = stack_config(stack)
    region = config.get("aws:region", "eu-west-2")
    with _LOCK:
        monitor = _start(project, stack, region, config, secrets)
        path = program or PROJECT_ROOT / "__main__.py"
        _sync_await(run_pulumi_func(lambda: _run(path)))
        resources = tuple(sorted(monitor.recorded.values(), key=lambda r: r.urn))
    return Graph(project=project, stack=stack, resources=resources)


def _run(program: Path) -> None:
    runpy.run_path(str(program), run_name="__pulumi__")


def _start(
    project: str, stack: str, region: str, config: dict[str, str], secrets: list[str]
) -> RecordingMonitor:
    reset_options(project=project, stack=stack)
    pulumi.runtime.set_all_config(
        {_qualified(key, project): value for key, value in config.items()}, secrets
    )
    mocks = GraphMocks(region)
    monitor = RecordingMonitor(mocks)
    pulumi.runtime.set_mocks(mocks, project=project, stack=stack, preview=False, monitor=monitor)
    return monitor


def _qualified(key: str, project: str) -> str:
    return key if ":" in key else f"{project}:{key}"
