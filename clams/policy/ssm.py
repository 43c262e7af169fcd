"""SSM Parameter Store: credentials only as SecureString."""

from __future__ import annotations

import re
from collections.abc import Iterator

from clams.graph.model import Resource
from clams.policy import tokens
from clams.policy.config import PolicyConfig
from clams.policy.core import resource_rule
from clams.policy.values import mapping, text

CREDENTIAL_NAME = re.compile(
    r"password|passwd|secret|credential|token|api[-_]?key|private[-_]?key", re.I
)


@resource_rule(
    "ssm-credentials-secure",
    "Parameters that hold credentials (users, keys, passwords) are SecureString.",
    tokens.PARAMETER,
)
def credentials_secure(resource: Resource, config: PolicyConfig) -> Iterator[str]:
    inputs = mapping(resource.inputs)
    name = text(inputs.get("name")) or resource.name
    holds_credentials = name in config.credential_parameters or CREDENTIAL_NAME.search(name)
    if holds_credentials and inputs.get("type") != "SecureString":
        yield f"parameter {name} holds credentials but is {inputs.get('type')}, not SecureString"


RULES = (credentials_secure,)
