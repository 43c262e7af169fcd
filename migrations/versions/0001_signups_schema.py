"""The workshop sign-up schema, the roles, and the outbox trigger.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ROLES = ("attendee", "facilitator", "helper", "organiser")

POSTGRES_TRIGGER = (
    """
    CREATE FUNCTION notify_workshop_signup() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO trigger_notifications (message)
        VALUES (json_build_object(
            'signup_id', NEW.id, 'workshop_id', NEW.workshop_id,
            'person_id', NEW.people_id, 'role_id', NEW.role_id)::text);
        RETURN NEW;
    END
    $$
    """,
    """
    CREATE TRIGGER workshop_signups_notify
    AFTER INSERT OR UPDATE ON workshop_signups
    FOR EACH ROW EXECUTE FUNCTION notify_workshop_signup()
    """,
)

SQLITE_TRIGGER = tuple(
    f"""
    CREATE TRIGGER workshop_signups_notify_{event.lower()}
    AFTER {event} ON workshop_signups
    BEGIN
        INSERT INTO trigger_notifications (message)
        VALUES (json_object(
            'signup_id', NEW.id, 'workshop_id', NEW.workshop_id,
            'person_id', NEW.people_id, 'role_id', NEW.role_id));
    END
    """  # noqa: S608 - built from the two fixed event names below
    for event in ("INSERT", "UPDATE")
)


def _create_tables() -> None:
    op.create_table(
        "workshops",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("title", sa.String(200), nullable=False, unique=True),
    )
    op.create_table(
        "people",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("forename", sa.String(100), nullable=False),
        sa.Column("surname", sa.String(100), nullable=False),
        sa.Column("email", sa.String(254), nullable=False, unique=True),
    )
    roles = op.create_table(
        "roles",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("role_name", sa.String(50), nullable=False, unique=True),
    )
    op.bulk_insert(roles, [{"role_name": name} for name in ROLES])


def _create_signups() -> None:
    op.create_table(
        "workshop_signups",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("people_id", sa.Integer, sa.ForeignKey("people.id"), nullable=False),
        sa.Column("workshop_id", sa.Integer, sa.ForeignKey("workshops.id"), nullable=False),
        sa.Column("role_id", sa.Integer, sa.ForeignKey("roles.id"), nullable=False),
        sa.Column(
            "signed_up_on",
            sa.DateTime(timezone=True),
            nullable=False,
            server_default=sa.func.current_timestamp(),
        ),
    )
    op.create_table(
        "trigger_notifications",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("message", sa.Text, nullable=False),
    )


def upgrade() -> None:
    _create_tables()
    _create_signups()
    is_postgres = op.get_bind().dialect.name == "postgresql"
    for statement in POSTGRES_TRIGGER if is_postgres else SQLITE_TRIGGER:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS workshop_signups_notify ON workshop_signups")
        op.execute("DROP FUNCTION IF EXISTS notify_workshop_signup()")
    for table in ("trigger_notifications", "workshop_signups", "roles", "people", "workshops"):
        op.drop_table(table)
