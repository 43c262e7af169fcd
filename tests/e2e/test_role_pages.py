"""What a viewer and a kitchen user see: the pages follow the role the API gives them."""

from __future__ import annotations

import base64
import re
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable

import pytest
from e2e_stack import REPO, LocalStack
from e2e_steps import by_testid, sign_in
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e
USERS_PARAMETER = "/clams/nonprod/users"


@pytest.fixture
def add_user(stack: LocalStack) -> Callable[[str, str], str]:
    """Add a user with one role to the running stack through `clams users add`."""
    endpoint = re.search(r"^\s*AWS\s+(http://\S+)", stack.printed(), re.MULTILINE)
    if endpoint is None:
        pytest.skip("the stack's emulator endpoint is not known (a stack started elsewhere)")

    def add(name: str, role: str) -> str:
        password = f"{name}-password-1"
        command = [str(REPO / ".venv" / "bin" / "clams"), "users", "add", name, "--role", role]
        command += ["--parameter", USERS_PARAMETER, "--endpoint-url", endpoint.group(1)]
        done = subprocess.run(
            [*command, "--password-stdin"], input=password, text=True, capture_output=True
        )
        assert done.returncode == 0, done.stderr
        _wait_until_signed_in(stack, name, password)
        return password

    return add


def _wait_until_signed_in(stack: LocalStack, name: str, password: str) -> None:
    """A new user is known once the authorizer reads the users afresh (within seconds)."""
    token = base64.b64encode(f"{name}:{password}".encode()).decode()
    deadline = time.monotonic() + 30
    while True:
        request = urllib.request.Request(f"{stack.url}/clams/me")
        request.add_header("Authorization", f"Basic {token}")
        try:
            with urllib.request.urlopen(request, timeout=10):
                return
        except urllib.error.HTTPError:
            if time.monotonic() > deadline:
                raise
        time.sleep(1)


def test_a_kitchen_user_sees_only_the_kitchen_report(
    page: Page, add_user: Callable[[str, str], str], screenshot: Callable[[str], None]
) -> None:
    # Given a kitchen user
    password = add_user("cook", "kitchen")
    # When they sign in
    sign_in(page, "cook", password)
    # Then the kitchen report is their page and the only one in the navigation
    expect(page.locator(by_testid("nav-kitchen"))).to_be_visible()
    expect(page.locator(by_testid("nav-attendees"))).to_have_count(0)
    expect(page.locator(by_testid("nav-report"))).to_have_count(0)
    # And a page of another role says so instead of showing data
    page.goto(page.url.split("#")[0] + "#/attendees")
    expect(page.locator(by_testid("not-allowed"))).to_be_visible()
    screenshot("kitchen-user")


def test_a_viewer_reads_everything_but_cannot_change_anyone(
    page: Page, stack: LocalStack, add_user: Callable[[str, str], str]
) -> None:
    # Given a viewer and one attendee
    password = add_user("vera", "viewer")
    code = stack.get("/attendees?limit=1")["Attendees"][0]["AuthCode"]
    # When they sign in and open the attendee
    sign_in(page, "vera", password)
    for section in ("attendees", "report", "kitchen", "workshops"):
        expect(page.locator(by_testid(f"nav-{section}"))).to_be_visible()
    page.goto(page.url.split("#")[0] + f"#/attendee/{code}")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    # Then nothing offers to change or erase them
    expect(page.locator(by_testid("erase-attendee"))).to_have_count(0)
    expect(page.get_by_role("link", name=re.compile("^Edit"))).to_have_count(0)
