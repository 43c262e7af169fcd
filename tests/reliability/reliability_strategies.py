"""Hypothesis strategies for hostile input: arbitrary JSON-ish values, CSV text and bytes."""

from __future__ import annotations

import base64
import string
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from clams.domain.bams import HEADER

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
"""Cheap targets: many examples."""
FEW = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
"""Targets that cost a password derivation per example."""

HEADER_LINE = ",".join(HEADER)
ATTENDEE_KEYS = (
    *HEADER,
    "Financials",
    "AmountDue",
    "NumberOfNights",
    "CreatedTime",
    "UpdatedTime",
    "Unknown",
)

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=40)
    | st.sampled_from(["", " ", "ABC123", "abc123", "Wed", "yes", "035", "00000000", "a@b.co"])
)
json_ish: st.SearchStrategy[Any] = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner),
    max_leaves=20,
)
"""Any value JSON can carry (and a few it cannot: NaN, huge integers)."""


def shaped(keys: tuple[str, ...]) -> st.SearchStrategy[dict[str, Any]]:
    """Dicts with the expected keys (some of them) holding arbitrary values: gets past the
    first "not an object" check, deep into field validation."""
    return st.dictionaries(st.sampled_from(keys), json_ish, max_size=len(keys))


attendee_shaped = st.builds(
    lambda record, money: record | ({"Financials": money} if money is not None else {}),
    shaped(ATTENDEE_KEYS),
    st.none() | shaped(("AmountToPay", "AmountPaid", "DatePaid", "AmountDue", "Extra")),
)

csv_alphabet = st.characters(codec="utf-8") | st.sampled_from(list(',"\r\n\ufeff\x00;'))
csv_cells = st.text(csv_alphabet, max_size=30) | st.sampled_from(
    ["035", "00000000", "31022027", "Tue", "YES", "ABC123", '"quoted, comma"', "a@b.co"]
)
csv_rows = st.lists(csv_cells, min_size=0, max_size=13).map(",".join)
csv_bodies = st.lists(csv_rows, max_size=8).map("\r\n".join)
"""Text made of CSV-ish rows: quotes, commas, line breaks, NULs, BOMs and any Unicode."""

raw_bytes = st.binary(max_size=400) | st.builds(
    lambda body, noise: (HEADER_LINE + "\n").encode() + body.encode("utf-8") + noise,
    csv_bodies,
    st.binary(max_size=20),
)

header_values = st.text(max_size=60) | st.builds(
    lambda scheme, payload: f"{scheme} {payload}",
    st.sampled_from(["Basic", "basic", "BASIC", "Bearer", "", "Basic  "]),
    st.text(string.ascii_letters + string.digits + "+/=:-_ \t", max_size=60)
    | st.binary(max_size=40).map(lambda b: base64.b64encode(b).decode()),
)
"""Authorization header values: random text, and Basic-looking ones with any payload."""
