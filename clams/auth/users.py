"""The users document kept in one SSM SecureString per stack.

``{"users": {"ana": {"hash": "scrypt$…", "roles": ["organiser"]}}}`` — names, password
hashes and roles; never a password.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from clams.names import Role

MAX_NAME_LENGTH: Final = 64
EMPTY_DOCUMENT: Final = '{"users": {}}'


class UsersDocumentError(ValueError):
    """The users document is not in the expected shape."""


@dataclass(frozen=True)
class User:
    name: str
    password_hash: str
    roles: frozenset[Role]


@dataclass(frozen=True)
class Users:
    """Every user of a stack, by name."""

    by_name: Mapping[str, User] = field(default_factory=dict)

    @classmethod
    def parse(cls, text: str) -> Users:
        try:
            document = json.loads(text)
            entries = document["users"]
            return cls({name: _user(name, entry) for name, entry in entries.items()})
        except (ValueError, TypeError, KeyError, AttributeError) as error:
            raise UsersDocumentError(f"the users document is malformed: {error}") from None

    def dumps(self) -> str:
        entries = {
            user.name: {"hash": user.password_hash, "roles": sorted(user.roles)}
            for user in self.by_name.values()
        }
        return json.dumps({"users": dict(sorted(entries.items()))}, indent=1)

    def get(self, name: str) -> User | None:
        return self.by_name.get(name)

    def with_user(self, user: User) -> Users:
        return Users({**self.by_name, user.name: user})

    def without(self, name: str) -> Users:
        return Users({k: v for k, v in self.by_name.items() if k != name})


def _user(name: Any, entry: Mapping[str, Any]) -> User:
    check_name(name)
    password_hash = entry["hash"]
    if not isinstance(password_hash, str):
        raise TypeError(f"the hash of {name!r} is not text")
    return User(name, password_hash, parse_roles(entry["roles"]))


def parse_roles(names: Iterable[str]) -> frozenset[Role]:
    """Role names → roles; raise ValueError naming an unknown one."""
    if isinstance(names, str):
        raise TypeError("roles must be a list")
    return frozenset(Role(name) for name in names)


def check_name(name: Any) -> str:
    """A user name usable in HTTP Basic authentication, or ValueError saying why not."""
    if not isinstance(name, str) or not 0 < len(name) <= MAX_NAME_LENGTH:
        raise ValueError(f"a user name has 1 to {MAX_NAME_LENGTH} characters")
    if ":" in name or name != name.strip():
        raise ValueError(f"{name!r}: a user name has no colon and no surrounding spaces")
    if any(unicodedata.category(c).startswith("C") for c in name):
        raise ValueError(f"{name!r}: a user name has no control characters")
    return name
