"""A unit of work over the sign-up database: rolls back unless committed."""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from clams.db.outbox import Outbox
from clams.db.signups import People, Signups


class SqlUnitOfWork:
    outbox: Outbox
    signups: Signups
    people: People

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def __enter__(self) -> SqlUnitOfWork:
        self._session = self._sessions()
        self.outbox = Outbox(self._session)
        self.signups = Signups(self._session)
        self.people = People(self._session)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._session.rollback()
        self._session.close()

    def commit(self) -> None:
        self._session.commit()


def unit_of_work_factory(engine: Engine) -> Callable[[], SqlUnitOfWork]:
    sessions = sessionmaker(engine, expire_on_commit=False)
    return lambda: SqlUnitOfWork(sessions)
