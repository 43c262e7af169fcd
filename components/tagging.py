"""Every taggable resource of the stack carries the stack's tags, set in its own inputs."""

from __future__ import annotations

from collections.abc import Mapping

import pulumi


def tagger(
    tags: Mapping[str, str],
) -> pulumi.ResourceTransformation:
    """A stack transformation merging ``tags`` under each resource's own tags.

    A resource type accepts tags when its constructor's property bag has a ``tags`` key,
    so the tags show up in the resource's inputs (and in the resource graph).
    """

    def transform(
        args: pulumi.ResourceTransformationArgs,
    ) -> pulumi.ResourceTransformationResult | None:
        if "tags" not in args.props:
            return None
        props = dict(args.props)
        props["tags"] = merged_tags(tags, props.get("tags"))
        return pulumi.ResourceTransformationResult(props, args.opts)

    return transform


def merged_tags(defaults: Mapping[str, str], own: object) -> object:
    """The stack's tags under the resource's own (which may still be an Output)."""
    if own is None:
        return dict(defaults)
    if isinstance(own, Mapping):
        return {**defaults, **own}
    return pulumi.Output.from_input(own).apply(lambda value: _merge(defaults, value))


def _merge(defaults: Mapping[str, str], own: object) -> dict[str, object]:
    return {**defaults, **(own if isinstance(own, Mapping) else {})}
