"""The local stack end to end: upload → queue → writer → store → API, dead letters, the
authorization each route has in the graph, and sign-ups from the database to the API."""

from __future__ import annotations

from pathlib import Path

import pytest
from local_helpers import Browser, eventually, upload, write_export

from clams.db.engine import create_database_engine
from clams.db.unit_of_work import unit_of_work_factory
from clams.domain.signups import SignupRequest
from clams.graph.model import Graph
from clams.local.resources import QUEUE
from clams.local.routes import ROUTE
from clams.local.stack import LocalStack

pytestmark = pytest.mark.slow

ROWS = [
    "LOC001,Ada Byron,ada@example.org,070,035,01062027,07700 900001,Wed,no,2,vegetarian",
    "LOC002,Ben Okafor,ben@example.org,035,035,02062027,07700 900002,Fri,yes,0,",
    "LOC003,Cai Jones,cai@example.org,035,000,00000000,,Sat,0,1,nut allergy",
]


def test_an_uploaded_export_is_served_by_the_api_and_counted_in_the_report(
    stack: LocalStack, browser: Browser, organiser: tuple[str, str], tmp_path: Path
) -> None:
    # Given a BAMS export with three attendees
    export = write_export(tmp_path, "bams.csv", ROWS)
    # When it is uploaded with `clams upload` to the local stack
    output = upload(stack, export, tmp_path / "state", "2027-06-01T10:00:00+00:00")
    # Then the API lists all three once the writer has stored them
    assert "sent 3" in output

    def listed() -> list[str] | None:
        """all three attendees listed"""
        codes = [
            a["AuthCode"] for a in browser.get("/clams/attendees", organiser).body["Attendees"]
        ]
        return codes if {"LOC001", "LOC002", "LOC003"} <= set(codes) else None

    eventually(listed)
    # And the report counts them with their nights and money
    report = browser.get("/clams/report", organiser).body
    assert report["TotalAttendees"] >= 3
    ada = browser.get("/clams/attendee/LOC001", organiser).body["Attendees"][0]
    assert (ada["NumberOfNights"], ada["Financials"]["AmountDue"]) == (4, 35)


def test_a_poison_message_ends_in_the_dead_letter_queue(stack: LocalStack) -> None:
    # Given the attendee queue and its dead-letter queue from the graph
    queue = stack.outputs("attendees", QUEUE)["url"]
    dead_letters = stack.outputs("attendees-dlq", QUEUE)["url"]
    sqs = stack.client("sqs")
    # When a message the writer cannot read is sent
    sqs.send_message(QueueUrl=queue, MessageBody='{"not": "an attendee"}')

    # Then after the queue's receive limit it lands in the dead-letter queue
    def dead_lettered() -> list[str] | None:
        """the poison message in the dead-letter queue"""
        reply = sqs.receive_message(QueueUrl=dead_letters, WaitTimeSeconds=1, VisibilityTimeout=0)
        return [m["Body"] for m in reply.get("Messages", [])] or None

    assert eventually(dead_lettered, timeout=60) == ['{"not": "an attendee"}']


def _concrete(route_key: str) -> tuple[str, str]:
    method, path = route_key.split(" ", 1)
    return method, path.replace("{authCode}", "NOBODY").replace("{id}", "1")


def _route_keys(graph: Graph, protected: bool) -> list[str]:
    routes = graph.of_type(ROUTE)
    keys = [
        r.inputs["routeKey"]
        for r in routes
        if (r.inputs.get("authorizationType") == "CUSTOM") == protected
    ]
    return sorted(keys)


def test_every_route_the_graph_protects_refuses_missing_and_wrong_credentials(
    stack: LocalStack, browser: Browser, graph: Graph
) -> None:
    # Given every route the graph puts behind the authorizer
    keys = _route_keys(graph, protected=True)
    assert keys, "the graph protects no route"
    for key in keys:
        method, path = _concrete(key)
        # When called without credentials, then with wrong ones
        missing = browser.request(method, f"/clams{path}")
        wrong = browser.request(method, f"/clams{path}", ("organiser", "not-the-password"))
        # Then API Gateway's answers come back: 401, then 403
        assert (key, missing.status, missing.body) == (key, 401, {"message": "Unauthorized"})
        assert (key, wrong.status, wrong.body) == (key, 403, {"message": "Forbidden"})


def test_routes_the_graph_leaves_public_answer_without_credentials(
    browser: Browser, graph: Graph
) -> None:
    # Given the routes with no authorizer in the graph
    for key in _route_keys(graph, protected=False):
        method, path = _concrete(key)
        # When called without credentials
        reply = browser.request(method, f"/clams{path}")
        # Then the function answers
        assert (key, reply.status) == (key, 200)


def test_valid_credentials_pass_the_authorizer(
    browser: Browser, organiser: tuple[str, str]
) -> None:
    # Given the local organiser; when they ask for the workshops
    reply = browser.get("/clams/workshops", organiser)
    # Then the API function answers
    assert reply.status == 200


def test_a_signup_in_the_database_arrives_through_relay_and_processor(
    stack: LocalStack, browser: Browser, organiser: tuple[str, str]
) -> None:
    # Given a sign-up inserted in the database (the trigger fills the outbox)
    engine = create_database_engine(stack.options.database_url)
    with unit_of_work_factory(engine)() as unit:
        signup_id = unit.signups.sign_up(
            SignupRequest(
                workshop="Knot tying", forename="Ada", surname="Byron", email="ada@example.org"
            )
        )
        unit.commit()
    engine.dispose()
    # When the relay's schedule fires
    stack.tick()

    # Then the processor has stored it and the API lists it under its workshop
    def listed() -> list[dict[str, object]] | None:
        """the sign-up under GET /clams/workshop/{id}/signups"""
        workshops = browser.get("/clams/workshops", organiser).body
        found = [w for w in _workshop_list(workshops) if w.get("Title") == "Knot tying"]
        if not found:
            return None
        reply = browser.get(f"/clams/workshop/{found[0]['WorkshopId']}/signups", organiser)
        signups = _signup_list(reply.body)
        return [s for s in signups if s.get("SignupId") == signup_id] or None

    record = eventually(listed)[0]
    assert (record["FullName"], record["WorkshopTitle"]) == ("Ada Byron", "Knot tying")


def _workshop_list(body: object) -> list[dict[str, object]]:
    return list(body.get("Workshops", []) if isinstance(body, dict) else body or [])


def _signup_list(body: object) -> list[dict[str, object]]:
    return list(body.get("Signups", []) if isinstance(body, dict) else body or [])
