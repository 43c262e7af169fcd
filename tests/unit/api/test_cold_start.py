"""The API function starts without loading the sign-up database: only GDPR requests reach it."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

from clams.services.personal_data import OnFirstUse, Subject


def test_importing_the_api_handler_loads_no_sqlalchemy() -> None:
    # Given a fresh interpreter; When the API's handler module is imported
    probe = "import sys, handlers.api; print(sorted(m for m in sys.modules if 'sqlalchemy' in m))"
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.strip()
    # Then SQLAlchemy is not among the modules it loaded
    assert loaded == "[]"


class CountingStore:
    name = "people"

    def __init__(self) -> None:
        self.forgotten: list[Subject] = []

    def disclose(self, subject: Subject) -> list[dict[str, Any]]:
        return [{"Email": subject.email}]

    def forget(self, subject: Subject) -> int:
        self.forgotten.append(subject)
        return 1


def test_a_store_on_first_use_is_built_once_when_first_reached() -> None:
    # Given a store that is built on first use
    built: list[CountingStore] = []

    def build() -> CountingStore:
        built.append(CountingStore())
        return built[-1]

    store = OnFirstUse("people", build)
    # Then naming it builds nothing
    assert store.name == "people"
    assert built == []
    # When it is asked twice; Then it was built once and answered both
    subject = Subject("ABC123", "ada@example.org")
    assert store.disclose(subject) == [{"Email": "ada@example.org"}]
    assert store.forget(subject) == 1
    assert len(built) == 1
    assert built[0].forgotten == [subject]
