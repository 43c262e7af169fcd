"""Tags: every taggable resource says what it belongs to, where, who to ask and how it was made."""

from __future__ import annotations

from collections.abc import Iterator

from clams.graph.model import Graph, Resource
from clams.policy import tokens
from clams.policy.config import PolicyConfig
from clams.policy.core import Finding, stack_rule
from clams.policy.values import dig, json_document, mapping

REQUIRED_TAGS = ("Product", "Environment", "Contact", "Orchestration")


@stack_rule(
    "tags-required",
    f"Every taggable resource carries the tags {', '.join(REQUIRED_TAGS)}.",
)
def required_tags(graph: Graph, config: PolicyConfig) -> Iterator[Finding]:
    inherited = provider_default_tags(graph)
    for resource in graph:
        if resource.type in tokens.TAGGABLE:
            missing = [t for t in REQUIRED_TAGS if t not in inherited | own_tags(resource)]
            if missing:
                yield resource.urn, f"'{resource.name}' lacks the tags {', '.join(missing)}"


def own_tags(resource: Resource) -> set[str]:
    inputs, outputs = mapping(resource.inputs), mapping(resource.outputs)
    found = [inputs.get("tags"), inputs.get("tagsAll"), outputs.get("tagsAll")]
    return {key for tags in found for key, value in mapping(tags).items() if value}


def provider_default_tags(graph: Graph) -> set[str]:
    """Tags that every AWS provider of the stack adds to each of its resources."""
    providers = graph.of_type(tokens.AWS_PROVIDER)
    if not providers:
        return set()
    each = [default_tags(p) for p in providers]
    return set.intersection(*each)


def default_tags(provider: Resource) -> set[str]:
    declared = json_document(mapping(provider.inputs).get("defaultTags"))
    return {key for key, value in mapping(dig(declared, "tags")).items() if value}


RULES = (required_tags,)
