"""Properties of the reader, the writer and the summary, over generated records (hypothesis)."""

from __future__ import annotations

import io
import string
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clams.domain.attendee import MAX_KIDS, MAX_POUNDS, Attendee
from clams.domain.bams import HEADER, Rejection, Row, read_bams, write_bams
from clams.domain.nights import ARRIVAL_DAYS
from clams.domain.report import full_kitchen_report, full_report, kitchen_report, report
from clams.domain.summary import Summary, delta

SOME = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# --- strategies built from the model's own rules ------------------------------------------

codes = st.text(alphabet=string.digits + string.ascii_uppercase, min_size=6, max_size=6)
printable = st.characters(exclude_categories=("Cc", "Cs"), include_characters="\t\n\r")


def trimmed_text(min_size: int, max_size: int) -> st.SearchStrategy[str]:
    """Text of printable Unicode (line breaks included) as the model keeps it: trimmed."""
    text = st.text(printable, min_size=min_size, max_size=max_size).map(str.strip)
    return text.filter(lambda t: len(t) >= min_size)


emails = st.emails().filter(lambda e: len(e) <= 254)
pounds = st.integers(0, MAX_POUNDS) | st.sampled_from([0, 35, 70, 105, 140])
dates_paid = (
    st.just("") | st.dates(min_value=date(1000, 1, 1)).map(date.isoformat) | trimmed_text(1, 100)
)


@st.composite
def attendees(draw: st.DrawFn, code: st.SearchStrategy[str] = codes) -> Attendee:
    return Attendee.model_validate(
        {
            "AuthCode": draw(code),
            "Name": draw(trimmed_text(1, 100)),
            "Email": draw(emails),
            "Telephone": draw(trimmed_text(0, 100)),
            "NumberOfKids": draw(st.integers(0, MAX_KIDS)),
            "Diet": draw(trimmed_text(0, 200)),
            "Financials": {
                "AmountToPay": draw(pounds),
                "AmountPaid": draw(pounds),
                "DatePaid": draw(dates_paid),
            },
            "ArrivalDay": draw(st.sampled_from((*ARRIVAL_DAYS, ""))),
            "StayingLate": draw(st.booleans()),
        }
    )


distinct_bookings = st.lists(attendees(), max_size=8, unique_by=lambda a: a.AuthCode)


def exported(records: list[Attendee]) -> str:
    out = io.StringIO(newline="")
    write_bams(records, out)
    return out.getvalue()


def read_back(text: str) -> list[Row | Rejection]:
    return list(read_bams(io.StringIO(text, newline="")))


# --- export and read ----------------------------------------------------------------------


@SOME
@given(distinct_bookings)
def test_exporting_then_reading_gives_back_the_same_records(records: list[Attendee]) -> None:
    # Given valid records with distinct codes
    # When they are written as a BAMS export and read back
    results = read_back(exported(records))
    # Then every row is read, as the same attendee, in the same order
    assert all(isinstance(r, Row) for r in results), results
    assert [r.attendee for r in results if isinstance(r, Row)] == records


@SOME
@given(st.text())
def test_the_reader_never_raises_on_arbitrary_text(text: str) -> None:
    # Given any text at all
    # When it is read as an export
    results = read_back(text)
    # Then each item is a row or a rejection with a line number inside the text
    assert all(isinstance(r, Row | Rejection) and r.line >= 1 for r in results)


field_texts = st.text(max_size=12) | st.sampled_from(
    ["", "ABC123", "abc123", "035", "-1", "00000000", "31022027", "Tue", "1", "a@b.co", '"', "\x00"]
)
lines_after_header = st.lists(
    st.text() | st.lists(field_texts, min_size=9, max_size=13).map(",".join), max_size=8
)


@SOME
@given(lines_after_header, st.sampled_from(["\r\n", "\n", "\r"]))
def test_the_reader_never_raises_on_arbitrary_lines_after_a_valid_header(
    lines: list[str], newline: str
) -> None:
    # Given a valid header followed by arbitrary lines, many of them almost rows
    text = newline.join((",".join(HEADER), *lines))
    # When it is read
    results = read_back(text)
    # Then nothing raises, and every row comes out as a row or a rejection, in line order
    assert all(isinstance(r, Row | Rejection) for r in results)
    assert [r.line for r in results] == sorted(r.line for r in results)
    assert all(r.line >= 2 for r in results)


# --- the incremental summary --------------------------------------------------------------

few_codes = st.sampled_from(["AAA001", "BBB002", "CCC003", "DDD004"])


@st.composite
def small_attendees_(draw: st.DrawFn) -> Attendee:
    """Attendees that differ where the figures do: kids, money, days, notes."""
    return Attendee.model_validate(
        {
            "AuthCode": draw(few_codes),
            "Name": draw(st.sampled_from(["Ada", "ada", "Bryn", "Zoë"])),
            "Email": "someone@example.org",
            "NumberOfKids": draw(st.integers(0, 4) | st.integers(0, MAX_KIDS)),
            "Diet": draw(st.sampled_from(["", "", "vegan", "no nuts"])),
            "Financials": {"AmountToPay": draw(pounds), "AmountPaid": draw(pounds)},
            "ArrivalDay": draw(st.sampled_from((*ARRIVAL_DAYS, ""))),
            "StayingLate": draw(st.booleans()),
        }
    )


small_attendees = small_attendees_()
changes = st.lists(st.tuples(few_codes, st.none() | small_attendees), max_size=15)


@SOME
@given(changes)
def test_the_running_summary_equals_the_full_report_after_any_changes(
    steps: list[tuple[str, Attendee | None]],
) -> None:
    # Given an empty store and its running summary
    store: dict[str, Attendee] = {}
    summary = Summary()
    # When records are put (created or replaced) and erased in any order
    for code, new in steps:
        new = new.model_copy(update={"AuthCode": code}) if new is not None else None
        summary = summary.replacing(store.get(code), new)
        if new is None:
            store.pop(code, None)
        else:
            store[code] = new
    # Then the summary's reports equal the reports computed from the store itself
    assert report(summary, 12) == full_report(store.values(), 12)
    assert kitchen_report(summary, store.values()) == full_kitchen_report(store.values())


@SOME
@given(st.lists(small_attendees, max_size=6), small_attendees)
def test_removing_a_record_undoes_adding_it(others: list[Attendee], one: Attendee) -> None:
    # Given the summary of some records
    before = Summary.of_all(others)
    # When one record is added and then removed
    after = before.with_added(one).with_removed(one)
    # Then the summary is as it was, and the change it made cancels out
    assert after == before
    assert (delta(None, one) + delta(one, None)).is_zero()


@SOME
@given(st.lists(small_attendees, max_size=6))
def test_a_summary_survives_its_counters(records: list[Attendee]) -> None:
    # Given the summary of some records
    summary = Summary.of_all(records)
    # When it is flattened to counters and rebuilt
    counters = summary.as_counters()
    # Then it is the same summary, and every counter is a plain integer
    assert Summary.from_counters(counters) == summary
    assert all(type(v) is int for v in counters.values())


def test_missing_counters_are_zero() -> None:
    # Given no counters at all (a report never written to)
    # When a summary is rebuilt from them
    summary = Summary.from_counters({})
    # Then it is the empty summary
    assert summary.is_zero()
