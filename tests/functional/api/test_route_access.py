"""Every route and every role: 401 without credentials, 403 for a wrong password or role,
2xx for a role the route allows — the roles read from ``clams.routes.ROUTES``."""

from __future__ import annotations

from typing import Any

import pytest
from api_gateway_double import Gateway, LambdaContext, basic, load_event

from clams.domain.attendee import Attendee
from clams.domain.signups import SignupRecord
from clams.names import Role, Table
from clams.routes import ROUTES, Route
from clams.stores.attendees import AttendeeStore, Change
from clams.stores.signups import SignupRecords

PROTECTED = [route for route in ROUTES if not route.public]
KNOWN = "KNOWN1"


def request_for(route: Route, role: Role) -> dict[str, Any]:
    """A concrete request for the route (a fresh code per role where it creates)."""
    fresh = f"NEW{list(Role).index(role)}AA"
    paths = {"{authCode}": KNOWN, "{id}": "7"}
    path = route.path
    for placeholder, value in paths.items():
        path = path.replace(placeholder, value)
    body = None
    if route.method == "POST":
        body = {"AuthCode": fresh, "Name": "Nia", "Email": "nia@example.org"}
    if route.method == "PUT":
        body = {"AuthCode": KNOWN, "Name": "Kim", "Email": "kim@example.org", "NumberOfKids": 2}
    return {"path": path, "body": body}


@pytest.fixture
def seeded(gateway: Gateway, api_stack: dict[Table, str], dynamodb: Any) -> Gateway:
    store = AttendeeStore(dynamodb, api_stack[Table.ATTENDEES], api_stack[Table.SUMMARY])
    known = Attendee(AuthCode=KNOWN, Name="Kim", Email="kim@example.org", Diet="no nuts")
    store.apply([Change.put(known, "2020-01-01T00:00:00.000000Z#00000000")])
    SignupRecords(dynamodb, api_stack[Table.SIGNUPS]).put(
        SignupRecord(
            WorkshopId=7,
            SignupId=1,
            PersonId=3,
            WorkshopTitle="Knots",
            Forename="Kim",
            Surname="Lee",
            FullName="Kim Lee",
            Email="kim@example.org",
            Role="attendee",
            SignedUpOn="2027-01-01T10:00:00Z",
        )
    )
    return gateway


@pytest.mark.parametrize("route", PROTECTED, ids=lambda r: r.key)
def test_without_credentials_every_protected_route_is_401(seeded: Gateway, route: Route) -> None:
    # Given no Authorization header; When the route is called; Then the gateway says 401
    request = request_for(route, Role.ORGANISER)
    reply = seeded.call(route.method, request["path"], body=request["body"])
    assert reply.status == 401


@pytest.mark.parametrize("route", PROTECTED, ids=lambda r: r.key)
def test_a_wrong_password_is_403_on_every_route(seeded: Gateway, route: Route) -> None:
    # Given an organiser's name with a wrong password; When calling; Then 403
    request = request_for(route, Role.ORGANISER)
    header = basic("olga", "not-her-password")
    reply = seeded.call(route.method, request["path"], body=request["body"], authorization=header)
    assert reply.status == 403


@pytest.mark.parametrize("role", list(Role), ids=str)
@pytest.mark.parametrize("route", PROTECTED, ids=lambda r: r.key)
def test_each_role_gets_exactly_the_routes_it_is_given(
    seeded: Gateway, as_user: dict[str, str], route: Route, role: Role
) -> None:
    # Given a user with one role; When they call the route
    request = request_for(route, role)
    reply = seeded.call(
        route.method, request["path"], body=request["body"], authorization=as_user[role]
    )
    # Then a role the route allows succeeds and any other is forbidden
    if role in route.roles:
        assert 200 <= reply.status < 300, reply.body
    else:
        assert reply.status == 403
        assert "may not" in reply.body["message"]


def test_the_openapi_document_needs_no_credentials(seeded: Gateway) -> None:
    # Given no credentials; When the OpenAPI document is fetched; Then it is served
    reply = seeded.call("GET", "/openapi.json")
    assert reply.status == 200
    assert seeded.authorizer_calls == 0


def direct_event(path: str, context: dict[str, str] | None) -> dict[str, Any]:
    event = load_event("api_request.json")
    event["rawPath"] = event["requestContext"]["http"]["path"] = f"/clams{path}"
    event["requestContext"]["authorizer"] = {"lambda": context} if context is not None else {}
    return event


def test_the_api_itself_refuses_a_role_the_route_does_not_allow(api_stack: Any) -> None:
    # Given a request that reached the API with a kitchen user's context (no gateway check)
    from handlers.api import handler

    event = direct_event("/attendees", {"user": "kit", "roles": "kitchen"})
    # When handled; Then the API refuses it by the route's roles
    assert handler(event, LambdaContext())["statusCode"] == 403


def test_a_route_the_graph_gives_no_authorizer_is_served_to_anyone(api_stack: Any) -> None:
    # Given a request without an authorizer context (its route has no authorizer in the graph)
    from handlers.api import handler

    # When handled; Then the API serves it: the graph, not the function, guards routes
    assert handler(direct_event("/report", None), LambdaContext())["statusCode"] == 200


def test_the_api_asks_for_sign_in_when_the_authorizer_named_nobody(api_stack: Any) -> None:
    # Given a request the authorizer passed without saying who the caller is
    from handlers.api import handler

    # When handled; Then the API asks for sign-in rather than guessing
    event = direct_event("/report", {"roles": "organiser"})
    assert handler(event, LambdaContext())["statusCode"] == 401


def test_a_viewer_with_a_bad_body_is_still_forbidden_not_told_about_the_body(
    seeded: Gateway, as_user: dict[str, str]
) -> None:
    # Given a viewer posting an invalid record; When handled; Then the role refusal wins
    reply = seeded.call("POST", "/attendees", body={"Shoe": 1}, authorization=as_user["viewer"])
    assert reply.status == 403


@pytest.mark.parametrize("role", list(Role), ids=str)
def test_a_signed_in_user_learns_their_name_and_roles(
    gateway: Gateway, as_user: dict[str, str], role: Role
) -> None:
    # Given a user with one role; When they ask who they are
    reply = gateway.call("GET", "/me", authorization=as_user[role])
    # Then the API answers with their roles, the front end's pages follow them
    assert reply.status == 200
    assert reply.body["Roles"] == [role.value]
    assert reply.body["User"]
