"""The attendee routes through the gateway stand-in, under moto."""

from __future__ import annotations

from typing import Any

import pytest
from api_gateway_double import Gateway

from clams.domain.attendee import Attendee
from clams.names import Table
from clams.routes import ROUTES
from clams.stores.attendees import AttendeeStore, Change

ANN = {"AuthCode": "abc123", "Name": "Ann", "Email": "ann@example.org", "NumberOfKids": 1}


@pytest.fixture
def organiser(gateway: Gateway, as_user: dict[str, str]) -> Any:
    def call(method: str, path: str, **kwargs: Any) -> Any:
        return gateway.call(method, path, authorization=as_user["organiser"], **kwargs)

    return call


def test_a_new_attendee_is_created_with_derived_fields(organiser: Any) -> None:
    # Given a new record with a lower-case code; When posted
    reply = organiser("POST", "/attendees", body=ANN)
    # Then 201 with the stored record: code upper-cased, nights and amount due computed
    assert reply.status == 201
    (record,) = reply.body["Attendees"]
    assert (record["AuthCode"], record["NumberOfNights"]) == ("ABC123", 5)
    assert record["Financials"]["AmountDue"] == 0 and record["CreatedTime"]


def test_posting_a_code_that_exists_is_409(organiser: Any) -> None:
    organiser("POST", "/attendees", body=ANN)
    reply = organiser("POST", "/attendees", body=ANN | {"Name": "Other"})
    assert reply.status == 409
    assert "ABC123" in reply.body["message"]


def test_put_creates_then_replaces(organiser: Any) -> None:
    # Given no record; When put twice with different names
    first = organiser("PUT", "/attendee/ABC123", body=ANN)
    second = organiser("PUT", "/attendee/abc123", body=ANN | {"Name": "Ann B"})
    # Then both are 200 and the record holds the second name
    assert (first.status, second.status) == (200, 200)
    assert organiser("GET", "/attendee/ABC123").body["Attendees"][0]["Name"] == "Ann B"


def test_put_with_a_body_code_other_than_the_path_is_400(organiser: Any) -> None:
    reply = organiser("PUT", "/attendee/ZZZ999", body=ANN)
    assert reply.status == 400
    assert reply.body["message"].startswith("AuthCode:")


def test_an_unknown_code_is_404(organiser: Any) -> None:
    assert organiser("GET", "/attendee/NOPE00").status == 404
    assert organiser("GET", "/attendee/NOPE00/export").status == 404


def test_a_code_that_cannot_be_a_code_is_400_naming_it(organiser: Any) -> None:
    reply = organiser("GET", "/attendee/ab")
    assert reply.status == 400
    assert reply.body["message"].startswith("authCode:")


def test_validation_400s_name_every_bad_field(organiser: Any) -> None:
    # Given a record with a bad e-mail, negative kids and an unknown field
    body = ANN | {"Email": "not-an-address", "NumberOfKids": -1, "Shoe": 42}
    # When posted
    reply = organiser("POST", "/attendees", body=body)
    # Then 400 naming each of them
    assert reply.status == 400
    message = reply.body["message"]
    assert "Email:" in message and "NumberOfKids:" in message and "Shoe: unknown field" in message


@pytest.mark.parametrize("body", ["{not json", "[1, 2]", '"text"', ""])
def test_a_body_that_is_not_a_record_is_400(organiser: Any, body: str) -> None:
    reply = organiser("POST", "/attendees", body=body or "null")
    assert reply.status == 400
    assert reply.body["message"]


@pytest.mark.parametrize("limit", ["0", "1001", "ten", "-5"])
def test_a_limit_out_of_range_is_400_naming_limit(organiser: Any, limit: str) -> None:
    reply = organiser("GET", "/attendees", query={"limit": limit})
    assert reply.status == 400
    assert reply.body["message"].startswith("limit:")


@pytest.mark.parametrize("token", ["garbage", "QUJDMTIz", "A" * 60, "%%%"])
def test_a_forged_or_garbage_page_token_is_400(organiser: Any, token: str) -> None:
    reply = organiser("GET", "/attendees", query={"next_token": token})
    assert reply.status == 400
    assert reply.body["message"].startswith("next_token:")


def test_a_tampered_page_token_is_400(organiser: Any) -> None:
    # Given a real token with one character changed
    for code in ("AAA111", "BBB222", "CCC333"):
        organiser("PUT", f"/attendee/{code}", body=ANN | {"AuthCode": code})
    token = organiser("GET", "/attendees", query={"limit": "1"}).body["NextToken"]
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    # When used; Then 400
    assert organiser("GET", "/attendees", query={"next_token": tampered}).status == 400


def test_erasing_is_204_also_when_already_erased(organiser: Any) -> None:
    organiser("POST", "/attendees", body=ANN)
    assert organiser("DELETE", "/attendee/ABC123").status == 204
    assert organiser("DELETE", "/attendee/ABC123").status == 204
    assert organiser("GET", "/attendee/ABC123").status == 404


@pytest.mark.slow
def test_paging_through_2500_records_returns_each_exactly_once(
    organiser: Any, api_stack: dict[Table, str], dynamodb: Any
) -> None:
    # Given 2,500 stored attendees
    store = AttendeeStore(dynamodb, api_stack[Table.ATTENDEES], api_stack[Table.SUMMARY])
    codes = [f"P{n:05d}" for n in range(2500)]
    version = "2020-01-01T00:00:00.000000Z#00000000"
    people = [Attendee(AuthCode=c, Name=c, Email=f"{c.lower()}@example.org") for c in codes]
    for start in range(0, len(people), 500):
        store.apply([Change.put(p, version) for p in people[start : start + 500]])
    # When paging with the largest page and then following each NextToken
    seen: list[str] = []
    query = {"limit": "1000"}
    while True:
        reply = organiser("GET", "/attendees", query=query)
        assert reply.status == 200
        seen += [record["AuthCode"] for record in reply.body["Attendees"]]
        if "NextToken" not in reply.body:
            break
        query = {"limit": "1000", "next_token": reply.body["NextToken"]}
    # Then every code came exactly once
    assert sorted(seen) == codes


def test_the_openapi_document_describes_every_route(gateway: Gateway) -> None:
    # When the document is fetched without credentials
    document = gateway.call("GET", "/openapi.json").body
    # Then it is CLAMS's, served under /clams, with Basic security and every route
    assert document["info"]["title"] == "CLAMS"
    assert document["servers"] == [{"url": "/clams"}]
    assert document["components"]["securitySchemes"]["basic"]["scheme"] == "basic"
    documented = {(m.upper(), p) for p, ops in document["paths"].items() for m in ops}
    expected = {(r.method, r.path) for r in ROUTES if not r.public}
    assert documented == expected
    assert "422" not in str(document["paths"])
