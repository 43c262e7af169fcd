"""GDPR erasure and export through the API: every store asked, nothing of the person left."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from api_gateway_double import Gateway
from sqlalchemy import text

from clams.db.engine import create_database_engine
from clams.domain.signups import SignupRequest
from clams.names import Table
from clams.services.gdpr import code_hash
from clams.stores.dynamo import from_item

EMAIL = "erin.erase@example.org"
ERIN = {"AuthCode": "ERA5E1", "Name": "Erin", "Email": EMAIL, "Diet": "coeliac", "NumberOfKids": 2}


@pytest.fixture
def erin(
    gateway: Gateway, as_user: dict[str, str], api_stack: dict[Table, str], dynamodb: Any
) -> Any:
    """Erin booked (attendee record) and signed up for a workshop (database + sign-ups table)."""
    from clams.db.unit_of_work import unit_of_work_factory
    from clams.services.workshops import sign_up
    from clams.stores.signups import SignupRecords

    assert (
        gateway.call("POST", "/attendees", body=ERIN, authorization=as_user["organiser"]).status
        == 201
    )
    units = unit_of_work_factory(create_database_engine(_database_url()))
    record = sign_up(
        units, SignupRequest(workshop="Knots", forename="Erin", surname="Ray", email=EMAIL)
    )
    SignupRecords(dynamodb, api_stack[Table.SIGNUPS]).put(record)
    return record


def _database_url() -> str:
    import os

    return os.environ["DATABASE_URL"]


def everything_stored(dynamodb: Any, tables: dict[Table, str]) -> str:
    """Every item of every table and every row of the database, as one text."""
    found = []
    for name in tables.values():
        for page in dynamodb.get_paginator("scan").paginate(TableName=name):
            found += [str(from_item(item)) for item in page["Items"]]
    with create_database_engine(_database_url()).connect() as connection:
        for table in ("people", "workshop_signups", "workshops", "trigger_notifications"):
            found += [str(row) for row in connection.execute(text(f"SELECT * FROM {table}"))]
    return "\n".join(found)


def test_erasure_leaves_no_trace_of_the_email_in_any_store_or_log(
    erin: Any,
    gateway: Gateway,
    as_user: dict[str, str],
    api_stack: dict[Table, str],
    dynamodb: Any,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Given Erin is held in the attendee table, the sign-ups table and the database
    caplog.set_level(logging.INFO)
    assert EMAIL in everything_stored(dynamodb, api_stack)
    # When an organiser erases her
    reply = gateway.call("DELETE", "/attendee/ERA5E1", authorization=as_user["organiser"])
    # Then 204, and her e-mail is nowhere: no table, no row, no log line
    assert reply.status == 204
    assert EMAIL not in everything_stored(dynamodb, api_stack)
    assert EMAIL not in caplog.text
    assert EMAIL not in capsys.readouterr().out


def test_erasure_is_audited_with_a_keyed_hash_only(
    erin: Any, gateway: Gateway, as_user: dict[str, str], api_stack: dict[Table, str], dynamodb: Any
) -> None:
    # When Erin is erased twice
    for _ in range(2):
        gateway.call("DELETE", "/attendee/ERA5E1", authorization=as_user["organiser"])
    # Then each request left an audit entry naming who asked, with the code only hashed
    items = [from_item(i) for i in dynamodb.scan(TableName=api_stack[Table.AUDIT])["Items"]]
    erasures = [i for i in items if i["Action"] == "erase"]
    assert len(erasures) == 2
    assert {i["Actor"] for i in erasures} == {"olga"}
    assert {i["CodeHash"] for i in erasures} == {code_hash(b"k" * 40, "ERA5E1")}
    assert "ERA5E1" not in str(items) and EMAIL not in str(items)


def test_erasure_is_reflected_in_both_reports(
    erin: Any, gateway: Gateway, as_user: dict[str, str]
) -> None:
    # Given the report counts Erin; When she is erased
    before = gateway.call("GET", "/report", authorization=as_user["viewer"]).body
    gateway.call("DELETE", "/attendee/ERA5E1", authorization=as_user["organiser"])
    after = gateway.call("GET", "/report", authorization=as_user["viewer"]).body
    kitchen = gateway.call("GET", "/report/kitchen", authorization=as_user["kitchen"]).body
    # Then she and her kids are gone from the totals and her dietary note from the kitchen's
    assert (before["TotalAttendees"], after["TotalAttendees"]) == (1, 0)
    assert after["TotalKids"] == 0
    assert "coeliac" not in str(kitchen)


def test_export_discloses_what_every_store_holds(
    erin: Any, gateway: Gateway, as_user: dict[str, str]
) -> None:
    # When an organiser asks for Erin's data
    reply = gateway.call("GET", "/attendee/era5e1/export", authorization=as_user["organiser"])
    # Then each store answers: her booking, her sign-up record and her database row
    assert reply.status == 200
    stores = reply.body["Stores"]
    assert reply.body["Subject"] == "ERA5E1"
    assert stores["attendees"][0]["Email"] == EMAIL
    assert stores["signups"][0]["WorkshopTitle"] == "Knots"
    assert stores["people"][0]["Email"] == EMAIL
