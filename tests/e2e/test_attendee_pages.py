"""An organiser signs in, lists, searches, opens, edits and erases attendees in the browser."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from e2e_stack import LocalStack
from e2e_steps import by_testid, sign_in
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e


def test_signing_in_as_the_organiser_shows_the_attendees_and_every_page(
    page: Page, stack: LocalStack, screenshot: Callable[[str], None]
) -> None:
    # Given the sign-in form
    screenshot("signin")
    # When the local organiser signs in
    sign_in(page, stack.user, stack.password)
    # Then the attendees list shows a first page of the store, and all four pages are offered
    expect(page.locator(by_testid("list-count"))).to_be_visible()
    total = stack.get("/report")["TotalAttendees"]
    expect(page.locator(f"{by_testid('attendee-rows')} tr")).to_have_count(min(total, 50))
    expect(page.locator(by_testid("account-user"))).to_contain_text("organiser")
    for name in ("attendees", "report", "kitchen", "workshops"):
        expect(page.locator(by_testid(f"nav-{name}"))).to_be_visible()
    screenshot("attendees")


def test_a_wrong_password_is_refused_and_nothing_is_kept(
    page: Page, stack: LocalStack, screenshot: Callable[[str], None]
) -> None:
    # Given the sign-in form
    # When someone signs in with the organiser's name and a wrong password
    sign_in(page, stack.user, stack.password + "-wrong")
    # Then the form says so, and the tab holds no credentials
    expect(page.locator(by_testid("signin-error"))).to_contain_text("not right")
    assert page.evaluate("window.sessionStorage.length") == 0
    screenshot("refused")


def test_searching_narrows_the_list_to_the_matching_attendee(
    organiser_page: Page,
    new_attendee: Callable[..., dict[str, Any]],
    screenshot: Callable[[str], None],
) -> None:
    # Given an attendee with a name nobody else has
    quentin = new_attendee(Name="Quentin Searchwell")
    organiser_page.reload()
    # When the organiser searches for part of the name, in another case
    organiser_page.fill(by_testid("search"), "SEARCHWELL")
    # Then only that attendee is listed
    rows = organiser_page.locator(f"{by_testid('attendee-rows')} tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(quentin["AuthCode"])
    expect(organiser_page.locator(by_testid("list-count"))).to_have_attribute("data-total", "1")
    screenshot("search")


def test_opening_an_attendee_shows_all_their_fields(
    organiser_page: Page,
    new_attendee: Callable[..., dict[str, Any]],
    screenshot: Callable[[str], None],
) -> None:
    # Given an attendee who owes £35 and stays late
    owed = new_attendee(
        Name="Olive Opened",
        Diet="no mushrooms",
        StayingLate=True,
        Financials={"AmountToPay": 70, "AmountPaid": 35, "DatePaid": "2027-05-02"},
    )
    code = owed["AuthCode"]
    organiser_page.reload()
    # When the organiser finds them and opens their page
    organiser_page.fill(by_testid("search"), code)
    expect(organiser_page.locator(f"{by_testid('attendee-rows')} tr")).to_have_count(1)
    organiser_page.click(by_testid(f"attendee-link-{code}"))
    # Then every field is shown, money in pounds
    expect(organiser_page.locator("h1")).to_have_text("Olive Opened")
    expected = {
        "AuthCode": code,
        "Email": owed["Email"],
        "Diet": "no mushrooms",
        "ArrivalDay": "Thursday",
        "StayingLate": "Yes",
        "NumberOfNights": str(owed["NumberOfNights"]),
        "AmountToPay": "£70",
        "AmountPaid": "£35",
        "AmountDue": "£35",
        "DatePaid": "2 May 2027",
    }
    for field, text in expected.items():
        expect(organiser_page.locator(by_testid(f"field-{field}"))).to_have_text(text)
    screenshot("attendee")


def test_an_edit_shows_the_apis_message_by_the_field_then_saves_a_valid_change(
    organiser_page: Page,
    stack: LocalStack,
    new_attendee: Callable[..., dict[str, Any]],
    screenshot: Callable[[str], None],
) -> None:
    # Given an attendee's edit form
    code = new_attendee(Name="Eddie Edited")["AuthCode"]
    organiser_page.goto(f"{stack.url}/#/attendee/{code}/edit")
    expect(organiser_page.locator(by_testid("input-Name"))).to_have_value("Eddie Edited")
    # When the organiser saves an e-mail address that is not one
    organiser_page.fill(by_testid("input-Email"), "eddie-at-nowhere")
    organiser_page.click(by_testid("save-attendee"))
    # Then the API's message is shown next to the e-mail field, and nothing changed
    expect(organiser_page.locator(by_testid("error-Email"))).to_contain_text(
        "does not look like an e-mail address"
    )
    expect(organiser_page.locator(by_testid("input-Email"))).to_have_attribute(
        "aria-invalid", "true"
    )
    assert stack.get(f"/attendee/{code}")["Attendees"][0]["Email"] == "edna@example.org"
    screenshot("invalid")
    # When the organiser corrects it and pays in full
    organiser_page.fill(by_testid("input-Email"), "eddie@example.org")
    organiser_page.fill(by_testid("input-AmountPaid"), "70")
    organiser_page.click(by_testid("save-attendee"))
    # Then the attendee page shows the saved values, and the API holds them
    expect(organiser_page.locator(by_testid("flash"))).to_contain_text("saved")
    expect(organiser_page.locator(by_testid("field-AmountDue"))).to_have_text("£0")
    saved = stack.get(f"/attendee/{code}")["Attendees"][0]
    assert (saved["Email"], saved["Financials"]["AmountPaid"]) == ("eddie@example.org", 70)
    screenshot("saved")


def test_erasing_an_attendee_asks_first_and_then_removes_them(
    organiser_page: Page,
    stack: LocalStack,
    new_attendee: Callable[..., dict[str, Any]],
    screenshot: Callable[[str], None],
) -> None:
    # Given an attendee's page
    code = new_attendee(Name="Erin Erased")["AuthCode"]
    organiser_page.goto(f"{stack.url}/#/attendee/{code}")
    expect(organiser_page.locator("h1")).to_have_text("Erin Erased")
    # When the organiser asks to erase them but cancels
    organiser_page.click(by_testid("erase-attendee"))
    screenshot("confirm")
    organiser_page.click(by_testid("erase-dialog-cancel"))
    # Then they are still there
    assert stack.call("GET", f"/attendee/{code}")[0] == 200
    # When the organiser asks again and confirms
    organiser_page.click(by_testid("erase-attendee"))
    organiser_page.click(by_testid("erase-dialog-confirm"))
    # Then the list says so and the API no longer knows them
    expect(organiser_page.locator(by_testid("flash"))).to_contain_text("erased")
    assert stack.call("GET", f"/attendee/{code}")[0] == 404
    screenshot("erased")
