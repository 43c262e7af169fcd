"""Names shared by the infrastructure (``components/``) and the code that runs in it.

The Pulumi program and the Lambda handlers both import this module, so a table's key,
an environment variable or a handler path is written down exactly once.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

PRODUCT = "clams"
STAGE = "clams"

KeyType = Literal["S", "N"]


class Function(StrEnum):
    """The Lambda functions of a stack, by logical name."""

    API = "api"
    AUTHORIZER = "authorizer"
    WRITER = "writer"
    RELAY = "relay"
    PROCESSOR = "processor"
    MIGRATE = "migrate"


HANDLERS: dict[Function, str] = {
    Function.API: "handlers.api.handler",
    Function.AUTHORIZER: "handlers.authorizer.handler",
    Function.WRITER: "handlers.writer.handler",
    Function.RELAY: "handlers.relay.handler",
    Function.PROCESSOR: "handlers.processor.handler",
    Function.MIGRATE: "handlers.migrate.handler",
}


class Role(StrEnum):
    """What a signed-in user may do (SPEC section 4)."""

    ORGANISER = "organiser"
    VIEWER = "viewer"
    KITCHEN = "kitchen"


@dataclass(frozen=True)
class Key:
    name: str
    type: KeyType = "S"


@dataclass(frozen=True)
class Index:
    name: str
    partition: Key
    sort: Key | None = None


@dataclass(frozen=True)
class TableSpec:
    """The key schema of one DynamoDB table, used by the data component and the stores."""

    partition: Key
    sort: Key | None = None
    indexes: tuple[Index, ...] = ()

    @property
    def attributes(self) -> tuple[Key, ...]:
        keys = [self.partition, *([self.sort] if self.sort else [])]
        for index in self.indexes:
            keys += [index.partition, *([index.sort] if index.sort else [])]
        return tuple(dict.fromkeys(keys))


class Table(StrEnum):
    ATTENDEES = "attendees"
    SUMMARY = "summary"
    AUDIT = "audit"
    SIGNUPS = "signups"


TABLES: dict[Table, TableSpec] = {
    Table.ATTENDEES: TableSpec(partition=Key("AuthCode")),
    Table.SUMMARY: TableSpec(partition=Key("Kind"), sort=Key("Id")),
    Table.AUDIT: TableSpec(partition=Key("EntryId")),
    Table.SIGNUPS: TableSpec(
        partition=Key("WorkshopId", "N"),
        sort=Key("SignupId", "N"),
        indexes=(Index("ByPerson", Key("PersonId", "N")),),
    ),
}


class Queue(StrEnum):
    ATTENDEES = "attendees"
    SIGNUPS = "signups"


class Env(StrEnum):
    """Environment variable keys of the functions; settings models use the same names."""

    ATTENDEES_TABLE = "ATTENDEES_TABLE"
    SUMMARY_TABLE = "SUMMARY_TABLE"
    AUDIT_TABLE = "AUDIT_TABLE"
    SIGNUPS_TABLE = "SIGNUPS_TABLE"
    SIGNUPS_QUEUE_URL = "SIGNUPS_QUEUE_URL"
    USERS_PARAMETER = "USERS_PARAMETER"
    SECRET_KEY_PARAMETER = "SECRET_KEY_PARAMETER"  # noqa: S105 - a name, not a secret
    CAMPING_RATE = "CAMPING_RATE"
    DB_SECRET_ARN = "DB_SECRET_ARN"  # noqa: S105 - a name, not a secret
    DB_HOST = "DB_HOST"
    DB_PORT = "DB_PORT"
    DB_NAME = "DB_NAME"
    POWERTOOLS_SERVICE_NAME = "POWERTOOLS_SERVICE_NAME"


def ssm_prefix(stack: str) -> str:
    """Where a stack publishes its parameters (users, keys, endpoints, queue URLs)."""
    return f"/{PRODUCT}/{stack}"


def users_parameter(stack: str) -> str:
    return f"{ssm_prefix(stack)}/users"


def secret_key_parameter(stack: str) -> str:
    return f"{ssm_prefix(stack)}/secret-key"


def output_parameter(stack: str, output: str) -> str:
    """The SSM parameter under which a stack publishes one of its outputs (``api-url``, ...)."""
    return f"{ssm_prefix(stack)}/outputs/{output}"
