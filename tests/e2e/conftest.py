"""The browser tests' world: a local stack of its own, its organiser, and Chromium tabs."""

from __future__ import annotations

import importlib.util
import itertools
import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from e2e_stack import OUTPUT, LocalStack, connect_stack, start_stack, stop_stack
from e2e_steps import by_testid, sign_in
from playwright.sync_api import Browser, Page, expect, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
_CODES = itertools.count()

# Assertions wait as long as actions do: CI machines are slower than a desk.
expect.set_options(timeout=15_000)


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalStack]:
    if os.environ.get("CLAMS_E2E_URL"):
        yield connect_stack(os.environ["CLAMS_E2E_URL"])
        return
    if importlib.util.find_spec("clams.cli.local") is None:
        pytest.skip("the local stack (`clams local`, issue 8) is not built yet")
    running = start_stack(tmp_path_factory.mktemp("e2e-db") / "clams.db")
    yield running
    stop_stack(running)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not os.access(CHROMIUM, os.X_OK):
        pytest.skip(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser, stack: LocalStack) -> Iterator[Page]:
    """A fresh tab (with its own session storage) showing the app, not signed in."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    opened = context.new_page()
    opened.set_default_timeout(15_000)
    opened.goto(f"{stack.url}/")
    yield opened
    context.close()


@pytest.fixture
def organiser_page(page: Page, stack: LocalStack) -> Page:
    """The app signed in as the local organiser, showing the attendees list."""
    sign_in(page, stack.user, stack.password)
    page.wait_for_selector(by_testid("list-count"))
    return page


@pytest.fixture
def screenshot(page: Page, request: pytest.FixtureRequest) -> Callable[[str], None]:
    """Save the whole page under test-output/e2e/, named after the test and the step."""
    OUTPUT.mkdir(parents=True, exist_ok=True)

    def save(step: str) -> None:
        page.screenshot(path=OUTPUT / f"{request.node.name}-{step}.png", full_page=True)

    return save


@pytest.fixture
def new_attendee(stack: LocalStack) -> Callable[..., dict[str, Any]]:
    """Create an attendee through the API, with a code the seed does not use."""

    def create(**fields: Any) -> dict[str, Any]:
        code = f"E2E{next(_CODES) % 1000:03d}"
        record = {
            "AuthCode": code,
            "Name": "Edna Example",
            "Email": "edna@example.org",
            "NumberOfKids": 1,
            "Financials": {"AmountToPay": 70, "AmountPaid": 0, "DatePaid": ""},
            "ArrivalDay": "Thursday",
            **fields,
        }
        status, body = stack.call("PUT", f"/attendee/{code}", record)
        assert status in (200, 201), f"could not create {code}: {status} {body}"
        return {**record, **body["Attendees"][0]}

    return create
