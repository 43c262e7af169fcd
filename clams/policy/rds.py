"""RDS: a private, encrypted, backed-up database with a managed password and forced TLS."""

from __future__ import annotations

from collections.abc import Iterator

from clams.graph.model import Graph, Resource
from clams.policy import tokens
from clams.policy.config import PolicyConfig
from clams.policy.core import Finding, resource_rule, stack_rule
from clams.policy.refs import named
from clams.policy.values import items, mapping, number, truthy

DATABASES = (tokens.DB_INSTANCE, tokens.DB_CLUSTER)
PASSWORD_INPUTS = ("password", "masterPassword", "passwordWo", "masterPasswordWo")
FORCE_SSL = "rds.force_ssl"


@resource_rule("rds-not-public", "Databases are not publicly accessible.", tokens.DB_INSTANCE)
def not_public(resource: Resource, config: PolicyConfig) -> Iterator[str]:
    if truthy(mapping(resource.inputs).get("publiclyAccessible")):
        yield "database is publicly accessible (publiclyAccessible is true)"


@resource_rule("rds-storage-encrypted", "Database storage is encrypted.", *DATABASES)
def storage_encrypted(resource: Resource, config: PolicyConfig) -> Iterator[str]:
    if not truthy(mapping(resource.inputs).get("storageEncrypted")):
        yield "storage is not encrypted"


@resource_rule(
    "rds-managed-password",
    "The master password is managed in Secrets Manager, never given as an input.",
    *DATABASES,
)
def managed_password(resource: Resource, config: PolicyConfig) -> Iterator[str]:
    inputs = mapping(resource.inputs)
    if not truthy(inputs.get("manageMasterUserPassword")):
        yield "manageMasterUserPassword is not true"
    for key in PASSWORD_INPUTS:
        if inputs.get(key):
            yield f"a master password is set in the inputs ({key})"


@resource_rule("rds-backups", "Automated backups are kept (prod: at least 7 days).", *DATABASES)
def backups(resource: Resource, config: PolicyConfig) -> Iterator[str]:
    days = number(mapping(resource.inputs).get("backupRetentionPeriod")) or 0
    if days < config.backup_retention_days:
        yield f"backups kept {days:g} days, fewer than {config.backup_retention_days}"


@resource_rule(
    "rds-deletion-protection",
    "Databases have deletion protection (mandatory in prod).",
    *DATABASES,
)
def deletion_protection(resource: Resource, config: PolicyConfig) -> Iterator[str]:
    if not truthy(mapping(resource.inputs).get("deletionProtection")):
        yield "deletion protection is off"


@resource_rule(
    "rds-multi-az", "Database instances are Multi-AZ (mandatory in prod).", tokens.DB_INSTANCE
)
def multi_az(resource: Resource, config: PolicyConfig) -> Iterator[str]:
    if not truthy(mapping(resource.inputs).get("multiAz")):
        yield "the instance is not Multi-AZ"


@stack_rule("rds-force-tls", "Each database's parameter group sets rds.force_ssl to 1.")
def force_tls(graph: Graph, config: PolicyConfig) -> Iterator[Finding]:
    for database in graph.of_type(tokens.DB_INSTANCE):
        group = mapping(database.inputs).get("parameterGroupName")
        groups = named(graph, group, [tokens.DB_PARAMETER_GROUP])
        if not any(forces_tls(g) for g in groups):
            yield database.urn, f"database '{database.name}' does not force TLS ({FORCE_SSL}=1)"


def forces_tls(group: Resource) -> bool:
    parameters = [mapping(p) for p in items(mapping(group.inputs).get("parameters"))]
    return any(p.get("name") == FORCE_SSL and number(p.get("value")) == 1 for p in parameters)


RULES = (
    not_public,
    storage_encrypted,
    managed_password,
    backups,
    deletion_protection,
    multi_az,
    force_tls,
)
