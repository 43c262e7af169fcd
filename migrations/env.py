"""Alembic environment: one migration history for PostgreSQL (RDS) and SQLite (local stack).

``clams db upgrade`` and the migrate function pass an open connection in
``config.attributes["connection"]``; Alembic's own command line takes
``-x database_url=URL`` or the ``DATABASE_URL`` environment variable.
"""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy import Connection

from clams.db.engine import DEFAULT_DATABASE_URL, create_database_engine
from clams.db.schema import Base


def _migrate(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


def _url() -> str:
    given = context.get_x_argument(as_dictionary=True).get("database_url")
    return given or os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL


connection = context.config.attributes.get("connection")
if connection is not None:
    _migrate(connection)
else:
    engine = create_database_engine(_url())
    with engine.begin() as opened:
        _migrate(opened)
    engine.dispose()
