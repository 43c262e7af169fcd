"""Part 4 — API fuzzing: schemathesis against the local stack's own OpenAPI document.

Each operation of ``/clams/openapi.json`` gets ``CASES_PER_OPERATION`` generated requests
(at least 1,000 in all, valid and invalid ones), sent with an organiser's Basic credentials.
No answer may be a 5xx, and every answer must conform to the document: a documented status,
the documented content type, a body matching the documented schema, the documented headers.
"""

from __future__ import annotations

import json
import urllib.request
from collections import Counter
from pathlib import Path
from typing import Any, Final

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from reliability_support import LocalApi
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from clams.routes import ROUTES

CASES_PER_OPERATION: Final = 100
OPERATIONS: Final = [route.key for route in ROUTES if not route.public]
CHECKS: Final = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]
FUZZ: Final = settings(
    max_examples=CASES_PER_OPERATION,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
_FIGURES: dict[str, dict[str, Any]] = {}


@pytest.fixture(scope="module")
def schema(local_api: LocalApi) -> Any:
    return schemathesis.openapi.from_url(f"{local_api.base_url}/openapi.json")


def test_the_document_describes_every_protected_route(schema: Any) -> None:
    labels = {result.ok().label for result in schema.get_all_operations()}
    assert labels == set(OPERATIONS)


@pytest.mark.parametrize("operation", OPERATIONS)
def test_generated_requests_get_no_server_error_and_conforming_answers(
    schema: Any, local_api: LocalApi, operation: str, reports_dir: Path
) -> None:
    method, path = operation.split(" ", 1)
    target = schema[path][method]
    statuses: Counter[int] = Counter()
    failures: list[str] = []
    headers = {"Authorization": local_api.authorization}

    # Given requests generated from the operation's document, valid and invalid alike
    @FUZZ
    @given(case=_valid_and_invalid(target))
    def send(case: Any) -> None:
        # When each is sent as an organiser
        try:
            reply = case.call_and_validate(base_url=local_api.base_url, headers=headers,
                                           checks=CHECKS)  # fmt: skip
            statuses[reply.status_code] += 1
        except Exception as failure:  # a FailureGroup: keep going, report them all
            failures.append(str(failure)[:600])

    send()
    # Then none failed a check, and every one was answered
    assert failures == []
    assert sum(statuses.values()) >= CASES_PER_OPERATION
    _FIGURES[operation] = {"cases": sum(statuses.values()), "statuses": dict(statuses)}
    (reports_dir / "api-fuzzing.json").write_text(json.dumps(_FIGURES, indent=1, sort_keys=True))


def _valid_and_invalid(operation: Any) -> Any:
    """Requests the document allows, and (where it has parameters or a body) ones it forbids."""
    valid = operation.as_strategy(GenerationMode.POSITIVE)
    has_inputs = any(operation.iter_parameters()) or operation.body
    return valid | operation.as_strategy(GenerationMode.NEGATIVE) if has_inputs else valid


def test_the_document_itself_is_public_and_json(local_api: LocalApi) -> None:
    with urllib.request.urlopen(f"{local_api.base_url}/openapi.json", timeout=10) as reply:
        document = json.loads(reply.read())
    assert reply.status == 200
    assert document["openapi"].startswith("3.")
