"""Helpers of the local-stack tests: an HTTP client, polling, sample exports, ``clams upload``."""

from __future__ import annotations

import base64
import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pytest

from clams.local.resources import TABLE
from clams.local.stack import LocalStack

T = TypeVar("T")


@dataclass(frozen=True)
class Reply:
    status: int
    body: Any


@dataclass(frozen=True)
class Browser:
    """Talks HTTP to the gateway, with or without Basic credentials."""

    base: str

    def request(
        self, method: str, path: str, auth: tuple[str, str] | None = None, body: Any = None
    ) -> Reply:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base + path, data=data, method=method)
        request.add_header("content-type", "application/json")
        if auth is not None:
            token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode()
            request.add_header("authorization", f"Basic {token}")
        try:
            with urllib.request.urlopen(request, timeout=30) as reply:
                return Reply(reply.status, _decode(reply.read()))
        except urllib.error.HTTPError as error:
            return Reply(error.code, _decode(error.read()))

    def get(self, path: str, auth: tuple[str, str] | None = None) -> Reply:
        return self.request("GET", path, auth)


def _decode(raw: bytes) -> Any:
    try:
        return json.loads(raw) if raw else None
    except ValueError:
        return raw.decode(errors="replace")


def eventually(probe: Callable[[], T | None], timeout: float = 30.0, every: float = 0.2) -> T:
    """The first truthy result of ``probe``; fails when none comes within ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = probe()
        if result:
            return result
        if time.monotonic() > deadline:
            pytest.fail(f"nothing after {timeout}s: {probe.__doc__ or probe}")
        time.sleep(every)


def clear_tables(stack: LocalStack) -> None:
    """Empty every table of the graph, so a scenario starts from nothing."""
    dynamodb = stack.client("dynamodb")
    for resource in stack.graph.of_type(TABLE):
        name = stack.realised.outputs[resource.urn]["name"]
        keys = [
            k["AttributeName"]
            for k in dynamodb.describe_table(TableName=name)["Table"]["KeySchema"]
        ]
        for page in dynamodb.get_paginator("scan").paginate(TableName=name):
            for item in page["Items"]:
                dynamodb.delete_item(TableName=name, Key={k: item[k] for k in keys})


BAMS_HEADER = (
    "AuthCode,Name,Email,AmountToPay,AmountPaid,DatePaid,Telephone,"
    "ArrivalDay,StayingLate,NumberOfKids,Diet"
)


def write_export(folder: Path, name: str, rows: list[str]) -> Path:
    path = folder / name
    path.write_text("\n".join([BAMS_HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def upload(stack: LocalStack, export: Path, state_dir: Path, export_time: str) -> str:
    """Run ``clams upload`` against the local stack, as a user would from a shell."""
    from click.testing import CliRunner

    from clams.cli.main import cli

    arguments = ["upload", str(export), "--stack", stack.graph.stack]
    arguments += ["--endpoint-url", stack.endpoint, "--state-dir", str(state_dir)]
    arguments += ["--export-time", export_time]
    result = CliRunner().invoke(cli, arguments)
    assert result.exit_code == 0, result.output
    return result.output
