"""Domain errors. The API maps each of them to an HTTP status in one place."""

from __future__ import annotations


class ClamsError(Exception):
    """Base of every error the domain and services raise on purpose."""


class NotFoundError(ClamsError):
    """The thing asked for does not exist."""


class AlreadyExistsError(ClamsError):
    """A create met a record that is already there."""


class InvalidInputError(ClamsError):
    """Input that cannot be turned into a valid value; the message says why."""


class StaleWriteError(ClamsError):
    """A write carried older data than the store already holds."""


class NotSignedInError(ClamsError):
    """A request reached a protected route without a signed-in user."""


class ForbiddenError(ClamsError):
    """The signed-in user's roles do not allow what they asked for."""
