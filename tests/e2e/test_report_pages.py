"""The report, kitchen and workshop pages show what the API says, and the kitchen's prints."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from e2e_stack import OUTPUT, LocalStack
from e2e_steps import A4_POINTS, by_testid, pdf_page_count, pdf_page_sizes
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

FIGURES = (
    "TotalAttendees",
    "TotalKids",
    "TotalNightsCamped",
    "TotalCampingCharge",
    "TotalIncome",
    "TotalPaid",
    "TotalToPay",
    "AveragePaidByAttendee",
)


def test_the_reports_figures_and_chart_equal_the_apis(
    organiser_page: Page, stack: LocalStack, screenshot: Callable[[str], None]
) -> None:
    # Given the organiser signed in
    # When they open the report
    organiser_page.click(by_testid("nav-report"))
    expect(organiser_page.locator(by_testid("headcount-chart"))).to_be_visible()
    report = stack.get("/report")
    # Then each figure and each night's bar carries the API's number
    for key in FIGURES:
        shown = organiser_page.get_attribute(by_testid(f"report-{key}"), "data-value")
        assert float(shown or "nan") == pytest.approx(report[key]), key
    for night in report["DailyHeadCounts"]:
        bar = organiser_page.locator(by_testid(f"bar-{night['Day']}"))
        expect(bar).to_have_attribute("data-count", str(night["Count"]))
    screenshot("report")


def test_the_kitchen_page_shows_each_night_and_prints_on_a4(
    organiser_page: Page, stack: LocalStack, screenshot: Callable[[str], None]
) -> None:
    # Given the kitchen report open
    organiser_page.click(by_testid("nav-kitchen"))
    kitchen = stack.get("/report/kitchen")
    for night in kitchen["Nights"]:
        adults = organiser_page.locator(by_testid(f"kitchen-adults-{night['Night']}"))
        expect(adults).to_have_attribute("data-value", str(night["Adults"]))
    screenshot("kitchen")
    # When it is printed
    organiser_page.emulate_media(media="print")
    pdf = organiser_page.pdf(prefer_css_page_size=True, print_background=False)
    (OUTPUT / "kitchen-report.pdf").write_bytes(pdf)
    # Then the navigation is left out and every page is A4 portrait
    expect(organiser_page.locator(by_testid("site-header"))).to_be_hidden()
    sizes = pdf_page_sizes(pdf)
    assert pdf_page_count(pdf) >= 1
    assert sizes and all(size == A4_POINTS for size in sizes), sizes
    screenshot("kitchen-print")


def test_the_workshops_page_lists_the_apis_workshops(
    organiser_page: Page, stack: LocalStack, screenshot: Callable[[str], None]
) -> None:
    # Given the workshops the API knows
    body = stack.get("/workshops")
    workshops = body["Workshops"] if isinstance(body, dict) else body
    # When the organiser opens the workshops page
    organiser_page.click(by_testid("nav-workshops"))
    # Then each workshop has a row, or the page says there are none
    if not workshops:
        expect(organiser_page.locator(by_testid("no-workshops"))).to_be_visible()
    for workshop in workshops:
        row = organiser_page.locator(by_testid(f"workshop-row-{workshop['WorkshopId']}"))
        expect(row).to_contain_text(workshop["Title"])
    screenshot("workshops")
