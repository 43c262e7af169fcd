"""Schema migrations on deploy: the migrate function is invoked whenever migrations change."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pulumi
import pulumi_aws as aws

UPGRADE_EVENT = {"action": "upgrade"}


def folder_digest(folder: Path) -> str:
    """A hash of every file's path and content under ``folder`` (``empty`` when none)."""
    digest = hashlib.sha256()
    files = sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    for path in files:
        digest.update(path.relative_to(folder).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest() if files else "empty"


@dataclass(frozen=True)
class MigrationsArgs:
    function: aws.lambda_.Function
    migrations: Path
    after: Sequence[pulumi.Resource] = ()


class Migrations(pulumi.ComponentResource):
    def __init__(
        self, name: str, args: MigrationsArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        super().__init__("clams:components:Migrations", name, None, opts)
        aws.lambda_.Invocation(
            "upgrade",
            function_name=args.function.name,
            input=json.dumps(UPGRADE_EVENT),
            triggers={"migrations": folder_digest(args.migrations)},
            opts=pulumi.ResourceOptions(parent=self, depends_on=list(args.after)),
        )
        self.register_outputs({})
