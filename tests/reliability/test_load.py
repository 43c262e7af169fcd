"""Part 5 — load: a smaller run of ``bench/load.py`` against the local stack, and the gateway's
authorizer cache that makes such a load affordable.

Only errors are asserted, never timings: the machine is shared.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from reliability_support import LocalApi
from support.benches import load_bench

from clams.local.gateway import Verdicts
from clams.local.routes import LocalAuthorizer


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return load_bench("load")


def test_ten_clients_sending_500_mixed_requests_get_no_error(
    bench: ModuleType, local_api: LocalApi, reports_dir: Path
) -> None:
    # Given the pool of attendees the mix reads and replaces
    bench.seed_pool(local_api.base_url, local_api.authorization)
    # When ten clients send 500 mixed reads and writes
    result = bench.run_load(local_api.base_url, local_api.authorization, 10, 500)
    # Then every request got the answer its kind expects
    assert result.errors == []
    assert len(result.latencies) == 500
    assert {answer.split()[0] for answer in result.answers} == {
        "list", "read", "report", "kitchen", "replace", "create",
    }  # fmt: skip
    (reports_dir / "load-test.json").write_text(
        json.dumps({"load": bench.summary(result), "answers": result.answers}, indent=1)
    )


class _Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _authorizer(seconds: int) -> LocalAuthorizer:
    function: Any = None
    return LocalAuthorizer("basic-auth", function, ("$request.header.Authorization",), True,
                           seconds)  # fmt: skip


def test_the_local_gateway_keeps_an_authorizer_answer_for_the_graphs_ttl() -> None:
    clock = _Clock()
    verdicts = Verdicts(clock)
    answer = {"isAuthorized": True, "context": {"user": "olga"}}
    # Given an answer for one identity, under an authorizer with a 300 s TTL
    verdicts.keep(_authorizer(300), ["Basic b2xnYTpw"], answer)
    # Then it is reused for that identity only, until the TTL ends
    assert verdicts.get(_authorizer(300), ["Basic b2xnYTpw"]) == answer
    assert verdicts.get(_authorizer(300), ["Basic other"]) is None
    clock.now += 301
    assert verdicts.get(_authorizer(300), ["Basic b2xnYTpw"]) is None


def test_an_authorizer_without_a_ttl_is_asked_every_time() -> None:
    verdicts = Verdicts(_Clock())
    verdicts.keep(_authorizer(0), ["Basic b2xnYTpw"], {"isAuthorized": True})
    assert verdicts.get(_authorizer(0), ["Basic b2xnYTpw"]) is None
