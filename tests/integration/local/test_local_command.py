"""``clams local`` as a user runs it: a child process whose output is each function's log."""

from __future__ import annotations

import base64
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from clams.local.process import running_local_stack

pytestmark = pytest.mark.slow

PASSWORD = "command-test-password"


def test_function_logs_are_one_readable_line_each(tmp_path: Path) -> None:
    # Given the local stack started by its command
    with running_local_stack(tmp_path, PASSWORD) as base_url:
        # When the API is asked for an attendee that does not exist
        request = urllib.request.Request(f"{base_url}/attendee/ZZZ999")
        token = base64.b64encode(f"organiser:{PASSWORD}".encode()).decode()
        request.add_header("Authorization", f"Basic {token}")
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=30)
        assert refused.value.code == 404
    # Then each function's log is one line under its name, never raw JSON
    output = (tmp_path / "local.log").read_text(encoding="utf-8")
    assert "[migrate] INFO database migrated" in output
    assert "[authorizer] INFO authorization allowed for organiser" in output
    assert "GET /clams/attendee/ZZZ999 404" in output
    assert '"service":' not in output
