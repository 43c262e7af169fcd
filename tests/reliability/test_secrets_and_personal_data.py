"""Part 2 — secrets and personal data: none in function environments, stack config or logs.

The writer, API, processor, relay and authorizer handlers are driven under moto with
realistic events (valid and invalid records, failures); every log record they emit, with its
extra fields and traceback, is captured and searched for the e-mail addresses, telephone
numbers, passwords, hashes and keys that went in.
"""

from __future__ import annotations

import json
import logging
import re
import traceback
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

import pytest
import yaml
from reliability_support import (
    ORGANISER,
    SECRET_KEY,
    LambdaContext,
    MotoStack,
    http_event,
    sqs_event,
)

from clams.db.engine import create_database_engine
from clams.db.unit_of_work import unit_of_work_factory
from clams.domain.attendee import Attendee
from clams.domain.messages import AttendeeMessage
from clams.domain.signups import SignupRequest
from clams.domain.version import make_version
from clams.graph.evaluate import evaluate
from clams.graph.model import REDACTED, Graph
from clams.names import Table
from clams.stores.dynamo import to_item

ROOT: Final = Path(__file__).resolve().parents[2]
EMAIL: Final = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
SECRET_WORDS: Final = re.compile(r"PASSWORD|PASSWD|SECRET(?!_ARN)|HASH|TOKEN|CREDENTIAL|PRIVATE")
CREDENTIAL_URL: Final = re.compile(r"://[^/@\s:]+:[^/@\s]+@")
PEOPLE: Final = [
    {
        "AuthCode": "PDX001",
        "Name": "Priya Dahl",
        "Email": "priya.dahl@example.org",
        "Telephone": "07700 900461",
        "Diet": "coeliac",
    },
    {
        "AuthCode": "PDX002",
        "Name": "Tom Okafor",
        "Email": "tom+camp@example.net",
        "Telephone": "+44 20 7946 0018",
        "Diet": "",
    },
]
BAD_EMAIL_PERSON: Final = {
    "AuthCode": "PDX003",
    "Name": "Ines Varga",
    "Email": "ines.varga@example",
    "Telephone": "0161 496 0753",
}


# --- where secrets must never be ------------------------------------------------------------


@pytest.fixture(scope="module", params=["nonprod", "prod"])
def graph(request: pytest.FixtureRequest) -> Graph:
    return evaluate(request.param)


def test_no_function_environment_holds_a_secret(graph: Graph) -> None:
    # Given every Lambda function of the stack's graph
    functions = graph.of_type("aws:lambda/function:Function")
    assert functions
    for function in functions:
        variables = (function.inputs.get("environment") or {}).get("variables") or {}
        # Then no variable is named like a secret unless it only names where one is kept
        for key, value in variables.items():
            named_secret = SECRET_WORDS.search(key) and not key.endswith(("_ARN", "_PARAMETER"))
            assert not named_secret, f"{function.name}: {key}"
            text = str(value)
            # And no value is a secret: not redacted (a Pulumi secret), no hash, no credentials
            assert text != REDACTED, f"{function.name}: {key} holds a secret"
            assert "scrypt$" not in text and not CREDENTIAL_URL.search(text), function.name


@pytest.mark.parametrize("path", sorted(ROOT.glob("Pulumi*.yaml")), ids=lambda p: p.name)
def test_stack_config_keeps_no_secret_in_plain_text(path: Path) -> None:
    # Given a stack's configuration file
    config = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("config") or {}
    for key, value in config.items():
        # Then a key that names a secret holds an encrypted (secure:) value
        if SECRET_WORDS.search(key.upper().replace(":", "_")):
            assert isinstance(value, dict) and "secure" in value, key
        # And no plain value is a hash or a URL with credentials
        assert "scrypt$" not in str(value) and not CREDENTIAL_URL.search(str(value)), key


# --- what the handlers log ------------------------------------------------------------------


class _Everything(logging.Handler):
    """Keeps every record as text: message, every attribute (extras) and traceback."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        details = json.dumps(vars(record), default=str)
        trace = "".join(traceback.format_exception(*record.exc_info)) if record.exc_info else ""
        self.lines.append(f"{record.getMessage()} {details} {trace}")


@pytest.fixture
def captured() -> Iterator[_Everything]:
    """Captures every logger's records at its own level, those that do not propagate
    (Powertools') included."""
    handler = _Everything()
    loggers = [logging.getLogger()] + [
        logger
        for logger in logging.root.manager.loggerDict.values()
        if isinstance(logger, logging.Logger) and not logger.propagate
    ]
    for logger in loggers:
        logger.addHandler(handler)
    yield handler
    for logger in loggers:
        logger.removeHandler(handler)


def _personal_data_in(lines: list[str]) -> list[str]:
    known = [p["Email"] for p in (*PEOPLE, BAD_EMAIL_PERSON)]
    phones = [p["Telephone"] for p in (*PEOPLE, BAD_EMAIL_PERSON)]
    found = []
    for line in lines:
        found += [value for value in known + phones if value in line]
        found += [value for value in (ORGANISER[1], SECRET_KEY, "scrypt$") if value in line]
        found += [m.group(0) for m in EMAIL.finditer(line)]
    return found


def _message(person: dict[str, Any], line: int) -> str:
    version = make_version(datetime(2024, 6, 1, 9, 0, tzinfo=UTC), line)
    return AttendeeMessage(Attendee=Attendee.model_validate(person), Version=version).body()


@pytest.fixture(scope="module")
def handlers(moto_stack: MotoStack) -> Any:
    """The handler modules, imported after the stack's environment is in place."""
    from handlers import api, authorizer, processor, relay, writer

    return {
        "api": api,
        "authorizer": authorizer,
        "processor": processor,
        "relay": relay,
        "writer": writer,
    }


def test_the_writer_logs_no_personal_data(
    handlers: Any, captured: _Everything, context: LambdaContext
) -> None:
    # Given a batch of real records and one with an invalid e-mail address
    bodies = {f"w{i}": _message(p, i + 2) for i, p in enumerate(PEOPLE)}
    bad = json.dumps({"Attendee": BAD_EMAIL_PERSON, "Version": make_version(datetime.now(UTC))})
    # When the writer takes it
    reply = handlers["writer"].handler(sqs_event(bodies | {"bad": bad}), context)
    # Then the invalid one failed, and was logged without the person's data
    assert reply["batchItemFailures"] == [{"itemIdentifier": "bad"}]
    assert captured.lines
    assert _personal_data_in(captured.lines) == []


def _call(handlers: Any, method: str, path: str, body: Any = None, **kw: Any) -> int:
    text = None if body is None else json.dumps(body)
    reply = handlers["api"].handler(http_event(method, path, body=text, **kw), LambdaContext())
    return int(reply["statusCode"])


def test_the_api_logs_no_personal_data_on_any_answer(
    handlers: Any, captured: _Everything, moto_stack: MotoStack
) -> None:
    person, other = PEOPLE[0], PEOPLE[1] | {"AuthCode": "PDX004"}
    # Given a record stored whole, and one damaged in the store (no Name)
    assert _call(handlers, "PUT", f"/attendee/{person['AuthCode']}", person) == 200
    damaged = {"AuthCode": "PDX009", "Email": other["Email"], "Telephone": other["Telephone"]}
    moto_stack.client("dynamodb").put_item(
        TableName=moto_stack.tables[Table.ATTENDEES], Item=to_item(damaged | {"Version": "0"})
    )
    # When an organiser creates, reads, changes, exports, erases, and sends bad records
    statuses = [
        _call(handlers, "POST", "/attendees", other),
        _call(handlers, "POST", "/attendees", other),
        _call(handlers, "GET", f"/attendee/{person['AuthCode']}"),
        _call(handlers, "GET", "/attendees", query={"limit": "1"}),
        _call(handlers, "GET", f"/attendee/{person['AuthCode']}/export"),
        _call(handlers, "POST", "/attendees", BAD_EMAIL_PERSON),
        _call(handlers, "GET", "/attendee/PDX009"),
        _call(handlers, "DELETE", f"/attendee/{person['AuthCode']}"),
        _call(handlers, "GET", "/report/kitchen", roles="kitchen"),
    ]
    # Then each got its answer (the damaged record a 500)
    assert statuses == [201, 409, 200, 200, 200, 400, 500, 204, 200]
    # And nothing they logged names a person
    assert _personal_data_in(captured.lines) == []


def test_the_authorizer_logs_neither_passwords_nor_hashes(
    handlers: Any, captured: _Everything, context: LambdaContext
) -> None:
    import base64

    name, password = ORGANISER
    for attempt in (password, "wrong-" + password, ""):
        header = "Basic " + base64.b64encode(f"{name}:{attempt}".encode()).decode()
        handlers["authorizer"].handler({"headers": {"authorization": header}}, context)
    assert any("allowed" in line for line in captured.lines)
    assert _personal_data_in(captured.lines) == []


def test_the_relay_and_processor_log_no_personal_data(
    handlers: Any, captured: _Everything, moto_stack: MotoStack, context: LambdaContext
) -> None:
    # Given a sign-up in the database (its trigger fills the outbox)
    units = unit_of_work_factory(create_database_engine(moto_stack.database_url))
    person = PEOPLE[0]
    with units() as unit:
        unit.signups.sign_up(
            SignupRequest(
                workshop="Knots",
                forename="Priya",
                surname="Dahl",
                email=person["Email"],
                role="attendee",
            )
        )
        unit.commit()
    # When the relay moves it to the queue and the processor stores it, and a notice
    # for a sign-up that does not exist fails
    relayed = handlers["relay"].handler({}, context)
    sqs = moto_stack.client("sqs")
    messages = sqs.receive_message(QueueUrl=moto_stack.signups_queue, MaxNumberOfMessages=10)
    bodies = {m["MessageId"]: m["Body"] for m in messages["Messages"]}
    missing = json.dumps({"signup_id": 999, "workshop_id": 1, "person_id": 1, "role_id": 1})
    reply = handlers["processor"].handler(sqs_event(bodies | {"gone": missing}, "signups"), context)
    # Then one was relayed and stored, the other failed, and no log names the person
    assert relayed["sent"] == 1
    assert reply["batchItemFailures"] == [{"itemIdentifier": "gone"}]
    assert _personal_data_in(captured.lines) == []
