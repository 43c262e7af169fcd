"""Password hashes: salted, slow, self-describing, and never matching by accident."""

from __future__ import annotations

import pytest

from clams.auth.passwords import hash_password, verify_password


@pytest.fixture(scope="module")
def stored() -> str:
    return hash_password("correct horse battery")


def test_the_right_password_matches_its_hash(stored: str) -> None:
    # Given a stored hash; When the same password is checked; Then it matches
    assert verify_password("correct horse battery", stored)


def test_a_wrong_password_does_not_match(stored: str) -> None:
    # Given a stored hash; When another password is checked; Then it does not match
    assert not verify_password("correct horse batterY", stored)


def test_a_hash_is_salted_and_names_its_scheme(stored: str) -> None:
    # Given the same password hashed twice
    again = hash_password("correct horse battery")
    # Then the two hashes differ (salt), both are scrypt, neither holds the password
    assert again != stored
    assert stored.startswith("scrypt$16384$8$1$")
    assert "correct" not in stored


@pytest.mark.parametrize(
    "broken",
    [
        "",
        "plain-text",
        "scrypt$16384$8$1$AAAA",
        "md5$1$1$1$AAAA$BBBB",
        "scrypt$3$8$1$AAAA$BBBB",
        "scrypt$99999999$8$1$AAAA$BBBBBBBBBBBBBBBBBBBBBBBB",
        "scrypt$16384$8$1$!!$@@",
    ],
)
def test_a_malformed_hash_never_matches(broken: str) -> None:
    # Given a corrupt stored hash; When any password is checked; Then it does not match
    assert not verify_password("plain-text", broken)
