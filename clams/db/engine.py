"""Engines for the sign-up database: PostgreSQL on RDS over TLS, or SQLite for local runs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

from sqlalchemy import URL, Engine, create_engine, event, make_url

from clams.db.credentials import DatabaseCredentials, SecretReader, read_credentials, read_secret
from clams.settings import DatabaseSettings

DEFAULT_DATABASE_URL: Final = "sqlite:///.clams/clams.db"
SQLITE_BUSY_SECONDS: Final = 30


def create_database_engine(
    url: str | URL, credentials: Callable[[], DatabaseCredentials] | None = None
) -> Engine:
    """An engine for ``url``; ``credentials`` is asked for each new PostgreSQL connection."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed)
    engine = create_engine(parsed, pool_pre_ping=True)
    if credentials is not None:
        _connect_with(engine, credentials)
    return engine


def engine_from_settings(settings: DatabaseSettings, reader: SecretReader = read_secret) -> Engine:
    """The function's engine: ``DATABASE_URL`` when set (local stack), else RDS with the secret."""
    if settings.DATABASE_URL:
        return create_database_engine(settings.DATABASE_URL)
    return create_database_engine(
        rds_url(settings), lambda: read_credentials(settings.DB_SECRET_ARN, reader)
    )


def rds_url(settings: DatabaseSettings) -> URL:
    """Where the RDS database is, without credentials; TLS is required."""
    return URL.create(
        "postgresql+psycopg",
        host=settings.DB_HOST,
        port=settings.DB_PORT,
        database=settings.DB_NAME,
        query={"sslmode": "require"},
    )


def _connect_with(engine: Engine, credentials: Callable[[], DatabaseCredentials]) -> None:
    def add_credentials(_: Any, __: Any, ___: Any, params: dict[str, Any]) -> None:
        current = credentials()
        params["user"] = current.username
        params["password"] = current.password.get_secret_value()

    event.listen(engine, "do_connect", add_credentials)


def _sqlite_engine(url: URL) -> Engine:
    """SQLite with writer transactions: ``BEGIN IMMEDIATE`` stands in for row locks."""
    if url.database and url.database != ":memory:":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_SECONDS})

    def on_connect(dbapi_connection: Any, _: Any) -> None:
        dbapi_connection.isolation_level = None
        dbapi_connection.execute("PRAGMA foreign_keys = ON")

    def on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    event.listen(engine, "connect", on_connect)
    event.listen(engine, "begin", on_begin)
    return engine
