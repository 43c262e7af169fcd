"""Fixtures of the reliability campaign: a whole stack under moto, events, a Lambda context.

``moto_stack`` is module-scoped (hypothesis runs many examples against one stack); each
module that uses it gets fresh tables, queues, parameters and a SQLite sign-up database.
"""

from __future__ import annotations

import base64
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3
import pytest
from aws_lambda_powertools.utilities import parameters
from moto import mock_aws
from support.aws import create_table, queue_with_dead_letters

from clams.auth.passwords import hash_password
from clams.auth.users import User, Users
from clams.db.engine import create_database_engine
from clams.db.migrations import upgrade
from clams.local.emulator_fixes import install as fix_emulator
from clams.local.process import running_local_stack
from clams.names import TABLES, Env, Role, Table

REGION = "eu-west-2"
RECEIVE_LIMIT = 3
ORGANISER = ("olga", "organiser-pass-1")
USERS_PARAMETER = "/clams/reliability/users"
SECRET_KEY_PARAMETER = "/clams/reliability/secret-key"
SECRET_KEY = "reliability-secret-key-0123456789abcdef"


@dataclass(frozen=True)
class LambdaContext:
    function_name: str = "clams-reliability"
    memory_limit_in_mb: int = 512
    invoked_function_arn: str = "arn:aws:lambda:eu-west-2:123456789012:function:clams-reliability"
    aws_request_id: str = "00000000-0000-4000-8000-000000000000"

    def get_remaining_time_in_millis(self) -> int:
        return 60_000


@dataclass(frozen=True)
class MotoStack:
    tables: dict[Table, str]
    attendees_queue: str
    attendees_dlq: str
    signups_queue: str
    signups_dlq: str
    database_url: str
    users_document: str

    def client(self, service: str) -> Any:
        return boto3.client(service, region_name=REGION)


def cold_start() -> None:
    """Forget every client, setting and engine the handlers cached, as a new container would."""
    for name, module in list(sys.modules.items()):
        if name.split(".")[0] not in ("clams", "handlers") or name.startswith("clams.local"):
            continue
        for value in list(vars(module).values()):
            clear = getattr(value, "cache_clear", None)
            if callable(clear):
                clear()
    parameters.clear_caches()


@pytest.fixture(scope="session")
def users_document() -> str:
    name, password = ORGANISER
    user = User(name, hash_password(password), frozenset({Role.ORGANISER}))
    return Users().with_user(user).dumps()


@pytest.fixture(scope="module")
def moto_stack(
    users_document: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[MotoStack]:
    database_url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'clams.db'}"
    engine = create_database_engine(database_url)
    upgrade(engine)
    engine.dispose()
    fix_emulator()
    with mock_aws(), pytest.MonkeyPatch.context() as patch:
        stack = _build_stack(users_document, database_url)
        for key, value in _environment(stack).items():
            patch.setenv(key, value)
        cold_start()
        yield stack
        cold_start()


def _build_stack(users_document: str, database_url: str) -> MotoStack:
    dynamodb = boto3.client("dynamodb", region_name=REGION)
    tables = {table: f"reliability-{table.value}" for table in TABLES}
    for table, name in tables.items():
        create_table(dynamodb, name, TABLES[table])
    ssm = boto3.client("ssm", region_name=REGION)
    ssm.put_parameter(Name=USERS_PARAMETER, Value=users_document, Type="SecureString")
    ssm.put_parameter(Name=SECRET_KEY_PARAMETER, Value=SECRET_KEY, Type="SecureString")
    sqs = boto3.client("sqs", region_name=REGION)
    attendees, attendees_dlq = queue_with_dead_letters(sqs, "attendees", RECEIVE_LIMIT)
    signups, signups_dlq = queue_with_dead_letters(sqs, "signups", RECEIVE_LIMIT)
    return MotoStack(
        tables, attendees, attendees_dlq, signups, signups_dlq, database_url, users_document
    )


def _environment(stack: MotoStack) -> dict[str, str]:
    return {
        Env.ATTENDEES_TABLE: stack.tables[Table.ATTENDEES],
        Env.SUMMARY_TABLE: stack.tables[Table.SUMMARY],
        Env.AUDIT_TABLE: stack.tables[Table.AUDIT],
        Env.SIGNUPS_TABLE: stack.tables[Table.SIGNUPS],
        Env.SIGNUPS_QUEUE_URL: stack.signups_queue,
        Env.USERS_PARAMETER: USERS_PARAMETER,
        Env.SECRET_KEY_PARAMETER: SECRET_KEY_PARAMETER,
        Env.DB_SECRET_ARN: "arn:aws:secretsmanager:eu-west-2:123456789012:secret:unused",
        Env.DB_HOST: "unused.invalid",
        "DATABASE_URL": stack.database_url,
        "POWERTOOLS_METRICS_DISABLED": "true",
    }


def http_event(
    method: str,
    path: str,
    *,
    body: str | None = None,
    query: dict[str, str] | None = None,
    user: str | None = ORGANISER[0],
    roles: str = Role.ORGANISER.value,
) -> dict[str, Any]:
    """An API Gateway HTTP API (payload 2.0) event for ``/clams<path>`` past the authorizer."""
    event: dict[str, Any] = {
        "version": "2.0",
        "routeKey": f"{method} {path}",
        "rawPath": f"/clams{path}",
        "rawQueryString": "&".join(f"{k}={v}" for k, v in (query or {}).items()),
        "headers": {"content-type": "application/json", "host": "clams.example.org"},
        "requestContext": {
            "accountId": "123456789012",
            "apiId": "api",
            "domainName": "clams.example.org",
            "http": {
                "method": method,
                "path": f"/clams{path}",
                "protocol": "HTTP/1.1",
                "sourceIp": "192.0.2.10",
                "userAgent": "reliability",
            },
            "requestId": "req",
            "routeKey": f"{method} {path}",
            "stage": "clams",
            "time": "01/Jun/2027:09:00:00 +0000",
            "timeEpoch": 1811754000000,
        },
        "isBase64Encoded": False,
    }
    if query:
        event["queryStringParameters"] = query
    if body is not None:
        event["body"] = body
    if user is not None:
        event["requestContext"]["authorizer"] = {"lambda": {"user": user, "roles": roles}}
    return event


def sqs_event(bodies: dict[str, str], source: str = "attendees") -> dict[str, Any]:
    """An SQS event of the given message bodies, by message id."""
    return {
        "Records": [
            {
                "messageId": message_id,
                "receiptHandle": f"receipt-{message_id}",
                "body": body,
                "attributes": {"ApproximateReceiveCount": "1"},
                "messageAttributes": {},
                "md5OfBody": "",
                "eventSource": "aws:sqs",
                "eventSourceARN": f"arn:aws:sqs:eu-west-2:123456789012:{source}",
                "awsRegion": REGION,
            }
            for message_id, body in bodies.items()
        ]
    }


@pytest.fixture
def context() -> LambdaContext:
    return LambdaContext()


@pytest.fixture
def reports_dir() -> Path:
    """Where the campaign's figures go (test-output/reliability), for RELIABILITY.md."""
    folder = Path(__file__).resolve().parents[2] / "test-output" / "reliability"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


# --- the local stack, in a process of its own -------------------------------------------------

LOCAL_PASSWORD = "reliability-organiser-pass"
LOCAL_READY_SECONDS = 120


@dataclass(frozen=True)
class LocalApi:
    """``clams local`` running in a subprocess: its API's base URL and the organiser's header."""

    base_url: str
    authorization: str


@pytest.fixture(scope="session")
def local_api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalApi]:
    """One local stack for the API fuzzing and load tests, in its own process so that its
    emulator and environment never meet the moto mocks of the other tests."""
    folder = tmp_path_factory.mktemp("local")
    with running_local_stack(folder, LOCAL_PASSWORD) as base_url:
        token = base64.b64encode(f"organiser:{LOCAL_PASSWORD}".encode()).decode()
        yield LocalApi(base_url, f"Basic {token}")
