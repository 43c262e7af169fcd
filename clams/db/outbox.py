"""The outbox the sign-up trigger fills: taken under row locks, deleted once relayed."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any, cast

from sqlalchemy import CursorResult, delete, func, select
from sqlalchemy.orm import Session

from clams.db.schema import TriggerNotification
from clams.domain.signups import Notification


class Outbox:
    def __init__(self, session: Session) -> None:
        self._session = session

    def take(self, limit: int) -> list[Notification]:
        """The oldest ``limit`` notifications no other transaction holds, locked until commit.

        PostgreSQL skips rows another relay has locked; SQLite has no row locks, and its
        writer transaction (``BEGIN IMMEDIATE``) keeps a second relay waiting instead.
        """
        query = (
            select(TriggerNotification.id, TriggerNotification.message)
            .order_by(TriggerNotification.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return [Notification(row.id, row.message) for row in self._session.execute(query)]

    def delete(self, ids: Collection[int]) -> int:
        if not ids:
            return 0
        query = delete(TriggerNotification).where(TriggerNotification.id.in_(ids))
        result = self._session.execute(query, execution_options={"synchronize_session": False})
        return cast("CursorResult[Any]", result).rowcount

    def count(self) -> int:
        query = select(func.count()).select_from(TriggerNotification)
        return int(self._session.execute(query).scalar_one())
