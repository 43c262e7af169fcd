"""Fixtures of the policy tests: the clean hand-built stack (see policy_stack.py)."""

from __future__ import annotations

import pytest
from policy_stack import build, clean_specs

from clams.graph.model import Graph


@pytest.fixture
def clean_graph() -> Graph:
    return build(clean_specs())
