"""Each function's environment, validated once at cold start.

Field names are the environment variable keys (``clams.names.Env``). The function component
sets exactly these keys, and the infra tests check that the two agree.
"""

from __future__ import annotations

from functools import cache
from typing import TypeVar

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from clams.names import Function


class FunctionSettings(BaseSettings):
    model_config = SettingsConfigDict(frozen=True, extra="ignore", case_sensitive=True)

    POWERTOOLS_SERVICE_NAME: str = "clams"


class DatabaseSettings(FunctionSettings):
    """Where the relational database is; the credentials come from Secrets Manager."""

    DB_SECRET_ARN: str
    DB_HOST: str
    DB_PORT: int = 5432
    DB_NAME: str = "clams"
    DATABASE_URL: str | None = None
    """A full SQLAlchemy URL that replaces the above; set by the local stack only."""


class AuthorizerSettings(FunctionSettings):
    USERS_PARAMETER: str


class WriterSettings(FunctionSettings):
    ATTENDEES_TABLE: str
    SUMMARY_TABLE: str


class ApiSettings(DatabaseSettings):
    ATTENDEES_TABLE: str
    SUMMARY_TABLE: str
    AUDIT_TABLE: str
    SIGNUPS_TABLE: str
    SECRET_KEY_PARAMETER: str
    CAMPING_RATE: int = Field(default=10, ge=0)


class RelaySettings(DatabaseSettings):
    SIGNUPS_QUEUE_URL: str


class ProcessorSettings(DatabaseSettings):
    SIGNUPS_TABLE: str


class MigrateSettings(DatabaseSettings):
    pass


SETTINGS: dict[Function, type[FunctionSettings]] = {
    Function.API: ApiSettings,
    Function.AUTHORIZER: AuthorizerSettings,
    Function.WRITER: WriterSettings,
    Function.RELAY: RelaySettings,
    Function.PROCESSOR: ProcessorSettings,
    Function.MIGRATE: MigrateSettings,
}

S = TypeVar("S", bound=FunctionSettings)


@cache
def load(model: type[S]) -> S:
    """The settings of one function, read from the environment once per process."""
    return model()
