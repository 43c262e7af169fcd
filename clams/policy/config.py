"""Per-stack thresholds: where prod and nonprod expect different things."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from clams.names import secret_key_parameter, users_parameter
from clams.routes import ROUTES

PRODUCTION_STACKS = frozenset({"prod"})

PROD_ONLY_RULES = (
    "dynamodb-point-in-time-recovery",
    "rds-deletion-protection",
    "rds-multi-az",
    "cloudfront-custom-certificate",
)


@dataclass(frozen=True)
class PolicyConfig:
    stack: str
    production: bool = False
    log_retention_days: int = 7
    backup_retention_days: int = 1
    public_routes: frozenset[str] = frozenset(r.key for r in ROUTES if r.public)
    credential_parameters: frozenset[str] = frozenset()
    levels: Mapping[str, str] = field(default_factory=dict)
    """Enforcement level overrides by rule name (``"advisory"`` or ``"mandatory"``)."""


def config_for(stack: str) -> PolicyConfig:
    """The thresholds of a stack: prod keeps logs and backups longer and protects its data."""
    credentials = frozenset({users_parameter(stack), secret_key_parameter(stack)})
    if stack in PRODUCTION_STACKS:
        return PolicyConfig(
            stack,
            production=True,
            log_retention_days=30,
            backup_retention_days=7,
            credential_parameters=credentials,
        )
    advisory = dict.fromkeys(PROD_ONLY_RULES, "advisory")
    return PolicyConfig(stack, credential_parameters=credentials, levels=advisory)
