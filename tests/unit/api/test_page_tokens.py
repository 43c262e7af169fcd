"""Page tokens: they round-trip, and anything not issued with the key is a 400."""

from __future__ import annotations

import base64

import pytest

from clams.api.tokens import PageTokens
from clams.domain.errors import InvalidInputError

TOKENS = PageTokens(lambda: b"k" * 32)


def test_a_token_leads_back_to_its_code() -> None:
    # Given a token issued after ABC123; When read; Then it continues after ABC123
    assert TOKENS.read(TOKENS.issue("ABC123")) == "ABC123"


def test_a_token_does_not_show_the_code_as_plain_text() -> None:
    assert "ABC123" not in TOKENS.issue("ABC123")


def forged() -> str:
    raw = base64.urlsafe_b64decode(TOKENS.issue("ABC123") + "==")
    return base64.urlsafe_b64encode(b"ZZZ999" + raw[6:]).decode().rstrip("=")


@pytest.mark.parametrize(
    "token",
    [
        "",
        "garbage",
        "!!!!",
        "é" * 10,
        "A" * 5000,
        TOKENS.issue("ABC123")[:-4],
        PageTokens(lambda: b"other-key").issue("ABC123"),
        "forged",
    ],
    ids=[
        "empty",
        "garbage",
        "punctuation",
        "non-ascii",
        "huge",
        "truncated",
        "other-key",
        "forged",
    ],
)
def test_a_token_not_issued_here_is_invalid_input(token: str) -> None:
    # Given a damaged, forged or foreign token; When read; Then InvalidInputError names next_token
    token = forged() if token == "forged" else token
    with pytest.raises(InvalidInputError, match="next_token"):
        TOKENS.read(token)


def test_changing_any_character_of_a_token_makes_it_invalid() -> None:
    # Given a valid token; When any one character is replaced by another base64 character
    token = TOKENS.issue("ABC123")
    for index, char in enumerate(token):
        other = "B" if char != "B" else "C"
        # Then the changed token is refused (non-canonical spellings included)
        with pytest.raises(InvalidInputError):
            TOKENS.read(token[:index] + other + token[index + 1 :])
