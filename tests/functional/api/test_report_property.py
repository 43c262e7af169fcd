"""Whatever arrives — upserts, duplicates, old versions after new, erasures — the served
reports equal a full recomputation from the stored records."""

from __future__ import annotations

from typing import Any

from api_gateway_double import Gateway
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clams.domain.attendee import Attendee
from clams.domain.report import full_kitchen_report, full_report
from clams.names import Table
from clams.stores.attendees import AttendeeStore, Change

CODES = ("AAA111", "BBB222", "CCC333", "DDD444")

attendees = st.builds(
    Attendee,
    AuthCode=st.sampled_from(CODES),
    Name=st.sampled_from(["Ann", "Bo", "Cy"]),
    Email=st.just("someone@example.org"),
    NumberOfKids=st.integers(0, 3),
    Diet=st.sampled_from(["", "vegan", "no nuts"]),
    Financials=st.fixed_dictionaries(
        {"AmountToPay": st.integers(0, 200), "AmountPaid": st.integers(0, 200)}
    ),
    ArrivalDay=st.sampled_from(["", "Wed", "Fri", "Saturday"]),
    StayingLate=st.booleans(),
)
versions = st.integers(0, 50).map(lambda n: f"2020-01-01T00:00:{n:02d}.000000Z#00000000")
changes = st.one_of(
    st.builds(Change.put, attendees, versions),
    st.builds(Change.erase, st.sampled_from(CODES), versions),
)
batches = st.lists(st.lists(changes, min_size=1, max_size=6), min_size=1, max_size=5)


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(batches=batches, duplicate=st.booleans(), reverse=st.booleans())
def test_served_reports_equal_a_full_recomputation(
    gateway: Gateway,
    as_user: dict[str, str],
    api_stack: dict[Table, str],
    dynamodb: Any,
    batches: list[list[Change]],
    duplicate: bool,
    reverse: bool,
) -> None:
    # Given batches applied as a queue might deliver them: repeated, reordered
    store = AttendeeStore(dynamodb, api_stack[Table.ATTENDEES], api_stack[Table.SUMMARY])
    deliveries = batches + (batches[:1] if duplicate else [])
    for batch in reversed(deliveries) if reverse else deliveries:
        store.apply(batch)
    # When the reports are served
    served = gateway.call("GET", "/report", authorization=as_user["viewer"]).body
    kitchen = gateway.call("GET", "/report/kitchen", authorization=as_user["kitchen"]).body
    # Then they equal the reports computed from every stored record
    records = list(store.all())
    assert served == full_report(records).model_dump(mode="json")
    assert kitchen == full_kitchen_report(records).model_dump(mode="json")
