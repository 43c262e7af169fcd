"""The front end's files in the edge bucket, plus ``config.json`` naming the API."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pulumi
import pulumi_aws as aws

from clams.frontend_files import content_type

NO_CACHE = "no-cache"
CONFIG_KEY = "config.json"


def site_files(folder: Path) -> dict[str, Path]:
    """Every file under ``folder`` by its object key, in a stable order."""
    if not folder.is_dir():
        return {}
    files = (p for p in sorted(folder.rglob("*")) if p.is_file() and not p.name.startswith("."))
    return {p.relative_to(folder).as_posix(): p for p in files if p.name != CONFIG_KEY}


def site_config(api_url: str) -> str:
    return json.dumps({"apiBase": api_url})


@dataclass(frozen=True)
class SiteArgs:
    bucket: aws.s3.Bucket
    folder: Path
    api_url: pulumi.Input[str]


class Site(pulumi.ComponentResource):
    def __init__(
        self, name: str, args: SiteArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        super().__init__("clams:components:Site", name, None, opts)
        self._child = pulumi.ResourceOptions(parent=self)
        for key, path in site_files(args.folder).items():
            self._object(key, args.bucket, source=pulumi.FileAsset(path))
        self._object(
            CONFIG_KEY,
            args.bucket,
            content=pulumi.Output.from_input(args.api_url).apply(site_config),
        )
        self.register_outputs({})

    def _object(
        self,
        key: str,
        bucket: aws.s3.Bucket,
        source: pulumi.Asset | None = None,
        content: pulumi.Input[str] | None = None,
    ) -> None:
        aws.s3.BucketObjectv2(
            key,
            bucket=bucket.id,
            key=key,
            source=source,
            content=content,
            content_type=content_type(key),
            cache_control=NO_CACHE if key.endswith((".html", ".json")) else None,
            opts=self._child,
        )
