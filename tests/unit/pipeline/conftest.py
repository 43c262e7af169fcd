"""Fixtures for the pipeline's unit tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from pipeline_fakes import FakeQueue

from clams.stores.dynamo import Backoff


@pytest.fixture
def queue() -> FakeQueue:
    return FakeQueue()


@pytest.fixture
def no_sleep() -> Backoff:
    return Backoff(sleep=lambda _: None)


@pytest.fixture
def state_dir(tmp_path: Path) -> Path:
    return tmp_path / "state"
