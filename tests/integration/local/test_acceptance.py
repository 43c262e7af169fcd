"""Steps of the acceptance scenarios in tests/integration/features, run against the local stack."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest
from local_helpers import Browser, Reply, clear_tables, eventually, upload, write_export
from pytest_bdd import given, parsers, scenarios, then, when

from clams.db.engine import create_database_engine
from clams.db.unit_of_work import unit_of_work_factory
from clams.domain.signups import SignupRequest
from clams.local.stack import LocalStack

pytestmark = pytest.mark.slow

scenarios("../features")

COLUMNS = ("AuthCode", "Name", "Email", "AmountToPay", "AmountPaid", "DatePaid", "Telephone")
COLUMNS += ("ArrivalDay", "StayingLate", "NumberOfKids", "Diet")
_export_times = itertools.count(1)


@pytest.fixture
def scenario_state(tmp_path: Path) -> dict[str, Any]:
    return {"folder": tmp_path, "auth": None, "reply": None}


def _csv_rows(datatable: list[list[str]]) -> list[str]:
    header, *rows = datatable
    records = [dict(zip(header, (cell.strip() for cell in row), strict=True)) for row in rows]
    defaults = {"DatePaid": "00000000", "Telephone": "", "Diet": ""}
    return [",".join((defaults | r).get(column, "") for column in COLUMNS) for r in records]


def _upload(stack: LocalStack, state: dict[str, Any], datatable: list[list[str]]) -> None:
    number = next(_export_times)
    export = write_export(state["folder"], f"export-{number}.csv", _csv_rows(datatable))
    upload(stack, export, state["folder"] / "state", f"2027-06-{number:02d}T09:00:00+00:00")


def _attendee(browser: Browser, auth: tuple[str, str], code: str) -> dict[str, Any]:
    def stored() -> dict[str, Any] | None:
        """the attendee in the store"""
        reply = browser.get(f"/clams/attendee/{code}", auth)
        return reply.body["Attendees"][0] if reply.status == 200 else None

    return eventually(stored)


@given("the local CLAMS is running with no attendees")
def empty_stack(stack: LocalStack) -> None:
    clear_tables(stack)


@given("I am signed in as the local organiser")
def signed_in(organiser: tuple[str, str], scenario_state: dict[str, Any]) -> None:
    scenario_state["auth"] = organiser


@given("I have uploaded a BAMS export with these rows")
@when("I upload a BAMS export with these rows")
@when("I upload a later BAMS export with these rows")
def upload_rows(
    stack: LocalStack, scenario_state: dict[str, Any], datatable: list[list[str]]
) -> None:
    _upload(stack, scenario_state, datatable)


@then(parsers.parse('the attendee {code} is named "{name}"'))
def attendee_named(browser: Browser, scenario_state: dict[str, Any], code: str, name: str) -> None:
    assert _attendee(browser, scenario_state["auth"], code)["Name"] == name


@then(parsers.parse("the attendee {code} has paid {paid:d} pounds and owes {due:d}"))
def attendee_paid(
    browser: Browser, scenario_state: dict[str, Any], code: str, paid: int, due: int
) -> None:
    def updated() -> dict[str, Any] | None:
        """the attendee with the later payment"""
        money = _attendee(browser, scenario_state["auth"], code)["Financials"]
        return money if money["AmountPaid"] == paid else None

    assert eventually(updated)["AmountDue"] == due


@then(parsers.parse("the attendee list holds {first}, {second} and {third}"))
def attendee_list(
    browser: Browser, scenario_state: dict[str, Any], first: str, second: str, third: str
) -> None:
    def listed() -> set[str] | None:
        """every attendee listed"""
        body = browser.get("/clams/attendees", scenario_state["auth"]).body
        codes = {a["AuthCode"] for a in body["Attendees"]}
        return codes if len(codes) == 3 else None

    assert eventually(listed) == {first, second, third}


@then(parsers.parse("the attendee {code} stays {nights:d} nights and owes {due:d} pounds"))
def attendee_fetched(
    browser: Browser, scenario_state: dict[str, Any], code: str, nights: int, due: int
) -> None:
    record = _attendee(browser, scenario_state["auth"], code)
    assert (record["NumberOfNights"], record["Financials"]["AmountDue"]) == (nights, due)


@then("the report shows")
def report_shows(
    browser: Browser, scenario_state: dict[str, Any], datatable: list[list[str]]
) -> None:
    header, values = datatable
    expected = {name: int(value) for name, value in zip(header, values, strict=True)}

    def complete() -> dict[str, Any] | None:
        """the report with every attendee counted"""
        report = browser.get("/clams/report", scenario_state["auth"]).body
        return report if report["TotalAttendees"] == expected["TotalAttendees"] else None

    report = eventually(complete)
    assert {name: report[name] for name in expected} == expected


@when("I ask for the attendee list as the local organiser")
def ask_as_organiser(
    browser: Browser, organiser: tuple[str, str], scenario_state: dict[str, Any]
) -> None:
    scenario_state["reply"] = browser.get("/clams/attendees", organiser)


@when("I ask for the attendee list with a wrong password")
def ask_with_wrong_password(browser: Browser, scenario_state: dict[str, Any]) -> None:
    scenario_state["reply"] = browser.get("/clams/attendees", ("organiser", "not-my-password"))


@when("I ask for the attendee list without credentials")
def ask_anonymously(browser: Browser, scenario_state: dict[str, Any]) -> None:
    scenario_state["reply"] = browser.get("/clams/attendees")


@then(parsers.parse("the answer is {status:d}"))
def answer_status(scenario_state: dict[str, Any], status: int) -> None:
    reply: Reply = scenario_state["reply"]
    assert reply.status == status


@then(parsers.parse('the answer is {status:d} "{message}"'))
def answer_message(scenario_state: dict[str, Any], status: int, message: str) -> None:
    reply: Reply = scenario_state["reply"]
    assert (reply.status, reply.body) == (status, {"message": message})


@given(parsers.parse('"{person}" signs up for the workshop "{workshop}" in the database'))
def signs_up(stack: LocalStack, person: str, workshop: str) -> None:
    forename, surname = person.split(" ", 1)
    email = f"{forename.lower()}@example.org"
    engine = create_database_engine(stack.options.database_url)
    request = SignupRequest(workshop=workshop, forename=forename, surname=surname, email=email)
    with unit_of_work_factory(engine)() as unit:
        unit.signups.sign_up(request)
        unit.commit()
    engine.dispose()


@when("the relay's schedule runs")
def relay_runs(stack: LocalStack) -> None:
    stack.tick()


@then(parsers.parse('the workshop "{workshop}" lists "{person}" as a sign-up'))
def workshop_lists(
    browser: Browser, scenario_state: dict[str, Any], workshop: str, person: str
) -> None:
    auth = scenario_state["auth"]

    def names() -> list[str] | None:
        """the sign-up under its workshop"""
        workshops = browser.get("/clams/workshops", auth).body["Workshops"]
        found = [w["WorkshopId"] for w in workshops if w["Title"] == workshop]
        if not found:
            return None
        signups = browser.get(f"/clams/workshop/{found[0]}/signups", auth).body["Signups"]
        return [s["FullName"] for s in signups] or None

    assert person in eventually(names)
